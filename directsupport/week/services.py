"""Adding, changing and removing the entries of a person's week.

Every change carries the week version the user started from and bumps it with a conditional
UPDATE first: if someone else saved in between, nothing is changed and WeekConflict is raised,
so two saves can never both win (on SQLite and PostgreSQL alike).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_change
from directsupport.lib import conflicts
from directsupport.people.models import Person

from .display import DAY_NAMES
from .models import Week, WeekEntry

ENTRY_FIELDS = (
    "weekday",
    "starts_at",
    "ends_at",
    "overnight",
    "what",
    "place",
    "company",
    "company_member",
    "support_ratio",
    "support_kind",
    "shared_by",
    "fixed",
    "recurrence",
    "repeats_from",
    "notes",
)


class WeekConflict(conflicts.EditConflict[Week]):
    """Someone else changed the week after this user started editing it."""


def get_or_create_week(*, person: Person, kind: str) -> Week:
    try:
        with transaction.atomic():
            week, _ = Week.objects.get_or_create(person=person, kind=kind)
    except IntegrityError:  # two first entries at once: the other request made it
        week = Week.objects.get(person=person, kind=kind)
    return week


def _snapshot(entry: WeekEntry) -> dict[str, Any]:
    return {
        name: getattr(entry, "company_member_id" if name == "company_member" else name)
        for name in ENTRY_FIELDS
    }


def _bump(week: Week, expected_version: int, actor: User) -> None:
    """Move the week on one version, or raise WeekConflict if it has moved already."""
    conflicts.update_at_version(
        Week.objects.all(),
        week.pk,
        expected_version,
        WeekConflict,
        updated_by=actor,
        updated_at=timezone.now(),
    )
    week.version = expected_version + 1


def _label(entry: WeekEntry, week: Week) -> str:
    return f"'{entry.what}' on {DAY_NAMES[entry.weekday]} in {week.get_kind_display()}"


@transaction.atomic
def add_entry(
    *,
    actor: User,
    week: Week,
    expected_version: int,
    fields: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> WeekEntry:
    _bump(week, expected_version, actor)
    entry = WeekEntry(week=week, **fields)
    entry.full_clean()
    entry.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=week.person_id,
        subject=entry,
        summary=f"Added {_label(entry, week)}",
        changes=model_changes({}, _snapshot(entry)),
    )
    return entry


@transaction.atomic
def change_entry(
    *,
    actor: User,
    entry: WeekEntry,
    expected_version: int,
    fields: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> WeekEntry:
    week = entry.week
    _bump(week, expected_version, actor)
    before = _snapshot(entry)
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.full_clean()
    entry.save()
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=week.person_id,
        subject=entry,
        summary=f"Changed {_label(entry, week)}",
        changes=model_changes(before, _snapshot(entry)),
    )
    return entry


@transaction.atomic
def remove_entry(
    *,
    actor: User,
    entry: WeekEntry,
    expected_version: int,
    request: HttpRequest | None = None,
) -> None:
    week = entry.week
    _bump(week, expected_version, actor)
    before = _snapshot(entry)
    record_change(
        request,
        actor=actor,
        action=Action.DELETE,
        person_id=week.person_id,
        subject=entry,
        summary=f"Removed {_label(entry, week)}",
        changes=model_changes(before, {name: None for name in before}),
    )
    entry.delete()
