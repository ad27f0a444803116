"""Exceptions that access.py functions raise, carrying what was asked for so it can be audited.

``NoAccess`` is a 404 (existence is not leaked); ``ReadOnly`` is a 403 (the user may look but
not change). The audit middleware writes a "denied" row for each.
"""

from django.core.exceptions import PermissionDenied
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


class ReadOnly(AuditedDenial, PermissionDenied):
    """The user may see this but not change it."""
