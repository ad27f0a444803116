"""Who may see, answer and download subject access requests. The only place this is decided.

- Coordinators and managers of the person's provider record requests, make the copy and may
  download it (they answer the request: the same people who may change the person's record,
  ``people.access.can_edit_person``).
- The person may see their own requests and download the copy; so may the circle member they
  chose as their representative for that request (and only while they are in the circle with
  a sign-in of their own).
- Everyone else, including commissioners, suppliers, finance and support workers: 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.lib.denials import NoAccess, ReadOnly
from directsupport.people.access import EDITORS, can_edit_person

from .models import SubjectAccessRequest

SUBJECT_TYPE = "subject_access.subjectaccessrequest"


def answers_requests(user: User) -> bool:
    """Coordinators and managers: they record requests and make the copies."""
    return user.is_active and user.role in EDITORS


def requests_visible_to(user: User) -> QuerySet[SubjectAccessRequest]:
    """Every request this user may see, as one query."""
    requests = SubjectAccessRequest.objects.select_related("person", "representative")
    if not user.is_active:
        return requests.none()
    if answers_requests(user):
        return requests.filter(person__organisation_id=user.organisation_id)
    if user.role in (Role.PERSON, Role.CIRCLE):
        return requests.filter(Q(person__user=user) | Q(representative__user=user))
    return requests.none()


def may_see_requests_page(user: User) -> bool:
    """The request list is for those who answer requests and those who may make them."""
    return user.is_active and (answers_requests(user) or user.role in (Role.PERSON, Role.CIRCLE))


def check_may_see_requests_page(user: User) -> None:
    if not may_see_requests_page(user):
        raise NoAccess(
            subject_type=SUBJECT_TYPE,
            subject_id="*",
            reason=f"No subject access requests for a {user.get_role_display().lower()}",
        )


def check_may_record_requests(user: User) -> None:
    """Recording a request is for coordinators and managers (403 for a person, who may look)."""
    check_may_see_requests_page(user)
    if not answers_requests(user):
        raise ReadOnly(
            subject_type=SUBJECT_TYPE,
            subject_id="new",
            reason="Only coordinators and managers record subject access requests",
        )


def get_request_for_user(user: User, pk: int, *, answer: bool = False) -> SubjectAccessRequest:
    """The request if the user may see it (404 otherwise); with ``answer``, only if they may
    make its copy (403 for the person or their representative, who may only look)."""
    found = requests_visible_to(user).filter(pk=pk).first()
    if found is None:
        raise NoAccess(
            subject_type=SUBJECT_TYPE,
            subject_id=pk,
            reason=f"No access to this request for a {user.get_role_display().lower()}",
        )
    if answer and not can_edit_person(user, found.person):
        raise ReadOnly(
            subject_type=SUBJECT_TYPE,
            subject_id=pk,
            person_id=found.person_id,
            reason="Only coordinators and managers make the copy",
        )
    return found
