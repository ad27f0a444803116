"""A person's place at a Planning Live event: who from their circle is invited (with who
agreed), how far they have got, taking them off the event, and the easy-read invitations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view
from directsupport.lib.transitions import IllegalTransition
from directsupport.people.models import CircleMember, DecidedBy, Person

from ...access import (
    can_plan_events,
    get_event_for_user,
    get_participant_for_user,
    participants_visible_to,
)
from ...models import EventInvitation, EventParticipant, PlanningEvent
from ..display import (
    easy_time,
    phase_label,
    phase_moves,
    phase_refused_message,
    phase_steps,
)
from ..forms import InvitationsForm
from ..services import (
    ParticipantHasNotes,
    facilitators_of,
    move_participant_phase,
    notes_at_event,
    record_invitations,
    remove_participant,
)

# --- A person's place at the event ----------------------------------------------------------


def _invited(participant: EventParticipant) -> list[CircleMember]:
    return [
        invitation.member
        for invitation in participant.invitations.select_related("member").order_by(
            "member__closeness", "member__name", "member__pk"
        )
    ]


def participant_detail(
    request: AuthenticatedRequest, event_pk: int, participant_pk: int
) -> HttpResponse:
    """Who is invited and who agreed (a form for those who plan), and the person's phase."""
    user = request.user
    write = request.method == "POST"
    participant = get_participant_for_user(user, event_pk, participant_pk, write=write)
    event, person = participant.event, participant.person
    can_plan = can_plan_events(user)
    invited = _invited(participant)
    form = None
    if can_plan:
        initial = {
            "members": [member.pk for member in invited],
            "representative_name": participant.invitations_representative,
            "representative_reason": participant.invitations_reason,
        }
        form = InvitationsForm(request.POST or None, person=person, initial=initial)
    if write and form is not None and form.is_valid():
        try:
            record_invitations(
                actor=user, participant=participant, request=request, **form.invitations()
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            count = len(form.cleaned_data["members"])
            messages.success(
                request,
                f"Saved: {count} {'person' if count == 1 else 'people'} from {person.called}'s "
                "circle invited.",
            )
            return redirect(
                "planning:participant_detail", event_pk=event.pk, participant_pk=participant.pk
            )
    if not write:
        record_view(
            request,
            person_id=person.pk,
            subject=participant,
            summary=f"Planning Live: {person.display_name} at {event.title}",
        )
    return render(
        request,
        "planning/events/participant.html",
        {
            "event": event,
            "participant": participant,
            "person": person,
            "invited": invited,
            "agreement": _agreement_words(participant),
            "phase": phase_label(participant.phase),
            "steps": phase_steps(participant.phase),
            "moves": phase_moves(participant.phase) if can_plan else [],
            "notes": notes_at_event(participant),
            "has_circle": person.circle.exists(),
            "form": form,
            "can_plan": can_plan,
        },
    )


def _agreement_words(participant: EventParticipant) -> str:
    """Who agreed to the invitations, in a sentence (empty when nobody has yet)."""
    called = participant.person.called
    if participant.invitations_agreed_by == DecidedBy.PERSON:
        return f"{called} agreed who is invited."
    if participant.invitations_agreed_by == DecidedBy.REPRESENTATIVE:
        return (
            f"A representative, {participant.invitations_representative}, agreed who is "
            f"invited because {called} lacks capacity to decide this."
        )
    return ""


@require_POST
def participant_phase(
    request: AuthenticatedRequest, event_pk: int, participant_pk: int
) -> HttpResponse:
    """Move the person one phase on or back."""
    user = request.user
    participant = get_participant_for_user(user, event_pk, participant_pk, write=True)
    called = participant.person.called
    current, wanted = participant.phase, request.POST.get("phase", "")
    try:
        move_participant_phase(actor=user, participant=participant, phase=wanted, request=request)
    except IllegalTransition:
        messages.error(request, phase_refused_message(f"{called} is", current, wanted))
    else:
        messages.success(request, f"{called} is now at {phase_label(participant.phase)}.")
    return redirect("planning:participant_detail", event_pk=event_pk, participant_pk=participant.pk)


@require_POST
def participant_remove(
    request: AuthenticatedRequest, event_pk: int, participant_pk: int
) -> HttpResponse:
    user = request.user
    participant = get_participant_for_user(user, event_pk, participant_pk, write=True)
    person, event = participant.person, participant.event
    try:
        remove_participant(actor=user, participant=participant, request=request)
    except ParticipantHasNotes as refusal:
        notes = "1 note was" if refusal.notes == 1 else f"{refusal.notes} notes were"
        messages.error(
            request,
            f"{person.display_name} cannot be taken off {event.title}: {notes} already "
            f"captured for {person.called} at this event. Nothing was changed.",
        )
        return redirect(
            "planning:participant_detail", event_pk=event.pk, participant_pk=participant_pk
        )
    messages.success(request, f"{person.display_name} is no longer taking part in {event.title}.")
    return redirect("planning:event_detail", event_pk=event.pk)


# --- Easy-read invitations ------------------------------------------------------------------


@dataclass(frozen=True)
class Invitation:
    """One printed page: a circle member invited to one person's part of the day."""

    person: Person
    member: CircleMember


def _invitations(participants: list[EventParticipant]) -> list[Invitation]:
    return [
        Invitation(person=participant.person, member=invitation.member)
        for participant in participants
        for invitation in participant.invitations.all()
    ]


def _with_invitations(participants: Any) -> list[EventParticipant]:
    return list(
        participants.select_related("person__coordinator").prefetch_related(
            Prefetch(
                "invitations",
                queryset=EventInvitation.objects.select_related("member").order_by(
                    "member__closeness", "member__name", "member__pk"
                ),
            )
        )
    )


def _print_page(
    request: HttpRequest, event: PlanningEvent, participants: list[EventParticipant], title: str
) -> HttpResponse:
    for participant in participants:
        record_view(
            request,
            person_id=participant.person_id,
            subject=participant,
            summary=f"Easy-read invitations to {event.title}",
        )
    return render(
        request,
        "planning/events/invitations.html",
        {
            "event": event,
            "title": title,
            "participants": participants,
            "invitations": _invitations(participants),
            "starts": easy_time(event.starts_at),
            "ends": easy_time(event.ends_at),
            "team": _team(event),
        },
    )


def _team(event: PlanningEvent) -> str:
    """The staff running the day in words, for "who will be there": "Sam Patel and Priya Shah"."""
    names = [user.full_name for user in facilitators_of(event)]
    if event.recorder is not None and event.recorder.full_name not in names:
        names.append(event.recorder.full_name)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def invitations_print(
    request: AuthenticatedRequest, event_pk: int, participant_pk: int
) -> HttpResponse:
    user = request.user
    participant = get_participant_for_user(user, event_pk, participant_pk)
    event = participant.event
    participants = _with_invitations(event.participants.filter(pk=participant.pk))
    title = f"Invitations to {participant.person.called}'s Planning Live day"
    return _print_page(request, event, participants, title)


def event_invitations_print(request: AuthenticatedRequest, event_pk: int) -> HttpResponse:
    user = request.user
    event = get_event_for_user(user, event_pk)
    participants = _with_invitations(participants_visible_to(user, event))
    return _print_page(request, event, participants, f"All invitations to {event.title}")
