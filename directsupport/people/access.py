"""Who may see and change a person's information. The only place these decisions are made.

Rules (DESIGN.md roles):
- managers and coordinators: everyone their provider supports; they may change records;
- finance and market shapers: everyone their provider supports, read only, not the circle;
- support workers: only the people they are assigned to, read only;
- a person: only themselves; they decide who in their circle may see and contribute;
- a circle member: only people whose circle they are in and who let them see;
- commissioners: people their council funds, read only, never the circle, and of the record
  only what the council needs or the person agreed to share (see "Fields of a person's record");
- suppliers and experts by experience: nobody (later issues give them narrow, explicit views).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.reads import note_read
from directsupport.lib.denials import NoAccess, ReadOnly

from .models import CircleMember, CouncilSharingDecision, Person, SupportAssignment

EDITORS = frozenset({Role.MANAGER, Role.COORDINATOR})
WHOLE_ORGANISATION_READERS = frozenset(
    {Role.MANAGER, Role.COORDINATOR, Role.FINANCE, Role.MARKET_SHAPER}
)
PEOPLE_LIST_ROLES = WHOLE_ORGANISATION_READERS | {
    Role.SUPPORT_WORKER,
    Role.PERSON,
    Role.CIRCLE,
    Role.COMMISSIONER,
}
CIRCLE_STAFF = frozenset({Role.MANAGER, Role.COORDINATOR, Role.SUPPORT_WORKER})


def people_visible_to(user: User) -> QuerySet[Person]:
    """Every person this user may see, as one query (no per-row checks)."""
    people = Person.objects.all()
    role = user.role
    if not user.is_active:
        return people.none()
    if role in WHOLE_ORGANISATION_READERS:
        return people.filter(organisation_id=user.organisation_id)
    if role == Role.SUPPORT_WORKER:
        assigned = SupportAssignment.objects.filter(person=OuterRef("pk"), worker=user)
        return people.filter(Exists(assigned), organisation_id=user.organisation_id)
    if role == Role.PERSON:
        return people.filter(user=user)
    if role == Role.CIRCLE:
        member = CircleMember.objects.filter(person=OuterRef("pk"), user=user, may_see=True)
        return people.filter(Exists(member))
    if role == Role.COMMISSIONER:
        return people.filter(funding_council_id=user.organisation_id)
    return people.none()


def get_people_list_for_user(user: User) -> QuerySet[Person]:
    """The people list: 404 for roles that can never see anyone (suppliers, experts by
    experience), rather than an empty page that suggests they might."""
    if user.role not in PEOPLE_LIST_ROLES:
        raise NoAccess(
            subject_type="people.person",
            subject_id="*",
            reason=f"No people list for a {user.get_role_display().lower()}",
        )
    return people_visible_to(user)


def sees_whole_organisation(user: User) -> bool:
    """True when people_visible_to(user) is everyone the user's organisation supports."""
    return user.is_active and user.role in WHOLE_ORGANISATION_READERS


def can_edit_person(user: User, person: Person) -> bool:
    return user.role in EDITORS and person.organisation_id == user.organisation_id


def can_add_people(user: User) -> bool:
    return user.role in EDITORS


def get_person_for_user(user: User, pk: int, *, write: bool = False) -> Person:
    """The person with this id if the user may see them; 404 otherwise, 403 if read-only.

    Every page, image and download of a person's information fetches them here (directly or
    through a ``get_X_for_user`` built on it), so this is where the read is audited: the
    request notes it, and a successful GET writes one "looked at" row per person
    (audit/reads.py). A view describes the read in its own words with ``record_view``.
    """
    person = (
        people_visible_to(user)
        # What the person's pages show of them (area, council, coordinator); their own account
        # (person.user) is read where it is needed, by the one form that invites them.
        .select_related("area", "funding_council", "coordinator")
        .filter(pk=pk)
        .first()
    )
    if person is None:
        raise NoAccess(
            subject_type="people.person",
            subject_id=pk,
            person_id=pk,
            reason=f"No access to this person for a {user.get_role_display().lower()}",
        )
    if write and not can_edit_person(user, person):
        raise ReadOnly(
            subject_type="people.person",
            subject_id=pk,
            person_id=pk,
            reason="Read-only access: tried to change the person's record",
        )
    note_read(person)
    return person


def can_see_circle(user: User, person: Person) -> bool:
    """Staff close to the person, the person, and circle members they let see.

    Only called with a person from people_visible_to(), which already required may_see for a
    circle member.
    """
    return user.role in CIRCLE_STAFF or user.role in (Role.PERSON, Role.CIRCLE)


def can_see_circle_contacts(user: User, person: Person) -> bool:
    """Phone numbers and addresses of other circle members: staff and the person only."""
    return user.role in CIRCLE_STAFF or user.role == Role.PERSON


def get_circle_person_for_user(user: User, pk: int, *, write: bool = False) -> Person:
    """The person whose circle is asked for, if this user may see (or with write, edit) it."""
    person = get_person_for_user(user, pk)
    if not can_see_circle(user, person):
        raise NoAccess(
            subject_type="people.circle",
            subject_id=pk,
            person_id=pk,
            reason=f"No access to the circle for a {user.get_role_display().lower()}",
        )
    if write and not can_edit_person(user, person):
        raise ReadOnly(
            subject_type="people.circle",
            subject_id=pk,
            person_id=pk,
            reason="Read-only access: tried to change the circle",
        )
    return person


def get_circle_member_for_user(
    user: User, person_pk: int, member_pk: int, *, write: bool = False
) -> CircleMember:
    person = get_circle_person_for_user(user, person_pk, write=write)
    member = CircleMember.objects.filter(person=person, pk=member_pk).first()
    if member is None:
        raise NoAccess(
            subject_type="people.circlemember",
            subject_id=member_pk,
            person_id=person_pk,
            reason="Circle member not in this person's circle",
        )
    member.person = person
    return member


