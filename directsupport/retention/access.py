"""Who may see the retention schedule and decide about a person's records.

- managers: the schedule, the review list, keep and destroy decisions, erasure requests and
  the destruction log, for their own organisation;
- coordinators: the schedule only, read-only (they answer people's questions about it);
- everyone else: nothing (404, so the pages' existence is not leaked).
"""

from __future__ import annotations

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.lib.denials import NoAccess
from directsupport.people.models import Person

from .models import ErasureRequest

SCHEDULE_READERS = frozenset({Role.MANAGER, Role.COORDINATOR})


def can_see_schedule(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role in SCHEDULE_READERS)


def can_decide_retention(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.MANAGER)


def check_schedule_reader(user: User) -> None:
    if not can_see_schedule(user):
        raise NoAccess(
            subject_type="retention.schedule", subject_id="*", reason="Not a manager or coordinator"
        )


def check_retention_manager(user: User) -> None:
    if not can_decide_retention(user):
        raise NoAccess(
            subject_type="retention.review", subject_id="*", reason="Retention is for managers"
        )


def get_person_for_retention(user: User, pk: int) -> Person:
    """A person of the manager's organisation, to review their records."""
    check_retention_manager(user)
    person = Person.objects.filter(pk=pk, organisation_id=user.organisation_id).first()
    if person is None:
        raise NoAccess(
            subject_type="people.person",
            subject_id=pk,
            person_id=pk,
            reason="No such person in the manager's organisation",
        )
    return person


def get_erasure_request_for_user(user: User, pk: int) -> ErasureRequest:
    check_retention_manager(user)
    erasure = ErasureRequest.objects.filter(pk=pk, organisation_id=user.organisation_id).first()
    if erasure is None:
        raise NoAccess(
            subject_type="retention.erasurerequest",
            subject_id=pk,
            reason="No such erasure request in the manager's organisation",
        )
    return erasure
