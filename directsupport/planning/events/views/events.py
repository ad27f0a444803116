"""Planning Live events: the list, planning and changing an event, its page with the phases and
the people taking part, and adding people to it.

Managers and coordinators plan and change events; a support worker sees the events they
facilitate or record, read only, with only the people they support (planning/access.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.models import User
from directsupport.audit.models import Action
from directsupport.audit.services import record_request_event
from directsupport.lib.forms import add_service_errors
from directsupport.lib.transitions import IllegalTransition

from ...access import (
    can_plan_events,
    check_may_plan_events,
    check_may_see_events,
    events_visible_to,
    get_event_for_user,
    participants_visible_to,
    people_to_add,
)
from ...models import CaptureNote, EventParticipant, NoteStatus, PlanningEvent
from ..display import (
    phase_label,
    phase_moves,
    phase_refused_message,
    phase_steps,
    time_range,
)
from ..forms import AddPeopleForm, EventEditForm, EventForm, chosen_ids, people_matching
from ..services import (
    EventConflict,
    add_participants,
    create_event,
    facilitators_of,
    move_event_phase,
    update_event,
)

# The add-people page lists at most this many people; a search by name finds the others.
PEOPLE_SHOWN = 100


# --- The list -------------------------------------------------------------------------------


def event_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_see_events(user)
    events = events_visible_to(user).annotate(people=Count("participants", distinct=True))
    today = timezone.localdate()
    return render(
        request,
        "planning/events/list.html",
        {
            "upcoming": _with_phase(
                events.filter(date__gte=today).order_by("date", "starts_at", "pk")
            ),
            "past": _with_phase(events.filter(date__lt=today).order_by("-date", "-pk")),
            "can_plan": can_plan_events(user),
        },
    )


@dataclass(frozen=True)
class EventRow:
    event: PlanningEvent
    phase: str


def _with_phase(events: QuerySet[PlanningEvent]) -> list[EventRow]:
    return [EventRow(event=event, phase=phase_label(event.phase)) for event in events]


# --- Planning and changing an event ---------------------------------------------------------


def event_add(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_see_events(user)
    check_may_plan_events(user)
    form = EventForm(request.POST or None, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        try:
            event = create_event(
                actor=user,
                organisation=user.organisation,
                details=form.details(),
                facilitators=form.chosen_facilitators(),
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{event.title} is planned. Now add the people taking part.")
            return redirect("planning:event_detail", event_pk=event.pk)
    return render(request, "planning/events/form.html", {"form": form})


def event_edit(request: AuthenticatedRequest, event_pk: int) -> HttpResponse:
    user = request.user
    event = get_event_for_user(user, event_pk, write=True)
    if request.method == "POST":
        form = EventEditForm(request.POST, organisation_id=event.organisation_id, event=event)
        if form.is_valid():
            try:
                update_event(
                    actor=user,
                    event=event,
                    expected_version=form.cleaned_data["version"],
                    details=form.details(),
                    facilitators=form.chosen_facilitators(),
                    request=request,
                )
            except EventConflict as conflict:
                return _conflict_page(request, form, conflict.saved)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "The changes to the event have been saved.")
                return redirect("planning:event_detail", event_pk=event.pk)
    else:
        form = EventEditForm(
            initial={**EventForm.initial_for(event), "version": event.version},
            organisation_id=event.organisation_id,
            event=event,
        )
    return render(request, "planning/events/form.html", {"form": form, "event": event})


def _conflict_page(request: HttpRequest, form: EventEditForm, saved: PlanningEvent) -> HttpResponse:
    """Both versions side by side, and the user's own typed values ready to save again."""
    data = request.POST.copy()
    data["version"] = str(saved.version)
    resubmit = EventEditForm(data, organisation_id=saved.organisation_id, event=saved)
    return render(
        request,
        "planning/events/conflict.html",
        {"event": saved, "differences": form.differences(saved), "form": resubmit},
        status=409,
    )


# --- The event page -------------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantRow:
    """A person taking part, with how far they have got and what was captured for them."""

    participant: EventParticipant
    phase: str
    notes: int
    guesses: int
    invited: int


