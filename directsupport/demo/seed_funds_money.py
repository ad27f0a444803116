"""The demo's ISF money made by hand: purchases, gym memberships, a course refunded, money
returned to the council, a payment made twice and corrected, and banking for something special.

``plan_services`` decides what happens when (from ``funds_data``, counted back from today) and
what it does to the money, without writing; ``replay`` checks every fund's money day by day in
the ledger's order; ``write_services`` then posts it all through the services
(``ledger.services.post_by_hand``, ``ledger.posting.reverse``, ``banking``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import NamedTuple

from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.funds.banking import services as banking
from directsupport.funds.ledger import posting
from directsupport.funds.ledger import services as ledger_services
from directsupport.funds.models import Account, BankingPot, Fund
from directsupport.lib.money import format_pence
from directsupport.week.models import RateCard, SupportKind, SupportRatio
from directsupport.week.pricing import CardFacts, card_facts, round_half_up

from . import funds_data as fd
from .seed_funds_plans import LiveFund, SessionPlan


class MoneyEvent(NamedTuple):
    fund_id: int
    day: dt.date
    order: int  # on one day: months opened (0), then hand postings and banking (1), sessions (2)
    available_pence: int
    banked_pence: int
    label: str
    session: int = -1  # the index of the session it pays for, if it does


@dataclass
class _Action:
    day: dt.date
    run: Callable[[], object]


@dataclass
class ServicePlan:
    events: list[MoneyEvent] = field(default_factory=list)
    actions: list[_Action] = field(default_factory=list)
    pots: list[fd.PotSpec] = field(default_factory=list)
    skipped_sessions: list[SessionPlan] = field(default_factory=list)

    def add(self, fund: Fund, day: dt.date, label: str, *, available: int, banked: int = 0) -> None:
        self.events.append(MoneyEvent(fund.pk, day, 1, available, banked, label))


def _weeks_ago(today: dt.date, weeks: int, weekday: int) -> dt.date:
    monday = today - dt.timedelta(days=today.weekday())
    return monday - dt.timedelta(weeks=weeks) + dt.timedelta(days=weekday)


def _in_history(item: LiveFund, day: dt.date, today: dt.date) -> bool:
    return item.starts_on <= day < today


def plan_services(
    live: list[LiveFund], sessions: list[SessionPlan], today: dt.date, *, actor: User
) -> ServicePlan:
    by_name = {item.person.first_name: item for item in live}
    plan = ServicePlan()
    for spec in fd.HAND_POSTINGS:
        item = by_name[spec.first_name]
        day = _weeks_ago(today, spec.weeks_ago, 1)
        if _in_history(item, day, today):
            _hand(plan, item.fund, spec, day, actor)
    for name in fd.GYM_PEOPLE:
        _gym(plan, by_name[name], today, actor)
    _returned(plan, by_name[fd.RETURNED], today, actor)
    by_fund: dict[int, list[SessionPlan]] = defaultdict(list)
    for session in sessions:
        by_fund[session.fund.pk].append(session)
    cards = {
        card.effective_from: card_facts(card)
        for card in RateCard.objects.filter(organisation=live[0].fund.provider).prefetch_related(
            "rates"
        )
    }
    for pot in fd.POTS:
        item = by_name[pot.first_name]
        _pot(plan, item, pot, by_fund[item.fund.pk], cards, today, actor)
    plan.actions.sort(key=lambda action: action.day)
    return plan


def _hand(plan: ServicePlan, fund: Fund, spec: fd.HandSpec, day: dt.date, actor: User) -> None:
    choice = ledger_services.HAND_POSTINGS[spec.choice]
    lines = ledger_services.hand_posting_lines(choice, spec.amount_pence)
    available = sum(line.amount_pence for line in lines if line.account == Account.AVAILABLE)
    plan.add(fund, day, spec.description, available=available)
    key = f"demo-isf-{fund.pk}-{spec.choice}-{day:%Y%m%d}"
    plan.actions.append(
        _Action(
            day,
            lambda: ledger_services.post_by_hand(
                fund=fund,
                choice=spec.choice,
                effective_on=day,
                amount_pence=spec.amount_pence,
                description=spec.description,
                counterparty=spec.counterparty,
                form_key=key,
                actor=actor,
            ),
        )
    )


def _gym(plan: ServicePlan, item: LiveFund, today: dt.date, actor: User) -> None:
    month = item.starts_on.replace(day=1)
    index = 0
    while True:
        day = month.replace(day=3)
        if day >= today:
            return
        if _in_history(item, day, today):
            spec = fd.HandSpec(
                item.person.first_name,
                "supplier_payment",
                0,
                fd.GYM_PENCE,
                f"Gym membership for {month:%B %Y}",
                fd.GYM_SUPPLIER,
            )
            _hand(plan, item.fund, spec, day, actor)
            if (item.person.first_name, index) == fd.DUPLICATED:
                _paid_twice(plan, item.fund, spec, day, today, actor)
            index += 1
        month = (month + dt.timedelta(days=32)).replace(day=1)


def _paid_twice(
    plan: ServicePlan, fund: Fund, spec: fd.HandSpec, first: dt.date, today: dt.date, actor: User
) -> None:
    """The same membership paid again the next day, then corrected by a reversing entry."""
    again = first + dt.timedelta(days=1)
    corrected = min(again + dt.timedelta(days=8), today - dt.timedelta(days=1))
    plan.add(fund, again, "paid twice", available=-spec.amount_pence)
    plan.add(fund, corrected, "correction", available=spec.amount_pence)

    def run() -> None:
        posted = ledger_services.post_by_hand(
            fund=fund,
            choice=spec.choice,
            effective_on=again,
            amount_pence=spec.amount_pence,
            description=spec.description,
            counterparty=spec.counterparty,
            form_key=f"demo-isf-{fund.pk}-gym-again-{again:%Y%m%d}",
            actor=actor,
        )
        posting.reverse(
            original=posted.transaction,
            reason=(
                f"paid twice by mistake: the {spec.description.lower()} was already paid on "
                f"{first.day} {first:%B %Y}"
            ),
            idempotency_key=f"demo-isf:correction:{posted.transaction.pk}",
            actor=actor,
            effective_on=corrected,
        )

    plan.actions.append(_Action(again, run))


def _returned(plan: ServicePlan, item: LiveFund, today: dt.date, actor: User) -> None:
    day = _weeks_ago(today, fd.RETURNED_WEEKS_AGO, 4)
    spec = fd.HandSpec(
        item.person.first_name, "return_to_council", 0, fd.RETURNED_PENCE, fd.RETURNED_WHY, ""
    )
    if _in_history(item, day, today):
        _hand(plan, item.fund, spec, day, actor)


# --- Banking -----------------------------------------------------------------------------------


def _skip_for_hours(
    sessions: list[SessionPlan], first: dt.date, skipped: list[SessionPlan]
) -> SessionPlan | None:
    """The session the person chose not to have that week (its hours banked instead)."""
    week = [
        s
        for s in sessions
        if first <= s.day < first + dt.timedelta(days=7)
        and s.support_kind not in (SupportKind.SLEEP_IN, SupportKind.WAKING_NIGHT)
        and s.ratio == SupportRatio.ONE_TO_ONE
        and s not in skipped
    ]
    return week[0] if week else None


def _pot(
    plan: ServicePlan,
    item: LiveFund,
    spec: fd.PotSpec,
    sessions: list[SessionPlan],
    cards: dict[dt.date, CardFacts],
    today: dt.date,
    actor: User,
) -> None:
    fund = item.fund
    holder: dict[str, BankingPot] = {}
    moves: list[tuple[dt.date, int, int | None]] = []  # day, pence, minutes (if hours)
    for weeks in spec.hours_weeks_ago:
        session = _skip_for_hours(sessions, _weeks_ago(today, weeks, 0), plan.skipped_sessions)
        if session is None or not _in_history(item, session.day, today):
            continue
        plan.skipped_sessions.append(session)
        rate = _personal_care_rate(cards, session.day)
        pence = round_half_up(Fraction(session.minutes * rate, 60))
        moves.append((session.day, pence, session.minutes))
    for weeks, pence in spec.money:
        day = _weeks_ago(today, weeks, 2)
        if _in_history(item, day, today):
            moves.append((day, pence, None))
    moves.sort(key=lambda move: move[0])
    banked = 0
    for day, pence, _ in moves:
        banked += pence
        plan.add(fund, day, f"banked for {spec.purpose}", available=-pence, banked=pence)
    uses: list[tuple[dt.date, int, str, str]] = []
    for weeks, pence, pay_to, what in spec.uses:
        day = _weeks_ago(today, weeks, 3)
        amount = pence or banked
        if not _in_history(item, day, today) or amount <= 0 or amount > banked:
            continue
        banked -= amount
        uses.append((day, amount, pay_to, what))
        plan.add(fund, day, what, available=0 if pay_to else amount, banked=-amount)
    if not moves:
        return
    plan.pots.append(spec)
    first_day = moves[0][0]

    def open_pot() -> None:
        pot = banking.open_pot(
            fund=fund, purpose=spec.purpose, target_pence=spec.target_pence, actor=actor
        )
        opened = timezone.make_aware(dt.datetime.combine(first_day, dt.time(10)))
        BankingPot.objects.filter(pk=pot.pk).update(created_at=opened)
        holder["pot"] = pot

    plan.actions.append(_Action(first_day - dt.timedelta(days=1), open_pot))
    for day, pence, minutes in moves:
        plan.actions.append(_Action(day, _bank(fund, holder, day, pence, minutes, actor)))
    for day, amount, pay_to, what in uses:
        plan.actions.append(_Action(day, _use(fund, holder, day, amount, pay_to, what, actor)))


def _personal_care_rate(cards: dict[dt.date, CardFacts], day: dt.date) -> int:
    """The rate ``banking`` turns hours into money at: personal care, weekday daytime."""
    card = cards[max(start for start in cards if start <= day)]
    return card.hourly[(banking.BANKED_HOURS_KIND, banking.BANKED_HOURS_BAND)]


def _bank(
    fund: Fund,
    holder: dict[str, BankingPot],
    day: dt.date,
    pence: int,
    minutes: int | None,
    actor: User,
) -> Callable[[], object]:
    return lambda: banking.bank(
        fund=fund,
        pot=holder["pot"],
        amount_pence=None if minutes else pence,
        minutes=minutes,
        idempotency_key=f"demo-isf:bank:{fund.pk}:{day:%Y%m%d}",
        actor=actor,
        on=day,
    )


def _use(
    fund: Fund,
    holder: dict[str, BankingPot],
    day: dt.date,
    amount: int,
    pay_to: str,
    what: str,
    actor: User,
) -> Callable[[], object]:
    return lambda: banking.use_banked(
        fund=fund,
        pot=holder["pot"],
        amount_pence=amount,
        idempotency_key=f"demo-isf:use:{fund.pk}:{day:%Y%m%d}",
        actor=actor,
        pay_to=pay_to,
        description=what,
        on=day,
    )


# --- Checking and writing ----------------------------------------------------------------------


class MoneyWouldGoNegative(ValueError):
    """The demo's story would take a fund below zero: a bug in the demo data, not a posting."""


