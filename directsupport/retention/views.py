"""The retention schedule, the review list, one person's records and the destruction log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view
from directsupport.funds.models import Agreement
from directsupport.lib.forms import add_service_errors
from directsupport.people.models import Person
from directsupport.people.support_end import set_support_ended

from .access import (
    can_decide_retention,
    check_retention_manager,
    check_schedule_reader,
    get_person_for_retention,
)
from .destruction import DestructionRefused, destroy
from .forms import DestroyForm, KeepForm, SupportEndedForm
from .holdings import holdings
from .models import DestructionLog, ErasureRequest, KeepDecision, ReviewRun
from .review import active_keeps, due_for_review, run_review
from .schedule import RULES, TARGET_ORDER, Target
from .services import keep_records

PAGE_SIZE = 50


def schedule(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_schedule_reader(user)
    rules = [RULES[target] for target in TARGET_ORDER]
    return render(
        request,
        "retention/schedule.html",
        {"rules": rules, "may_decide": can_decide_retention(user)},
    )


def review_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_retention_manager(user)
    today = timezone.localdate()
    found = due_for_review(user.organisation_id, today)
    last_run = ReviewRun.objects.filter(organisation_id=user.organisation_id).first()
    return render(
        request,
        "retention/review.html",
        {
            "due": [entry for entry in found if entry.due],
            "kept": [entry for entry in found if entry.kept],
            "last_run": last_run,
            "today": today,
            "open_requests": ErasureRequest.objects.filter(
                organisation_id=user.organisation_id, status="open"
            ).count(),
        },
    )


@require_POST
def review_now(request: AuthenticatedRequest) -> HttpResponse:
    """Run the daily review now (it also runs every night), noting the run."""
    user = request.user
    check_retention_manager(user)
    found = run_review(user.organisation)
    count = sum(len(entry.due) for entry in found)
    messages.success(
        request, f"Checked today: {count} kind{'s' if count != 1 else ''} of record due."
    )
    return redirect("retention:review")


@require_http_methods(["GET", "POST"])
def person_records(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """What is held about one person, when each kind may go, and the manager's decisions."""
    user = request.user
    person = get_person_for_retention(user, pk)
    today = timezone.localdate()
    held = holdings(person)
    keeps = active_keeps(user.organisation_id, today)
    due = [item for item in held if item.due(today)]
    destroy_form = DestroyForm(due=due, prefix="destroy")
    keep_form = KeepForm(due=due, prefix="keep")
    if request.method == "POST" and "destroy-reason" in request.POST:
        destroy_form = DestroyForm(request.POST, due=due, prefix="destroy")
        if destroy_form.is_valid():
            try:
                logs = destroy(
                    actor=user,
                    person_id=person.pk,
                    targets=destroy_form.chosen(),
                    reason=destroy_form.cleaned_data["reason"],
                    request=request,
                )
            except DestructionRefused as refused:
                for reason in refused.reasons:
                    destroy_form.add_error(None, reason)
            else:
                total = sum(log.rows_destroyed for log in logs)
                messages.success(request, f"Destroyed {total} record{'s' if total != 1 else ''}.")
                if not Person.objects.filter(pk=person.pk).exists():
                    return redirect("retention:destroyed")
                return redirect("retention:person", pk=person.pk)
    elif request.method == "POST":
        keep_form = KeepForm(request.POST, due=due, prefix="keep")
        if keep_form.is_valid():
            try:
                keep_records(
                    actor=user,
                    person=person,
                    target=Target(keep_form.cleaned_data["target"]),
                    reason=keep_form.cleaned_data["reason"],
                    next_review_on=keep_form.cleaned_data["next_review_on"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(keep_form, error)
            else:
                messages.success(request, "Kept, with your reason. They will be reviewed again.")
                return redirect("retention:person", pk=person.pk)
    else:
        record_view(request, person_id=person.pk, subject=person, summary="Records and retention")
    return render(
        request,
        "retention/person.html",
        {
            "person": person,
            "today": today,
            "rows": [
                (item, item.due(today), keeps.get((person.pk, item.target.value))) for item in held
            ],
            "due": due,
            "destroy_form": destroy_form,
            "keep_form": keep_form,
            "keep_history": KeepDecision.objects.filter(
                organisation_id=user.organisation_id, person_id=person.pk
            ).select_related("decided_by"),
            "destroyed": DestructionLog.objects.filter(
                organisation_id=user.organisation_id, person_id=person.pk
            ),
            "requests": ErasureRequest.objects.filter(
                organisation_id=user.organisation_id, person_id=person.pk
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def support_ended(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_retention(user, pk)
    if request.method == "POST":
        form = SupportEndedForm(request.POST)
        if form.is_valid():
            try:
                set_support_ended(
                    actor=user,
                    person=person,
                    ended_on=form.cleaned_data["support_ended_on"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Saved when their support ended.")
                return redirect("retention:person", pk=person.pk)
    else:
        record_view(request, person_id=person.pk, subject=person, summary="When support ended")
        form = SupportEndedForm(initial={"support_ended_on": person.support_ended_on})
    agreement = (
        Agreement.objects.filter(fund__person=person, status="approved")
        .order_by("-version")
        .first()
    )
    return render(
        request,
        "retention/support_ended.html",
        {"person": person, "form": form, "agreement": agreement},
    )


def destroyed(request: AuthenticatedRequest) -> HttpResponse:
    """The destruction log: what was destroyed, never what it said."""
    user = request.user
    check_retention_manager(user)
    logs = DestructionLog.objects.filter(organisation_id=user.organisation_id).select_related(
        "erasure_request"
    )
    page = Paginator(logs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "retention/destroyed.html", {"page": page})
