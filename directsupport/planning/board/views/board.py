"""The quick-capture board: a person's Planning Live notes under the seven questions.

Made for a tablet on the day: one card per question, each with its notes (who said it, their
relationship, which day) and a small form to add another. A note written on the person's behalf
shows as a best guess until it is checked with them (see views/best_guesses.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.services import record_view
from directsupport.people.models import Person

from ...access import (
    can_add_note,
    can_upload_recording,
    check_may_add_note,
    get_board_person_for_user,
)
from ...models import (
    CaptureNote,
    EventInvitation,
    NoteStatus,
    PlanningEvent,
    Question,
    Speaker,
)
from ..forms import Attribution, BoardChoices, BoardFilterForm, NoteForm
from ..services import add_note

# A picture beside each question (heroicons, outline), on the board and in easy read.
QUESTION_ICONS: dict[str, str] = {
    Question.ADMIRE: "heart",
    Question.IMPORTANT: "star",
    Question.PLACES: "map-pin",
    Question.TICK: "sparkles",
    Question.GIFTS: "gift",
    Question.RESOURCES: "share",
    Question.FUTURE: "rocket-launch",
}
# Sent by site.js when it adds a note without reloading: the answer is then just the new note.
FRAGMENT_HEADER = "X-Board-Fragment"


@dataclass(frozen=True)
class BoardCard:
    key: str
    label: str
    icon: str
    notes: list[CaptureNote]
    form: NoteForm | None


def board_events(person: Person) -> list[PlanningEvent]:
    """The Planning Live days the person has taken part in, up to today, newest first."""
    return list(
        PlanningEvent.objects.filter(
            participants__person=person, date__lte=timezone.localdate()
        ).order_by("-date", "-id")
    )


def viewer_context(user: User, person: Person) -> dict[str, Any]:
    """How notes speak about the person: 'Dee' to everyone else, 'you' to Dee."""
    is_person = person.user_id == user.pk
    return {"viewer_is_person": is_person, "checker": "you" if is_person else person.called}


def _fixed_attribution(user: User, person: Person) -> Attribution | None:
    """The person and circle members add only their own words; staff say who said it."""
    if user.role == Role.PERSON:
        return Attribution(speaker=Speaker.PERSON, said_by=person.display_name, relationship="")
    if user.role == Role.CIRCLE:
        member = person.circle.filter(user=user).first()
        if member is not None:
            return Attribution(
                speaker=Speaker.CIRCLE,
                said_by=member.name,
                relationship=member.relationship,
                speaker_member=member,
            )
    return None


def _board_choices(
    user: User, person: Person, events: list[PlanningEvent], event: PlanningEvent | None
) -> BoardChoices:
    fixed = _fixed_attribution(user, person)
    default = event or (events[0] if events else None)
    invited_ids: set[int] = set()
    members = []
    if fixed is None:
        members = list(person.circle.order_by("closeness", "name", "pk"))
        if default is not None:
            invited_ids = set(
                EventInvitation.objects.filter(
                    participant__event=default, participant__person=person
                ).values_list("member_id", flat=True)
            )
    return BoardChoices(
        person=person,
        writer=user,
        events=events,
        default_event=default,
        invited=[m for m in members if m.pk in invited_ids],
        others=[m for m in members if m.pk not in invited_ids],
        fixed=fixed,
    )


def _board_page(
    request: AuthenticatedRequest, person: Person, *, bad_form: NoteForm | None = None
) -> HttpResponse:
    user = request.user
    record_view(request, person_id=person.pk, subject=person, summary="Planning Live board")
    events = board_events(person)
    filter_form = BoardFilterForm(request.GET or None, events=events)
    shown_event = filter_form.chosen_event()
    notes = person.capture_notes.select_related("event")
    recordings = person.graphic_recordings.select_related("event")
    if shown_event is not None:
        notes = notes.filter(event=shown_event)
        recordings = recordings.filter(event=shown_event)
    by_question: dict[str, list[CaptureNote]] = {question.value: [] for question in Question}
    for note in notes:
        by_question[note.question].append(note)

    choices = None
    if can_add_note(user, person):
        choices = _board_choices(user, person, events, shown_event)
    cards = []
    for question in Question:
        form = None
        if bad_form is not None and bad_form.question == question:
            form = bad_form
        elif choices is not None:
            form = NoteForm(question=question.value, choices=choices)
        cards.append(
            BoardCard(
                key=question.value,
                label=question.label,
                icon=QUESTION_ICONS[question],
                notes=by_question[question.value],
                form=form,
            )
        )
    return render(
        request,
        "planning/board/board.html",
        {
            "person": person,
            "cards": cards,
            "bad_form": bad_form,
            "filter_form": filter_form,
            "shown_event": shown_event,
            "show_filter": bool(events),
            "recordings": list(recordings),
            "guesses_to_check": person.capture_notes.filter(status=NoteStatus.BEST_GUESS).count(),
            "fixed_attribution": choices.fixed if choices is not None else None,
            "can_upload": can_upload_recording(user, person),
            "fragment_header": FRAGMENT_HEADER,
            **viewer_context(user, person),
        },
    )


def board(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_board_person_for_user(user, pk)
    return _board_page(request, person)


def note_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST only. Back to the board at the question; with site.js, just the new note."""
    user = request.user
    person = get_board_person_for_user(user, pk)
    check_may_add_note(user, person)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    question = request.POST.get("question", "")
    if question not in Question.values:
        # Only a changed page sends this: every form on the board carries its own question.
        return HttpResponseBadRequest("Choose one of the seven questions on the board.")
    events = board_events(person)
    form = NoteForm(
        request.POST,
        question=question,
        choices=_board_choices(user, person, events, None),
    )
    if form.is_valid():
        attribution = form.attribution()
        try:
            note = add_note(
                actor=user,
                person=person,
                question=question,
                text=form.cleaned_data["text"],
                speaker=attribution.speaker,
                speaker_member=attribution.speaker_member,
                said_by=attribution.said_by,
                relationship=attribution.relationship,
                event=form.chosen_event(),
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            if request.headers.get(FRAGMENT_HEADER) == "note":
                return render(
                    request,
                    "planning/board/note.html",
                    {"note": note, "person": person, **viewer_context(user, person)},
                    status=201,
                )
            messages.success(request, f"Note added to “{Question(question).label}”.")
            return redirect(
                f"{reverse('planning:board', kwargs={'pk': person.pk})}#question-{question}"
            )
    return _board_page(request, person, bad_form=form)
