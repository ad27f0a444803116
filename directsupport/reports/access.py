"""Who may read the site-level reports, and what they show.

The audit log is a manager's report: a manager reads the rows of their own organisation (the
rule is audit.access.audit_log_visible_to; 404 for anyone else) and sees by name only the people
they may see (people.access.people_visible_to); a row about anyone else shows their number.
Nothing here can be changed: the log is append-only, and an export writes its own audit row.
"""

from __future__ import annotations

from django.db.models import QuerySet

from directsupport.accounts.models import User
from directsupport.audit.access import audit_log_visible_to
from directsupport.audit.models import AuditEvent
from directsupport.people.access import people_visible_to
from directsupport.people.models import Person


def audit_rows_for(manager: User) -> QuerySet[AuditEvent]:
    """The audit rows this user may read; NoAccess (404) unless they are a manager."""
    return audit_log_visible_to(manager)


def people_named_for(manager: User) -> QuerySet[Person]:
    """The people the report may name (and filter by) for this user."""
    return people_visible_to(manager)
