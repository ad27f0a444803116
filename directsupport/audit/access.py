"""Who may read the audit log: managers, for their own organisation."""

from django.db.models import QuerySet

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.lib.denials import NoAccess

from .models import AuditEvent


def audit_log_visible_to(user: User) -> QuerySet[AuditEvent]:
    if not (user.is_active and user.role == Role.MANAGER):
        raise NoAccess(subject_type="audit.auditevent", subject_id="*", reason="Not a manager")
    return AuditEvent.objects.filter(organisation_id=user.organisation_id)
