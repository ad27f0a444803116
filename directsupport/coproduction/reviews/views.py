"""Review pages: the coordinator's list, a person's reviews, asking for one (easy read),
scheduling, the pack before the meeting, writing it up, completing it, the review in easy read,
and answering an invitation. Thin: access from ``coproduction.access``, changes by
``reviews.services``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.services import record_view
from directsupport.funds.agreements.terms import uk_date
from directsupport.lib.denials import ReadOnly
from directsupport.lib.forms import add_service_errors
from directsupport.people.access import people_visible_to
from directsupport.people.models import CircleMember, Person
from directsupport.planning.models import Outcome, OutcomeAction

from ..access import (
    can_run_reviews,
    check_may_see_review_list,
    get_invitation_for_user,
    get_person_for_reviews,
    get_review_for_user,
    may_ask_for_review,
)
from ..models import Review, ReviewKind, ReviewStatus
from .completion import complete_review
from .due import due_for
from .forms import (
    AskForm,
    CompleteForm,
    InvitationForm,
    RecordForm,
    ScheduleForm,
    record_initial,
)
from .lists import review_lists
from .pack import review_pack
from .services import (
    TO_COME,
    ReviewConflict,
    answer_invitation,
    ask_for_review,
    invitation_for,
    open_review_of,
    record_review,
    schedule_review,
)

POST_GET = require_http_methods(["GET", "POST"])


def _own(user: User, person: Person) -> bool:
    return person.user_id == user.pk


# --- The coordinator's list --------------------------------------------------------------------


@require_GET
def review_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_see_review_list(user)
    people = people_visible_to(user)
    if request.GET.get("mine") == "1" and user.role == Role.COORDINATOR:
        people = people.filter(coordinator=user)
    context = review_lists(people, timezone.localdate())
    context["mine"] = request.GET.get("mine") == "1"
    context["coordinator"] = user.role == Role.COORDINATOR
    return render(request, "coproduction/reviews/list.html", context)


# --- A person's reviews ------------------------------------------------------------------------


@require_GET
def reviews_person(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_reviews(user, pk)
    record_view(request, person_id=person.pk, subject=person, summary="Reviews")
    today = timezone.localdate()
    reviews = list(Review.objects.filter(person=person).order_by("-due_on", "-id"))
    return render(
        request,
        "coproduction/reviews/person.html",
        {
            "person": person,
            "own": _own(user, person),
            "reviews": reviews,
            "open_review": next((r for r in reviews if r.status in TO_COME), None),
            "due": due_for(person, today),
            "today": today,
            "can_run": can_run_reviews(user, person),
            "may_ask": may_ask_for_review(user, person),
        },
    )


@POST_GET
def review_ask(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_reviews(user, pk)
    if not may_ask_for_review(user, person):
        raise ReadOnly(
            subject_type="coproduction.review",
            subject_id="ask",
            person_id=pk,
            reason="Read-only access: tried to ask for a review",
        )
    form = AskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ask_for_review(
                person=person,
                because=form.cleaned_data["because"],
                actor=user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                "Thank you. We will find a day for the review and tell you."
                if _own(user, person)
                else f"{person.called}'s coordinator will arrange the review.",
            )
            return redirect("coproduction:reviews_person", pk=person.pk)
    return render(
        request,
        "coproduction/reviews/ask.html",
        {"person": person, "own": _own(user, person), "form": form},
    )


# --- Scheduling --------------------------------------------------------------------------------


def _schedule_choices(person: Person) -> tuple[list[CircleMember], list[User]]:
    members = list(CircleMember.objects.filter(person=person, may_see=True).order_by("name"))
    staff = list(
        User.objects.filter(
            organisation_id=person.organisation_id,
            is_active=True,
            role__in=[Role.COORDINATOR, Role.MANAGER, Role.SUPPORT_WORKER],
        ).order_by("full_name")
    )
    return members, staff


def _schedule_initial(person: Person, user: User, asked: Review | None) -> dict[str, Any]:
    today = timezone.localdate()
    due = due_for(person, today)
    if asked is not None:
        kind = ReviewKind.ASKED
    elif due is not None and due.last_held_on is None:
        kind = ReviewKind.FIRST
    else:
        kind = ReviewKind.YEARLY
    initial: dict[str, Any] = {"kind": kind, "invite_person": True, "meets_time": "14:00"}
    if due is not None and due.due_on > today:
        initial["meets_on"] = due.due_on
    if user.role == Role.COORDINATOR:
        initial["staff"] = [str(user.pk)]
    return initial


@POST_GET
def review_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_reviews(user, pk, write=True)
    open_review = open_review_of(person)
    asked = open_review if open_review and open_review.status == ReviewStatus.ASKED else None
    members, staff = _schedule_choices(person)
    form = ScheduleForm(
        request.POST or None,
        person=person,
        members=members,
        staff=staff,
        initial=_schedule_initial(person, user, asked),
    )
    if request.method == "POST" and form.is_valid():
        try:
            review = schedule_review(
                person=person,
                kind=asked.kind if asked else form.cleaned_data["kind"],
                meets_at=form.meets_at(),
                place=form.cleaned_data["place"],
                invitees=form.invitees(),
                actor=user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(
                form, error, field_for=lambda name: {"meets_at": "meets_on"}.get(name, name)
            )
        else:
            when = timezone.localtime(review.meets_at)
            messages.success(
                request,
                f"{person.called}'s review is arranged for {uk_date(when.date())} at "
                f"{when:%H:%M}, and the invitations are sent.",
            )
            return redirect("coproduction:review_detail", pk=person.pk, review_pk=review.pk)
    return render(
        request,
        "coproduction/reviews/new.html",
        {
            "person": person,
            "form": form,
            "asked": asked,
            "blocking": open_review if open_review and not asked else None,
            "due": due_for(person, timezone.localdate()),
        },
    )


# --- One review --------------------------------------------------------------------------------


@require_GET
def review_detail(request: AuthenticatedRequest, pk: int, review_pk: int) -> HttpResponse:
    user = request.user
    review = get_review_for_user(user, pk, review_pk)
    person = review.person
    record_view(request, person_id=person.pk, subject=review, summary="Review and its pack")
    today = timezone.localdate()
    return render(
        request,
        "coproduction/reviews/detail.html",
        {
            "person": person,
            "review": review,
            "own": _own(user, person),
            "pack": review_pack(review, today),
            "invitations": list(review.invitations.select_related("user")),
            "perspectives": list(review.perspectives.all()),
            "survey": list(review.survey.all()),
            "progress": list(review.outcome_progress.select_related("outcome")),
            "my_invitation": invitation_for(review, user),
            "can_run": can_run_reviews(user, person),
            "today": today,
        },
    )


def _record_form(
    request: HttpRequest, review: Review, outcomes: list[Outcome], data: Any = None
) -> RecordForm:
    return RecordForm(
        data,
        review=review,
        invitations=list(review.invitations.all()),
        outcomes=outcomes,
        initial=record_initial(review, outcomes),
    )


@POST_GET
def review_record(request: AuthenticatedRequest, pk: int, review_pk: int) -> HttpResponse:
    user = request.user
    review = get_review_for_user(user, pk, review_pk, write=True)
    person = review.person
    outcomes = list(Outcome.objects.filter(person=person))
    form = _record_form(request, review, outcomes, request.POST or None)
    conflict: Review | None = None
    if review.status not in (ReviewStatus.SCHEDULED, ReviewStatus.HELD):
        messages.info(request, f"This review is {review.get_status_display().lower()}.")
        return redirect("coproduction:review_detail", pk=person.pk, review_pk=review.pk)
    if request.method == "POST" and form.is_valid():
        try:
            saved = record_review(
                review=review,
                held_on=form.cleaned_data["held_on"],
                perspectives=form.perspectives(),
                answers=form.answers(),
                survey=form.survey(),
                money_notes=form.cleaned_data["money_notes"],
                progress=form.progress(),
                attendance=form.attendance(),
                expected_version=form.cleaned_data["version"],
                without_person_reason=form.cleaned_data["without_person_reason"],
                actor=user,
                request=request,
            )
        except ReviewConflict as clash:
            conflict = clash.saved
            conflict.person = person
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "The review is written up. Complete it when everyone has checked it."
            )
            return redirect("coproduction:review_detail", pk=person.pk, review_pk=saved.pk)
    return render(
        request,
        "coproduction/reviews/record.html",
        {
            "person": person,
            "review": review,
            "form": form,
            "conflict": conflict,
            "conflict_perspectives": list(conflict.perspectives.all()) if conflict else [],
        },
        status=409 if conflict else 200,
    )


@POST_GET
def review_complete(request: AuthenticatedRequest, pk: int, review_pk: int) -> HttpResponse:
    user = request.user
    review = get_review_for_user(user, pk, review_pk, write=True)
    person = review.person
    if review.status != ReviewStatus.HELD:
        messages.info(
            request,
            "Only a review that has been held and written up can be completed; this one is "
            f"{review.get_status_display().lower()}.",
        )
        return redirect("coproduction:review_detail", pk=person.pk, review_pk=review.pk)
    outcomes = list(Outcome.objects.filter(person=person))
    open_actions = list(
        OutcomeAction.objects.filter(outcome__person=person, done_on__isnull=True)
        .select_related("outcome")
        .order_by("by_when", "id")
    )
    form = CompleteForm(
        request.POST or None,
        outcomes=outcomes,
        open_actions=open_actions,
        initial={"version": review.version},
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            done = complete_review(
                review=review,
                actions=form.actions(),
                expected_version=form.cleaned_data["version"],
                actor=user,
                request=request,
            )
        except ReviewConflict:
            conflict = True
            form.add_error(
                None,
                "Someone else changed the write-up since you opened this page. Read it again "
                "on the review's page, then complete it.",
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            version = done.next_plan_version
            messages.success(
                request,
                f"The review is complete. Plan Book version {version.number if version else ''} "
                "is started as a draft with the review's changes.",
            )
            return redirect("coproduction:review_detail", pk=person.pk, review_pk=done.pk)
    return render(
        request,
        "coproduction/reviews/complete.html",
        {
            "person": person,
            "review": review,
            "form": form,
            "conflict": conflict,
            "perspectives": list(review.perspectives.all()),
        },
    )


@require_GET
def review_easy_read(request: AuthenticatedRequest, pk: int, review_pk: int) -> HttpResponse:
    user = request.user
    review = get_review_for_user(user, pk, review_pk)
    person = review.person
    record_view(request, person_id=person.pk, subject=review, summary="Review in easy read")
    return render(
        request,
        "coproduction/reviews/easy_read.html",
        {
            "person": person,
            "review": review,
            "own": _own(user, person),
            "perspectives": list(review.perspectives.all()),
            "my_invitation": invitation_for(review, user),
        },
    )


@POST_GET
def review_invitation(request: AuthenticatedRequest, pk: int, review_pk: int) -> HttpResponse:
    user = request.user
    invitation = get_invitation_for_user(user, pk, review_pk)
    review = invitation.review
    person = review.person
    record_view(request, person_id=person.pk, subject=review, summary="Invitation to a review")
    initial = {"answer": invitation.answer} if invitation.answer != "waiting" else {}
    form = InvitationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            answer_invitation(
                invitation=invitation,
                coming=form.cleaned_data["answer"] == "coming",
                actor=user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                "Thank you: we will see you there."
                if form.cleaned_data["answer"] == "coming"
                else "Thank you for letting us know.",
            )
            return redirect("coproduction:review_invitation", pk=person.pk, review_pk=review.pk)
    return render(
        request,
        "coproduction/reviews/invitation.html",
        {
            "person": person,
            "review": review,
            "invitation": invitation,
            "own": _own(user, person),
            "form": form,
            "others": list(review.invitations.exclude(pk=invitation.pk)),
        },
    )