def _count(queryset: QuerySet[Any]) -> Coalesce:
    """How many rows of ``queryset`` (already tied to the outer row), as a subquery: one query
    for the whole table however many people take part."""
    counted = queryset.order_by().values("person_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def participant_rows(user: User, event: PlanningEvent) -> list[ParticipantRow]:
    notes = CaptureNote.objects.filter(event=event, person_id=OuterRef("person_id"))
    participants = participants_visible_to(user, event).annotate(
        notes_count=_count(notes),
        guesses_count=_count(notes.filter(status=NoteStatus.BEST_GUESS)),
        invited_count=Count("invitations", distinct=True),
    )
    return [
        ParticipantRow(
            participant=participant,
            phase=phase_label(participant.phase),
            notes=participant.notes_count,
            guesses=participant.guesses_count,
            invited=participant.invited_count,
        )
        for participant in participants
    ]


def event_detail(request: AuthenticatedRequest, event_pk: int) -> HttpResponse:
    user = request.user
    event = get_event_for_user(user, event_pk)
    rows = participant_rows(user, event)
    can_plan = can_plan_events(user)
    # Staff who see only some of the people are told how many others there are.
    total = len(rows) if can_plan else event.participants.count()
    record_request_event(
        request,
        action=Action.VIEW,
        subject=event,
        summary=f"Planning Live event page: {event.title}",
    )
    return render(
        request,
        "planning/events/detail.html",
        {
            "event": event,
            "times": time_range(event),
            "facilitators": list(facilitators_of(event)),
            "phase": phase_label(event.phase),
            "steps": phase_steps(event.phase),
            "moves": phase_moves(event.phase) if can_plan else [],
            "rows": rows,
            "total": total,
            "can_plan": can_plan,
        },
    )


@require_POST
def event_phase(request: AuthenticatedRequest, event_pk: int) -> HttpResponse:
    """Move the event one phase on or back."""
    user = request.user
    event = get_event_for_user(user, event_pk, write=True)
    wanted = request.POST.get("phase", "")
    try:
        event = move_event_phase(actor=user, event=event, phase=wanted, request=request)
    except IllegalTransition:
        messages.error(request, phase_refused_message(f"{event.title} is", event.phase, wanted))
    else:
        messages.success(request, f"{event.title} is now at {phase_label(event.phase)}.")
    return redirect("planning:event_detail", event_pk=event.pk)


# --- Adding people --------------------------------------------------------------------------


def event_add_people(request: AuthenticatedRequest, event_pk: int) -> HttpResponse:
    """Tick several people to add. "Search" keeps the ticks and narrows the list by name."""
    user = request.user
    event = get_event_for_user(user, event_pk, write=True)
    candidates = people_to_add(user, event)
    data = request.POST if request.method == "POST" else request.GET
    searching = request.method == "GET" or "search" in request.POST
    chosen = chosen_ids(data.getlist("people"))
    if searching:
        form = AddPeopleForm(initial={"q": data.get("q", "")}, candidates=candidates)
    else:
        form = AddPeopleForm(request.POST, candidates=candidates)
        if form.is_valid():
            try:
                added = add_participants(
                    actor=user, event=event, people=form.chosen_people(), request=request
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                names = ", ".join(participant.person.display_name for participant in added)
                messages.success(request, f"Added to {event.title}: {names}.")
                return redirect("planning:event_detail", event_pk=event.pk)
    words = str(data.get("q", ""))[:100].strip()
    # The ticked people first (so a search never hides them), then the others who match.
    ticked = list(candidates.filter(pk__in=chosen).select_related("area"))
    matching = people_matching(candidates, words).exclude(pk__in=chosen)
    found = list(matching.select_related("area")[:PEOPLE_SHOWN])
    more = matching.count() - PEOPLE_SHOWN if len(found) == PEOPLE_SHOWN else 0
    return render(
        request,
        "planning/events/add_people.html",
        {
            "event": event,
            "form": form,
            "words": words,
            "ticked": ticked,
            "found": found,
            "more": more,
            "nobody_left": not candidates.exists(),
        },
    )