def replay(
    *event_lists: Iterable[MoneyEvent], overdrafts: Mapping[int, int] | None = None
) -> set[int]:
    """Every fund's money to spend and banked money, in the ledger's order (the day, then what
    was posted first), checked against the ledger's own overdraft rule
    (``posting.would_overdraw``) with each fund's approved overdraft (``overdrafts``, by fund id;
    none when not given: the demo's agreements have none).

    A session the fund could not pay for that day is not delivered (as finance would have
    stopped it): the indexes of those sessions are returned. Anything else that would break the
    rule is a mistake in the demo's stories and stops the seed.
    """
    limits = overdrafts or {}
    by_fund: dict[int, list[tuple[int, MoneyEvent]]] = defaultdict(list)
    sequence = 0
    for found in event_lists:
        for event in found:
            by_fund[event.fund_id].append((sequence, event))
            sequence += 1
    problems = []
    not_delivered: set[int] = set()
    for fund_id, numbered in by_fund.items():
        available = banked = 0
        limit = limits.get(fund_id, 0)
        for _, event in sorted(numbered, key=lambda pair: (pair[1].day, pair[1].order, pair[0])):
            if event.session >= 0 and posting.would_overdraw(
                available_pence=available + event.available_pence,
                banked_pence=banked,
                limit_pence=limit,
            ):
                not_delivered.add(event.session)
                continue
            available += event.available_pence
            banked += event.banked_pence
            if posting.would_overdraw(
                available_pence=available, banked_pence=banked, limit_pence=limit
            ):
                problems.append(
                    f"Fund {fund_id} would have {format_pence(available)} to spend and "
                    f"{format_pence(banked)} banked on {event.day} after {event.label!r}."
                )
                break
    if problems:
        raise MoneyWouldGoNegative(" ".join(problems))
    return not_delivered


def write_services(plan: ServicePlan) -> int:
    """Post everything planned, in date order; how many actions were run."""
    for action in plan.actions:
        action.run()
    return len(plan.actions)
