"""The demo's Individual Service Funds: Hollowfield's block contract, split twice (the first split
returned by the council, the second approved), each person's agreement, and months of money.

Everything goes through the funds services as a user would (contracts, agreements, their
reviews, months.opening.open_month, ledger, banking, timesheets, statements), except
the session-by-session history, which is loaded in bulk by ``seed_funds_history`` with the
services' own rules. Dates count back from today, so the demo always looks current.

Repeatable: nothing is added when the contract's reference already exists.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import Role
from directsupport.funds.agreements import services as agreements
from directsupport.funds.agreements.reviews import record_review
from directsupport.funds.alerts.rules import AlertKind, alerts_for
from directsupport.funds.contracts.services import (
    create_contract,
    decide_split,
    propose_split,
    submit_split,
)
from directsupport.funds.models import (
    AgreedBy,
    Agreement,
    AgreementReview,
    AgreementStatus,
    BlockContract,
    ContractSplit,
    FeeKind,
    Fund,
    LedgerTransaction,
    SplitMethod,
)
from directsupport.funds.months.opening import open_month
from directsupport.funds.statements.services import make_statements
from directsupport.lib.money import format_pence
from directsupport.people.models import CircleMember, Person
from directsupport.week.models import WeekEntry, WeekKind
from directsupport.week.pricing import card_facts, current_rate_card, facts_from, plan_year_start
from directsupport.week.pricing import price_week as price_perfect_week

from . import funds_data as fd
from . import organisations_data as orgs
from .circle_data import REPRESENTED
from .people_data import PEOPLE
from .seed_funds_history import HistoryCounts, seed_history
from .seed_funds_plans import LiveFund

SEED = "willowbrook-funds-2026"
FIRST_REVIEW_WEEKS = 7


@dataclass
class FundsCounts:
    skipped: bool = False
    annual_value_pence: int = 0
    funds: int = 0
    live: int = 0
    waiting: int = 0
    transactions: int = 0
    history: HistoryCounts = field(default_factory=HistoryCounts)
    statements: int = 0
    alerts: Counter[str] = field(default_factory=Counter)
    reviews_overdue: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        if self.skipped:
            return [f"ISFs: contract {fd.CONTRACT_REFERENCE} already there, so nothing was added."]
        alerts = self.alerts
        return [
            f"ISFs: {self.funds} from the split of {fd.CONTRACT_REFERENCE} "
            f"({format_pence(self.annual_value_pence)} a year); {self.live} live, "
            f"{self.waiting} agreements waiting for the person or the council.",
            f"ISF money: {self.transactions:,} ledger transactions, "
            f"{self.history.sessions:,} support sessions ({self.history.supplier_sessions:,} "
            f"from other suppliers, {self.history.timesheet_sessions} from a timesheet), "
            f"{self.history.pots} banking pots, {self.statements} statements.",
            f"ISF alerts: {alerts[AlertKind.FORECAST]} overspend, "
            f"{alerts[AlertKind.HOURS]} hours below plan, {alerts[AlertKind.BANKED]} banked "
            f"beyond the rule, {alerts[AlertKind.REVIEW]} reviews due "
            f"({self.reviews_overdue} overdue). Made in {self.seconds:.1f} s.",
        ]


@dataclass(frozen=True)
class Cast:
    finance: User
    commissioners: tuple[User, ...]


def seed_funds(*, provider: Organisation, users: dict[str, User]) -> FundsCounts:
    if BlockContract.objects.filter(provider=provider, reference=fd.CONTRACT_REFERENCE).exists():
        return FundsCounts(skipped=True)
    started = time.perf_counter()
    today = timezone.localdate()
    cast = _cast(users)
    council = Organisation.objects.get(name=orgs.COUNCIL)
    people = _people(provider)
    counts = FundsCounts(annual_value_pence=fd.CONTRACT_VALUE_PENCE)

    contract = _contract(provider, council, people, cast, today)
    funds = _split(contract, cast, today)
    counts.funds = len(funds)
    live = _agreements(funds, cast, today)
    counts.live = len(live)
    counts.waiting = Agreement.objects.filter(
        fund__in=funds, status__in=[AgreementStatus.DRAFT, AgreementStatus.AGREED]
    ).count()
    for item in live:
        for month in _months(item.starts_on, today):
            open_month(fund=item.fund, month=month, actor=cast.finance)
    counts.history = seed_history(live, provider=provider, actor=cast.finance, today=today)
    first_month = min(item.starts_on for item in live)
    for month in _months(first_month, today)[:-1]:
        counts.statements += make_statements(
            month=month, fund_ids=[item.fund.pk for item in live], actor=cast.finance
        )
    fund_ids = [fund.pk for fund in funds]
    counts.transactions = LedgerTransaction.objects.filter(fund_id__in=fund_ids).count()
    found = alerts_for(Fund.objects.filter(provider=provider), today)
    counts.alerts = Counter(alert.kind for alert in found)
    counts.reviews_overdue = sum(
        1 for alert in found if alert.kind == AlertKind.REVIEW and alert.severity == "urgent"
    )
    _backdate(contract, live_since(today))
    counts.seconds = time.perf_counter() - started
    return counts


# --- Dates -----------------------------------------------------------------------------------


def first_of_month(day: dt.date, months_back: int = 0) -> dt.date:
    return day.replace(day=1) - relativedelta(months=months_back)


def live_since(today: dt.date) -> dt.date:
    return first_of_month(today, 5)


def recent_since(today: dt.date) -> dt.date:
    return first_of_month(today, 1)


def contract_year(today: dt.date) -> tuple[dt.date, dt.date]:
    """1 April to 31 March of the financial year containing the day six months ago."""
    back = today - relativedelta(months=6)
    year = back.year if back.month >= 4 else back.year - 1
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


def _months(first: dt.date, today: dt.date) -> list[dt.date]:
    months = []
    month = first.replace(day=1)
    while month <= today:
        months.append(month)
        month += relativedelta(months=1)
    return months


# --- The cast and the people ---------------------------------------------------------------


def _cast(users: dict[str, User]) -> Cast:
    finance = next(users[s.email] for s in orgs.STAFF if s.role == Role.FINANCE)
    commissioners = tuple(users[s.email] for s in orgs.STAFF if s.role == Role.COMMISSIONER)
    return Cast(finance=finance, commissioners=commissioners)


def _people(provider: Organisation) -> list[Person]:
    """The demo people in people_data order, with their coordinator and user."""
    found = {
        (person.first_name, person.last_name): person
        for person in Person.objects.filter(organisation=provider).select_related(
            "coordinator", "user"
        )
    }
    return [found[(spec.first_name, spec.last_name)] for spec in PEOPLE]


def _assessed_minutes(people: list[Person], provider: Organisation, today: dt.date) -> list[int]:
    """The council's assessed hours: the Perfect Week's paid hours, rounded to half hours and
    varied a little, as an assessment never matches a plan exactly."""
    card = current_rate_card(provider, today)
    if card is None:
        raise ValueError("The demo's rate cards are missing: seed the Perfect Weeks first.")
    facts = card_facts(card)
    entries: dict[int, list[WeekEntry]] = {}
    for entry in WeekEntry.objects.filter(
        week__kind=WeekKind.PERFECT, week__person__in=people
    ).select_related("week"):
        entries.setdefault(entry.week.person_id, []).append(entry)
    minutes = []
    for person in people:
        rng = random.Random(f"{SEED}:assessed:{person.first_name}:{person.last_name}")  # noqa: S311
        weekly = price_perfect_week(
            [facts_from(e) for e in entries.get(person.pk, [])],
            facts,
            year_start=plan_year_start(today),
        ).weekly_minutes
        rounded = (weekly + 15) // 30 * 30 + rng.choice(fd.ASSESSED_VARIATION)
        minutes.append(max(60, rounded))
    return minutes


# --- The contract and its splits -----------------------------------------------------------


def _contract(
    provider: Organisation,
    council: Organisation,
    people: list[Person],
    cast: Cast,
    today: dt.date,
) -> BlockContract:
    starts_on, ends_on = contract_year(today)
    return create_contract(
        provider=provider,
        council=council,
        reference=fd.CONTRACT_REFERENCE,
        title=fd.CONTRACT_TITLE,
        annual_value_pence=fd.CONTRACT_VALUE_PENCE,
        starts_on=starts_on,
        ends_on=ends_on,
        covered=list(zip(people, _assessed_minutes(people, provider, today), strict=True)),
        actor=cast.finance,
    )


def _split(contract: BlockContract, cast: Cast, today: dt.date) -> list[Fund]:
    by_hours = propose_split(
        contract=contract, method=SplitMethod.ASSESSED_HOURS, actor=cast.finance, today=today
    )
    submit_split(split=by_hours, actor=cast.finance)
    decide_split(split=by_hours, approve=False, note=fd.RETURN_NOTE, actor=cast.commissioners[0])
    by_cost = propose_split(
        contract=contract, method=SplitMethod.PERFECT_WEEK_COST, actor=cast.finance, today=today
    )
    submit_split(split=by_cost, actor=cast.finance)
    funds = decide_split(
        split=by_cost, approve=True, note=fd.APPROVE_NOTE, actor=cast.commissioners[1]
    )
    for fund in funds:
        fund.provider = contract.provider
        fund.council = contract.council
    return funds


# --- Agreements ------------------------------------------------------------------------------


def _agreements(funds: list[Fund], cast: Cast, today: dt.date) -> list[LiveFund]:
    by_person = {fund.person_id: fund for fund in funds}
    people = Person.objects.filter(pk__in=by_person).select_related("coordinator", "user")
    persons = {(p.first_name, p.last_name): p for p in people}
    representatives = _representatives(list(persons.values()))
    live: list[LiveFund] = []
    recent_index = 0
    for spec in PEOPLE:
        person = persons[(spec.first_name, spec.last_name)]
        fund = by_person[person.pk]
        fund.person = person
        first_name = spec.first_name
        rng = random.Random(f"{SEED}:terms:{first_name}:{spec.last_name}")  # noqa: S311
        draft = Agreement.objects.get(fund=fund, version=1)
        draft.fund = fund
        if first_name in fd.LIVE_LAST_MONTH:
            weeks = FIRST_REVIEW_WEEKS + recent_index % 2  # 7 or 8 weeks: overdue or due now
            recent_index += 1
            start = recent_since(today)
        elif first_name in (*fd.DRAFT_WAITING, *fd.AGREED_WAITING, fd.CHANGES_ASKED):
            weeks, start = FIRST_REVIEW_WEEKS, first_of_month(today, -1)
        else:
            weeks, start = FIRST_REVIEW_WEEKS, live_since(today)
        draft = _set_terms(draft, person, start, weeks, rng)
        if first_name in fd.DRAFT_WAITING:
            continue
        if first_name == fd.CHANGES_ASKED:
            _answer(draft, person, representatives, agrees=False, comment=fd.CHANGES_COMMENT)
            agreements.draft_agreement(
                fund=fund,
                terms=fd.CHANGES_TERMS,
                change_summary=fd.CHANGES_SUMMARY,
                actor=_coordinator(person),
            )
            continue
        _answer(draft, person, representatives, agrees=True)
        if first_name in fd.AGREED_WAITING:
            continue
        approved = _approve(draft, cast, start)
        versions = [approved]
        if first_name == fd.RAISED:
            versions.append(_raise(approved, person, cast, today))
        elif first_name != fd.REVIEW_NOT_HELD and start == live_since(today):
            _review(fund, approved, person, rng, today)
        live.append(LiveFund(fund=fund, person=person, versions=tuple(versions)))
    return live


def _coordinator(person: Person) -> User:
    if person.coordinator is None:
        raise ValueError(f"{person.display_name} has no coordinator: seed the people first.")
    return person.coordinator


def _set_terms(
    draft: Agreement, person: Person, start: dt.date, review_weeks: int, rng: random.Random
) -> Agreement:
    terms: dict[str, object] = {
        "starts_on": start,
        "ends_on": start + relativedelta(years=1) - dt.timedelta(days=1),
        "first_review_on": start + dt.timedelta(weeks=review_weeks),
        "contingency_pence": rng.choice((30_000, 40_000, 50_000, 60_000, 75_000, 80_000)),
    }
    fixed = fd.FIXED_FEES_PENCE.get(person.first_name)
    if fixed is not None:
        terms |= {"fee_kind": FeeKind.AMOUNT, "fee_monthly_pence": fixed, "fee_basis_points": 0}
    return agreements.change_draft(
        agreement=draft,
        terms=terms,
        change_summary=(
            f"Start date, contingency and reviews agreed with {person.called} and their "
            "circle at the planning meeting."
        ),
        expected_stamp=agreements.terms_stamp(draft),
        actor=_coordinator(person),
    )


def _representatives(people: list[Person]) -> dict[int, str]:
    """For people who cannot agree themselves, the circle member who agrees for them."""
    wanted = {p.pk: REPRESENTED[p.first_name][0] for p in people if p.first_name in REPRESENTED}
    found: dict[int, str] = {}
    for person_id, relationship, sector, name in CircleMember.objects.filter(
        person_id__in=wanted
    ).values_list("person_id", "relationship", "sector", "name"):
        if relationship == wanted[person_id]:
            found[person_id] = name
        elif sector == "family":
            found.setdefault(person_id, name)
    return {person_id: found.get(person_id, "Their advocate") for person_id in wanted}


def _answer(
    draft: Agreement,
    person: Person,
    representatives: dict[int, str],
    *,
    agrees: bool,
    comment: str = "",
) -> None:
    coordinator = _coordinator(person)
    if person.pk in representatives:
        agreements.record_answer(
            agreement=draft,
            agrees=agrees,
            actor=coordinator,
            agreed_by=AgreedBy.REPRESENTATIVE,
            representative_name=representatives[person.pk],
            representative_reason=fd.AGREEMENT_REPRESENTATION[person.first_name],
            comment=comment,
        )
        return
    agreements.record_answer(
        agreement=draft,
        agrees=agrees,
        actor=person.user or coordinator,
        agreed_by=AgreedBy.PERSON,
        comment=comment,
    )


def _approve(agreed: Agreement, cast: Cast, start: dt.date) -> Agreement:
    commissioner = cast.commissioners[agreed.fund_id % len(cast.commissioners)]
    return agreements.decide_agreement(
        agreement=agreed,
        approve=True,
        note=f"Approved, in force from {start.day} {start:%B %Y}.",
        actor=commissioner,
    )


def _review(
    fund: Fund, agreement: Agreement, person: Person, rng: random.Random, today: dt.date
) -> None:
    held_on = min(agreement.first_review_on + dt.timedelta(days=rng.randint(-4, 5)), today)
    record_review(
        fund=fund,
        held_on=held_on,
        summary=rng.choice(fd.REVIEW_SUMMARIES).format(name=person.called),
        actor=_coordinator(person),
    )


def _raise(first: Agreement, person: Person, cast: Cast, today: dt.date) -> Agreement:
    """Shanice's first review, then version 2 with more money, agreed and approved."""
    fund = first.fund
    record_review(
        fund=fund,
        held_on=first.first_review_on,
        summary=(
            "Shanice is doing well and wants to learn to cook for a living. She asked to do the "
            "Level 1 catering course at Hollowfield College; we will raise her budget for the "
            "fees and travel (version 2)."
        ),
        actor=_coordinator(person),
    )
    start = first.starts_on + relativedelta(months=3)
    second = agreements.draft_agreement(
        fund=fund,
        terms={
            "annual_budget_pence": first.annual_budget_pence + fd.RAISE_PENCE,
            "starts_on": start,
            "ends_on": start + relativedelta(years=1) - dt.timedelta(days=1),
            "first_review_on": start + dt.timedelta(weeks=FIRST_REVIEW_WEEKS),
        },
        change_summary=fd.RAISE_SUMMARY,
        actor=_coordinator(person),
    )
    second.fund = fund
    _answer(second, person, {}, agrees=True)
    approved = _approve(second, cast, start)
    if approved.first_review_on < today:
        record_review(
            fund=fund,
            held_on=approved.first_review_on,
            summary=fd.RAISE_REVIEW,
            actor=_coordinator(person),
        )
    return approved


