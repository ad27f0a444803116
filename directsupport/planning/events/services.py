"""Planning and running a Planning Live event: the day itself, its phases, the people taking part
and which of their circle are invited.

Every function is atomic, validates with full_clean() before writing, and appends an audit row.
Changes about one person carry their id, so they show in "who looked at my information".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.audit.models import Action
from directsupport.audit.services import delete_and_record, model_changes, record_change
from directsupport.lib import conflicts
from directsupport.people.models import CircleMember, DecidedBy, Person

from ..models import CaptureNote, EventInvitation, EventParticipant, PlanningEvent
from .display import phase_label

# The fields of an event that people may change (not its organisation, phase or bookkeeping).
EVENT_FIELDS = (
    "title",
    "date",
    "starts_at",
    "ends_at",
    "venue_name",
    "venue_address",
    "venue_access",
    "recorder",
)


class EventConflict(conflicts.EditConflict[PlanningEvent]):
    """Someone else saved the event after this user started changing it."""


class ParticipantHasNotes(Exception):
    """The person cannot be taken off the event: things were already said for them there."""

    def __init__(self, *, notes: int) -> None:
        super().__init__(f"{notes} notes captured")
        self.notes = notes


def facilitators_of(event: PlanningEvent) -> QuerySet[User]:
    return User.objects.filter(facilitated_events=event).order_by("full_name", "pk")


def _attname(name: str) -> str:
    """The column attribute of a field: ``recorder_id`` for ``recorder``."""
    return str(getattr(PlanningEvent._meta.get_field(name), "attname", name))


def _check_fields(details: Mapping[str, Any]) -> None:
    unknown = set(details) - set(EVENT_FIELDS)
    if unknown:
        raise ValueError(f"Not editable through this service: {', '.join(sorted(unknown))}")


def _event_snapshot(event: PlanningEvent, facilitators: Iterable[User]) -> dict[str, Any]:
    snapshot: dict[str, Any] = {name: getattr(event, name) for name in EVENT_FIELDS}
    snapshot["facilitators"] = ", ".join(sorted(user.full_name for user in facilitators))
    return snapshot


def _check_staff(
    organisation_id: int, details: Mapping[str, Any], facilitators: Sequence[User]
) -> None:
    """Facilitators and the recorder come from the event's own organisation."""
    recorder = details.get("recorder")
    team = [*facilitators, *([recorder] if recorder is not None else [])]
    if any(user.organisation_id != organisation_id for user in team):
        raise ValidationError("Facilitators and the recorder must work for the organisation.")


# --- The event ------------------------------------------------------------------------------


@transaction.atomic
def create_event(
    *,
    actor: User,
    organisation: Organisation,
    details: Mapping[str, Any],
    facilitators: Sequence[User],
    request: HttpRequest | None = None,
) -> PlanningEvent:
    """Plan a Planning Live event for ``organisation``."""
    _check_fields(details)
    _check_staff(organisation.pk, details, facilitators)
    event = PlanningEvent(organisation=organisation, created_by=actor, **details)
    event.full_clean()
    event.save()
    event.facilitators.set(facilitators)
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        subject=event,
        summary=f"Planned the Planning Live event {event.title}",
        changes=model_changes({}, _event_snapshot(event, facilitators)),
    )
    return event


@transaction.atomic
def update_event(
    *,
    actor: User,
    event: PlanningEvent,
    expected_version: int,
    details: Mapping[str, Any],
    facilitators: Sequence[User],
    request: HttpRequest | None = None,
) -> PlanningEvent:
    """Save changes made to the version ``expected_version`` of the event.

    Raises EventConflict, changing nothing, when someone else has saved since: the UPDATE only
    matches the row while it is still at the expected version, so two saves never both win.
    """
    _check_fields(details)
    _check_staff(event.organisation_id, details, facilitators)
    current = PlanningEvent.objects.select_related("recorder").get(pk=event.pk)
    conflicts.check_version(current, expected_version, EventConflict)
    before = _event_snapshot(current, facilitators_of(current))
    for name, value in details.items():
        setattr(current, name, value)
    current.full_clean()
    values = {_attname(name): getattr(current, _attname(name)) for name in details}
    conflicts.update_at_version(
        PlanningEvent.objects.all(), current.pk, expected_version, EventConflict, **values
    )
    current.version = expected_version + 1
    current.facilitators.set(facilitators)
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        subject=current,
        summary=f"Changed the Planning Live event {current.title}",
        changes=model_changes(before, _event_snapshot(current, facilitators)),
    )
    return current


@transaction.atomic
def move_event_phase(
    *, actor: User, event: PlanningEvent, phase: str, request: HttpRequest | None = None
) -> PlanningEvent:
    """Move the event one phase on or back; raises IllegalTransition (changing nothing)."""
    current = PlanningEvent.objects.select_for_update().get(pk=event.pk)
    before = current.phase
    current.set_phase(phase, by=actor)
    current.full_clean()
    current.save(update_fields=["phase", "phase_changed_by", "phase_changed_at"])
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        subject=current,
        summary=f"Moved {current.title} to {phase_label(phase)}",
        changes={"phase": {"from": before, "to": phase}},
    )
    return current


# --- The people taking part -----------------------------------------------------------------


