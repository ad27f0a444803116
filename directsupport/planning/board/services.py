"""Changing a quick-capture board: adding notes, checking best guesses, adding graphic recordings.

Every function is atomic, validates with full_clean() before writing and appends an audit row.
A note's status is never chosen by the writer: it follows from who said it and what was asked
(``status_for``), so a note written on the person's behalf is always a best guess until the
person says otherwise (Guess, Ask, Write).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from directsupport.accounts.models import User
from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_change
from directsupport.people.models import CircleMember, Person
from directsupport.people.photos import PreparedPhoto, delete_photo, store_photo

from ..models import (
    CaptureNote,
    GraphicRecording,
    NoteStatus,
    PlanningEvent,
    Question,
)
from ..models.capture import status_for


def _note_snapshot(note: CaptureNote) -> dict[str, Any]:
    return {
        "question": note.question,
        "text": note.text,
        "speaker": note.speaker,
        "said_by": note.said_by,
        "relationship": note.relationship,
        "event": note.event.title if note.event else None,
        "status": note.status,
    }


def _check_event(person: Person, event: PlanningEvent | None) -> None:
    if event is not None and not event.participants.filter(person=person).exists():
        raise ValidationError({"event": f"{person.called} did not take part in this event."})


@transaction.atomic
def add_note(
    *,
    actor: User,
    person: Person,
    question: str,
    text: str,
    speaker: str,
    speaker_member: CircleMember | None = None,
    said_by: str,
    relationship: str,
    event: PlanningEvent | None = None,
    request: HttpRequest | None = None,
) -> CaptureNote:
    """Put a short, attributed note on the person's board under one question."""
    if speaker_member is not None and speaker_member.person_id != person.pk:
        raise ValidationError({"speaker_member": f"Not someone in {person.called}'s circle."})
    _check_event(person, event)
    note = CaptureNote(
        person=person,
        event=event,
        question=question,
        text=text,
        speaker=speaker,
        speaker_member=speaker_member,
        said_by=said_by,
        relationship=relationship,
        status=status_for(speaker=speaker, question=question),
        written_by=actor,
    )
    note.full_clean()
    note.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=person.pk,
        subject=note,
        summary=f"Added a note to “{Question(question).label}”",
        changes=model_changes({}, _note_snapshot(note)),
    )
    return note


class AlreadyAnswered(Exception):
    """The note already has the answer asked for (someone recorded it a moment ago)."""


@transaction.atomic
def record_guess_answer(
    *,
    actor: User,
    note: CaptureNote,
    agreed: bool,
    how: str,
    request: HttpRequest | None = None,
) -> CaptureNote:
    """Write down what the person said when the best guess was checked with them.

    Raises AlreadyAnswered when the note already says this, and IllegalTransition when the
    note was never a guess (the person's own words, or what others say about them).
    """
    current = CaptureNote.objects.select_for_update().get(pk=note.pk)
    wanted = NoteStatus.CONFIRMED if agreed else NoteStatus.NOT_AGREED
    if current.status == wanted:
        raise AlreadyAnswered
    before = {"status": current.status, "checked_how": current.checked_how}
    current.set_status(wanted, by=actor, how=how)
    # A note's writer may be gone (their account removed) or never known (imported notes); the
    # model keeps it null then, which is not this change's business.
    current.full_clean(exclude=["written_by"])
    current.save()
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=current.person_id,
        subject=current,
        summary=(
            "Checked a best guess: "
            + ("confirmed" if agreed else "not right")
            + f" (“{current.text[:60]}”)"
        ),
        changes=model_changes(before, {"status": current.status, "checked_how": how}),
    )
    return current


@transaction.atomic
def add_graphic_recording(
    *,
    actor: User,
    person: Person,
    photo: PreparedPhoto,
    description: str,
    event: PlanningEvent | None = None,
    request: HttpRequest | None = None,
) -> GraphicRecording:
    """Keep a photo of the day's graphic recording, with words for people who cannot see it."""
    _check_event(person, event)
    recording = GraphicRecording(
        person=person,
        event=event,
        description=description,
        width=photo.width,
        height=photo.height,
        uploaded_by=actor,
    )
    stored = store_photo(photo)
    try:
        recording.image.name = stored
        recording.full_clean()
        recording.save()
        record_change(
            request,
            actor=actor,
            action=Action.CREATE,
            person_id=person.pk,
            subject=recording,
            # Never the picture or its stored name: only what it shows and where it is from.
            summary="Added a photo of a graphic recording",
            changes=model_changes(
                {},
                {
                    "description": description,
                    "event": event.title if event else None,
                    "image": "a new picture",
                },
            ),
        )
    except BaseException:
        delete_photo(stored)
        raise
    return recording
