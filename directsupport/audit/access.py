"""Who may read the audit log: managers, for their own organisation."""

from django.db.models import QuerySet

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.lib.denials import NoAccess

from .models import AuditEvent


def can_browse_audit_log(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.MANAGER)


def audit_log_visible_to(user: User) -> QuerySet[AuditEvent]:
    """The rows of the manager's organisation (what its users did). 404 for anyone else."""
    if not can_browse_audit_log(user):
        raise NoAccess(subject_type="audit.auditevent", subject_id="*", reason="Not a manager")
    return AuditEvent.objects.filter(organisation_id=user.organisation_id)