def can_decide_circle_permissions(user: User, person: Person) -> bool:
    """The person themselves, or staff recording the person's (or representative's) decision."""
    if user.role == Role.PERSON:
        return person.user_id == user.pk
    return can_edit_person(user, person)


def get_person_for_permissions(user: User, pk: int) -> Person:
    person = get_circle_person_for_user(user, pk)
    if not can_decide_circle_permissions(user, person):
        raise ReadOnly(
            subject_type="people.consentdecision",
            subject_id=pk,
            person_id=pk,
            reason="Tried to change who may see the person's information",
        )
    return person


def can_see_audit_trail(user: User, person: Person) -> bool:
    """'Who looked at my information': the person and the staff responsible for them."""
    return user.role in EDITORS or (user.role == Role.PERSON and person.user_id == user.pk)


def check_may_add_people(user: User) -> None:
    """Adding someone is for coordinators and managers; other roles that see people may only
    look (403); roles that never see anyone (suppliers, experts by experience) are told nothing
    (404), like every other page about people."""
    if user.role not in PEOPLE_LIST_ROLES:
        raise NoAccess(
            subject_type="people.person",
            subject_id="new",
            reason=f"No people pages for a {user.get_role_display().lower()}",
        )
    if not can_add_people(user):
        raise ReadOnly(
            subject_type="people.person",
            subject_id="new",
            reason="Read-only access: tried to add a person",
        )


def get_person_for_audit_trail(user: User, pk: int) -> Person:
    """The person whose 'who looked at my information' page is asked for; 404 for anyone else."""
    person = get_person_for_user(user, pk)
    if not can_see_audit_trail(user, person):
        raise NoAccess(
            subject_type="audit.auditevent",
            subject_id=pk,
            person_id=pk,
            reason=f"No access to who looked at the record for a {user.get_role_display().lower()}",
        )
    return person


# --- Fields of a person's record --------------------------------------------------------------
#
# Which parts of a person's record a viewer may read, once people_visible_to() lets them see
# the person at all. Templates ask this (through the view or the person_page tags), never the
# viewer's role. Everyone who may see a person reads every field, except commissioners: the
# council sees what it needs to fund support (COUNCIL_ALWAYS), and the rest only where the
# person agreed to share it (CouncilSharingDecision); never where they live, their birthday,
# their photo, the dates that matter to them or who is in their circle or support team.

PERSON_FIELDS = frozenset(
    {
        "name",  # name, preferred name and full legal name
        "photo",
        "date_of_birth",
        "address",  # address lines, town and postcode
        "area",
        "funding_council",
        "coordinator",
        "stage",
        "communication",  # how they communicate and like their information
        "key_dates",
        "support_team",
        "circle",
        # Who decides for the person when they lack capacity (a deputy, an attorney, a family
        # member), with the reason: named on agreements and consent records.
        "representatives",
    }
)
COUNCIL_ALWAYS = frozenset({"name", "area", "funding_council", "coordinator", "stage"})
# What the person may choose to share that is a field of their record (outcomes and the Perfect
# Week are planning's and week's to decide, reading shared_with_council()).
COUNCIL_SHAREABLE_FIELDS = frozenset({"communication"})


def shared_with_council(person: Person) -> frozenset[str]:
    """What the person has agreed to share with their council beyond the minimum: a subset of
    people.models.COUNCIL_SHAREABLE. Cached on the person for the request."""
    cached: frozenset[str] | None = getattr(person, "_shared_with_council", None)
    if cached is None:
        cached = CouncilSharingDecision.shared_now(person)
        person._shared_with_council = cached  # type: ignore[attr-defined]
    return cached


def is_council_viewer(user: User, person: Person) -> bool:
    """A commissioner looking at someone their council funds: sees only what is shared."""
    return user.role == Role.COMMISSIONER


def visible_person_fields(user: User, person: Person) -> frozenset[str]:
    """The fields of ``person``'s record ``user`` may read (see PERSON_FIELDS)."""
    if not is_council_viewer(user, person):
        return PERSON_FIELDS
    return COUNCIL_ALWAYS | (COUNCIL_SHAREABLE_FIELDS & shared_with_council(person))


def may_see_field(user: User, person: Person, field: str) -> bool:
    if field not in PERSON_FIELDS:
        raise ValueError(f"Not a field of a person's record: {field}")
    return field in visible_person_fields(user, person)


def get_person_photo_for_user(user: User, pk: int) -> Person:
    """The person whose photo is asked for: 404 unless the viewer may see their photo."""
    person = get_person_for_user(user, pk)
    if not may_see_field(user, person, "photo"):
        raise NoAccess(
            subject_type="people.person",
            subject_id=pk,
            person_id=pk,
            reason=f"No access to the person's photo for a {user.get_role_display().lower()}",
        )
    return person


def can_see_council_sharing(user: User, person: Person) -> bool:
    """'What I share with the council': the person, and staff who may record their decisions
    (the council itself sees what is shared, on the plan summary, not the choices)."""
    return can_decide_circle_permissions(user, person)


def get_person_for_council_sharing(user: User, pk: int) -> Person:
    """The person whose council sharing is asked for; 404 for anyone who may not decide it."""
    person = get_person_for_user(user, pk)
    if not can_see_council_sharing(user, person):
        raise NoAccess(
            subject_type="people.councilsharingdecision",
            subject_id=pk,
            person_id=pk,
            reason=f"No access to what is shared with the council for a "
            f"{user.get_role_display().lower()}",
        )
    return person
