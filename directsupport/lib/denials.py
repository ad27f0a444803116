"""Exceptions that access.py functions raise, carrying what was asked for so it can be audited.

``NoAccess`` is a 404 (existence is not leaked); ``ReadOnly`` is a 403 (the user may look but
not change). The audit middleware writes a "denied" row for each.
"""

from collections.abc import Callable
from typing import Protocol, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404


class AuditedDenial(Exception):
    def __init__(
        self, *, subject_type: str, subject_id: object, person_id: int | None = None, reason: str
    ) -> None:
        super().__init__(reason)
        self.subject_type = subject_type
        self.subject_id = str(subject_id)
        self.person_id = person_id
        self.reason = reason


class NoAccess(AuditedDenial, Http404):
    """Not found, as far as this user may know."""


class Missing(NoAccess):
    """The user may see the person, but nothing of theirs has this id: a mistyped or stale
    address, not a refusal. Still a 404 and still audited (a run of guesses shows in the log),
    but not against the person: their "who looked at my information" must not say that
    someone was refused access to them."""

    def __init__(self, *, subject_type: str, subject_id: object, reason: str) -> None:
        super().__init__(
            subject_type=subject_type, subject_id=subject_id, person_id=None, reason=reason
        )


class ReadOnly(AuditedDenial, PermissionDenied):
    """The user may see this but not change it."""


Found = TypeVar("Found", bound=Model)


class HasRole(Protocol):
    """What a denial needs of the user: lib stands below accounts, so it cannot name User."""

    def get_role_display(self) -> str: ...


def one_for_user(
    visible: QuerySet[Found],
    pk: int,
    *,
    user: HasRole,
    subject_type: str,
    what: str,
    write: bool,
    may_change: Callable[[Found], bool],
    tried: str,
) -> Found:
    """The one object of ``visible`` (what an access module lets ``user`` see) with this id:
    NoAccess (404) when it is not there, ReadOnly (403) when ``write`` is asked and
    ``may_change`` says no. Both are audited where they are turned into responses."""
    found = visible.filter(pk=pk).first()
    role = user.get_role_display().lower()
    if found is None:
        raise NoAccess(
            subject_type=subject_type, subject_id=pk, reason=f"No access to {what} for a {role}"
        )
    if write and not may_change(found):
        raise ReadOnly(
            subject_type=subject_type, subject_id=pk, reason=f"Read-only access: tried to {tried}"
        )
    return found
