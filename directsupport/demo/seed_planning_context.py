"""Everything the planning seed knows about one demo person while it writes their planning.

Each person gets their own random generator, seeded with their name, so their notes, tools and
Plan Book come out the same on every run (only the dates move with the day of seeding).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from directsupport.accounts.models import User
from directsupport.people.models import CircleMember, Person, Sector
from directsupport.planning.models import (
    CaptureNote,
    Outcome,
    OutcomeAction,
    PlanningEvent,
)

from .people_data import PersonSpec
from .planning_notes_data import DISHES, TEAMS

LONDON = ZoneInfo("Europe/London")

_KIND_WORDS: tuple[tuple[str, str], ...] = (
    ("stepdad", "dad"),
    ("mum", "mum"),
    ("dad", "dad"),
    ("sister", "sibling"),
    ("brother", "sibling"),
    ("nan", "grandparent"),
    ("grandad", "grandparent"),
    ("aunt", "relative"),
    ("uncle", "relative"),
    ("cousin", "relative"),
    ("niece", "relative"),
    ("nephew", "relative"),
    ("girlfriend", "partner"),
    ("boyfriend", "partner"),
    ("housemate", "housemate"),
    ("neighbour", "neighbour"),
    ("keyworker", "keyworker"),
    ("personal assistant", "pa"),
    ("shared lives", "carer"),
    ("advocate", "advocate"),
    ("church", "faith"),
    ("mosque", "faith"),
    ("gurdwara", "faith"),
    ("temple", "faith"),
    ("synagogue", "faith"),
)
_SECTOR_KIND: dict[str, str] = {
    Sector.FAMILY: "relative",
    Sector.FRIENDS: "friend",
    Sector.PAID: "professional",
    Sector.COMMUNITY: "community",
}
_SECTOR_CATEGORY: dict[str, str] = {
    Sector.FAMILY: "fam",
    Sector.FRIENDS: "friends",
    Sector.PAID: "pro",
    Sector.COMMUNITY: "pro",
}


def member_kind(member: CircleMember) -> str:
    """'my stepdad' -> dad, 'my friend from church' -> faith, a GP -> professional."""
    words = member.relationship.lower().removeprefix("my ").split()
    relationship = " ".join(words)
    for word, kind in _KIND_WORDS:
        if word in words or (" " in word and word in relationship):
            return kind
    return _SECTOR_KIND.get(member.sector, "friend")


def member_category(member: CircleMember) -> str:
    return _SECTOR_CATEGORY.get(member.sector, "friends")


def voices_for(member: CircleMember) -> frozenset[str]:
    """The phrase-bank voices this member may speak in."""
    return frozenset({"any", member_category(member), member_kind(member)})


def first_name(full_name: str) -> str:
    return full_name.split()[0]


def moment(
    day: dt.date, rng: random.Random, earliest: str = "09:30", latest: str = "17:00"
) -> dt.datetime:
    """A time on ``day`` in London working hours (or between the given times)."""
    start = _minutes(earliest)
    minutes = rng.randint(start, max(start, _minutes(latest)))
    return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=LONDON)


def _minutes(clock: str) -> int:
    hours, _, minutes = clock.partition(":")
    return int(hours) * 60 + int(minutes)


def between(
    rng: random.Random, start: dt.datetime, end: dt.datetime, *, working_hours: bool = True
) -> dt.datetime:
    """A time after ``start`` and before ``end`` (in working hours when the days allow)."""
    if end <= start:
        return start + dt.timedelta(minutes=1)
    first, last = start.astimezone(LONDON).date(), end.astimezone(LONDON).date()
    if working_hours and last > first + dt.timedelta(days=1):
        day = first + dt.timedelta(days=rng.randint(1, (last - first).days - 1))
        return moment(day, rng)
    span = (end - start).total_seconds()
    return start + dt.timedelta(seconds=rng.uniform(0.1, 0.9) * span)


@dataclass
class VersionPlan:
    number: int
    status: str
    compiled_at: dt.datetime
    shared_at: dt.datetime | None = None
    signed_at: dt.datetime | None = None
    published_at: dt.datetime | None = None


@dataclass
class BookPlan:
    versions: list[VersionPlan]
    # How many best guesses are still waiting to be checked with the person.
    open_guesses: int = 0

    @property
    def cut(self) -> dt.datetime | None:
        """When version 1 was compiled, for people whose Plan Book has moved on since."""
        return self.versions[0].compiled_at if len(self.versions) > 1 else None

    @property
    def last_compiled(self) -> dt.datetime:
        return self.versions[-1].compiled_at


@dataclass
class NotePlan:
    # What was said, when and by whom (unsaved: the board's add_note writes it).
    note: CaptureNote
    section: str
    template: str
    # Who typed it onto the board.
    written_by: User
    # What happens when the guess is checked with the person (empty: never checked).
    final_status: str = ""
    checked_by: User | None = None
    checked_at: dt.datetime | None = None
    checked_how: str = ""


@dataclass
class ToolPlan:
    kind: str
    # Every saved version, oldest first: (content, when, who).
    revisions: list[tuple[dict[str, Any], dt.datetime, User]]


@dataclass
class ActionPlan:
    action: OutcomeAction
    done_on: dt.date | None


@dataclass
class OutcomePlan:
    outcome: Outcome
    source: NotePlan | None
    actions: list[ActionPlan]
    achieved_on: dt.date | None


@dataclass
class PersonCtx:
    spec: PersonSpec
    person: Person
    members: list[CircleMember]
    coordinator: User
    keyworker: CircleMember | None
    keyworker_user: User | None
    rng: random.Random
    event: PlanningEvent
    event_number: int  # 0, 1 or 2: oldest first
    staff_on_day: list[User]
    invited: list[CircleMember]
    representative: CircleMember | None
    representative_name: str
    book: BookPlan
    book_kind: str = ""
    tool_kinds: list[str] = field(default_factory=list)
    words: dict[str, str] = field(default_factory=dict)
    notes: list[NotePlan] = field(default_factory=list)
    tools: list[ToolPlan] = field(default_factory=list)
    outcomes: list[OutcomePlan] = field(default_factory=list)

    @property
    def event_day(self) -> dt.date:
        return self.event.date

    @property
    def checkers(self) -> list[User]:
        """Staff who check best guesses with the person: their coordinator and keyworker."""
        return [self.coordinator] + ([self.keyworker_user] if self.keyworker_user else [])

    def fill(self, text: str) -> str:
        return text.format_map(self.words)

    def closest_family(self) -> CircleMember | None:
        family = [m for m in self.invited if m.sector == Sector.FAMILY]
        return family[0] if family else None


def person_words(
    spec: PersonSpec,
    members: list[CircleMember],
    keyworker: CircleMember | None,
    rng: random.Random,
) -> dict[str, str]:
    """The values for the phrase banks' placeholders, for this person."""
    she = spec.sex == "f"
    words = {
        "name": spec.called,
        "he": "she" if she else "he",
        "him": "her" if she else "him",
        "his": "her" if she else "his",
        "He": "She" if she else "He",
        "His": "Her" if she else "His",
        "himself": "herself" if she else "himself",
        "area": spec.area,
        "dish": DISHES.get(spec.heritage, "Sunday roast"),
        "team": rng.choice(TEAMS),
        "language": spec.language,
        "keyworker": first_name(keyworker.name) if keyworker else "my support worker",
        "sibling": "",
        "sibling_name": "",
        "mum_name": "",
    }
    for member in members:
        kind = member_kind(member)
        if kind == "sibling" and not words["sibling"]:
            words["sibling"] = "sister" if "sister" in member.relationship else "brother"
            words["sibling_name"] = first_name(member.name)
        if member.relationship == "my mum" and not words["mum_name"]:
            words["mum_name"] = first_name(member.name)
    return words


def invited_members(
    members: list[CircleMember], keyworker: CircleMember | None
) -> list[CircleMember]:
    """Who the person invited: people they let see their plans (not their GP, who does not
    come to Planning Live days), closest first, 2 to 5 of them.

    Their keyworker comes too when fewer than two others could be invited.
    """
    wanted = (m for m in members if m.may_see and m.relationship != "my GP")
    invited = sorted(wanted, key=lambda m: (m.closeness, m.name))[:5]
    if len(invited) < 2 and keyworker is not None and keyworker not in invited:
        invited.append(keyworker)
    return invited


def introduce(members: list[CircleMember], *, his: str = "") -> str:
    """'Ngozi (my sister), Ifeoma (my mum) and Ola (my keyworker)'; with ``his`` the words
    are about the person ('Vasuki (his mum)')."""
    parts = []
    for member in members:
        relationship = member.relationship
        if his and relationship.startswith("my "):
            relationship = f"{his} {relationship.removeprefix('my ')}"
        name = member.name if member.name.startswith("Dr ") else first_name(member.name)
        parts.append(f"{name} ({relationship})")
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
