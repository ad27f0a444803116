"""Compiling a Plan Book: one snapshot of everything the Plan Book shows, as plain JSON.

The snapshot is what a version *is*: pages, the easy-read version, the PDF and the diff view all
read it, never the live tools, so a published version reads the same for ever. Its shape:

    {
      "schema": 1,
      "compiled_at": ISO time,
      "person": {"name", "called", "full_name", "photo"},   # photo: the Plan Book's own copy
      "communication": {"communicates_by", "communicate_with_me", "communication_support",
                        "preferred_format"},
      "circle": [{"name", "relationship", "sector", "closeness"}],
      "notes": [{"question", "label", "items": [{"id", "text", "said_by", "relationship",
                                                   "event", "status"}]}],
      "tools": [{"kind", "title", "version", "content"}],          # in Plan Book order
      "outcomes": [{"text", "source", "achieved_on",
                    "actions": [{"what", "who", "by_when", "done_on"}]}],
      "recordings": [{"id", "description", "event"}],
      "events": [{"title", "date"}],
      "week": None, or {"version", "entries": [{"id", "day", "day_name", "start", "end",
                 "overnight", "when", "what", "place", "company", "with", "support",
                 "support_kind", "fixed", "repeats", "repeats_from", "icon"}],
                 "price": WeekPrice.to_json() or None, "price_problem": ""},
    }

"week" is the Perfect Week, priced with the rate card in force when the version is compiled
(None when there is none): a version keeps the rates it was priced with, whatever the rate card
says later. "company" is who is with the person in words without a name ("Someone from my
circle"); "with" is the circle member's name, shown only to readers who may see the circle.

Text is stored exactly as typed; templates escape it, so nothing in it is ever markup.
Dates are ISO strings. Notes a person said were wrong ("not agreed") are left out; best guesses
go in, marked as guesses.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from directsupport.people.models import Person
from directsupport.people.photos import photo_storage
from directsupport.planning.models import (
    CaptureNote,
    GraphicRecording,
    NoteStatus,
    Outcome,
    OutcomeAction,
    Question,
    ToolKind,
    ToolSection,
)
from directsupport.planning.outcomes.display import outcome_source
from directsupport.week.compile import compile_week

SCHEMA = 1
# Covers keep their own copy of the person's photo, so a new photo never changes a published
# version (and removing the old file when the photo is replaced cannot blank its cover).
KEPT_PHOTOS = "plan-book-photos"


def compile_plan_book(person: Person) -> dict[str, Any]:
    """Everything the Plan Book shows for ``person`` now. A fixed number of queries, however
    many notes, tools or outcomes there are."""
    return {
        "schema": SCHEMA,
        "compiled_at": timezone.now().isoformat(),
        "person": {
            "name": person.display_name,
            "called": person.called,
            "full_name": person.full_legal_name,
            "photo": _kept_photo(person),
        },
        "communication": {
            "communicates_by": person.communicates_by,
            "communicate_with_me": person.communicate_with_me,
            "communication_support": person.communication_support,
            "preferred_format": person.get_preferred_format_display(),
        },
        "circle": _circle(person),
        "notes": _notes(person),
        "tools": _tools(person),
        "outcomes": _outcomes(person),
        "recordings": _recordings(person),
        "events": _events(person),
        "week": compile_week(person),
    }


def _kept_photo(person: Person) -> str:
    """The Plan Book's copy of the person's current photo: one copy per photo, made the first
    time a version is compiled with it."""
    name = person.photo.name or ""
    if not name:
        return ""
    storage = photo_storage()
    kept = f"{KEPT_PHOTOS}/{PurePosixPath(name).name}"
    if storage.exists(kept):
        return kept
    if not storage.exists(name):
        return ""
    with storage.open(name) as source:
        return storage.save(kept, source)


def is_kept_photo(name: str) -> bool:
    return name.startswith(f"{KEPT_PHOTOS}/")


def _circle(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "name": member.name,
            "relationship": member.relationship,
            "sector": member.sector,
            "closeness": member.closeness,
        }
        for member in person.circle.order_by("closeness", "name")
    ]


def _notes(person: Person) -> list[dict[str, Any]]:
    notes = (
        CaptureNote.objects.filter(person=person)
        .exclude(status=NoteStatus.NOT_AGREED)
        .select_related("event")
        .order_by("created_at", "id")
    )
    by_question: dict[str, list[dict[str, Any]]] = {question.value: [] for question in Question}
    for note in notes:
        by_question[note.question].append(
            {
                "id": note.pk,
                "text": note.text,
                "said_by": note.said_by,
                "relationship": note.relationship,
                "event": note.event.title if note.event else "",
                "status": note.status,
            }
        )
    return [
        {"question": question.value, "label": question.label, "items": by_question[question]}
        for question in Question
    ]


def _tools(person: Person) -> list[dict[str, Any]]:
    sections = {section.kind: section for section in ToolSection.objects.filter(person=person)}
    return [
        {
            "kind": kind.value,
            "title": kind.label,
            "version": sections[kind].version,
            "content": sections[kind].content,
        }
        for kind in ToolKind
        if kind in sections
    ]


def _outcomes(person: Person) -> list[dict[str, Any]]:
    outcomes = (
        Outcome.objects.filter(person=person)
        .select_related("source_note")
        .prefetch_related(Prefetch("actions", queryset=OutcomeAction.objects.order_by("by_when")))
    )
    return [
        {
            "text": outcome.text,
            "source": outcome_source(outcome),
            "achieved_on": outcome.achieved_on.isoformat() if outcome.achieved_on else None,
            "actions": [
                {
                    "what": action.what,
                    "who": action.who,
                    "by_when": action.by_when.isoformat(),
                    "done_on": action.done_on.isoformat() if action.done_on else None,
                }
                for action in outcome.actions.all()
            ],
        }
        for outcome in outcomes
    ]


def _recordings(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "id": recording.pk,
            "description": recording.description,
            "event": recording.event.title if recording.event else "",
        }
        for recording in GraphicRecording.objects.filter(person=person).select_related("event")
    ]


def _events(person: Person) -> list[dict[str, Any]]:
    participations = person.planning_participations.select_related("event").order_by("event__date")
    return [{"title": p.event.title, "date": p.event.date.isoformat()} for p in participations]