# --- Believable timestamps -------------------------------------------------------------------


def _at(day: dt.date, hour: int) -> dt.datetime:
    """That day at that hour, never later than now."""
    return min(timezone.make_aware(dt.datetime.combine(day, dt.time(hour))), timezone.now())


def _backdate(contract: BlockContract, first_start: dt.date) -> None:
    """The services stamp everything now; the story happened over the months before. The
    contract, its splits, the agreements and the reviews are given the days they happened
    (the ledger is append-only and keeps the moment it was written)."""
    BlockContract.objects.filter(pk=contract.pk).update(
        created_at=_at(contract.starts_on - dt.timedelta(weeks=3), 10)
    )
    returned, approved = ContractSplit.objects.filter(contract=contract).order_by("id")
    for split, weeks in ((returned, 10), (approved, 7)):
        sent = first_start - dt.timedelta(weeks=weeks)
        ContractSplit.objects.filter(pk=split.pk).update(
            created_at=_at(sent, 10),
            submitted_at=_at(sent, 15),
            decided_at=_at(sent + dt.timedelta(weeks=1), 11),
        )
    drafted_from_split = first_start - dt.timedelta(weeks=6)
    for agreement in Agreement.objects.filter(fund__split_line__split=approved):
        start = agreement.starts_on
        created = drafted_from_split if agreement.version == 1 else start - dt.timedelta(weeks=4)
        # Changes were asked for before the next version was drafted.
        answered_weeks = 5 if agreement.status == AgreementStatus.CHANGES_ASKED else 3
        Agreement.objects.filter(pk=agreement.pk).update(
            created_at=_at(created, 10),
            agreed_at=_at(start - dt.timedelta(weeks=answered_weeks), 14)
            if agreement.agreed_at
            else None,
            decided_at=_at(start - dt.timedelta(weeks=1), 10) if agreement.decided_at else None,
        )
    for review in AgreementReview.objects.filter(fund__split_line__split=approved):
        AgreementReview.objects.filter(pk=review.pk).update(
            recorded_at=_at(review.held_on + dt.timedelta(days=1), 16)
        )
