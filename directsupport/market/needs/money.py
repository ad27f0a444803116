"""The week against the money: what a person's Perfect Week costs, set against what their ISF
leaves for support, weekly and yearly. One function, ``support_money``, that the support page
shows and matching reads ("price within the person's budget" is within what is left).

Every figure comes from the app that owns its rule, never a copy of it:

- The budget and the management fee are the agreement in force today (``funds.agreements.services.
  agreement_in_force``): the yearly budget and ``fee_a_year_pence``; a week's budget is
  ``Agreement.weekly_budget_pence`` and a week's fee ``fee_a_week_pence`` (a percentage of the
  weekly budget, or a fixed monthly fee over 52 weeks). **Left for support** is the budget less
  the fee, in each column.
- **The Perfect Week's cost** is ``week.pricing.price_week`` at the provider's rate card in force
  today, over the 52-week plan year from this week's Monday, exactly as the Perfect Week's own
  page prices it. Its weekly figure here is the year's cost over 52 weeks (an average week, with
  bank holidays and every-other-week entries spread over the year), not the Perfect Week page's
  typical week: otherwise a week could show money left over while the year is short.
- **Planned** is what the suppliers chosen so far would charge for their needs: the chosen
  service's cost option in force today (per hour, session or night, free), for the need's
  hours. **Contracted** is nothing until the commissioning issue adds contracts; the page says
  so rather than show a made-up figure.
- **Surplus or shortfall** is what is left for support less the Perfect Week's cost: the
  question the issue asks ("Dee's week costs £32,280.37 a year, her budget after the 8% fee leaves
  £31,930.12"). **Not yet promised** is what is left less what is contracted and planned: what
  matching may still spend.

A weekly and a yearly figure are each rounded once from exact arithmetic, so 52 weeks of a
rounded weekly figure can differ from the yearly figure by a few pence; each column adds up
on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Prefetch

from directsupport.funds.agreements.services import agreement_in_force
from directsupport.funds.agreements.terms import fee_a_week_pence, fee_a_year_pence, fee_words
from directsupport.funds.models import Agreement, Fund
from directsupport.people.models import Person
from directsupport.week.models import SupportKind, WeekEntry, WeekKind
from directsupport.week.pricing import (
    WEEKS_PER_YEAR,
    BadRecurrence,
    MissingRate,
    WeekPrice,
    card_facts,
    current_rate_card,
    facts_from,
    plan_year_start,
    price_week,
    round_half_up,
    support_minutes,
)

from ..models import CostOption, CostUnit, NeedStatus, Service, SupplierChoice, SupportNeed
from .timing import facts_of_need, times_a_year

NIGHT_KINDS = (SupportKind.SLEEP_IN, SupportKind.WAKING_NIGHT)


@dataclass(frozen=True)
class Period:
    """The figures for a typical week, or for a year. None where there is nothing to say (no
    agreement in force, no rate card)."""

    budget_pence: int | None
    fee_pence: int | None
    week_cost_pence: int | None
    contracted_pence: int
    planned_pence: int

    @property
    def left_for_support_pence(self) -> int | None:
        if self.budget_pence is None or self.fee_pence is None:
            return None
        return self.budget_pence - self.fee_pence

    @property
    def surplus_pence(self) -> int | None:
        """Left for support less the Perfect Week's cost: negative is a shortfall."""
        left = self.left_for_support_pence
        if left is None or self.week_cost_pence is None:
            return None
        return left - self.week_cost_pence

    @property
    def shortfall_pence(self) -> int:
        surplus = self.surplus_pence
        return -surplus if surplus is not None and surplus < 0 else 0

    @property
    def not_yet_promised_pence(self) -> int | None:
        """Left for support less what is contracted and planned with suppliers."""
        left = self.left_for_support_pence
        if left is None:
            return None
        return left - self.contracted_pence - self.planned_pence


@dataclass(frozen=True)
class PlannedLine:
    """A need with a supplier chosen, and what that supplier would charge for it."""

    need: SupportNeed
    service: Service
    cost_option: CostOption | None
    weekly_pence: int | None
    yearly_pence: int | None
    problem: str = ""


@dataclass(frozen=True)
class SupportMoney:
    today: dt.date
    has_fund: bool
    agreement: Agreement | None
    fee_words: str
    week_price: WeekPrice | None
    week_problem: str  # why the week has no cost ("" when it has one)
    weekly: Period
    yearly: Period
    planned: tuple[PlannedLine, ...]

    @property
    def has_budget(self) -> bool:
        return self.agreement is not None

    @property
    def unpriced(self) -> tuple[PlannedLine, ...]:
        return tuple(line for line in self.planned if line.problem)


def _week_price(person: Person, today: dt.date) -> tuple[WeekPrice | None, str]:
    card = current_rate_card(person.organisation_id, today)
    entries = list(WeekEntry.objects.filter(week__person=person, week__kind=WeekKind.PERFECT))
    if not entries:
        return None, f"{person.called}'s Perfect Week is not written down yet."
    if card is None:
        return None, "There is no rate card in use, so the Perfect Week cannot be priced."
    try:
        price = price_week(
            [facts_from(entry) for entry in entries],
            card_facts(card),
            year_start=plan_year_start(today),
        )
    except (MissingRate, BadRecurrence) as error:
        return None, f"The Perfect Week cannot be priced: {error}."
    return price, ""


