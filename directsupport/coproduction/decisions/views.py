"""The decision log's pages: the list (filters, the ladder explained, CSV and XLSX), one
decision, recording a decision, and one person's decisions (in their own voice, easy read when
that is how they like their information). Thin: access through coproduction/access.py, the
service records, display.py says how a decision reads."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action
from directsupport.audit.services import record_request_event, record_view
from directsupport.lib.forms import add_service_errors
from directsupport.people.access import people_visible_to
from directsupport.people.models import Person, PreferredFormat

from ..access import (
    can_record_decisions,
    check_may_record_decisions,
    check_may_see_decisions,
    decisions_visible_to,
    get_decision_for_user,
    get_person_for_decisions,
)
from ..models import Decision
from .display import LADDER, RUNGS, row_for, to_csv, to_xlsx
from .forms import DecisionFilterForm, DecisionForm, field_for
from .services import record_decision

PAGE_SIZE = 25
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _with_participants(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    return decisions.select_related("person").prefetch_related("participants")


def _filter_people(user: User) -> QuerySet[Person] | None:
    """Whom the list may be narrowed to: none for experts by experience, who read only
    decisions about how the service works."""
    if user.role == Role.EXPERT:
        return None
    # Only people with a decision logged: the list would otherwise offer everyone supported.
    logged = Decision.objects.filter(person=OuterRef("pk"))
    return people_visible_to(user).filter(Exists(logged))


def _filtered(request: AuthenticatedRequest) -> tuple[DecisionFilterForm, QuerySet[Decision], bool]:
    user = request.user
    check_may_see_decisions(user)
    form = DecisionFilterForm(request.GET, people=_filter_people(user))
    form.is_valid()  # an invalid filter is left out and shown with its message
    data = form.cleaned_data
    decisions = decisions_visible_to(user)
    wanted = {
        "topic": data.get("topic") or None,
        "level": data.get("level"),
        "source": data.get("source") or None,
        "person": data.get("person"),
        "decided_on__gte": data.get("date_from"),
        "decided_on__lte": data.get("date_to"),
    }
    filters = {key: value for key, value in wanted.items() if value is not None}
    return form, _with_participants(decisions.filter(**filters)), bool(filters)


def _audit_people(request: HttpRequest, decisions: list[Decision], what: str) -> None:
    """Reading decisions about people is reading their information: one row per person."""
    seen: set[int] = set()
    for decision in decisions:
        if decision.person_id is not None and decision.person_id not in seen:
            seen.add(decision.person_id)
            record_view(request, person_id=decision.person_id, subject=decision, summary=what)


@require_GET
def decision_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    form, decisions, filtered = _filtered(request)
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    record_request_event(
        request,
        action=Action.VIEW,
        subject_type="coproduction.decision",
        summary=f"Decision log: {page.paginator.count} decisions",
    )
    _audit_people(request, shown, "Decision log")
    return render(
        request,
        "coproduction/decisions/list.html",
        {
            "form": form,
            "page": page,
            "rows": [row_for(decision, user) for decision in shown],
            "filtered": filtered,
            "ladder": LADDER,
            "rungs": RUNGS,
            "can_record": can_record_decisions(user),
        },
    )


def _export(request: AuthenticatedRequest, kind: str) -> list[Decision]:
    _, decisions, _ = _filtered(request)
    rows = list(decisions)
    record_request_event(
        request,
        action=Action.EXPORT,
        subject_type="coproduction.decision",
        summary=f"Decision log exported as {kind}: {len(rows)} decisions",
    )
    _audit_people(request, rows, f"Decision log exported as {kind}")
    return rows


def _download(content: bytes, content_type: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = f"decisions-{timezone.localdate():%Y-%m-%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def decision_export(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    rows = _export(request, "CSV")
    return _download(to_csv(rows, user), "text/csv; charset=utf-8", "csv")


@require_GET
def decision_export_xlsx(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    rows = _export(request, "XLSX")
    return _download(to_xlsx(rows, user), XLSX_TYPE, "xlsx")


@require_GET
def decision_detail(request: AuthenticatedRequest, decision_pk: int) -> HttpResponse:
    user = request.user
    decision = get_decision_for_user(user, decision_pk)
    if decision.person_id is not None:
        record_view(request, person_id=decision.person_id, subject=decision, summary="A decision")
    return render(
        request,
        "coproduction/decisions/detail.html",
        {"row": row_for(decision, user), "decision": decision, "ladder": LADDER},
    )


def _record(
    request: HttpRequest, form: DecisionForm, user: User, template: str, context: dict[str, Any]
) -> HttpResponse:
    """Record what the form holds; on a refusal, the form again with everything typed."""
    if request.method == "POST" and form.is_valid():
        try:
            decision = record_decision(
                organisation=user.organisation,
                actor=user,
                request=request,
                **form.service_kwargs(),
            )
        except ValidationError as error:
            add_service_errors(form, error, field_for=field_for)
        else:
            messages.success(request, f"Decision recorded: {decision.title}")
            return redirect("coproduction:decision_detail", decision.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"form": form, "ladder": LADDER, **context}, status=status)


def decision_new(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_see_decisions(user)
    check_may_record_decisions(user)
    people = people_visible_to(user).filter(organisation_id=user.organisation_id)
    data = request.POST if request.method == "POST" else None
    form = DecisionForm(
        data, people=people, initial={"decided_on": timezone.localdate(), "about": "service"}
    )
    return _record(request, form, user, "coproduction/decisions/new.html", {"person": None})


def decision_person_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_decisions(user, pk, write=True)
    data = request.POST if request.method == "POST" else None
    form = DecisionForm(
        data,
        person=person,
        initial={"decided_on": timezone.localdate(), "person_took_part": "yes"},
    )
    return _record(request, form, user, "coproduction/decisions/new.html", {"person": person})


@require_GET
def decisions_person(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_decisions(user, pk)
    own = person.user_id == user.pk
    decisions = list(_with_participants(decisions_visible_to(user).filter(person=person)))
    record_view(
        request,
        person_id=person.pk,
        subject=person,
        summary="Decisions about me" if own else "Decisions about the person",
    )
    easy_read = own and person.preferred_format == PreferredFormat.EASY_READ
    return render(
        request,
        "coproduction/decisions/person_easy_read.html"
        if easy_read
        else "coproduction/decisions/person.html",
        {
            "person": person,
            "own": own,
            "rows": [row_for(decision, user) for decision in decisions],
            "ladder": LADDER,
            "can_record": can_record_decisions(user)
            and person.organisation_id == user.organisation_id,
        },
    )
