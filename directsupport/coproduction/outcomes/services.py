"""Outcomes' progress and the learning log: recording, with an audit row for every change.

Progress is a dated record, not a status that moves through a map: an outcome may step back
(started → not started when a plan changes), so every status may follow every other. The latest
record (by the day it describes, then by when it was written) is the outcome's progress now.
Whether the outcome is achieved lives on planning's ``Outcome.achieved_on``, and only planning's
``mark_achieved`` writes it from here: the latest record being "achieved" sets it, a later step
back clears it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import dateformat, timezone

from directsupport.accounts.models import User
from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_change
from directsupport.people.models import Person
from directsupport.planning.models import Outcome
from directsupport.planning.outcomes.services import mark_achieved

from ..models import LearningLogEntry, OutcomeProgress, Progress, Review
from .queries import latest_progress

NO_EVIDENCE = "Say how you know: what happened, who saw it."
FUTURE_DAY = "The date cannot be in the future."
NO_ACTIVITY = "Say what the activity was."
NOTHING_LEARNED = "Say what worked, what did not, or both."


def _created_on(outcome: Outcome) -> dt.date:
    return timezone.localtime(outcome.created_at).date()


def _uk(day: dt.date) -> str:
    return dateformat.format(day, "j F Y")


@transaction.atomic
def record_progress(
    *,
    outcome: Outcome,
    status: str,
    evidence: str,
    recorded_on: dt.date,
    actor: User,
    review: Review | None = None,
    request: HttpRequest | None = None,
) -> OutcomeProgress:
    """Record how far an outcome has got on a day, and how we know.

    Raises ValidationError (by field) for no evidence, a day in the future or before the outcome
    was written, a status that is not one of Progress, or a review of someone else.
    """
    evidence = (evidence or "").strip()
    errors: dict[str, list[str]] = {}
    if status not in Progress.values:
        errors.setdefault("status", []).append("Choose how far it has got.")
    if not evidence:
        errors.setdefault("evidence", []).append(NO_EVIDENCE)
    if recorded_on > timezone.localdate():
        errors.setdefault("recorded_on", []).append(FUTURE_DAY)
    elif recorded_on < _created_on(outcome):
        errors.setdefault("recorded_on", []).append(
            f"The date cannot be before the outcome was written ({_uk(_created_on(outcome))})."
        )
    if review is not None and review.person_id != outcome.person_id:
        errors.setdefault("review", []).append("That review is about someone else.")
    if errors:
        raise ValidationError(errors)
    progress = OutcomeProgress(
        outcome=outcome,
        status=status,
        evidence=evidence,
        recorded_on=recorded_on,
        review=review,
        recorded_by=actor,
    )
    progress.full_clean()
    progress.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=outcome.person_id,
        subject=progress,
        summary=f"Recorded “{outcome.text}” as {progress.get_status_display().lower()}",
        changes=model_changes(
            {},
            {
                "outcome": outcome.text,
                "status": status,
                "evidence": evidence,
                "recorded_on": recorded_on,
                "review": review.pk if review is not None else None,
            },
        ),
    )
    _follow_latest(outcome, actor=actor, request=request)
    return progress


def _follow_latest(outcome: Outcome, *, actor: User, request: HttpRequest | None) -> None:
    """Keep planning's achieved day in step with the latest record. A record dated before the
    latest one is history and changes nothing now; so is one dated before the day the outcome
    was achieved (written in planning, say), which fills in how it got there. Only a step back
    on or after that day clears it."""
    latest = latest_progress([outcome])[outcome.pk]
    achieved_on = outcome.achieved_on
    if latest.status == Progress.ACHIEVED:
        if achieved_on is None or achieved_on > latest.recorded_on:
            mark_achieved(actor=actor, outcome=outcome, on=latest.recorded_on, request=request)
    elif achieved_on is not None and latest.recorded_on >= achieved_on:
        mark_achieved(actor=actor, outcome=outcome, on=None, request=request)


@dataclass(frozen=True)
class LearningDetails:
    """A learning log entry as typed. ``outcome`` is one of the person's outcomes, or None."""

    happened_on: dt.date
    activity: str
    who_was_there: str
    what_worked: str = ""
    what_did_not: str = ""
    outcome: Outcome | None = None


def _snapshot(entry: LearningLogEntry) -> dict[str, object]:
    return {
        "happened_on": entry.happened_on,
        "activity": entry.activity,
        "who_was_there": entry.who_was_there,
        "what_worked": entry.what_worked,
        "what_did_not": entry.what_did_not,
        "outcome": entry.outcome.text if entry.outcome is not None else None,
    }


def _apply(entry: LearningLogEntry, person: Person, details: LearningDetails) -> None:
    errors: dict[str, list[str]] = {}
    activity = details.activity.strip()
    worked, did_not = details.what_worked.strip(), details.what_did_not.strip()
    if not activity:
        errors.setdefault("activity", []).append(NO_ACTIVITY)
    if details.happened_on > timezone.localdate():
        errors.setdefault("happened_on", []).append(FUTURE_DAY)
    if not worked and not did_not:
        errors.setdefault("what_worked", []).append(NOTHING_LEARNED)
    if details.outcome is not None and details.outcome.person_id != person.pk:
        errors.setdefault("outcome", []).append(f"That outcome is not one of {person.called}'s.")
    if errors:
        raise ValidationError(errors)
    entry.happened_on = details.happened_on
    entry.activity = activity
    entry.who_was_there = details.who_was_there.strip()
    entry.what_worked = worked
    entry.what_did_not = did_not
    entry.outcome = details.outcome


@transaction.atomic
def add_entry(
    *,
    person: Person,
    details: LearningDetails,
    actor: User,
    request: HttpRequest | None = None,
) -> LearningLogEntry:
    """Add to the person's learning log: what was tried, who was there, what worked and what
    did not."""
    entry = LearningLogEntry(person=person, recorded_by=actor)
    _apply(entry, person, details)
    entry.full_clean()
    entry.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=person.pk,
        subject=entry,
        summary=f"Added “{entry.activity}” to {person.display_name}'s learning log",
        changes=model_changes({}, _snapshot(entry)),
    )
    return entry


@transaction.atomic
def change_entry(
    *,
    entry: LearningLogEntry,
    details: LearningDetails,
    actor: User,
    request: HttpRequest | None = None,
) -> LearningLogEntry:
    """Put an entry right. Entries are short and written by one worker after the activity, so
    there is no version check; the audit row keeps what it said before."""
    person = entry.person
    current = LearningLogEntry.objects.select_related("outcome").get(pk=entry.pk)
    before = _snapshot(current)
    _apply(current, person, details)
    current.full_clean()
    current.save()
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=person.pk,
        subject=current,
        summary=f"Changed “{current.activity}” in {person.display_name}'s learning log",
        changes=model_changes(before, _snapshot(current)),
    )
    return current
