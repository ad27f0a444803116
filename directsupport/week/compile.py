"""The Perfect Week's part of a Plan Book snapshot (planbook/book/compile.py), as plain JSON.

The entries in words (a repeating entry with its first date, in words and as an ISO date), and
their price with the rate card in force at compile time: a version keeps the prices (and the
card's rates) it was compiled with, so a later rate card never changes an agreed version; a new
draft, compiled again, is priced with the new card. Four queries at most, however many entries
there are.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from directsupport.people.models import Person

from .display import DAY_NAMES, icon_for, repeat_words, support_words, when_words
from .models import Company, Week, WeekEntry, WeekKind
from .pricing import (
    BadRecurrence,
    MissingRate,
    card_facts,
    current_rate_card,
    facts_from,
    plan_year_start,
    price_week,
)

COMPANY_WORDS = {
    Company.ON_MY_OWN: "On my own",
    Company.CIRCLE: "Someone from my circle",
    Company.PAID: "Paid support",
}


def entry_json(entry: WeekEntry) -> dict[str, Any]:
    member = entry.company_member if entry.company == Company.CIRCLE else None
    return {
        "id": entry.pk,
        "day": entry.weekday,
        "day_name": DAY_NAMES[entry.weekday],
        "start": f"{entry.starts_at:%H:%M}",
        "end": f"{entry.ends_at:%H:%M}",
        "overnight": entry.overnight,
        "when": when_words(entry),
        "what": entry.what,
        "place": entry.place,
        "company": COMPANY_WORDS.get(Company(entry.company), entry.get_company_display()),
        "with": member.name if member is not None else "",
        "support": support_words(entry),
        "support_kind": entry.support_kind,
        "fixed": entry.fixed,
        "repeats": repeat_words(entry.recurrence, entry.repeats_from),
        "repeats_from": entry.repeats_from.isoformat() if entry.repeats_from else None,
        "icon": icon_for(entry),
    }


def compile_week(person: Person) -> dict[str, Any] | None:
    """The person's Perfect Week with its price, or None when they have none yet."""
    week = Week.objects.filter(person=person, kind=WeekKind.PERFECT).first()
    if week is None:
        return None
    entries = list(week.entries.select_related("company_member"))
    price: dict[str, Any] | None = None
    problem = ""
    card = current_rate_card(person.organisation_id)
    if card is None:
        problem = "There is no rate card yet, so the week has no price."
    else:
        try:
            price = price_week(
                [facts_from(entry) for entry in entries],
                card_facts(card),
                year_start=plan_year_start(timezone.localdate()),
            ).to_json()
        except (MissingRate, BadRecurrence) as error:
            problem = f"The week could not be priced: {error}"
    return {
        "version": week.version,
        "entries": [entry_json(entry) for entry in entries],
        "price": price,
        "price_problem": problem,
    }
