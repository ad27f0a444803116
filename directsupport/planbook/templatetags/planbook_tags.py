"""Template tags that turn a Plan Book snapshot (``content``, see planbook/book/compile.py) into
what the section templates show: questions with their notes, tools in words, outcomes with dates,
the circle, and the addresses of pictures.

Everything reads only the snapshot, so the web page, the easy-read page and the PDF show the
same version the same way. Nothing here marks text safe: the templates escape every word.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse

from directsupport.people.circle_geometry import TITLES
from directsupport.people.models import CircleMember, Person
from directsupport.planning.models import NoteStatus, Question, ToolKind
from directsupport.planning.tools.display import DisplayPart, DisplayRow, display_tool
from directsupport.planning.tools.specs import SPECS_BY_KIND, TablePart

register = template.Library()


@dataclass(frozen=True)
class QuestionStyle:
    """How a Planning Live question reads in easy read, and the picture beside it."""

    easy_label: str
    icon: str


# Short, literal words for easy read ("what makes me tick" is an idiom).
QUESTION_STYLES: dict[str, QuestionStyle] = {
    Question.ADMIRE: QuestionStyle("What people like about me", "hand-thumb-up"),
    Question.IMPORTANT: QuestionStyle("What matters to me", "heart"),
    Question.PLACES: QuestionStyle("Places I like to go", "map-pin"),
    Question.TICK: QuestionStyle("What I love doing", "sparkles"),
    Question.GIFTS: QuestionStyle("What I am good at", "star"),
    Question.RESOURCES: QuestionStyle("Things I can share", "gift"),
    Question.FUTURE: QuestionStyle("What I want to do in the future", "rocket-launch"),
}
OTHER_QUESTION = QuestionStyle("What people said", "chat-bubble-left-right")


def short_name(name: str) -> str:
    """'Ngozi' for 'Ngozi Okafor'; the whole name when it is not a plain first and last name
    ('Dr Helen Morgan', 'Northfield Library team')."""
    words = name.split()
    if len(words) == 2 and words[0].rstrip(".").casefold() not in TITLES:
        return words[0]
    return name


# --- Dates ----------------------------------------------------------------------------------


@register.filter
def iso_date(value: Any) -> dt.date | dt.datetime | None:
    """An ISO date or time from the snapshot as a date (or time) the ``date`` filter formats;
    None for anything else."""
    if not isinstance(value, str) or not value:
        return None
    try:
        if "T" in value:
            return dt.datetime.fromisoformat(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


# --- The person ------------------------------------------------------------------------------


@register.filter
def initials(person: Mapping[str, Any]) -> str:
    """'DO' for Dee Okafor: shown on the cover when there is no photo."""
    words = str(person.get("name") or "").split()
    if not words:
        return ""
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()


@register.simple_tag(takes_context=True)
def plan_book_photo_src(context: template.Context) -> str:
    """The cover photo: ``photo_src`` when the including page gives one (the PDF does; ""
    there means the file is gone), otherwise the version's own access-checked photo page."""
    if "photo_src" in context:
        return str(context["photo_src"] or "")
    return reverse(
        "planbook:plan_book_photo",
        kwargs={"pk": context["person_pk"], "number": context["version"].number},
    )


@register.simple_tag(takes_context=True)
def plan_book_recording_src(context: template.Context, recording: Mapping[str, Any]) -> str:
    """A graphic recording's picture: from ``recording_srcs`` (id → address) when the including
    page gives them ("" for a picture that is gone), otherwise the access-checked picture page."""
    if "recording_srcs" in context:
        return str((context["recording_srcs"] or {}).get(recording.get("id")) or "")
    return reverse(
        "planning:recording_image",
        kwargs={"pk": context["person_pk"], "recording_pk": recording["id"]},
    )


# --- What people said -----------------------------------------------------------------------


@dataclass(frozen=True)
class NoteView:
    text: str
    said_by: str
    relationship: str
    event: str
    status: str

    @property
    def short_name(self) -> str:
        return short_name(self.said_by)

    @property
    def is_guess(self) -> bool:
        return self.status == NoteStatus.BEST_GUESS

    @property
    def is_confirmed(self) -> bool:
        return self.status == NoteStatus.CONFIRMED

    @property
    def is_own_words(self) -> bool:
        return self.status == NoteStatus.OWN_WORDS


@dataclass(frozen=True)
class QuestionView:
    question: str
    label: str
    easy_label: str
    icon: str
    notes: tuple[NoteView, ...]


