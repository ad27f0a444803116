"""Who may see and change Planning Live events, capture boards and tools.

The only place these decisions are made. Every function starts from ``people.access`` (a user
never sees planning for someone they cannot see at all) and narrows by role:

- events: managers and coordinators plan them; a support worker sees the events they
  facilitate or record; nobody else;
- capture boards (what was said on the day): staff close to the person, the person, and circle
  members the person lets see. Adding a note also needs "may contribute" for a circle member
  (403 without, audited). Best guesses are checked with the person by the person themselves or
  staff close to them;
- the person-centred tools and outcomes: staff close to the person and the market shaper read
  them, the person and circle members who may see read them, managers and coordinators change
  them;
- who reads Plan Books at all (PLAN_BOOK_READERS), since their graphic recordings are shown in
  them; which versions each reader sees, and who compiles, agrees and publishes them, is
  planbook.access. Commissioners read a plan summary (funds.plan_summary) instead, with the
  outcomes only when the person shares them (may_see_outcomes_in_summary).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.lib.denials import NoAccess, ReadOnly
from directsupport.people.access import (
    EDITORS,
    can_edit_person,
    get_person_for_user,
    people_visible_to,
    shared_with_council,
)
from directsupport.people.models import Person

from .models import CaptureNote, EventParticipant, GraphicRecording, Outcome, PlanningEvent

# Staff who work with the person directly (support workers only with people assigned to them,
# which people_visible_to already ensures).
CLOSE_STAFF = frozenset({Role.MANAGER, Role.COORDINATOR, Role.SUPPORT_WORKER})
BOARD_READERS = CLOSE_STAFF | {Role.PERSON, Role.CIRCLE}
TOOL_READERS = BOARD_READERS | {Role.MARKET_SHAPER}
# Who reads a person's Plan Books (planbook.access) and so the graphic recordings in them.
PLAN_BOOK_READERS = TOOL_READERS | {Role.FINANCE}


def _role_name(user: User) -> str:
    return user.get_role_display().lower()


# Which of a person's planning pages a user may open, given they may see the person at all
# (people.access decides that); used to show only the tabs a user can follow.


def can_see_board(user: User) -> bool:
    return user.role in BOARD_READERS


def can_see_tools(user: User) -> bool:
    return user.role in TOOL_READERS


# --- Events ---------------------------------------------------------------------------------


def can_plan_events(user: User) -> bool:
    return user.is_active and user.role in EDITORS


def events_visible_to(user: User) -> QuerySet[PlanningEvent]:
    events = PlanningEvent.objects.filter(organisation_id=user.organisation_id)
    if not user.is_active:
        return events.none()
    if user.role in EDITORS:
        return events
    if user.role == Role.SUPPORT_WORKER:
        return events.filter(Q(facilitators=user) | Q(recorder=user)).distinct()
    return events.none()


def check_may_see_events(user: User) -> None:
    """The events list: 404 for roles that never run a Planning Live day."""
    if user.role not in CLOSE_STAFF:
        raise NoAccess(
            subject_type="planning.planningevent",
            subject_id="*",
            reason=f"No Planning Live events for a {_role_name(user)}",
        )


def planning_work_people(user: User) -> QuerySet[Person]:
    """The people whose best guesses and waiting Plan Books a member of staff follows (their home
    page's Planning Live panels and the full lists behind them): a coordinator the people they
    coordinate, managers and support workers everyone they see. 404 for every other role."""
    if user.role not in CLOSE_STAFF:
        raise NoAccess(
            subject_type="planning.planbookversion",
            subject_id="*",
            reason=f"No Planning Live work lists for a {_role_name(user)}",
        )
    people = people_visible_to(user)
    if user.role == Role.COORDINATOR:
        people = people.filter(coordinator=user)
    return people


def check_may_plan_events(user: User) -> None:
    if not can_plan_events(user):
        raise ReadOnly(
            subject_type="planning.planningevent",
            subject_id="new",
            reason="Tried to plan a Planning Live event",
        )


def get_event_for_user(user: User, pk: int, *, write: bool = False) -> PlanningEvent:
    event = events_visible_to(user).select_related("recorder").filter(pk=pk).first()
    if event is None:
        raise NoAccess(
            subject_type="planning.planningevent",
            subject_id=pk,
            reason=f"No access to this Planning Live event for a {_role_name(user)}",
        )
    if write and not can_plan_events(user):
        raise ReadOnly(
            subject_type="planning.planningevent",
            subject_id=pk,
            reason="Read-only access: tried to change a Planning Live event",
        )
    return event


def participants_visible_to(user: User, event: PlanningEvent) -> QuerySet[EventParticipant]:
    """The people at an event this user may see (a facilitator sees only their own people)."""
    return event.participants.filter(person__in=people_visible_to(user)).select_related("person")


def get_participant_for_user(
    user: User, event_pk: int, participant_pk: int, *, write: bool = False
) -> EventParticipant:
    event = get_event_for_user(user, event_pk, write=write)
    participant = participants_visible_to(user, event).filter(pk=participant_pk).first()
    if participant is None:
        raise NoAccess(
            subject_type="planning.eventparticipant",
            subject_id=participant_pk,
            reason="Not someone taking part in this event that this user may see",
        )
    participant.event = event
    return participant


# --- Capture boards -------------------------------------------------------------------------


def get_person_for_readers(user: User, pk: int, readers: frozenset[str], what: str) -> Person:
    """The person, for a user whose role is among ``readers`` (404 otherwise, audited as a
    refusal to see ``what``); planbook.access asks it for the Plan Book's readers too."""
    person = get_person_for_user(user, pk)
    if user.role not in readers:
        raise NoAccess(
            subject_type=what,
            subject_id=pk,
            person_id=pk,
            reason=f"No access to this for a {_role_name(user)}",
        )
    return person


def get_board_person_for_user(user: User, pk: int) -> Person:
    """The person whose quick-capture board is asked for."""
    return get_person_for_readers(user, pk, BOARD_READERS, "planning.capturenote")


def can_add_note(user: User, person: Person) -> bool:
    """Staff close to the person, the person, and circle members who may contribute."""
    if user.role in CLOSE_STAFF:
        return True
    if user.role == Role.PERSON:
        return person.user_id == user.pk
    if user.role == Role.CIRCLE:
        return person.circle.filter(user=user, may_contribute=True).exists()
    return False


def check_may_add_note(user: User, person: Person) -> None:
    if not can_add_note(user, person):
        raise ReadOnly(
            subject_type="planning.capturenote",
            subject_id="new",
            person_id=person.pk,
            reason="Tried to add a note without permission to contribute",
        )


def can_check_guesses(user: User, person: Person) -> bool:
    """Checking a best guess with the person: the person, or staff who asked them."""
    if user.role == Role.PERSON:
        return person.user_id == user.pk
    return user.role in CLOSE_STAFF


def get_note_for_check(user: User, person_pk: int, note_pk: int) -> CaptureNote:
    person = get_board_person_for_user(user, person_pk)
    note = CaptureNote.objects.filter(person=person, pk=note_pk).first()
    if note is None:
        raise NoAccess(
            subject_type="planning.capturenote",
            subject_id=note_pk,
            person_id=person_pk,
            reason="Note not on this person's board",
        )
    if not can_check_guesses(user, person):
        raise ReadOnly(
            subject_type="planning.capturenote",
            subject_id=note_pk,
            person_id=person_pk,
            reason="Tried to confirm a best guess without being able to",
        )
    note.person = person
    return note


def can_upload_recording(user: User, person: Person) -> bool:
    return user.role in CLOSE_STAFF


def check_may_upload_recording(user: User, person: Person) -> None:
    if not can_upload_recording(user, person):
        raise ReadOnly(
            subject_type="planning.graphicrecording",
            subject_id="new",
            person_id=person.pk,
            reason="Tried to add a graphic recording",
        )


def get_recording_for_user(user: User, person_pk: int, recording_pk: int) -> GraphicRecording:
    """A graphic recording, for anyone who may see the person's board or their Plan Books."""
    person = get_person_for_user(user, person_pk)
    if user.role not in PLAN_BOOK_READERS:
        raise NoAccess(
            subject_type="planning.graphicrecording",
            subject_id=recording_pk,
            person_id=person_pk,
            reason=f"No access to graphic recordings for a {_role_name(user)}",
        )
    recording = GraphicRecording.objects.filter(person=person, pk=recording_pk).first()
    if recording is None:
        raise NoAccess(
            subject_type="planning.graphicrecording",
            subject_id=recording_pk,
            person_id=person_pk,
            reason="No such graphic recording this user may see",
        )
    return recording


# --- Person-centred tools and outcomes ------------------------------------------------------


def get_tools_person_for_user(user: User, pk: int, *, write: bool = False) -> Person:
    person = get_person_for_readers(user, pk, TOOL_READERS, "planning.toolsection")
    if write and not can_edit_person(user, person):
        raise ReadOnly(
            subject_type="planning.toolsection",
            subject_id=pk,
            person_id=pk,
            reason="Read-only access: tried to change a person-centred tool",
        )
    return person


def can_edit_tools(user: User, person: Person) -> bool:
    return can_edit_person(user, person)


def get_outcome_for_user(
    user: User, person_pk: int, outcome_pk: int, *, write: bool = False
) -> Outcome:
    person = get_tools_person_for_user(user, person_pk, write=write)
    outcome = Outcome.objects.filter(person=person, pk=outcome_pk).first()
    if outcome is None:
        raise NoAccess(
            subject_type="planning.outcome",
            subject_id=outcome_pk,
            person_id=person_pk,
            reason="No such outcome for this person",
        )
    outcome.person = person
    return outcome


# --- Events (helper additions) --------------------------------------------------------------


def people_to_add(user: User, event: PlanningEvent) -> QuerySet[Person]:
    """Who may be added to an event: people of its organisation this user may see, who are
    not taking part yet."""
    return (
        people_visible_to(user)
        .filter(organisation_id=event.organisation_id)
        .exclude(planning_participations__event=event)
    )


# --- The plan summary (what the council reads instead of the Plan Book) ---------------------


def may_see_outcomes_in_summary(user: User, person: Person) -> bool:
    """The outcomes on a plan summary: for the council only when the person agreed to share
    them; the provider's staff previewing the summary see what the council would see."""
    return "outcomes" in shared_with_council(person)
