"""Best guesses: Guess, Ask, Write.

A note someone wrote on the person's behalf is a guess. Staff who know the person ask them (and
write down how they asked), or the person answers on their own sign-in, in easy read. The circle
sees the list but cannot answer for the person.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view
from directsupport.lib.transitions import IllegalTransition
from directsupport.people.models import Person

from ...access import can_check_guesses, get_board_person_for_user, get_note_for_check
from ...models import CaptureNote, NoteStatus
from ..forms import GuessCheckForm
from ..services import AlreadyAnswered, record_guess_answer
from .board import QUESTION_ICONS, viewer_context

GUESS_STATUSES = (NoteStatus.BEST_GUESS, NoteStatus.CONFIRMED, NoteStatus.NOT_AGREED)


@dataclass(frozen=True)
class GuessItem:
    note: CaptureNote
    icon: str
    # The first name of who guessed, for the easy-read sentence "Ngozi thinks: ...".
    guesser: str
    form: GuessCheckForm | None


def _short_name(said_by: str) -> str:
    """'Ngozi' for 'Ngozi Okafor'; longer or titled names stay whole ('Dr Helen Morgan')."""
    words = said_by.split()
    return words[0] if len(words) == 2 and not words[0].endswith(".") else said_by


def _guesses_page(
    request: AuthenticatedRequest,
    person: Person,
    *,
    bad_form: GuessCheckForm | None = None,
    bad_note_pk: int | None = None,
) -> HttpResponse:
    user = request.user
    record_view(request, person_id=person.pk, subject=person, summary="Best guesses to check")
    may_check = can_check_guesses(user, person)
    is_person = person.user_id == user.pk
    notes = person.capture_notes.filter(status__in=GUESS_STATUSES).select_related(
        "event", "checked_by"
    )
    to_check: list[GuessItem] = []
    checked: list[GuessItem] = []
    for note in notes:
        form = None
        if note.pk == bad_note_pk:
            form = bad_form
        elif may_check:
            form = GuessCheckForm(person=person, note_pk=note.pk, needs_how=not is_person)
        item = GuessItem(
            note=note,
            icon=QUESTION_ICONS[note.question],
            guesser=_short_name(note.said_by),
            form=form,
        )
        (to_check if note.status == NoteStatus.BEST_GUESS else checked).append(item)
    checked.sort(key=lambda item: item.note.checked_at or item.note.created_at, reverse=True)
    template = "best_guesses_easy_read" if is_person else "best_guesses"
    return render(
        request,
        f"planning/board/{template}.html",
        {
            "person": person,
            "to_check": to_check,
            "checked": checked,
            "may_check": may_check,
            "form": bad_form,
            **viewer_context(user, person),
        },
    )


def best_guesses(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_board_person_for_user(user, pk)
    return _guesses_page(request, person)


def note_check(request: AuthenticatedRequest, pk: int, note_pk: int) -> HttpResponse:
    """POST only: what the person said about one best guess."""
    user = request.user
    note = get_note_for_check(user, pk, note_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    person = note.person
    is_person = person.user_id == user.pk
    form = GuessCheckForm(request.POST, person=person, note_pk=note.pk, needs_how=not is_person)
    if not form.is_valid():
        return _guesses_page(request, person, bad_form=form, bad_note_pk=note.pk)
    # The person's own answer needs no "how": they said it themselves, signed in.
    how = (
        f"{person.called} answered on their own sign-in" if is_person else form.cleaned_data["how"]
    )
    try:
        record_guess_answer(actor=user, note=note, agreed=form.agreed, how=how, request=request)
    except AlreadyAnswered:
        messages.info(request, "That answer was already written down. Nothing has changed.")
    except IllegalTransition:
        messages.error(
            request,
            f"This note is not a best guess, so there is nothing to check with {person.called}.",
        )
    else:
        if is_person:
            messages.success(request, "Thank you. Your answer is written down.")
        else:
            messages.success(request, f"{person.called}'s answer is written down.")
    return redirect("planning:best_guesses", pk=person.pk)
