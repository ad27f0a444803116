"""What each person-centred tool is made of. Forms, pages, the Plan Book and the PDF read these.

A tool's content is a JSON object: a list part holds a list of short strings, a text part one
string, a table part a list of rows (each a dict of column key to string; dates as ISO strings).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..models import ToolKind

ITEM_MAX_LENGTH = 300
TEXT_MAX_LENGTH = 2000
MAX_ITEMS = 40


@dataclass(frozen=True)
class ListPart:
    """A list of short things, one per line."""

    key: str
    label: str
    easy_label: str
    icon: str
    hint: str = ""


@dataclass(frozen=True)
class TextPart:
    """A short piece of writing."""

    key: str
    label: str
    easy_label: str
    icon: str
    hint: str = ""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    choices: tuple[tuple[str, str], ...] = ()
    is_date: bool = False
    required: bool = True


@dataclass(frozen=True)
class TablePart:
    """Rows with the same columns, like a chart on the wall."""

    key: str
    label: str
    easy_label: str
    icon: str
    columns: tuple[Column, ...]
    hint: str = ""


Part = ListPart | TextPart | TablePart


@dataclass(frozen=True)
class ToolSpec:
    kind: str
    title: str
    easy_title: str
    purpose: str
    icon: str
    parts: tuple[Part, ...] = field(default_factory=tuple)

    def empty_content(self) -> dict[str, Any]:
        return {part.key: ("" if isinstance(part, TextPart) else []) for part in self.parts}

    def is_empty(self, content: dict[str, Any]) -> bool:
        return not any(content.get(part.key) for part in self.parts)


PERSPECTIVE_VIEWS = (("working", "Working"), ("not_working", "Not working"), ("", "Not asked"))

TOOL_SPECS: tuple[ToolSpec, ...] = (
    ToolSpec(
        kind=ToolKind.ONE_PAGE_PROFILE,
        title="One-page profile",
        easy_title="About me on one page",
        purpose="What people appreciate about the person, what matters to them, and how to "
        "support them well, on one page.",
        icon="identification",
        parts=(
            ListPart(
                "appreciate",
                "What people appreciate about me",
                "What people like about me",
                "hand-thumb-up",
            ),
            ListPart("important", "What is important to me", "What matters to me", "heart"),
            ListPart("support", "How best to support me", "How to help me", "lifebuoy"),
        ),
    ),
    ToolSpec(
        kind=ToolKind.IMPORTANT_TO_FOR,
        title="Important to me and important for me",
        easy_title="Important to me, important for me",
        purpose="What matters to the person from their point of view, what keeps them healthy "
        "and safe, and the balance between the two.",
        icon="scale",
        parts=(
            ListPart("to", "Important to me", "What I care about", "heart"),
            ListPart(
                "for",
                "Important for me (to stay healthy and safe)",
                "What keeps me healthy and safe",
                "shield-check",
            ),
            TextPart(
                "balance",
                "The balance we discussed",
                "How we balance them",
                "scale",
                hint="Where the two pull apart, what was agreed and why.",
            ),
        ),
    ),
    ToolSpec(
        kind=ToolKind.GOOD_DAY_BAD_DAY,
        title="Good day and bad day",
        easy_title="My good days and bad days",
        purpose="A good day and a bad day from waking up to going to bed, and what must happen "
        "for more good days.",
        icon="sun",
        parts=(
            ListPart(
                "good",
                "A good day, from waking up to going to bed",
                "A good day",
                "sun",
                hint="One thing per line, in the order of the day.",
            ),
            ListPart(
                "bad",
                "A bad day, from waking up to going to bed",
                "A bad day",
                "cloud",
                hint="One thing per line, in the order of the day.",
            ),
            ListPart(
                "more_good",
                "What must happen for more good days",
                "What helps me have good days",
                "sparkles",
            ),
        ),
    ),
    ToolSpec(
        kind=ToolKind.WORKING_NOT_WORKING,
        title="What is working and not working",
        easy_title="What is working and what is not",
        purpose="How things are now, seen from three sides, so agreement and disagreement show.",
        icon="arrows-right-left",
        parts=(
            TablePart(
                "rows",
                "What is working and not working, from each point of view",
                "What each of us thinks",
                "arrows-right-left",
                columns=(
                    Column("topic", "About"),
                    Column("person", "The person", choices=PERSPECTIVE_VIEWS, required=False),
                    Column("family", "Family", choices=PERSPECTIVE_VIEWS, required=False),
                    Column("staff", "Staff", choices=PERSPECTIVE_VIEWS, required=False),
                ),
                hint="One row per thing; say for each point of view whether it is working.",
            ),
        ),
    ),
    ToolSpec(
        kind=ToolKind.COMMUNICATION_CHART,
        title="Communication chart",
        easy_title="How I tell you things",
        purpose="What the person does, what it means and what we should do.",
        icon="chat-bubble-left-right",
        parts=(
            TablePart(
                "rows",
                "Communication chart",
                "What I do and what it means",
                "chat-bubble-left-right",
                columns=(
                    Column("happening", "What is happening"),
                    Column("does", "What the person does"),
                    Column("means", "We think it means"),
                    Column("should_do", "What we should do"),
                ),
            ),
        ),
    ),
    ToolSpec(
        kind=ToolKind.DECISION_MAKING,
        title="Decision-making agreement",
        easy_title="How I make decisions",
        purpose="The important decisions in the person's life, how they must be involved and "
        "who makes the final decision.",
        icon="check-badge",
        parts=(
            TablePart(
                "rows",
                "Decision-making agreement",
                "My decisions",
                "check-badge",
                columns=(
                    Column("decision", "Important decision in my life"),
                    Column("involved", "How I must be involved"),
                    Column("final_say", "Who makes the final decision"),
                    Column("review_on", "Review by", is_date=True, required=False),
                ),
            ),
        ),
    ),
    ToolSpec(
        kind=ToolKind.COMMUNITY_MAP,
        title="Community map",
        easy_title="My places",
        purpose="Where the person spends time now and where they could make new connections.",
        icon="map",
        parts=(
            ListPart("feel_good", "Places I feel good", "Places I feel good", "face-smile"),
            ListPart("member", "Where I am a member", "Where I belong", "user-group"),
            ListPart("customer", "Where I am a customer", "Where I shop and spend", "shopping-bag"),
            ListPart("new", "Where I could make new connections", "New places to try", "map-pin"),
        ),
    ),
    ToolSpec(
        kind=ToolKind.MATCHING_SUPPORT,
        title="Matching support",
        easy_title="The right people to support me",
        purpose="The support wanted, and the skills, personality and interests of the people "
        "who would give it best.",
        icon="puzzle-piece",
        parts=(
            TablePart(
                "rows",
                "Matching support",
                "Who I want to support me",
                "puzzle-piece",
                columns=(
                    Column("support", "Support wanted"),
                    Column("skills", "Skills needed"),
                    Column("personality", "Personality characteristics", required=False),
                    Column("interests", "Shared interests", required=False),
                ),
            ),
        ),
    ),
)

SPECS_BY_KIND: dict[str, ToolSpec] = {spec.kind: spec for spec in TOOL_SPECS}


def spec_for(kind: str) -> ToolSpec:
    return SPECS_BY_KIND[kind]
