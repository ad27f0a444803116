"""Planned support: the hours and cost of a person's Perfect Week between two dates.

Priced by the week app's own rules (``week/pricing.py``), one occurrence at a time on its real
date: each occurrence is priced with the rate card in force on that date (the latest card that
started on or before it), bank holidays included, and rounded half up to the penny once per
occurrence, exactly as the Perfect Week's yearly price is. Only paid support counts
(``pricing.is_paid``). An overnight occurrence belongs to the day it starts.

Repeat rules (every other Saturday, the first Sunday of the month) give the dates the week app
gives (``pricing.occurrences_between``), counted from each entry's own first date: the same
Saturdays as the person's calendar and the Perfect Week's price, whichever agreement or month is
being counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from directsupport.people.models import Person
from directsupport.week.models import RateCard, WeekEntry, WeekKind
from directsupport.week.pricing import (
    CardFacts,
    bank_holidays,
    card_facts,
    current_rate_card,
    facts_from,
    is_paid,
    occurrence_price,
    occurrences_between,
)

from ..paid_elsewhere import is_covered, paid_elsewhere


class NoRateCard(ValueError):
    """Support is planned on a day before the provider's first rate card."""


@dataclass(frozen=True)
class KindPlan:
    minutes: int = 0
    cost_pence: int = 0


@dataclass(frozen=True)
class PlannedSupport:
    minutes: int
    cost_pence: int
    by_kind: dict[str, KindPlan] = field(default_factory=dict)


def _cards_in_force(organisation_id: int, start: dt.date, end: dt.date) -> list[CardFacts]:
    """The card in force on ``start`` and every card starting later, up to ``end``; oldest
    first. Two queries (and one per card for its rates) however long the period."""
    cards: list[RateCard] = []
    first = current_rate_card(organisation_id, start)
    if first is not None:
        cards.append(first)
    cards.extend(
        RateCard.objects.filter(
            organisation_id=organisation_id, effective_from__gt=start, effective_from__lte=end
        ).order_by("effective_from", "id")
    )
    return [card_facts(card) for card in cards]


def _card_on(cards: list[CardFacts], on: dt.date) -> CardFacts | None:
    in_force = [card for card in cards if card.effective_from <= on]
    return in_force[-1] if in_force else None


def planned_support(person: Person, start: dt.date, end: dt.date) -> PlannedSupport:
    """Minutes and pence of paid support in the person's Perfect Week on the days from ``start``
    to ``end`` inclusive, in total and by kind of support, leaving out the days another
    supplier's contract pays for (``paid_elsewhere.py``).

    Raises NoRateCard when support falls on a day no rate card covers, and the week app's
    MissingRate or BadRecurrence when the card lacks a rate or an entry's rule cannot be read.
    """
    if end < start:
        return PlannedSupport(minutes=0, cost_pence=0)
    entries = [
        facts_from(entry)
        for entry in WeekEntry.objects.filter(week__person=person, week__kind=WeekKind.PERFECT)
    ]
    paid = [entry for entry in entries if is_paid(entry)]
    if not paid:
        return PlannedSupport(minutes=0, cost_pence=0)
    cards = _cards_in_force(person.organisation_id, start, end)
    holiday_dates = bank_holidays(start.year, end.year + 1)
    elsewhere = paid_elsewhere(person, start, end)
    totals: dict[str, KindPlan] = {}
    for entry in paid:
        for on in occurrences_between(entry, start, end):
            if entry.id in elsewhere and is_covered(elsewhere[entry.id], on):
                continue  # a contract with another supplier plans this day (paid_elsewhere.py)
            card = _card_on(cards, on)
            if card is None:
                raise NoRateCard(
                    f"There is no rate card for {on:%-d %B %Y}: support planned that day "
                    "cannot be priced."
                )
            minutes, pence = occurrence_price(entry, card, on, holiday_dates)
            before = totals.get(entry.support_kind, KindPlan())
            totals[entry.support_kind] = KindPlan(
                minutes=before.minutes + minutes, cost_pence=before.cost_pence + pence
            )
    return PlannedSupport(
        minutes=sum(plan.minutes for plan in totals.values()),
        cost_pence=sum(plan.cost_pence for plan in totals.values()),
        by_kind=dict(sorted(totals.items())),
    )
