"""Outcomes and their actions: adding, changing (versioned), removing, marking an action done.

Every function is atomic, validates with full_clean() before writing and appends an audit row
with old and new values. An outcome and its actions change together, under the outcome's
version, so a stale edit never silently undoes someone else's change (marking an action done
moves the version on too).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.audit.models import Action
from directsupport.audit.services import delete_and_record, model_changes, record_change
from directsupport.lib import conflicts
from directsupport.people.models import Person

from ..models import CaptureNote, Outcome, OutcomeAction, ToolKind
from .display import outcome_source


class OutcomeConflict(conflicts.EditConflict[Outcome]):
    """Someone else changed the outcome after this user started changing it."""


@dataclass(frozen=True)
class OutcomeDetails:
    """What an outcome says and where it came from: a note on the person's board, or a tool
    (with the words from it)."""

    text: str
    source_note: CaptureNote | None = None
    source_tool: str = ""
    source_text: str = ""
    achieved_on: dt.date | None = None


@dataclass(frozen=True)
class ActionInput:
    """One action as typed: ``id`` is the existing action's, or None for a new one."""

    what: str
    who: str
    by_when: dt.date
    done: bool = False
    id: int | None = None


def _snapshot(outcome: Outcome) -> dict[str, Any]:
    """The outcome as the audit row records it; actions one per line."""
    return {
        "text": outcome.text,
        "source": outcome_source(outcome),
        "achieved_on": outcome.achieved_on,
        "actions": "\n".join(
            f"{action}{' (done ' + action.done_on.isoformat() + ')' if action.done_on else ''}"
            for action in outcome.actions.order_by("by_when", "id")
        ),
    }


def _apply(outcome: Outcome, person: Person, details: OutcomeDetails) -> None:
    note = details.source_note
    if note is not None and note.person_id != person.pk:
        raise ValidationError(f"That note is not on {person.called}'s board.")
    if details.source_tool and details.source_tool not in ToolKind.values:
        raise ValidationError("Choose one of the person-centred tools.")
    outcome.text = details.text
    outcome.source_note = note
    outcome.source_tool = "" if note is not None else details.source_tool
    # The note's own words are kept too, so the link still reads if the note is put right.
    outcome.source_text = note.text if note is not None else details.source_text
    outcome.achieved_on = details.achieved_on


def _sync_actions(outcome: Outcome, actions: list[ActionInput], today: dt.date) -> None:
    existing = {action.pk: action for action in outcome.actions.all()}
    unknown = {a.id for a in actions if a.id is not None} - set(existing)
    if unknown:
        raise ValidationError("An action on this page is no longer part of this outcome.")
    kept = {a.id for a in actions}
    for pk, action in existing.items():
        if pk not in kept:
            action.delete()
    for typed in actions:
        action = existing[typed.id] if typed.id is not None else OutcomeAction(outcome=outcome)
        action.what = typed.what
        action.who = typed.who
        action.by_when = typed.by_when
        action.done_on = (action.done_on or today) if typed.done else None
        action.full_clean()
        action.save()


@transaction.atomic
def add_outcome(
    *,
    actor: User,
    person: Person,
    details: OutcomeDetails,
    actions: list[ActionInput],
    request: HttpRequest | None = None,
) -> Outcome:
    last = Outcome.objects.filter(person=person).aggregate(last=Max("position"))["last"]
    now = timezone.now()
    outcome = Outcome(
        person=person,
        position=0 if last is None else last + 1,
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    _apply(outcome, person, details)
    outcome.full_clean()
    outcome.save()
    _sync_actions(outcome, actions, timezone.localdate())
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=person.pk,
        subject=outcome,
        summary=f"Added the outcome “{outcome.text}” for {person.display_name}",
        changes=model_changes({}, _snapshot(outcome)),
    )
    return outcome


