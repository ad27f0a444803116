"""The person's co-production tab, their outcomes' progress and their learning log. Thin: access
from coproduction/access.py, every read audited, every change through services.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.models import User
from directsupport.audit.services import record_view
from directsupport.lib.forms import add_service_errors
from directsupport.people.models import Person
from directsupport.planning.models import Outcome, OutcomeAction

from ..access import (
    can_write_progress,
    get_learning_entry_for_user,
    get_outcome_for_user,
    get_person_for_learning_log,
    get_person_for_outcomes,
)
from ..models import LearningLogEntry, OutcomeProgress, Progress
from .forms import LearningFilterForm, LearningForm, ProgressForm
from .queries import progress_history
from .services import add_entry, change_entry, record_progress
from .summary import overview_for

PAGE_SIZE = 20
# A shape for each step, so where an outcome is never rests on colour (the words are beside it).
SHAPES = {
    Progress.NOT_STARTED: "○",
    Progress.STARTED: "◔",
    Progress.PARTLY: "◑",
    Progress.ACHIEVED: "●",
}


@dataclass(frozen=True)
class Step:
    value: str
    label: str
    shape: str
    reached: bool
    current: bool


@dataclass(frozen=True)
class HistoryItem:
    progress: OutcomeProgress
    step: Step


@dataclass(frozen=True)
class OutcomeRow:
    outcome: Outcome
    steps: list[Step]
    now: Step
    history: list[HistoryItem]
    actions: list[OutcomeAction]
    learning: list[LearningLogEntry]


def _own(user: User, person: Person) -> bool:
    return person.user_id is not None and person.user_id == user.pk


def _steps(status: str) -> list[Step]:
    values = list(Progress.values)
    at = values.index(status)
    return [
        Step(
            value=value,
            label=label,
            shape=SHAPES[Progress(value)],
            reached=index <= at,
            current=index == at,
        )
        for index, (value, label) in enumerate(Progress.choices)
    ]


def step_for(status: str) -> Step:
    return next(step for step in _steps(status) if step.current)


def person_overview(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_outcomes(user, pk)
    record_view(request, person_id=person.pk, subject=person, summary="How it's going")
    return render(
        request,
        "coproduction/outcomes/overview.html",
        {
            "person": person,
            "own": _own(user, person),
            "overview": overview_for(user, person),
            "today": timezone.localdate(),
        },
    )


def _outcome_rows(person: Person) -> list[OutcomeRow]:
    outcomes = list(Outcome.objects.filter(person=person).prefetch_related("actions"))
    history = progress_history(outcomes)
    learning: dict[int, list[LearningLogEntry]] = {outcome.pk: [] for outcome in outcomes}
    for entry in LearningLogEntry.objects.filter(person=person, outcome__in=outcomes).order_by(
        "-happened_on", "-id"
    ):
        learning[entry.outcome_id].append(entry)  # type: ignore[index]
    rows = []
    for outcome in outcomes:
        records = history[outcome.pk]
        status = records[-1].status if records else Progress.NOT_STARTED
        steps = _steps(status)
        rows.append(
            OutcomeRow(
                outcome=outcome,
                steps=steps,
                now=next(step for step in steps if step.current),
                history=[
                    HistoryItem(progress=p, step=step_for(p.status)) for p in reversed(records)
                ],
                actions=list(outcome.actions.all()),
                learning=learning[outcome.pk],
            )
        )
    return rows


def outcomes_person(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_outcomes(user, pk)
    record_view(request, person_id=person.pk, subject=person, summary="Outcomes' progress")
    rows = _outcome_rows(person)
    return render(
        request,
        "coproduction/outcomes/outcomes.html",
        {
            "person": person,
            "own": _own(user, person),
            "rows": rows,
            "shapes": _steps(Progress.ACHIEVED),
            "can_write": can_write_progress(user, person),
        },
    )


def outcome_progress_new(request: AuthenticatedRequest, pk: int, outcome_pk: int) -> HttpResponse:
    user = request.user
    outcome = get_outcome_for_user(user, pk, outcome_pk, write=True)
    person = outcome.person
    history = progress_history([outcome])[outcome.pk]
    if request.method == "POST":
        form = ProgressForm(request.POST)
        if form.is_valid():
            try:
                progress = record_progress(
                    outcome=outcome,
                    status=form.cleaned_data["status"],
                    evidence=form.cleaned_data["evidence"],
                    recorded_on=form.cleaned_data["recorded_on"],
                    actor=user,
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"Recorded “{outcome.text}” as {progress.get_status_display().lower()}.",
                )
                url = reverse("coproduction:outcomes_person", kwargs={"pk": person.pk})
                return redirect(f"{url}#outcome-{outcome.pk}")
    else:
        latest = history[-1].status if history else None
        form = ProgressForm(initial={"recorded_on": timezone.localdate(), "status": latest})
        record_view(
            request, person_id=person.pk, subject=outcome, summary="Recording an outcome's progress"
        )
    return render(
        request,
        "coproduction/outcomes/progress_form.html",
        {
            "person": person,
            "own": _own(user, person),
            "outcome": outcome,
            "now": step_for(history[-1].status if history else Progress.NOT_STARTED),
            "form": form,
        },
    )


def learning_log(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_learning_log(user, pk)
    record_view(request, person_id=person.pk, subject=person, summary="Learning log")
    outcomes = list(Outcome.objects.filter(person=person))
    form = LearningFilterForm(request.GET, outcomes=outcomes)
    entries = (
        LearningLogEntry.objects.filter(person=person)
        .select_related("outcome", "recorded_by")
        .order_by("-happened_on", "-id")
    )
    chosen = None
    if form.is_valid() and form.cleaned_data["outcome"] is not None:
        chosen = next(o for o in outcomes if o.pk == form.cleaned_data["outcome"])
        entries = entries.filter(outcome=chosen)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "coproduction/outcomes/learning_log.html",
        {
            "person": person,
            "own": _own(user, person),
            "form": form,
            "chosen": chosen,
            "page": page,
            "can_write": can_write_progress(user, person),
        },
    )


def _learning_form_page(
    request: HttpRequest,
    *,
    user: User,
    person: Person,
    entry: LearningLogEntry | None,
) -> HttpResponse:
    outcomes = list(Outcome.objects.filter(person=person))
    if request.method == "POST":
        form = LearningForm(request.POST, person=person, outcomes=outcomes)
        if form.is_valid():
            try:
                if entry is None:
                    saved = add_entry(
                        person=person, details=form.details(), actor=user, request=request
                    )
                else:
                    saved = change_entry(
                        entry=entry, details=form.details(), actor=user, request=request
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"{'Added' if entry is None else 'Saved'} “{saved.activity}” in the "
                    "learning log.",
                )
                return redirect("coproduction:learning_log", pk=person.pk)
    else:
        initial: dict[str, Any]
        if entry is None:
            initial = {"happened_on": timezone.localdate(), "outcome": request.GET.get("outcome")}
        else:
            initial = {
                "happened_on": entry.happened_on,
                "activity": entry.activity,
                "who_was_there": entry.who_was_there,
                "what_worked": entry.what_worked,
                "what_did_not": entry.what_did_not,
                "outcome": entry.outcome_id,
            }
            record_view(
                request, person_id=person.pk, subject=entry, summary="Changing a learning log entry"
            )
        form = LearningForm(initial=initial, person=person, outcomes=outcomes)
    return render(
        request,
        "coproduction/outcomes/learning_form.html",
        {"person": person, "own": _own(user, person), "form": form, "entry": entry},
    )


def learning_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_learning_log(user, pk, write=True)
    return _learning_form_page(request, user=user, person=person, entry=None)


def learning_edit(request: AuthenticatedRequest, pk: int, learning_pk: int) -> HttpResponse:
    user = request.user
    entry = get_learning_entry_for_user(user, pk, learning_pk, write=True)
    return _learning_form_page(request, user=user, person=entry.person, entry=entry)