def _in_force_on(option: CostOption, today: dt.date) -> bool:
    return option.valid_from <= today and (option.valid_to is None or option.valid_to >= today)


def _units_for(need: SupportNeed) -> tuple[str, ...]:
    """The unit a need is best priced by first: nights for nights, hours for the rest."""
    if need.term.support_kind in NIGHT_KINDS:
        return (CostUnit.NIGHT, CostUnit.HOUR, CostUnit.SESSION, CostUnit.FREE)
    return (CostUnit.HOUR, CostUnit.SESSION, CostUnit.NIGHT, CostUnit.FREE)


def current_cost_option(service: Service, need: SupportNeed, today: dt.date) -> CostOption | None:
    """The service's price in force today that fits the need (the cheapest of the first unit
    that has one). Reads ``service.cost_options.all()``, so prefetch it."""
    in_force = [option for option in service.cost_options.all() if _in_force_on(option, today)]
    for unit in _units_for(need):
        fitting = [option for option in in_force if option.unit == unit]
        if fitting:
            return min(fitting, key=lambda option: (option.amount_pence, option.pk))
    return None


def _planned_line(need: SupportNeed, service: Service, today: dt.date) -> PlannedLine:
    option = current_cost_option(service, need, today)
    if option is None:
        return PlannedLine(need, service, None, None, None, "It has no price in force today.")
    if option.unit == CostUnit.FREE:
        return PlannedLine(need, service, option, 0, 0)
    facts = facts_of_need(need)
    year_start = plan_year_start(today)
    count = times_a_year(need, year_start=year_start)
    if facts is None or count is None:
        if option.unit == CostUnit.HOUR and need.minutes_a_week:
            weekly = Fraction(option.amount_pence * need.minutes_a_week, 60)
            return PlannedLine(
                need,
                service,
                option,
                round_half_up(weekly),
                round_half_up(weekly * WEEKS_PER_YEAR),
            )
        return PlannedLine(
            need, service, option, None, None, "It has no day and times yet, so no price."
        )
    if option.unit == CostUnit.HOUR:
        each = Fraction(option.amount_pence * support_minutes(facts), 60)
    else:  # a session or a night: one price each time
        each = Fraction(option.amount_pence)
    return PlannedLine(
        need,
        service,
        option,
        round_half_up(each * count / WEEKS_PER_YEAR),
        round_half_up(each * count),
    )


def needs_for_money(person: Person) -> list[SupportNeed]:
    """The person's needs with what ``support_money`` reads of them: their kind, week entry, and
    their choices with each chosen service's prices (four queries however many needs)."""
    choices = SupplierChoice.objects.select_related("service__supplier__organisation")
    return list(
        SupportNeed.objects.filter(person=person)
        .select_related("term", "district", "week_entry", "outcome")
        .prefetch_related(
            Prefetch("choices", queryset=choices),
            "choices__service__cost_options",
        )
    )


def chosen_service(need: SupportNeed) -> Service | None:
    """The service of the need's choice in force (the newest), from prefetched choices."""
    choices = list(need.choices.all())
    if not choices:
        return None
    newest = max(choices, key=lambda choice: (choice.recorded_at, choice.pk))
    return newest.service


def support_money(
    person: Person, today: dt.date, *, needs: Iterable[SupportNeed] | None = None
) -> SupportMoney:
    """The person's week against their money today (see the module docstring). ``needs`` may be
    the person's needs already loaded with ``needs_for_money`` (the support page lists them)."""
    fund = Fund.objects.filter(person=person).first()
    agreement = agreement_in_force(fund, today) if fund is not None else None
    price, week_problem = _week_price(person, today)
    loaded = list(needs) if needs is not None else needs_for_money(person)
    planned = []
    for need in loaded:
        service = chosen_service(need)
        if service is not None and need.status != NeedStatus.WITHDRAWN:
            planned.append(_planned_line(need, service, today))
    planned_weekly = sum(line.weekly_pence or 0 for line in planned)
    planned_yearly = sum(line.yearly_pence or 0 for line in planned)
    weekly = Period(
        budget_pence=agreement.weekly_budget_pence if agreement else None,
        fee_pence=fee_a_week_pence(agreement) if agreement else None,
        week_cost_pence=(
            round_half_up(Fraction(price.yearly_pence, WEEKS_PER_YEAR)) if price else None
        ),
        contracted_pence=0,
        planned_pence=planned_weekly,
    )
    yearly = Period(
        budget_pence=int(agreement.annual_budget_pence) if agreement else None,
        fee_pence=fee_a_year_pence(agreement) if agreement else None,
        week_cost_pence=price.yearly_pence if price else None,
        contracted_pence=0,
        planned_pence=planned_yearly,
    )
    return SupportMoney(
        today=today,
        has_fund=fund is not None,
        agreement=agreement,
        fee_words=fee_words(agreement) if agreement else "",
        week_price=price,
        week_problem=week_problem,
        weekly=weekly,
        yearly=yearly,
        planned=tuple(planned),
    )
