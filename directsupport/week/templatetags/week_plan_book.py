"""Reading the Perfect Week part of a Plan Book snapshot (``week/compile.py``) for the Plan Book
sections: entries by day, and the price by kind of support. Reads only the snapshot, so a
published version shows the prices it was compiled with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django import template

from directsupport.week.display import DAY_NAMES
from directsupport.week.models import SupportKind

register = template.Library()


@dataclass(frozen=True)
class PriceRow:
    label: str
    weekly_minutes: int
    weekly_pence: int
    yearly_minutes: int
    yearly_pence: int


@dataclass(frozen=True)
class SnapshotDay:
    name: str
    entries: list[Mapping[str, Any]]


@dataclass(frozen=True)
class SnapshotWeek:
    exists: bool
    days: list[SnapshotDay] = field(default_factory=list)
    has_entries: bool = False
    price_rows: list[PriceRow] = field(default_factory=list)
    total: PriceRow | None = None
    card_date: dt.date | None = None
    price_problem: str = ""


def _kind_label(kind: str) -> str:
    try:
        return str(SupportKind(kind).label)
    except ValueError:
        return kind


def _row(label: str, totals: Mapping[str, Any]) -> PriceRow:
    return PriceRow(
        label=label,
        weekly_minutes=int(totals.get("weekly_minutes") or 0),
        weekly_pence=int(totals.get("weekly_pence") or 0),
        yearly_minutes=int(totals.get("yearly_minutes") or 0),
        yearly_pence=int(totals.get("yearly_pence") or 0),
    )


@register.simple_tag
def plan_book_week(content: Mapping[str, Any]) -> SnapshotWeek:
    """The snapshot's week (``{% plan_book_week content as week %}``); ``week.exists`` is False
    for versions compiled before there was a Perfect Week."""
    week = content.get("week") if isinstance(content, Mapping) else None
    if not isinstance(week, Mapping):
        return SnapshotWeek(exists=False)
    entries = [entry for entry in week.get("entries") or [] if isinstance(entry, Mapping)]
    days = [SnapshotDay(name=name, entries=[]) for name in DAY_NAMES]
    for entry in sorted(entries, key=lambda e: (e.get("day", 0), e.get("start", ""))):
        day = entry.get("day")
        if isinstance(day, int) and 0 <= day < len(days):
            days[day].entries.append(entry)
    price = week.get("price")
    if not isinstance(price, Mapping):
        return SnapshotWeek(
            exists=True,
            days=days,
            has_entries=bool(entries),
            price_problem=str(week.get("price_problem") or ""),
        )
    by_kind = price.get("by_kind") or {}
    rows = [
        _row(_kind_label(kind), totals)
        for kind, totals in sorted(by_kind.items(), key=lambda item: _kind_label(item[0]))
    ]
    card = price.get("card") or {}
    return SnapshotWeek(
        exists=True,
        days=days,
        has_entries=bool(entries),
        price_rows=rows,
        total=_row("All support", price),
        card_date=dt.date.fromisoformat(card["effective_from"])
        if card.get("effective_from")
        else None,
        price_problem=str(week.get("price_problem") or ""),
    )
