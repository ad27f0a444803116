"""Outcomes with actions: the list, adding and changing one (versioned), removing one, and
marking an action done.

Readers and editors are those of the person-centred tools (access.get_tools_person_for_user).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view
from directsupport.people.models import Person

from ..access import can_edit_tools, get_outcome_for_user, get_tools_person_for_user
from ..models import NoteStatus, Outcome, OutcomeAction
from .display import outcome_source
from .forms import OutcomeEditor
from .services import (
    OutcomeConflict,
    add_outcome,
    mark_action_done,
    remove_outcome,
    update_outcome,
)


def outcome_counts(person: Person) -> dict[str, int]:
    """How many outcomes and actions, done and overdue: two queries, however many there are."""
    today = timezone.localdate()
    outcomes = Outcome.objects.filter(person=person).aggregate(
        outcomes=Count("id"), achieved=Count("id", filter=Q(achieved_on__isnull=False))
    )
    actions = OutcomeAction.objects.filter(outcome__person=person).aggregate(
        actions=Count("id"),
        done=Count("id", filter=Q(done_on__isnull=False)),
        overdue=Count("id", filter=Q(done_on__isnull=True, by_when__lt=today)),
    )
    return {**outcomes, **actions}


def _outcomes_page(person: Person, outcome: Outcome | None = None) -> str:
    url = reverse("planning:outcomes", kwargs={"pk": person.pk})
    return f"{url}#outcome-{outcome.pk}" if outcome is not None else url


# --- The list -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionLine:
    action: OutcomeAction
    overdue: bool


@dataclass(frozen=True)
class OutcomeCard:
    outcome: Outcome
    source: str
    source_is_guess: bool
    actions: list[ActionLine]


def _card(outcome: Outcome, today: dt.date) -> OutcomeCard:
    note = outcome.source_note
    return OutcomeCard(
        outcome=outcome,
        source=outcome_source(outcome),
        source_is_guess=note is not None and note.status == NoteStatus.BEST_GUESS,
        actions=[
            ActionLine(action, overdue=action.done_on is None and action.by_when < today)
            for action in outcome.actions.all()
        ],
    )


def outcomes_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_tools_person_for_user(user, pk)
    record_view(request, person_id=person.pk, subject=person, summary="Outcomes and actions")
    outcomes = (
        Outcome.objects.filter(person=person)
        .select_related("source_note")
        .prefetch_related(
            Prefetch("actions", queryset=OutcomeAction.objects.order_by("by_when", "id"))
        )
    )
    today = timezone.localdate()
    return render(
        request,
        "planning/outcomes/list.html",
        {
            "person": person,
            "cards": [_card(outcome, today) for outcome in outcomes],
            "can_edit": can_edit_tools(user, person),
        },
    )


# --- Adding and changing --------------------------------------------------------------------


def outcome_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_tools_person_for_user(user, pk, write=True)
    if request.method == "POST":
        editor = OutcomeEditor(person, request.POST)
        if editor.is_valid():
            try:
                outcome = add_outcome(
                    actor=user,
                    person=person,
                    details=editor.form.details(),
                    actions=editor.actions.actions(),
                    request=request,
                )
            except ValidationError as error:
                for message in error.messages:
                    editor.add_error(message)
            else:
                messages.success(request, f"Added the outcome “{outcome.text}”.")
                return redirect(_outcomes_page(person, outcome))
    else:
        record_view(request, person_id=person.pk, subject=person, summary="Add an outcome page")
        editor = OutcomeEditor(person)
    return render(request, "planning/outcomes/form.html", {"person": person, "editor": editor})


def outcome_edit(request: AuthenticatedRequest, pk: int, outcome_pk: int) -> HttpResponse:
    user = request.user
    outcome = get_outcome_for_user(user, pk, outcome_pk, write=True)
    person = outcome.person
    if request.method == "POST":
        editor = OutcomeEditor(person, request.POST, outcome=outcome)
        if editor.is_valid():
            try:
                saved = update_outcome(
                    actor=user,
                    outcome=outcome,
                    expected_version=editor.version,
                    details=editor.form.details(),
                    actions=editor.actions.actions(),
                    request=request,
                )
            except OutcomeConflict as conflict:
                return _conflict_page(request, person, editor, conflict.saved)
            except ValidationError as error:
                for message in error.messages:
                    editor.add_error(message)
            else:
                messages.success(request, f"Saved the outcome “{saved.text}”.")
                return redirect(_outcomes_page(person, saved))
    else:
        record_view(request, person_id=person.pk, subject=outcome, summary="Change an outcome page")
        editor = OutcomeEditor(person, outcome=outcome)
    return render(
        request,
        "planning/outcomes/form.html",
        {"person": person, "outcome": outcome, "editor": editor},
    )


def _conflict_page(
    request: HttpRequest, person: Person, editor: OutcomeEditor, saved: Outcome
) -> HttpResponse:
    """What the user typed beside what is saved now; their typing ready to save again."""
    details = editor.form.details()
    typed = Outcome(
        person=person,
        text=details.text,
        source_note=details.source_note,
        source_tool="" if details.source_note else details.source_tool,
        source_text=details.source_text,
        achieved_on=details.achieved_on,
    )
    today = timezone.localdate()
    data = request.POST.copy()
    data["version"] = str(saved.version)
    return render(
        request,
        "planning/outcomes/conflict.html",
        {
            "person": person,
            "outcome": saved,
            "saved": _card(saved, today),
            "yours_source": outcome_source(typed),
            "yours": details,
            "your_actions": editor.actions.actions(),
            "editor": OutcomeEditor(person, data, outcome=saved),
        },
        status=409,
    )


# --- Removing and marking done --------------------------------------------------------------


def outcome_remove(request: AuthenticatedRequest, pk: int, outcome_pk: int) -> HttpResponse:
    user = request.user
    outcome = get_outcome_for_user(user, pk, outcome_pk, write=True)
    person = outcome.person
    if request.method == "POST":
        text = outcome.text
        remove_outcome(actor=user, outcome=outcome, request=request)
        messages.success(request, f"Removed the outcome “{text}”.")
        return redirect(_outcomes_page(person))
    record_view(request, person_id=person.pk, subject=outcome, summary="Remove an outcome page")
    return render(
        request,
        "planning/outcomes/remove.html",
        {"person": person, "outcome": outcome, "actions": outcome.actions.count()},
    )


@require_POST
def outcome_action_done(
    request: AuthenticatedRequest, pk: int, outcome_pk: int, action_pk: int
) -> HttpResponse:
    user = request.user
    outcome = get_outcome_for_user(user, pk, outcome_pk, write=True)
    action = get_object_or_404(OutcomeAction, outcome=outcome, pk=action_pk)
    action.outcome = outcome
    mark_action_done(actor=user, action=action, request=request)
    messages.success(request, f"Marked “{action.what}” done.")
    return redirect(_outcomes_page(outcome.person, outcome))