@transaction.atomic
def update_outcome(
    *,
    actor: User,
    outcome: Outcome,
    expected_version: int,
    details: OutcomeDetails,
    actions: list[ActionInput],
    request: HttpRequest | None = None,
) -> Outcome:
    """Save changes made to version ``expected_version`` of the outcome and its actions.

    Raises OutcomeConflict, changing nothing, when someone else has saved since.
    """
    person = outcome.person
    current = Outcome.objects.select_related("source_note").get(pk=outcome.pk)
    conflicts.check_version(current, expected_version, OutcomeConflict)
    before = _snapshot(current)
    _apply(current, person, details)
    current.full_clean()
    now = timezone.now()
    updated = Outcome.objects.filter(pk=current.pk, version=expected_version).update(
        text=current.text,
        source_note=current.source_note,
        source_tool=current.source_tool,
        source_text=current.source_text,
        achieved_on=current.achieved_on,
        updated_at=now,
        version=F("version") + 1,
    )
    if updated != 1:
        raise OutcomeConflict(saved=Outcome.objects.get(pk=current.pk))
    current.version = expected_version + 1
    current.updated_at = now
    _sync_actions(current, actions, timezone.localdate())
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=person.pk,
        subject=current,
        summary=f"Changed the outcome “{current.text}” for {person.display_name}",
        changes=model_changes(before, _snapshot(current)),
    )
    return current


@transaction.atomic
def remove_outcome(*, actor: User, outcome: Outcome, request: HttpRequest | None = None) -> None:
    """Remove an outcome and its actions (the audit row keeps what they said)."""
    before = _snapshot(outcome)
    delete_and_record(
        request,
        actor=actor,
        instance=outcome,
        person_id=outcome.person_id,
        summary=f"Removed the outcome “{outcome.text}”",
        before=before,
    )


@transaction.atomic
def mark_action_done(
    *,
    actor: User,
    action: OutcomeAction,
    request: HttpRequest | None = None,
) -> OutcomeAction:
    """Mark an action done today (an action already done keeps its date)."""
    if action.done_on is not None:
        return action
    action.done_on = timezone.localdate()
    action.full_clean()
    action.save(update_fields=["done_on"])
    # Anyone with the outcome open for changing must see this rather than undo it.
    Outcome.objects.filter(pk=action.outcome_id).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=action.outcome.person_id,
        subject=action,
        summary=f"Marked the action “{action.what}” done",
        changes={"done_on": {"from": None, "to": action.done_on.isoformat()}},
    )
    return action


@transaction.atomic
def mark_achieved(
    *,
    actor: User,
    outcome: Outcome,
    on: dt.date | None,
    request: HttpRequest | None = None,
) -> Outcome:
    """Set (or, with ``on=None``, clear) the day the outcome was achieved, and nothing else.

    The one home for ``achieved_on`` besides the outcome's own form: progress recorded elsewhere
    (co-production's outcomes' progress) calls this. The version moves on so anyone with the
    outcome open for changing sees it rather than undoing it. Setting the day it already has
    changes nothing and writes no audit row.
    """
    if on is not None and on > timezone.localdate():
        raise ValidationError("The date it was achieved cannot be in the future.")
    current = Outcome.objects.select_for_update().get(pk=outcome.pk)
    if current.achieved_on == on:
        outcome.achieved_on, outcome.version = current.achieved_on, current.version
        return outcome
    before = current.achieved_on
    now = timezone.now()
    Outcome.objects.filter(pk=current.pk).update(
        achieved_on=on, updated_at=now, version=F("version") + 1
    )
    outcome.achieved_on, outcome.version, outcome.updated_at = on, current.version + 1, now
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=current.person_id,
        subject=current,
        summary=(
            f"Marked the outcome “{current.text}” achieved"
            if on is not None
            else f"The outcome “{current.text}” is no longer marked achieved"
        ),
        changes=model_changes({"achieved_on": before}, {"achieved_on": on}),
    )
    return outcome
