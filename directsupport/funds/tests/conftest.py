"""Fixtures for the ISF tests: Dee's fund with an agreement in force, and money in it.

Dee's budget is £31,200 a year (£600 a week); the agreement takes an 8% management fee, lets up
to 4 weeks' budget be banked for up to 12 weeks, and has no overdraft.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

import pytest

from directsupport.funds.ledger import posting
from directsupport.funds.models import Agreement, AgreementStatus, FeeKind, Fund, Kind

START = dt.date(2026, 4, 1)
_keys = itertools.count(1)


def new_key(prefix: str = "test") -> str:
    return f"{prefix}-{next(_keys)}"


@pytest.fixture
def dee_fund(dee, provider, council) -> Fund:
    fund = Fund.objects.create(person=dee, provider=provider, council=council, reference="ISF-0001")
    Agreement.objects.create(
        fund=fund,
        version=1,
        status=AgreementStatus.APPROVED,
        annual_budget_pence=3_120_000,
        starts_on=START,
        ends_on=dt.date(2027, 3, 31),
        fee_kind=FeeKind.PERCENT,
        fee_basis_points=800,
        first_review_on=START + dt.timedelta(weeks=7),
    )
    fund.person = dee
    return fund


@pytest.fixture
def allocate(finance) -> Callable[..., posting.Posted]:
    """Put money from the council into a fund: allocate(fund, pence)."""

    def give(fund: Fund, pence: int, *, on: dt.date = START) -> posting.Posted:
        return posting.post(
            fund=fund,
            kind=Kind.ALLOCATION,
            lines=posting.allocation_lines(pence),
            effective_on=on,
            description="Monthly allocation",
            counterparty=fund.council.name,
            idempotency_key=new_key("allocation"),
            actor=finance,
        )

    return give


# --- C (contracts): a block contract covering Dee and Ben, and personas by name ---------------


@pytest.fixture
def contract_persona(request: pytest.FixtureRequest, dee, sister) -> Callable[[str], object]:
    """contract_persona("finance") gives that persona's user (Dee and her sister exist)."""
    return request.getfixturevalue


@pytest.fixture
def ben(provider, council):
    """Ben Adams, also supported by Willowbrook and funded by Hollowfield Council."""
    from tests.factories import PersonFactory

    return PersonFactory.create(
        organisation=provider, first_name="Ben", last_name="Adams", funding_council=council
    )


@pytest.fixture
def block_contract(provider, council, dee, ben, finance):
    """LBW-LD-017: £100,000.00 a year for Dee (12 hours a week) and Ben (20 hours)."""
    from directsupport.funds.contracts.services import create_contract

    return create_contract(
        provider=provider,
        council=council,
        reference="LBW-LD-017",
        title="Supported living",
        annual_value_pence=10_000_000,
        starts_on=START,
        ends_on=dt.date(2027, 3, 31),
        covered=[(dee, 12 * 60), (ben, 20 * 60)],
        actor=finance,
    )


# --- H (hours and banking): Willowbrook's rate card and Dee's Perfect Week ---------------------

# Pence per worker-hour by band, the same for every hourly kind (as the week tests use).
HOURS_BAND_PENCE = {
    "day": 3200,
    "evening": 3500,
    "night": 3800,
    "weekend": 3600,
    "bank_holiday": 4800,
}


def make_rate_card(provider, effective_from: dt.date, band_pence: dict[str, int] | None = None):
    from directsupport.week.models import Rate, RateCard, SupportKind

    card = RateCard.objects.create(
        organisation=provider, effective_from=effective_from, sleep_in_pence=9500
    )
    Rate.objects.bulk_create(
        Rate(rate_card=card, support_kind=kind, band=band, pence_per_hour=pence)
        for kind in SupportKind
        if kind != SupportKind.SLEEP_IN
        for band, pence in (band_pence or HOURS_BAND_PENCE).items()
    )
    return card


@pytest.fixture
def hours_rate_card(provider):
    """Willowbrook's card from 1 April 2026: £32 an hour on weekday daytimes for every kind."""
    return make_rate_card(provider, START)


@pytest.fixture
def add_to_perfect_week(dee, coordinator) -> Callable[..., object]:
    """add_to_perfect_week(weekday, "10:00", "13:00", kind=..., ratio=..., shared_by=...,
    recurrence=..., repeats_from=...) adds a paid entry to Dee's Perfect Week."""
    from directsupport.week.models import Company, Week, WeekEntry, WeekKind

    week, _ = Week.objects.get_or_create(person=dee, kind=WeekKind.PERFECT)

    def add(
        weekday: int,
        starts: str,
        ends: str,
        *,
        kind: str = "community_access",
        ratio: str = "one_to_one",
        shared_by: int | None = None,
        recurrence: str = "",
        repeats_from: dt.date | None = None,
        overnight: bool = False,
    ) -> WeekEntry:
        return WeekEntry.objects.create(
            week=week,
            weekday=weekday,
            starts_at=dt.time.fromisoformat(starts),
            ends_at=dt.time.fromisoformat(ends),
            overnight=overnight,
            what="Swimming at Hollowfield Leisure Centre",
            company=Company.PAID if ratio != "none" else Company.ON_MY_OWN,
            support_ratio=ratio,
            support_kind=kind if ratio != "none" else "",
            shared_by=shared_by,
            recurrence=recurrence,
            repeats_from=repeats_from,
        )

    return add
