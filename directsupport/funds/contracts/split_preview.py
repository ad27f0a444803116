"""Previewing a block contract's split before anything is saved: what each covered person's share
is in proportion to (assessed hours, the yearly cost of their Perfect Week priced with the rate
card, or an amount entered), and the shares themselves, adding up to the annual value exactly
(``split.largest_remainder`` with the rule in ``models.REMAINDER_RULE``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.core.exceptions import ValidationError

from directsupport.accounts.models import Organisation
from directsupport.lib.money import format_pence
from directsupport.lib.templatetags.money import hours
from directsupport.people.models import Person
from directsupport.week.models import WeekEntry, WeekKind
from directsupport.week.pricing import (
    BadRecurrence,
    MissingRate,
    card_facts,
    current_rate_card,
    facts_from,
    plan_year_start,
    price_week,
)

from ..models import REMAINDER_RULE, BlockContract, CoveredPerson, SplitMethod
from .split import largest_remainder


def names_of(people: Sequence[Person]) -> str:
    names = [person.display_name for person in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def hours_words(minutes: int) -> str:
    """Assessed hours a week in the project's words: 2190 -> "36 hours 30 minutes a week"."""
    return f"{hours(minutes)} a week"


@dataclass(frozen=True)
class PreviewLine:
    person: Person
    basis: int
    basis_words: str
    share_pence: int
    percent: str


@dataclass(frozen=True)
class SplitPreview:
    """Every person's share before anything is saved."""

    method: str
    lines: tuple[PreviewLine, ...]
    total_pence: int
    remainder_rule: str = REMAINDER_RULE

    @property
    def method_label(self) -> str:
        return SplitMethod(self.method).label

    @property
    def basis_heading(self) -> str:
        return BASIS_HEADINGS[SplitMethod(self.method)]


BASIS_HEADINGS = {
    SplitMethod.ASSESSED_HOURS: "Assessed hours a week",
    SplitMethod.PERFECT_WEEK_COST: "Perfect Week cost for a year",
    SplitMethod.ENTERED: "Amount entered",
}


def basis_words(method: str, basis: int) -> str:
    """What a share is in proportion to, in words: "12 hours 30 minutes a week",
    "£31,200.00 a year"."""
    if method == SplitMethod.ASSESSED_HOURS:
        return hours_words(basis)
    if method == SplitMethod.PERFECT_WEEK_COST:
        return f"{format_pence(basis)} a year"
    return format_pence(basis)


def percent_of(part: int, whole: int) -> str:
    """12.345...% as "12.35%": two decimal places, rounded half up."""
    hundredths = Fraction(part * 10_000, whole)
    rounded = int(hundredths + Fraction(1, 2))
    return f"{rounded // 100}.{rounded % 100:02d}%"


def perfect_week_costs(
    people: Sequence[Person], *, provider: Organisation, today: dt.date
) -> dict[int, int]:
    """The yearly cost of each person's Perfect Week priced with the provider's rate card in use
    today, as the week pages price it; people with no Perfect Week are left out. Two queries."""
    card = current_rate_card(provider, today)
    if card is None:
        raise ValidationError(
            "There is no rate card in use, so Perfect Weeks cannot be priced. Make a rate card, "
            "or choose another way to split."
        )
    facts = card_facts(card)
    entries: dict[int, list[WeekEntry]] = {}
    for entry in WeekEntry.objects.filter(
        week__kind=WeekKind.PERFECT, week__person__in=[p.pk for p in people]
    ).select_related("week"):
        entries.setdefault(entry.week.person_id, []).append(entry)
    costs: dict[int, int] = {}
    problems: list[str] = []
    for person in people:
        if person.pk not in entries:
            continue
        try:
            price = price_week(
                [facts_from(entry) for entry in entries[person.pk]],
                facts,
                year_start=plan_year_start(today),
            )
        except (MissingRate, BadRecurrence) as error:
            problems.append(f"{person.display_name}'s Perfect Week cannot be priced: {error}.")
            continue
        costs[person.pk] = price.yearly_pence
    if problems:
        raise ValidationError(problems)
    return costs


def _bases(
    contract: BlockContract,
    rows: list[CoveredPerson],
    method: str,
    entered: dict[int, int] | None,
    today: dt.date,
) -> list[tuple[Person, int]]:
    people = [row.person for row in rows]
    if method == SplitMethod.ASSESSED_HOURS:
        none = [row.person for row in rows if row.assessed_weekly_minutes == 0]
        if none:
            raise ValidationError(
                f"{names_of(none)}: no assessed hours (0 a week), so nothing to share by. Change "
                "the assessed hours on the contract, or choose another way to split."
            )
        return [(row.person, row.assessed_weekly_minutes) for row in rows]
    if method == SplitMethod.PERFECT_WEEK_COST:
        costs = perfect_week_costs(people, provider=contract.provider, today=today)
        without = [p for p in people if p.pk not in costs]
        free = [p for p in people if costs.get(p.pk) == 0]
        problems = []
        if without:
            problems.append(f"{names_of(without)}: no Perfect Week yet, so no cost to share by.")
        if free:
            problems.append(
                f"{names_of(free)}: the Perfect Week has no paid support, so it costs £0."
            )
        if problems:
            problems.append("Add their Perfect Week, or choose another way to split.")
            raise ValidationError(problems)
        return [(p, costs[p.pk]) for p in people]
    if method == SplitMethod.ENTERED:
        amounts = entered or {}
        missing = [p for p in people if not amounts.get(p.pk)]
        if missing:
            raise ValidationError(f"Enter an amount of more than £0.00 for {names_of(missing)}.")
        total = sum(amounts[p.pk] for p in people)
        difference = total - contract.annual_value_pence
        if difference:
            how = "too much" if difference > 0 else "too little"
            raise ValidationError(
                f"The amounts add up to {format_pence(total)}: that is "
                f"{format_pence(abs(difference))} {how}. They must add up to the contract's "
                f"annual value, {format_pence(contract.annual_value_pence)}."
            )
        return [(p, amounts[p.pk]) for p in people]
    raise ValidationError("Choose how to split the contract.")


def preview_split(
    *,
    contract: BlockContract,
    method: str,
    today: dt.date,
    entered: dict[int, int] | None = None,
) -> SplitPreview:
    """Every covered person's share by ``method``, adding up to the annual value exactly; nothing
    is saved. ValidationError (with messages naming the people) when it cannot be split so."""
    rows = list(contract.covered.select_related("person"))
    if not rows:
        raise ValidationError(
            "This contract covers nobody yet. Add the people it covers before splitting it."
        )
    bases = _bases(contract, rows, method, entered, today)
    shares = largest_remainder(contract.annual_value_pence, [(p.pk, b) for p, b in bases])
    total = contract.annual_value_pence
    lines = tuple(
        PreviewLine(
            person=person,
            basis=basis,
            basis_words=basis_words(method, basis),
            share_pence=shares[person.pk],
            percent=percent_of(shares[person.pk], total),
        )
        for person, basis in bases
    )
    return SplitPreview(method=method, lines=lines, total_pence=total)
