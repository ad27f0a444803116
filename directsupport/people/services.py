"""Changing a person's record: their details and photo, key dates and support team.

Every function is atomic, validates with full_clean() before writing, and appends an audit row
with old and new values. A photo is never logged, only the fact that it changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action
from directsupport.audit.services import delete_and_record, model_changes, record_change
from directsupport.lib import conflicts

from .models import KeyDate, Person, SupportAssignment
from .photos import PreparedPhoto, delete_photo, store_photo

# The fields of a person's record that people may change (not who holds the record, nor its
# bookkeeping: organisation, photo, version and timestamps are set here).
EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "area",
    "funding_council",
    "coordinator",
    "stage",
    "communicates_by",
    "communicate_with_me",
    "communication_support",
    "preferred_format",
    "user",
)
RELATED = ("area", "funding_council", "coordinator", "user")


class EditConflict(conflicts.EditConflict[Person]):
    """Someone else saved the record after this user started editing it."""


def _check_fields(details: Mapping[str, Any]) -> None:
    unknown = set(details) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable through this service: {', '.join(sorted(unknown))}")


def _snapshot(person: Person) -> dict[str, Any]:
    return {name: getattr(person, name) for name in EDITABLE_FIELDS}


def _attname(name: str) -> str:
    """The column attribute of a field: ``area_id`` for ``area``."""
    field = Person._meta.get_field(name)
    return str(getattr(field, "attname", name))


def _photo_change(old_name: str, new_name: str) -> dict[str, Any]:
    """How the audit row describes a photo change: never the picture, only what happened."""
    if old_name == new_name:
        return {}
    if not new_name:
        return {"photo": {"from": "a photo", "to": None}}
    return {"photo": {"from": "a photo" if old_name else None, "to": "a new photo"}}


@transaction.atomic
def create_person(
    *,
    actor: User,
    organisation: Organisation,
    details: Mapping[str, Any],
    photo: PreparedPhoto | None = None,
    request: HttpRequest | None = None,
) -> Person:
    """Add someone supported by ``organisation``."""
    _check_fields(details)
    person = Person(organisation=organisation, **details)
    person.full_clean()
    stored = store_photo(photo) if photo is not None else ""
    try:
        person.photo.name = stored
        person.save()
        record_change(
            request,
            actor=actor,
            action=Action.CREATE,
            person_id=person.pk,
            subject=person,
            summary=f"Added {person.display_name}",
            changes={**model_changes({}, _snapshot(person)), **_photo_change("", stored)},
        )
    except BaseException:
        delete_photo(stored)
        raise
    return person


@transaction.atomic
def update_person(
    *,
    actor: User,
    person: Person,
    expected_version: int,
    changes: Mapping[str, Any],
    photo: PreparedPhoto | None = None,
    remove_photo: bool = False,
    request: HttpRequest | None = None,
) -> Person:
    """Save changes made to the version ``expected_version`` of the record.

    Raises EditConflict, changing nothing, when someone else has saved since: the UPDATE only
    matches the row while it is still at the expected version, so two saves can never both win
    (on SQLite and PostgreSQL alike).
    """
    _check_fields(changes)
    current = Person.objects.select_related(*RELATED).get(pk=person.pk)
    conflicts.check_version(current, expected_version, EditConflict)
    before = _snapshot(current)
    old_photo = current.photo.name or ""
    for name, value in changes.items():
        setattr(current, name, value)
    current.full_clean()

    new_photo = store_photo(photo) if photo is not None else ""
    try:
        if new_photo:
            current.photo.name = new_photo
        elif remove_photo:
            current.photo.name = ""
        now = timezone.now()
        columns = [_attname(name) for name in changes]
        values = {column: getattr(current, column) for column in columns}
        conflicts.update_at_version(
            Person.objects.select_related(*RELATED),
            current.pk,
            expected_version,
            EditConflict,
            **values,
            photo=current.photo.name or "",
            updated_at=now,
        )
    except BaseException:
        delete_photo(new_photo)
        raise

    current.version = expected_version + 1
    current.updated_at = now
    new_photo_name = current.photo.name or ""
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=current.pk,
        subject=current,
        summary=f"Changed the details of {current.display_name}",
        changes={
            **model_changes(before, _snapshot(current)),
            **_photo_change(old_photo, new_photo_name),
        },
    )
    if old_photo and old_photo != new_photo_name:
        # Only once the new name is committed: a rollback must not leave the record pointing
        # at a deleted file.
        transaction.on_commit(lambda: delete_photo(old_photo))
    return current


# --- Key dates ------------------------------------------------------------------------------


@transaction.atomic
def add_key_date(
    *,
    actor: User,
    person: Person,
    label: str,
    date: dt.date,
    every_year: bool,
    request: HttpRequest | None = None,
) -> KeyDate:
    key_date = KeyDate(person=person, label=label, date=date, every_year=every_year)
    key_date.full_clean()
    key_date.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=person.pk,
        subject=key_date,
        summary=f"Added the key date {label}",
        changes=model_changes(
            {}, {"label": label, "date": date.isoformat(), "every_year": every_year}
        ),
    )
    return key_date


@transaction.atomic
def remove_key_date(*, actor: User, key_date: KeyDate, request: HttpRequest | None = None) -> None:
    before = {
        "label": key_date.label,
        "date": key_date.date.isoformat(),
        "every_year": key_date.every_year,
    }
    delete_and_record(
        request,
        actor=actor,
        instance=key_date,
        person_id=key_date.person_id,
        summary=f"Removed the key date {key_date.label}",
        before=before,
    )


# --- The support team -----------------------------------------------------------------------


@transaction.atomic
def assign_support_worker(
    *, actor: User, person: Person, worker: User, request: HttpRequest | None = None
) -> SupportAssignment:
    """Put a support worker on the person's team: from then on they may see the person."""
    if (
        worker.role != Role.SUPPORT_WORKER
        or worker.organisation_id != person.organisation_id
        or not worker.is_active
    ):
        raise ValidationError(
            {"worker": "Choose a support worker who works for the same organisation."}
        )
    existing = SupportAssignment.objects.filter(person=person, worker=worker).first()
    if existing is not None:
        return existing
    assignment = SupportAssignment(person=person, worker=worker)
    assignment.full_clean()
    assignment.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=person.pk,
        subject=assignment,
        summary=f"Added {worker.full_name} to the support team",
        changes={"support_worker": {"from": None, "to": worker.full_name}},
    )
    return assignment


@transaction.atomic
def unassign_support_worker(
    *, actor: User, person: Person, worker: User, request: HttpRequest | None = None
) -> bool:
    """Take a support worker off the team: they stop seeing the person at once."""
    assignment = SupportAssignment.objects.filter(person=person, worker=worker).first()
    if assignment is None:
        return False
    delete_and_record(
        request,
        actor=actor,
        instance=assignment,
        person_id=person.pk,
        summary=f"Took {worker.full_name} off the support team",
        before={"support_worker": worker.full_name},
    )
    return True
