"""A person's weeks: the Perfect Week (with its price), the week now, the two side by side, and
the Perfect Week in easy read."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view
from directsupport.lib.jinja_env import render_with_body
from directsupport.people.models import Person

from ..access import can_edit_week, can_have_calendar_link, get_week_person_for_user
from ..differences import differences
from ..display import ShownEntry, by_day, easy_sentences, shown
from ..entry_notes import entry_notes
from ..models import SupportKind, Week, WeekEntry, WeekKind
from ..pricing import (
    BadRecurrence,
    KindTotals,
    MissingRate,
    PricedEntry,
    WeekPrice,
    current_card_facts,
    facts_from,
    plan_year_start,
    price_week,
)

COST_DRIVERS = 5


def week_and_entries(person: Person, kind: str) -> tuple[Week | None, list[WeekEntry]]:
    """The week (None before its first entry) and its entries with who is with them: two
    queries however many entries."""
    week = Week.objects.filter(person=person, kind=kind).first()
    if week is None:
        return None, []
    return week, list(week.entries.select_related("company_member"))


@dataclass(frozen=True)
class KindRow:
    label: str
    totals: KindTotals


@dataclass(frozen=True)
class Driver:
    item: ShownEntry
    priced: PricedEntry


@dataclass(frozen=True)
class Pricing:
    """What the pricing panel shows: a price, or why there is none."""

    price: WeekPrice | None = None
    kinds: tuple[KindRow, ...] = ()
    drivers: tuple[Driver, ...] = ()
    problem: str = ""
    no_card: bool = False


def pricing_for(person: Person, entries: list[WeekEntry]) -> Pricing:
    today = timezone.localdate()
    card = current_card_facts(person.organisation_id, today)
    if card is None:
        return Pricing(no_card=True)
    try:
        price = price_week(
            [facts_from(entry) for entry in entries],
            card,
            year_start=plan_year_start(today),
        )
    except (MissingRate, BadRecurrence) as error:
        return Pricing(problem=str(error))
    kinds = tuple(
        sorted(
            (KindRow(SupportKind(kind).label, totals) for kind, totals in price.by_kind.items()),
            key=lambda row: row.label,
        )
    )
    by_id = {entry.pk: entry for entry in entries}
    costly = sorted(
        (p for p in price.entries if p.yearly_pence > 0),
        key=lambda p: (-p.yearly_pence, p.entry_id or 0),
    )[:COST_DRIVERS]
    drivers = tuple(Driver(shown(by_id[p.entry_id]), p) for p in costly if p.entry_id in by_id)
    return Pricing(price=price, kinds=kinds, drivers=drivers)


def _week_page(request: AuthenticatedRequest, pk: int, kind: str) -> HttpResponse:
    user = request.user
    person = get_week_person_for_user(user, pk)
    week, entries = week_and_entries(person, kind)
    record_view(
        request,
        person_id=person.pk,
        subject=week or person,
        summary=f"{WeekKind(kind).label} page",
    )
    context = {
        "person": person,
        "kind": kind,
        "kind_label": WeekKind(kind).label,
        "week": week,
        "days": by_day(entries, entry_notes(person, entries) if kind == WeekKind.PERFECT else None),
        "has_entries": bool(entries),
        "can_edit": can_edit_week(user, person),
        "calendar_links": can_have_calendar_link(user, person) or can_edit_week(user, person),
        "pricing": pricing_for(person, entries) if kind == WeekKind.PERFECT else None,
    }
    return render_with_body(request, "week/week.html", "week/week_body.jinja", context)


def perfect_week(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _week_page(request, pk, WeekKind.PERFECT)


def week_now(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _week_page(request, pk, WeekKind.CURRENT)


@dataclass(frozen=True)
class DayPair:
    name: str
    perfect: list[ShownEntry]
    current: list[ShownEntry]


def week_compare(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_week_person_for_user(user, pk)
    _, perfect = week_and_entries(person, WeekKind.PERFECT)
    _, current = week_and_entries(person, WeekKind.CURRENT)
    record_view(
        request, person_id=person.pk, subject=person, summary="Perfect Week and week now compared"
    )
    pairs = [
        DayPair(p.name, p.entries, c.entries)
        for p, c in zip(by_day(perfect), by_day(current), strict=True)
    ]
    return render(
        request,
        "week/compare.html",
        {
            "person": person,
            "pairs": pairs,
            "differences": differences(perfect, current),
            "has_perfect": bool(perfect),
            "has_current": bool(current),
        },
    )


def week_easy_read(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_week_person_for_user(user, pk)
    week, entries = week_and_entries(person, WeekKind.PERFECT)
    record_view(
        request, person_id=person.pk, subject=week or person, summary="Perfect Week in easy read"
    )
    days = [
        (day.name, [(item, easy_sentences(item)) for item in day.entries])
        for day in by_day(entries, entry_notes(person, entries))
    ]
    return render(
        request,
        "week/easy_read.html",
        {"person": person, "days": days, "has_entries": bool(entries)},
    )