@transaction.atomic
def add_participants(
    *,
    actor: User,
    event: PlanningEvent,
    people: Sequence[Person],
    request: HttpRequest | None = None,
) -> list[EventParticipant]:
    """Add people to the event, each starting at pre-planning."""
    if any(person.organisation_id != event.organisation_id for person in people):
        raise ValidationError("Only people the organisation supports can take part.")
    already = set(event.participants.filter(person__in=people).values_list("person_id", flat=True))
    if already:
        names = ", ".join(p.display_name for p in people if p.pk in already)
        raise ValidationError(f"Already taking part: {names}.")
    added = []
    for person in people:
        participant = EventParticipant(event=event, person=person)
        participant.full_clean()
        participant.save()
        record_change(
            request,
            actor=actor,
            action=Action.CREATE,
            person_id=person.pk,
            subject=participant,
            summary=f"Added {person.display_name} to {event.title}",
            changes={"event": {"from": None, "to": str(event)}},
        )
        added.append(participant)
    return added


def notes_at_event(participant: EventParticipant) -> int:
    return CaptureNote.objects.filter(
        event_id=participant.event_id, person_id=participant.person_id
    ).count()


@transaction.atomic
def remove_participant(
    *, actor: User, participant: EventParticipant, request: HttpRequest | None = None
) -> None:
    """Take someone off the event, with their invitations.

    Refused (ParticipantHasNotes) once anything was said for them at this event: those notes
    are part of their record of the day.
    """
    notes = notes_at_event(participant)
    if notes:
        raise ParticipantHasNotes(notes=notes)
    person = participant.person
    invited = [invitation.member.name for invitation in participant.invitations.all()]
    delete_and_record(
        request,
        actor=actor,
        instance=participant,
        person_id=person.pk,
        summary=f"Took {person.display_name} off {participant.event.title}",
        before={
            "event": str(participant.event),
            "phase": participant.phase,
            "invited": ", ".join(invited),
        },
    )


@transaction.atomic
def move_participant_phase(
    *,
    actor: User,
    participant: EventParticipant,
    phase: str,
    request: HttpRequest | None = None,
) -> EventParticipant:
    """Move the person one phase on or back; raises IllegalTransition (changing nothing)."""
    current = EventParticipant.objects.select_for_update().get(pk=participant.pk)
    before = current.phase
    current.set_phase(phase, by=actor)
    current.full_clean()
    current.save(update_fields=["phase", "phase_changed_by", "phase_changed_at"])
    person = participant.person
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=person.pk,
        subject=current,
        summary=f"Moved {person.display_name} to {phase_label(phase)} at {participant.event.title}",
        changes={"phase": {"from": before, "to": phase}},
    )
    participant.phase = current.phase
    participant.phase_changed_by = current.phase_changed_by
    participant.phase_changed_at = current.phase_changed_at
    return participant


# --- Who from the circle is invited ---------------------------------------------------------


def _agreement(participant: EventParticipant, invited: Iterable[str]) -> dict[str, Any]:
    return {
        "invited": ", ".join(sorted(invited)),
        "invitations_agreed_by": participant.invitations_agreed_by,
        "invitations_representative": participant.invitations_representative,
        "invitations_reason": participant.invitations_reason,
    }


@transaction.atomic
def record_invitations(
    *,
    actor: User,
    participant: EventParticipant,
    members: Sequence[CircleMember],
    agreed_by: str,
    representative_name: str = "",
    representative_reason: str = "",
    request: HttpRequest | None = None,
) -> EventParticipant:
    """Who from the person's circle is invited, and who agreed to it.

    The person agrees, or a representative does (with their name and the Mental Capacity Act
    reason) when the person lacks capacity for this decision. Without that, nothing changes.
    """
    person = participant.person
    if any(member.person_id != person.pk for member in members):
        raise ValidationError(
            {"members": f"Only people in {person.called}'s circle can be invited."}
        )
    if agreed_by not in DecidedBy.values:
        who = f"{person.called}, or a representative"
        raise ValidationError({"agreed_by": f"Say who agreed to invite these people: {who}."})
    if agreed_by == DecidedBy.REPRESENTATIVE:
        representative_name = " ".join(representative_name.split())
        representative_reason = representative_reason.strip()
        problems = {}
        if not representative_name:
            problems["representative_name"] = "Enter the name of the representative who agreed."
        if not representative_reason:
            problems["representative_reason"] = (
                f"Enter why a representative agreed for {person.called}."
            )
        if problems:
            raise ValidationError(problems)
    else:
        representative_name = representative_reason = ""

    existing = {
        invitation.member_id: invitation
        for invitation in participant.invitations.select_related("member")
    }
    wanted = {member.pk: member for member in members}
    before = _agreement(participant, (inv.member.name for inv in existing.values()))

    participant.invitations.filter(member_id__in=set(existing) - set(wanted)).delete()
    for member_id in sorted(set(wanted) - set(existing)):
        invitation = EventInvitation(
            participant=participant, member=wanted[member_id], invited_by=actor
        )
        invitation.full_clean()
        invitation.save()

    participant.invitations_agreed_by = agreed_by
    participant.invitations_representative = representative_name
    participant.invitations_reason = representative_reason
    participant.invitations_recorded_by = actor
    participant.invitations_recorded_at = timezone.now()
    participant.full_clean()
    participant.save(
        update_fields=[
            "invitations_agreed_by",
            "invitations_representative",
            "invitations_reason",
            "invitations_recorded_by",
            "invitations_recorded_at",
        ]
    )
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=person.pk,
        subject=participant,
        summary=f"Recorded who is invited to {person.called}'s Planning Live day",
        changes=model_changes(before, _agreement(participant, (m.name for m in members))),
    )
    return participant
