"""Fixtures for the ISF tests: Dee's fund with an agreement in force, and money in it.

Dee's budget is £31,200 a year (£600 a week); the agreement takes an 8% management fee, lets up
to 4 weeks' budget be banked for up to 12 weeks, and has no overdraft.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

import pytest

from directsupport.funds import ledger
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
def allocate(finance) -> Callable[..., ledger.Posted]:
    """Put money from the council into a fund: allocate(fund, pence)."""

    def give(fund: Fund, pence: int, *, on: dt.date = START) -> ledger.Posted:
        return ledger.post(
            fund=fund,
            kind=Kind.ALLOCATION,
            lines=ledger.allocation_lines(pence),
            effective_on=on,
            description="Monthly allocation",
            counterparty=fund.council.name,
            idempotency_key=new_key("allocation"),
            actor=finance,
        )

    return give
