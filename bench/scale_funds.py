"""ISFs at scale for the benchmarks: a fund and an agreement in force for every person of the
scale database (`bench/generate_scale.py`), with months of ledger history loaded through
``funds.ledger.load`` (so every transaction is checked as a real posting is).

Per fund and month: the council's allocation, the management fee and the planned-support memo;
per week: one session of support from the provider (delivered a little under plan); and now and
then a payment to another supplier. Seven months give about 52 transactions (105 entries) a
fund, so 10,000 funds hold about a million entries.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from bench.scale import SCALE_COUNCIL, SCALE_PROVIDER
from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import Role
from directsupport.funds.ledger.load import Posting, load_postings, refresh_planner_statistics
from directsupport.funds.ledger.posting import allocation_lines, planned_lines, spend_lines
from directsupport.funds.models import (
    Account,
    Agreement,
    AgreementStatus,
    FeeKind,
    Fund,
    Kind,
    LedgerTransaction,
    SessionSource,
    SupportSession,
)
from directsupport.people.models import Person
from directsupport.week.models import SupportKind

HOURLY_RATE_PENCE = 3200
OTHER_SUPPLIERS = (
    ("Hollowfield Leisure Trust", "Swimming sessions"),
    ("Riverside Arts CIC", "Art group, half term"),
    ("Hollowfield Community Transport", "Dial-a-ride journeys"),
)


class ScaleFundsError(Exception):
    pass


@dataclass
class ScaleFundsResult:
    funds: int = 0
    transactions: int = 0
    entries: int = 0
    sessions: int = 0

    def summary(self) -> str:
        return (
            f"{self.funds:,} ISFs with {self.transactions:,} ledger transactions "
            f"({self.entries:,} entries) and {self.sessions:,} support sessions."
        )


def first_of_month(day: dt.date, *, months_back: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 - months_back
    return dt.date(index // 12, index % 12 + 1, 1)


def generate_scale_funds(
    *,
    months: int = 7,
    seed: int = 2026,
    batch_size: int = 250,
    progress: Callable[[str], None] | None = None,
) -> ScaleFundsResult:
    provider = Organisation.objects.filter(name=SCALE_PROVIDER).first()
    council = Organisation.objects.filter(name=SCALE_COUNCIL).first()
    actor = User.objects.filter(organisation=provider, role=Role.FINANCE).first()
    if provider is None or council is None or actor is None:
        raise ScaleFundsError(
            "Run bench/generate_scale.py first: the scale provider and staff are missing."
        )
    if Fund.objects.filter(provider=provider).exists():
        raise ScaleFundsError("The scale database already has ISFs.")
    rng = random.Random(seed)
    today = timezone.localdate()
    starts_on = first_of_month(today, months_back=months)
    people = list(Person.objects.filter(organisation=provider).order_by("pk"))
    result = ScaleFundsResult()
    for start in range(0, len(people), batch_size):
        with transaction.atomic():
            _one_batch(
                people[start : start + batch_size],
                provider,
                council,
                actor,
                rng,
                starts_on=starts_on,
                months=months,
                result=result,
            )
        if progress is not None:
            progress(f"  {result.funds:,} funds, {result.entries:,} entries")
    return result


def _one_batch(
    people: list[Person],
    provider: Organisation,
    council: Organisation,
    actor: User,
    rng: random.Random,
    *,
    starts_on: dt.date,
    months: int,
    result: ScaleFundsResult,
) -> None:
    funds = Fund.objects.bulk_create(
        Fund(person=person, provider=provider, council=council, reference=f"ISF-{person.pk:06d}")
        for person in people
    )
    weekly = {fund.pk: rng.randrange(30_000, 120_000) for fund in funds}  # £300 to £1,200
    Agreement.objects.bulk_create(
        Agreement(
            fund=fund,
            version=1,
            status=AgreementStatus.APPROVED,
            annual_budget_pence=weekly[fund.pk] * 52,
            starts_on=starts_on,
            ends_on=first_of_month(starts_on, months_back=-12) - dt.timedelta(days=1),
            fee_kind=FeeKind.PERCENT,
            fee_basis_points=800,
            first_review_on=starts_on + dt.timedelta(weeks=7),
            created_by=actor,
        )
        for fund in funds
    )
    postings: list[Posting] = []
    session_plans: list[tuple[int, dt.date, int]] = []  # (posting index, day, minutes)
    for fund in funds:
        fund.person = next(p for p in people if p.pk == fund.person_id)
        monthly = weekly[fund.pk] * 52 // 12
        planned_minutes = weekly[fund.pk] * 60 // HOURLY_RATE_PENCE  # a week's hours at the rate
        for month_index in range(months):
            month = first_of_month(starts_on, months_back=-month_index)
            key = f"scale:{fund.pk}:{month:%Y-%m}"
            postings += [
                Posting(
                    fund,
                    Kind.ALLOCATION,
                    allocation_lines(monthly),
                    month,
                    "Monthly allocation",
                    f"{key}:allocation",
                    counterparty=council.name,
                ),
                Posting(
                    fund,
                    Kind.MANAGEMENT_FEE,
                    spend_lines(Account.MANAGEMENT_FEE, monthly * 8 // 100),
                    month,
                    "Management fee (8%)",
                    f"{key}:fee",
                    counterparty=provider.name,
                ),
                Posting(
                    fund,
                    Kind.PLANNED_SUPPORT,
                    planned_lines(monthly * 9 // 10),
                    month,
                    "Support planned from the Perfect Week",
                    f"{key}:planned",
                    minutes=planned_minutes * 52 // 12,
                ),
            ]
            if rng.random() < 0.2:
                supplier, what = rng.choice(OTHER_SUPPLIERS)
                postings.append(
                    Posting(
                        fund,
                        Kind.SUPPLIER_PAYMENT,
                        spend_lines(Account.OTHER_SUPPLIERS, rng.randrange(2_000, 9_000)),
                        month + dt.timedelta(days=rng.randrange(27)),
                        what,
                        f"{key}:supplier",
                        counterparty=supplier,
                    )
                )
        week_start = starts_on
        week = 0
        while week_start < first_of_month(starts_on, months_back=-months):
            minutes = planned_minutes * rng.randrange(70, 88) // 100 // 15 * 15 or 60
            cost = minutes * HOURLY_RATE_PENCE // 60
            session_plans.append((len(postings), week_start, minutes))
            postings.append(
                Posting(
                    fund,
                    Kind.DELIVERED_SUPPORT,
                    spend_lines(Account.PROVIDER_SUPPORT, cost),
                    week_start,
                    "Support delivered this week",
                    f"scale:{fund.pk}:week:{week}",
                    counterparty=provider.name,
                    minutes=minutes,
                )
            )
            week_start += dt.timedelta(days=7)
            week += 1
    loaded = load_postings(postings, actor=actor, reason="scale benchmark history")
    sessions = [
        _session(loaded.transactions[index], day, minutes, provider.name, actor)
        for index, day, minutes in session_plans
    ]
    SupportSession.objects.bulk_create(sessions, batch_size=2000)
    refresh_planner_statistics()
    result.funds += len(funds)
    result.transactions += len(loaded.transactions)
    result.entries += loaded.entries
    result.sessions += len(sessions)


def _session(
    posted: LedgerTransaction, day: dt.date, minutes: int, supplier: str, actor: User
) -> SupportSession:
    return SupportSession(
        fund_id=posted.fund_id,
        delivered_on=day,
        starts_at=dt.time(10, 0),
        minutes=minutes,
        support_kind=SupportKind.COMMUNITY_ACCESS,
        supplier_name=supplier,
        worker_name="Scale worker",
        hourly_rate_pence=HOURLY_RATE_PENCE,
        cost_pence=minutes * HOURLY_RATE_PENCE // 60,
        source=SessionSource.RECORDED,
        transaction=posted,
        recorded_by=actor,
    )
