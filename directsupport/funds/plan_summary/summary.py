"""Compiling a plan summary: the parts a viewer may read, with no circle member named.

Outcomes and the Perfect Week come from the latest *published* Plan Book (what the person
agreed), never the live tools or board; the money comes from the ledger today. Names of
circle members in any text (an outcome's "who", an entry's "what" or "where") are replaced by
how they are related to the person ("my sister"), or "someone from my circle".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.text import capfirst

from directsupport.accounts.models import User
from directsupport.people.models import Person
from directsupport.planbook.access import published_plan_book_for_summary
from directsupport.planning.access import may_see_outcomes_in_summary
from directsupport.week.access import may_see_week_in_summary

from ..access import funds_visible_to
from ..agreements.services import agreement_to_show
from ..ledger.services import MoneySummary, money_summary
from ..models import Agreement

SOMEONE = "someone from my circle"


@dataclass(frozen=True)
class SummaryAction:
    what: str
    who: str
    by_when: dt.date | None
    done_on: dt.date | None


@dataclass(frozen=True)
class SummaryOutcome:
    text: str
    achieved_on: dt.date | None
    actions: list[SummaryAction]


@dataclass(frozen=True)
class SummaryEntry:
    when: str
    what: str
    place: str
    company: str
    support: str
    repeats: str


@dataclass(frozen=True)
class SummaryDay:
    name: str
    entries: list[SummaryEntry]


@dataclass(frozen=True)
class PlanSummary:
    """What the page shows. ``outcomes``/``week`` are None when the person does not share
    them (the page says so); empty lists when they share them but there are none."""

    published_number: int | None
    published_on: dt.datetime | None
    outcomes: list[SummaryOutcome] | None
    week: list[SummaryDay] | None
    agreement: Agreement | None
    money: MoneySummary | None


class NameHider:
    """Replaces circle members' names in free text with how they are related to the person.

    Full names first, then first names on their own (a week entry says "Tea with Ngozi"); a
    first name two members share becomes "someone from my circle". The person's own names are
    never hidden: the council may read them.
    """

    def __init__(self, members: Iterable[tuple[str, str]], person: Person) -> None:
        own = {person.first_name, person.preferred_name, person.last_name, person.display_name}
        by_name: dict[str, str] = {}
        firsts: dict[str, set[str]] = {}
        for name, relationship in members:
            name = name.strip()
            if not name or name in own:
                continue
            by_name[name] = relationship.strip() or SOMEONE
            first = name.split()[0]
            if len(first) > 1 and first not in own and first not in ("Dr", "Mr", "Mrs", "Ms"):
                firsts.setdefault(first, set()).add(by_name[name])
        for first, relationships in firsts.items():
            if first not in by_name:
                by_name[first] = relationships.pop() if len(relationships) == 1 else SOMEONE
        self._words = by_name
        # Longest first, so "Ngozi Okafor" is replaced whole before "Ngozi" is looked for.
        names = sorted(by_name, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<!\w)(" + "|".join(re.escape(name) for name in names) + r")(?!\w)")
            if names
            else None
        )

    def relationship_of(self, name: str) -> str:
        return self._words.get(name.strip(), SOMEONE) if name.strip() else ""

    def __call__(self, text: str) -> str:
        if not text or self._pattern is None:
            return text
        return self._pattern.sub(lambda match: self._words[match.group(1)], text)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _outcomes(content: Mapping[str, Any], hide: NameHider) -> list[SummaryOutcome]:
    return [
        SummaryOutcome(
            text=hide(outcome.get("text", "")),
            achieved_on=_date(outcome.get("achieved_on")),
            actions=[
                SummaryAction(
                    what=hide(action.get("what", "")),
                    who=hide(action.get("who", "")),
                    by_when=_date(action.get("by_when")),
                    done_on=_date(action.get("done_on")),
                )
                for action in outcome.get("actions", [])
            ],
        )
        for outcome in content.get("outcomes", [])
    ]


def _week(content: Mapping[str, Any], hide: NameHider) -> list[SummaryDay]:
    week = content.get("week") or {}
    days: dict[str, list[SummaryEntry]] = {}
    for entry in week.get("entries", []):
        company = entry.get("company", "")
        if entry.get("with"):
            company = capfirst(hide.relationship_of(entry["with"]))
        days.setdefault(entry.get("day_name", ""), []).append(
            SummaryEntry(
                when=entry.get("when", ""),
                what=hide(entry.get("what", "")),
                place=hide(entry.get("place", "")),
                company=company,
                support=entry.get("support", ""),
                repeats=entry.get("repeats", ""),
            )
        )
    return [SummaryDay(name=name, entries=entries) for name, entries in days.items()]


def compile_plan_summary(viewer: User, person: Person) -> PlanSummary:
    """The plan summary of ``person`` as ``viewer`` may read it. The caller has checked that
    the viewer may open the summary at all (funds.access.get_plan_summary_person_for_user)."""
    version = published_plan_book_for_summary(person)
    content: Mapping[str, Any] = version.content if version is not None else {}
    # Names from the circle as it was published and as it is now: a member added since may
    # still be named in text typed before.
    members = [(m.get("name", ""), m.get("relationship", "")) for m in content.get("circle", [])]
    members += list(person.circle.values_list("name", "relationship"))
    hide = NameHider(members, person)
    fund = funds_visible_to(viewer).filter(person=person).first()
    agreement = agreement_to_show(fund, timezone.localdate()) if fund is not None else None
    return PlanSummary(
        published_number=version.number if version is not None else None,
        published_on=version.published_at if version is not None else None,
        outcomes=_outcomes(content, hide) if may_see_outcomes_in_summary(viewer, person) else None,
        week=_week(content, hide) if may_see_week_in_summary(viewer, person) else None,
        agreement=agreement,
        money=money_summary(fund, agreement) if fund is not None else None,
    )
