"""How a decision reads on the pages and in the exports: the ladder explained in plain words,
its rung drawn as steps, and who took part grouped by the part they took.

A commissioner reads that family or a representative took part (or decided for the person),
never their names or the reason they gave, as on the commissioning pages: those are often
family matters the council has no need to know.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openpyxl.styles import Font
from openpyxl.workbook import Workbook

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.lib.exports import csv_bytes, xlsx_append, xlsx_bytes

from ..models import Decision, Level, ParticipantRole

# What each rung means, in plain words (Think Local Act Personal's ladder of co-production).
LADDER: tuple[tuple[int, str, str], ...] = (
    (
        Level.COERCION,
        "Coercion",
        "People are made to go along with a decision taken without them.",
    ),
    (
        Level.EDUCATING,
        "Educating",
        "People are told why a decision already taken is good for them.",
    ),
    (
        Level.INFORMING,
        "Informing",
        "People are told what was decided. They had no say in it.",
    ),
    (
        Level.CONSULTATION,
        "Consultation",
        "People are asked what they think, but others decide.",
    ),
    (
        Level.ENGAGEMENT,
        "Engagement",
        "People take part and are listened to, but do not share the power to decide.",
    ),
    (
        Level.CO_DESIGN,
        "Co-design",
        "People design it together with staff, and their own words shape it.",
    ),
    (
        Level.CO_PRODUCTION,
        "Co-production",
        "Everyone decides together as equals: the people it is about, their families, staff "
        "and commissioners, from start to finish.",
    ),
)
RUNGS = len(LADDER)
CIRCLE_ROLES = (ParticipantRole.FAMILY, ParticipantRole.REPRESENTATIVE)
STEP_WIDTH = 8
STEP_GAP = 2
STEP_HEIGHT = 4


def hides_circle_names(user: User) -> bool:
    return user.role == Role.COMMISSIONER


@dataclass(frozen=True)
class Step:
    """One step of the drawn ladder: filled up to the decision's rung, outlined above it (so the
    rung shows by shape as well as by shade)."""

    x: int
    y: int
    height: int
    reached: bool


def ladder_steps(level: int) -> list[Step]:
    top = RUNGS * STEP_HEIGHT
    return [
        Step(
            x=(rung - 1) * (STEP_WIDTH + STEP_GAP),
            y=top - rung * STEP_HEIGHT,
            height=rung * STEP_HEIGHT,
            reached=rung <= level,
        )
        for rung in range(1, RUNGS + 1)
    ]


def level_words(level: int) -> str:
    return f"{Level(level).label}: rung {level} of {RUNGS}"


@dataclass(frozen=True)
class RoleGroup:
    label: str
    names: list[str]


def participant_groups(decision: Decision, user: User) -> list[RoleGroup]:
    """Who took part, by part, in the order of the roles; a commissioner reads only how many
    of the person's family or representatives took part."""
    by_role: dict[str, list[str]] = {}
    for participant in decision.participants.all():
        by_role.setdefault(participant.role, []).append(participant.name)
    groups = []
    for role, label in ParticipantRole.choices:
        names = by_role.get(role, [])
        if not names:
            continue
        if role in CIRCLE_ROLES and hides_circle_names(user):
            count = len(names)
            names = [f"{count} {'person' if count == 1 else 'people'}"]
        groups.append(RoleGroup(label=str(label), names=names))
    return groups


def without_person_reason(decision: Decision, user: User) -> str:
    if not decision.person_id or decision.person_took_part:
        return ""
    if hides_circle_names(user):
        return "A representative or a best-interests decision: the provider keeps the reason."
    return decision.without_person_reason


def about(decision: Decision) -> str:
    return decision.person.display_name if decision.person else "How the service works"


def row_for(decision: Decision, user: User) -> dict[str, Any]:
    groups = participant_groups(decision, user)
    person_label = str(ParticipantRole.PERSON.label)
    return {
        "others": [
            f"{name} ({group.label.lower()})"
            for group in groups
            if group.label != person_label
            for name in group.names
        ],
        "decision": decision,
        "about": about(decision),
        "level_words": level_words(decision.level),
        "steps": ladder_steps(decision.level),
        "groups": groups,
        "without_reason": without_person_reason(decision, user),
    }


EXPORT_HEADER = [
    "Decided on",
    "What was decided",
    "About",
    "Topic",
    "Rung of the ladder",
    "Level (1 to 7)",
    "Who took part",
    "The person took part",
    "Why the person did not take part",
    "Why",
    "What the person said",
    "Where it was decided",
]


def export_rows(decisions: list[Decision], user: User) -> list[list[Any]]:
    rows: list[list[Any]] = [EXPORT_HEADER]
    for decision in decisions:
        groups = participant_groups(decision, user)
        took_part = (
            "" if decision.person is None else ("Yes" if decision.person_took_part else "No")
        )
        rows.append(
            [
                decision.decided_on,
                decision.title,
                about(decision),
                decision.get_topic_display(),
                Level(decision.level).label,
                decision.level,
                "; ".join(f"{g.label}: {', '.join(g.names)}" for g in groups),
                took_part,
                without_person_reason(decision, user),
                decision.reasons,
                decision.person_words,
                decision.get_source_display(),
            ]
        )
    return rows


def to_csv(decisions: list[Decision], user: User) -> bytes:
    return csv_bytes(export_rows(decisions, user))


def to_xlsx(decisions: list[Decision], user: User) -> bytes:
    book = Workbook()
    sheet = book.create_sheet(index=0)
    book.remove(book.worksheets[1])
    sheet.title = "Decisions"
    rows = export_rows(decisions, user)
    for cell in xlsx_append(sheet, rows[0]):
        cell.font = Font(bold=True)
    for row in rows[1:]:
        for cell in xlsx_append(sheet, row):
            if cell.column == 1:
                cell.number_format = "d mmmm yyyy"
    sheet.freeze_panes = "A2"
    return xlsx_bytes(book)