@register.simple_tag
def plan_book_questions(content: Mapping[str, Any]) -> list[QuestionView]:
    """The Planning Live questions in the order they were asked, each with its notes."""
    views = []
    for group in content.get("notes") or []:
        style = QUESTION_STYLES.get(group.get("question", ""), OTHER_QUESTION)
        views.append(
            QuestionView(
                question=group.get("question", ""),
                label=group.get("label", ""),
                easy_label=style.easy_label,
                icon=style.icon,
                notes=tuple(
                    NoteView(
                        text=item.get("text", ""),
                        said_by=item.get("said_by", ""),
                        relationship=item.get("relationship", ""),
                        event=item.get("event", ""),
                        status=item.get("status", ""),
                    )
                    for item in group.get("items") or []
                ),
            )
        )
    return views


# --- The tools ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ToolView:
    kind: str
    title: str
    easy_title: str
    purpose: str
    icon: str
    parts: tuple[DisplayPart, ...]

    @property
    def anchor(self) -> str:
        return f"tool-{self.kind.replace('_', '-')}"

    @property
    def is_empty(self) -> bool:
        return all(part.is_empty for part in self.parts)

    @property
    def shows_agreement(self) -> bool:
        return self.kind == ToolKind.WORKING_NOT_WORKING


@dataclass(frozen=True)
class ToolsView:
    profile: ToolView | None
    others: tuple[ToolView, ...]
    # The tools not made yet, by title, so the book says what is still to come.
    missing: tuple[str, ...]


@register.simple_tag
def plan_book_tools(content: Mapping[str, Any]) -> ToolsView:
    """The tools in Plan Book order; the one-page profile apart, as it has its own section."""
    views = []
    for tool in content.get("tools") or []:
        spec = SPECS_BY_KIND.get(tool.get("kind", ""))
        if spec is None:
            continue
        views.append(
            ToolView(
                kind=spec.kind,
                title=spec.title,
                easy_title=spec.easy_title,
                purpose=spec.purpose,
                icon=spec.icon,
                parts=tuple(display_tool(spec, tool.get("content"))),
            )
        )
    present = {view.kind for view in views}
    return ToolsView(
        profile=next((v for v in views if v.kind == ToolKind.ONE_PAGE_PROFILE), None),
        others=tuple(v for v in views if v.kind != ToolKind.ONE_PAGE_PROFILE),
        missing=tuple(str(kind.label) for kind in ToolKind if kind not in present),
    )


@register.filter
def labelled_cells(row: DisplayRow, part: TablePart) -> list[tuple[str, str]]:
    """A table row's filled cells with their column labels, for reading it as sentences."""
    return [
        (column.label, cell) for column, cell in zip(part.columns, row.cells, strict=False) if cell
    ]


# --- Outcomes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionView:
    what: str
    who: str
    by_when: dt.date | None
    done_on: dt.date | None


@dataclass(frozen=True)
class OutcomeView:
    text: str
    source: str
    achieved_on: dt.date | None
    actions: tuple[ActionView, ...]


def _date(value: Any) -> dt.date | None:
    found = iso_date(value)
    return found if isinstance(found, dt.date) and not isinstance(found, dt.datetime) else None


@register.simple_tag
def plan_book_outcomes(content: Mapping[str, Any]) -> list[OutcomeView]:
    return [
        OutcomeView(
            text=outcome.get("text", ""),
            source=outcome.get("source", ""),
            achieved_on=_date(outcome.get("achieved_on")),
            actions=tuple(
                ActionView(
                    what=action.get("what", ""),
                    who=action.get("who", ""),
                    by_when=_date(action.get("by_when")),
                    done_on=_date(action.get("done_on")),
                )
                for action in outcome.get("actions") or []
            ),
        )
        for outcome in content.get("outcomes") or []
    ]


# --- The relationship circle -----------------------------------------------------------------


@dataclass(frozen=True)
class CircleView:
    """The circle as it was when the version was compiled, as unsaved people-app objects, so
    the people app's own drawing and words (circle_tags) draw it exactly like the live one."""

    person: Person
    members: tuple[CircleMember, ...]


@register.simple_tag
def plan_book_circle(content: Mapping[str, Any]) -> CircleView:
    snapshot = content.get("person") or {}
    name = str(snapshot.get("name") or "")
    called = str(snapshot.get("called") or name)
    last_name = name[len(called) :].strip() if name.startswith(called) else name
    person = Person(first_name=called, preferred_name=called, last_name=last_name)
    members = tuple(
        CircleMember(
            name=member.get("name", ""),
            relationship=member.get("relationship", ""),
            sector=member.get("sector", ""),
            closeness=member.get("closeness"),
        )
        for member in content.get("circle") or []
    )
    return CircleView(person=person, members=members)
