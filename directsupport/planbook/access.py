"""Who may see and change a person's Plan Books and the batches of everyone's Plan Books.

The only place these decisions are made. It starts from planning.access: who reads Plan Books at
all (PLAN_BOOK_READERS, which also reads the graphic recordings shown in them) and who may run an
event, then narrows:

- versions: drafts for staff and the person; shared, agreed and published versions also for
  circle members who may see. Commissioners never open a Plan Book (its circle, notes and tools
  are the person's): they read a plan summary (funds.plan_summary) compiled from the latest
  published version (published_plan_book_for_summary), with the outcomes only when the person
  shares them (planning.access.may_see_outcomes_in_summary);
- managers and coordinators compile, share and publish; the person agrees their own Plan Book,
  or staff record a representative's agreement;
- a batch of everyone's Plan Books belongs to an event: those who may change the event.
"""

from __future__ import annotations

from django.db.models import QuerySet

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.lib.denials import Missing, NoAccess, ReadOnly
from directsupport.people.access import can_edit_person
from directsupport.people.models import Person
from directsupport.planning.access import (
    CLOSE_STAFF,
    PLAN_BOOK_READERS,
    get_event_for_user,
    get_person_for_readers,
)

from .models import PlanBookBatch, PlanBookStatus, PlanBookVersion

VERSION = PlanBookVersion._meta.label_lower
BATCH = PlanBookBatch._meta.label_lower
# Who sees a Plan Book before it is shared with the circle.
DRAFT_READERS = CLOSE_STAFF | {Role.PERSON, Role.MARKET_SHAPER, Role.FINANCE}
SHARED_STATUSES = (PlanBookStatus.SHARED, PlanBookStatus.AGREED, PlanBookStatus.PUBLISHED)


def _role_name(user: User) -> str:
    return user.get_role_display().lower()


def can_see_plan_books(user: User) -> bool:
    """Whether the person's Plan Book tab is theirs to follow (given they may see the person)."""
    return user.role in PLAN_BOOK_READERS


def get_plan_book_person_for_user(user: User, pk: int, *, write: bool = False) -> Person:
    person = get_person_for_readers(user, pk, PLAN_BOOK_READERS, VERSION)
    if write and not can_edit_person(user, person):
        raise ReadOnly(
            subject_type=VERSION,
            subject_id=pk,
            person_id=pk,
            reason="Read-only access: tried to change a Plan Book",
        )
    return person


def plan_book_versions_visible_to(user: User, person: Person) -> QuerySet[PlanBookVersion]:
    versions = PlanBookVersion.objects.filter(person=person)
    if user.role in DRAFT_READERS:
        return versions
    if user.role == Role.CIRCLE:
        return versions.filter(status__in=SHARED_STATUSES)
    return versions.none()


def _has_version(person: Person, number: int) -> bool:
    return PlanBookVersion.objects.filter(person=person, number=number).exists()


def get_plan_book_version_for_user(
    user: User, person_pk: int, number: int, *, write: bool = False
) -> PlanBookVersion:
    person = get_plan_book_person_for_user(user, person_pk, write=write)
    version = plan_book_versions_visible_to(user, person).filter(number=number).first()
    if version is None and not _has_version(person, number):
        raise Missing(
            subject_type=VERSION,
            subject_id=f"{person_pk}/{number}",
            reason=f"No Plan Book version {number} for person {person_pk}",
        )
    if version is None:
        raise NoAccess(
            subject_type=VERSION,
            subject_id=f"{person_pk}/{number}",
            person_id=person_pk,
            reason=f"No access to this Plan Book version for a {_role_name(user)}",
        )
    version.person = person
    return version


def can_manage_plan_book(user: User, person: Person) -> bool:
    """Compile, change, share and publish: managers and coordinators."""
    return can_edit_person(user, person)


def can_agree_own_plan_book(user: User, person: Person) -> bool:
    return user.role == Role.PERSON and person.user_id == user.pk


def can_record_agreement(user: User, person: Person) -> bool:
    """Staff record the person's own agreement made on paper, or a representative's."""
    return can_edit_person(user, person)


def get_version_for_agreement(user: User, person_pk: int, number: int) -> PlanBookVersion:
    version = get_plan_book_version_for_user(user, person_pk, number)
    person = version.person
    if not (can_agree_own_plan_book(user, person) or can_record_agreement(user, person)):
        raise ReadOnly(
            subject_type=VERSION,
            subject_id=f"{person_pk}/{number}",
            person_id=person_pk,
            reason="Tried to agree a Plan Book that is not theirs to agree",
        )
    return version


# --- Everyone's Plan Books for an event ----------------------------------------------------


def get_batch_for_user(user: User, event_pk: int, batch_pk: int) -> PlanBookBatch:
    event = get_event_for_user(user, event_pk, write=True)
    batch = event.plan_book_batches.filter(pk=batch_pk).first()
    if batch is None:
        raise NoAccess(
            subject_type=BATCH,
            subject_id=batch_pk,
            reason="No such batch of Plan Books for this event",
        )
    batch.event = event
    return batch


# --- The plan summary (what the council reads instead of the Plan Book) ---------------------


def published_plan_book_for_summary(person: Person) -> PlanBookVersion | None:
    """The version a plan summary is compiled from: the newest the person agreed and was
    published (drafts and versions only shared with the circle never reach the council). Call
    only once the summary's own access check has passed (funds.access)."""
    return (
        PlanBookVersion.objects.filter(person=person, status=PlanBookStatus.PUBLISHED)
        .order_by("-number")
        .first()
    )
