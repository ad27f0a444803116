"""The one edit-conflict check: two people change the same record, and the later save loses
nothing silently.

A record that people edit in forms carries a ``version`` number. The form remembers the version
it was loaded at; the service saves only while the row is still at that version, in the UPDATE
itself, so two saves can never both win (SQLite and PostgreSQL alike). When someone else saved
first, the service raises an ``EditConflict`` holding the record as it stands now, changes
nothing, and the view shows both: what the other person saved and what this user typed.

Each app names its own conflict (``class EventConflict(EditConflict[PlanningEvent])``) so its
views catch exactly the records they edit; the check itself lives here only.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from django.db import models
from django.db.models import F

Record = TypeVar("Record", bound=models.Model)


class EditConflict(Exception, Generic[Record]):
    """Someone else saved the record after this user loaded it; nothing was changed.
    ``saved`` is the record as it stands now."""

    def __init__(self, *, saved: Record) -> None:
        version = getattr(saved, "version", None)
        super().__init__(f"{type(saved).__name__} {saved.pk} is at version {version}")
        self.saved = saved


def check_version(
    current: Record, expected_version: int, conflict: type[EditConflict[Record]]
) -> None:
    """Raise ``conflict`` when the record read now is no longer at the version the user loaded."""
    if current.version != expected_version:  # type: ignore[attr-defined]
        raise conflict(saved=current)


def update_at_version(
    rows: models.QuerySet[Record],
    pk: Any,
    expected_version: int,
    conflict: type[EditConflict[Record]],
    **values: Any,
) -> None:
    """Write ``values`` and move the version on by one, only while the row is still at
    ``expected_version``; otherwise raise ``conflict`` with the row as it now stands (read from
    ``rows``, so its related records come as the caller's queryset asks)."""
    updated = rows.filter(pk=pk, version=expected_version).update(
        **values, version=F("version") + 1
    )
    if updated != 1:
        raise conflict(saved=rows.get(pk=pk))
