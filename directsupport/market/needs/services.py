"""Refining a need with the person, adding one by hand, and recording how the person wants each
need commissioned. Drawing needs from the week and outcomes is ``drawing.draw_needs``.

Refining is versioned like every editable document: the form carries the version it started
from and the save is one conditional UPDATE, so a stale save is refused (``NeedConflict``) and
the page shows both versions. Recording how the person wants a need commissioned is an
attributed answer (who said it, who recorded it, when), not an edit of the need, so it neither
needs nor moves the version: the person answering on their own page never meets a conflict
because a coordinator refined the need's wording meanwhile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_change
from directsupport.people.models import Person
from directsupport.planning.models import Outcome
from directsupport.week.pricing import plan_year_start

from ..models import Commissioning, NeedSource, NeedStatus, SupportNeed
from .drawing import REFINABLE_FIELDS, WHEN_FIELDS, NeedConflict, save_drawn, snapshot
from .timing import minutes_a_week
from .where import Places, home_of

# What the coordinator may set on the status by hand: a need the person no longer wants, and
# one they want again. Choosing a supplier (matching) and meeting a need (contracts) are not
# typed in.
STATUS_BY_HAND: dict[str, frozenset[str]] = {
    NeedStatus.OPEN: frozenset({NeedStatus.WITHDRAWN}),
    NeedStatus.CHOSEN: frozenset({NeedStatus.WITHDRAWN}),
    NeedStatus.WITHDRAWN: frozenset({NeedStatus.OPEN}),
    NeedStatus.MET: frozenset(),
}
SAID_BY_MAX = 150  # SupportNeed.commissioning_said_by


def refinable_fields(need: SupportNeed) -> tuple[str, ...]:
    """What may be refined on this need: when and where only for a need not from the week."""
    fields = (*REFINABLE_FIELDS, "status")
    return fields if need.week_entry_id else (*fields, *WHEN_FIELDS)


def _place_and_timing(need: SupportNeed, changed: set[str], today: dt.date) -> set[str]:
    """A need with no week entry: its district follows its place and its minutes its times."""
    derived: set[str] = set()
    if "place" in changed:
        need.district = Places(home_of(need.person), [need.place]).district_of(need.place)
        derived.add("district")
    if changed & {"weekday", "starts_at", "ends_at", "overnight", "ratio", "shared_by"}:
        need.minutes_a_week = minutes_a_week(need, year_start=plan_year_start(today)) or 0
        derived.add("minutes_a_week")
    return derived


@transaction.atomic
def refine_need(
    *,
    actor: User,
    need: SupportNeed,
    expected_version: int,
    fields: Mapping[str, Any],
    today: dt.date | None = None,
    request: HttpRequest | None = None,
) -> SupportNeed:
    """Change what the coordinator and the person agreed. Every field changed is remembered as
    refined by hand, so drawing again keeps it. Raises NeedConflict (changing nothing) when the
    need moved on from ``expected_version``; ValueError for a field that may not be refined here
    or a status that cannot be set by hand."""
    unknown = set(fields) - set(refinable_fields(need))
    if unknown:
        raise ValueError(f"Not refinable on this need: {', '.join(sorted(unknown))}")
    current = SupportNeed.objects.select_related("term", "week_entry").get(pk=need.pk)
    current.person = need.person
    if current.version != expected_version:
        raise NeedConflict(saved=current)
    wanted_status = fields.get("status", current.status)
    if wanted_status != current.status and wanted_status not in STATUS_BY_HAND[current.status]:
        raise ValueError(f"A need cannot go from {current.status} to {wanted_status} by hand")
    before = snapshot(current)
    for name, value in fields.items():
        setattr(current, name, value)
    after = snapshot(current)
    changed = {name for name in fields if after[name] != before[name]}
    if not changed:
        return current
    changed |= _place_and_timing(current, changed, today or timezone.localdate())
    current.refined_fields = sorted(set(current.refined_fields) | (changed & set(fields)))
    save_drawn(
        current,
        before=before,
        changed=changed | {"refined_fields"},
        actor=actor,
        request=request,
        summary=f"Refined the need '{current.what}' with {current.person.called}",
    )
    return current


@transaction.atomic
def add_need(
    *,
    actor: User,
    person: Person,
    fields: Mapping[str, Any],
    outcome: Outcome | None = None,
    today: dt.date | None = None,
    request: HttpRequest | None = None,
) -> SupportNeed:
    """A need the week did not draw: from one of the person's outcomes (the coordinator choosing
    its kind: "learn to swim" is swimming), or added with the person. Everything given counts as
    refined by hand, so drawing never changes it."""
    allowed = set(REFINABLE_FIELDS) | set(WHEN_FIELDS)
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Not a field of a need added by hand: {', '.join(sorted(unknown))}")
    if outcome is not None and outcome.person_id != person.pk:
        raise ValueError("The outcome is not one of this person's")
    need = SupportNeed(
        person=person,
        source=NeedSource.OUTCOME if outcome is not None else NeedSource.ADDED,
        outcome=outcome,
        refined_fields=sorted(fields),
        **fields,
    )
    need.person = person
    _place_and_timing(need, set(fields), today or timezone.localdate())
    if "place" not in fields:
        need.district = home_of(person).district
    need.full_clean()
    need.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=person.pk,
        subject=need,
        summary=f"Added the need '{need.what}' with {person.called}",
        changes=model_changes({}, snapshot(need)),
    )
    return need


def _commissioning_snapshot(need: SupportNeed) -> dict[str, Any]:
    return {
        "commissioning": need.commissioning,
        "commissioning_said_by": need.commissioning_said_by,
        "commissioning_recorded_by": need.commissioning_recorded_by_id,
    }


@transaction.atomic
def record_commissioning(
    *,
    actor: User,
    need: SupportNeed,
    commissioning: str,
    said_by: str,
    request: HttpRequest | None = None,
) -> SupportNeed:
    """How the person wants this need commissioned, who said it (the person, or who said it for
    them), recorded by ``actor`` now. A later answer replaces it; the audit log keeps each."""
    said_by = " ".join(said_by.split())
    if commissioning not in Commissioning.values:
        raise ValidationError({"commissioning": "Choose how the support should be arranged"})
    if not said_by:
        raise ValidationError({"commissioning_said_by": "Say who said it"})
    if len(said_by) > SAID_BY_MAX:
        raise ValidationError({"commissioning_said_by": "Give a name of 150 letters or fewer"})
    before = _commissioning_snapshot(need)
    now = timezone.now()
    need.commissioning = commissioning
    need.commissioning_said_by = said_by
    need.commissioning_recorded_by = actor
    need.commissioning_recorded_at = now
    need.updated_at = now
    SupportNeed.objects.filter(pk=need.pk).update(
        commissioning=commissioning,
        commissioning_said_by=said_by,
        commissioning_recorded_by=actor,
        commissioning_recorded_at=now,
        updated_at=now,
    )
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=need.person_id,
        subject=need,
        summary=f"{said_by} said how '{need.what}' should be arranged",
        changes=model_changes(before, _commissioning_snapshot(need)),
    )
    return need
