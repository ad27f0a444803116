"""Saving a person-centred tool: a new version of its content, kept as a revision, audited.

Two people may work on the same tool at once; a save only lands on the version it started
from (a conditional UPDATE, as people.services.update_person does), so nothing is ever
silently overwritten.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.audit.models import Action
from directsupport.audit.services import record_change
from directsupport.lib import conflicts
from directsupport.people.models import Person

from ..models import ToolRevision, ToolSection
from .specs import (
    ITEM_MAX_LENGTH,
    MAX_ITEMS,
    TEXT_MAX_LENGTH,
    ListPart,
    Part,
    TablePart,
    TextPart,
    ToolSpec,
    spec_for,
)


class ToolConflict(conflicts.EditConflict[ToolSection]):
    """Someone else saved the tool after this user started changing it."""


# --- Checking content against the spec ------------------------------------------------------


def clean_content(spec: ToolSpec, content: dict[str, Any]) -> dict[str, Any]:
    """``content`` in the spec's exact shape (every part, every column), or ValidationError.

    Forms already give this shape; the check is here too because the demo data and the Plan
    Book read what is stored, whoever stored it.
    """
    unknown = set(content) - {part.key for part in spec.parts}
    if unknown:
        raise ValidationError(f"{spec.title} has no part called {', '.join(sorted(unknown))}.")
    return {part.key: _clean_part(part, content.get(part.key)) for part in spec.parts}


def _clean_part(part: Part, value: Any) -> Any:
    if isinstance(part, TextPart):
        text = value or ""
        if not isinstance(text, str) or len(text) > TEXT_MAX_LENGTH:
            raise ValidationError(f"{part.label}: at most {TEXT_MAX_LENGTH} characters of text.")
        return text
    items = value or []
    if not isinstance(items, list) or len(items) > MAX_ITEMS:
        raise ValidationError(f"{part.label}: at most {MAX_ITEMS} lines.")
    if isinstance(part, ListPart):
        return [_clean_item(part, item) for item in items]
    return [_clean_row(part, row) for row in items]


def _clean_item(part: ListPart, item: Any) -> str:
    if not isinstance(item, str) or not item.strip() or len(item) > ITEM_MAX_LENGTH:
        raise ValidationError(
            f"{part.label}: each line must have words, at most {ITEM_MAX_LENGTH} characters."
        )
    return item.strip()


def _clean_row(part: TablePart, row: Any) -> dict[str, str]:
    if not isinstance(row, dict) or set(row) - {column.key for column in part.columns}:
        raise ValidationError(f"{part.label}: a row has columns this chart does not have.")
    cleaned = {}
    for column in part.columns:
        value = row.get(column.key) or ""
        if not isinstance(value, str) or len(value) > ITEM_MAX_LENGTH:
            raise ValidationError(f"{part.label}: “{column.label}” is too long.")
        value = value.strip()
        if column.required and not value:
            raise ValidationError(f"{part.label}: every row needs “{column.label}”.")
        if column.choices and value not in dict(column.choices):
            raise ValidationError(f"{part.label}: “{value}” is not a choice for {column.label}.")
        if column.is_date and value:
            try:
                dt.date.fromisoformat(value)
            except ValueError as error:
                raise ValidationError(f"{part.label}: “{value}” is not a date.") from error
        cleaned[column.key] = value
    return cleaned


# --- Saving ---------------------------------------------------------------------------------


def _part_changes(spec: ToolSpec, before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Old and new value of each part that changed, for the audit row."""
    return {
        part.key: {"from": before.get(part.key), "to": after.get(part.key)}
        for part in spec.parts
        if before.get(part.key) != after.get(part.key)
    }


@transaction.atomic
def save_tool(
    *,
    actor: User,
    person: Person,
    kind: str,
    content: dict[str, Any],
    expected_version: int,
    request: HttpRequest | None = None,
) -> ToolSection:
    """Save ``content`` as the next version of the person's ``kind`` tool.

    ``expected_version`` is the version the user started from: 0 for a tool not started yet.
    Raises ToolConflict, changing nothing, when the tool has moved on since. Saving exactly
    what is there already makes no new version.
    """
    spec = spec_for(kind)
    content = clean_content(spec, content)
    section = ToolSection.objects.filter(person=person, kind=kind).first()
    if section is None:
        return _start_tool(actor, person, spec, content, expected_version, request)
    conflicts.check_version(section, expected_version, ToolConflict)
    if section.content == content:
        return section

    before = section.content
    now = timezone.now()
    section.content = content
    section.full_clean()
    conflicts.update_at_version(
        ToolSection.objects.all(),
        section.pk,
        expected_version,
        ToolConflict,
        content=content,
        updated_by=actor,
        updated_at=now,
    )
    section.version = expected_version + 1
    section.updated_by = actor
    section.updated_at = now
    _add_revision(section)
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=person.pk,
        subject=section,
        summary=f"Changed “{spec.title}” for {person.display_name} (version {section.version})",
        changes=_part_changes(spec, before, content),
    )
    return section


def _start_tool(
    actor: User,
    person: Person,
    spec: ToolSpec,
    content: dict[str, Any],
    expected_version: int,
    request: HttpRequest | None,
) -> ToolSection:
    if expected_version != 0:
        raise ValidationError("This page was out of date. Open the tool again and start afresh.")
    section = ToolSection(
        person=person,
        kind=spec.kind,
        content=content,
        version=1,
        updated_by=actor,
        updated_at=timezone.now(),
    )
    # The unique (person, kind) constraint is left to the database: someone starting the same
    # tool a moment earlier is a conflict to show, not a form error.
    section.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            section.save()
    except IntegrityError as error:
        saved = ToolSection.objects.filter(person=person, kind=spec.kind).first()
        if saved is None:
            raise
        raise ToolConflict(saved=saved) from error
    _add_revision(section)
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=person.pk,
        subject=section,
        summary=f"Started “{spec.title}” for {person.display_name}",
        changes=_part_changes(spec, spec.empty_content(), content),
    )
    return section


def _add_revision(section: ToolSection) -> ToolRevision:
    revision = ToolRevision(
        section=section,
        version=section.version,
        content=section.content,
        saved_by=section.updated_by,
        saved_at=section.updated_at,
    )
    revision.full_clean()
    revision.save()
    return revision
