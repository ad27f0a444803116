"""Opening a month: the council's allocation, the management fee and the planned support, once.

Dee's agreement: £31,200.00 a year from 1 April 2026 to 31 March 2027 (12 whole months of
£2,600.00), an 8% fee (£208.00 a month)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from directsupport.funds.ledger.balances import fund_balances
from directsupport.funds.models import Agreement, Kind, LedgerTransaction
from directsupport.funds.months.opening import (
    MonthRefused,
    agreement_budget_pence,
    monthly_allocations,
    open_month,
)

TUE = 1
APRIL = dt.date(2026, 4, 1)

pytestmark = pytest.mark.django_db


def test_opening_a_month_posts_allocation_fee_and_planned_support(
    dee_fund, finance, hours_rate_card, add_to_perfect_week
):
    add_to_perfect_week(TUE, "10:00", "13:00")
    posted = open_month(fund=dee_fund, month=APRIL, actor=finance)
    kinds = {p.transaction.kind: p.transaction for p in posted}
    assert set(kinds) == {Kind.ALLOCATION, Kind.MANAGEMENT_FEE, Kind.PLANNED_SUPPORT}
    assert kinds[Kind.PLANNED_SUPPORT].minutes == 720
    balances = fund_balances(dee_fund.pk)
    assert balances.received_pence == 260_000
    assert balances.spent_pence == 20_800
    assert balances.available_pence == 260_000 - 20_800
    assert kinds[Kind.ALLOCATION].idempotency_key == f"month:{dee_fund.pk}:2026-04:allocation"


def test_opening_a_month_twice_posts_nothing_new(
    dee_fund, finance, hours_rate_card, add_to_perfect_week
):
    add_to_perfect_week(TUE, "10:00", "13:00")
    open_month(fund=dee_fund, month=APRIL, actor=finance)
    count = LedgerTransaction.objects.count()
    # Even after the Perfect Week changes, the month already opened stays as it was.
    add_to_perfect_week(TUE, "14:00", "15:00")
    again = open_month(fund=dee_fund, month=dt.date(2026, 4, 17), actor=finance)
    assert all(p.replayed for p in again)
    assert len(again) == 3
    assert LedgerTransaction.objects.count() == count


def test_a_month_outside_the_agreement_is_refused(dee_fund, finance, hours_rate_card):
    with pytest.raises(MonthRefused, match="April 2027 is outside the agreement in force"):
        open_month(fund=dee_fund, month=dt.date(2027, 4, 1), actor=finance)
    with pytest.raises(MonthRefused, match="March 2026 is outside"):
        open_month(fund=dee_fund, month=dt.date(2026, 3, 1), actor=finance)
    assert LedgerTransaction.objects.count() == 0


def test_a_fund_without_an_agreement_in_force_cannot_open_a_month(dee_fund, finance):
    Agreement.objects.filter(fund=dee_fund).update(status="draft")
    with pytest.raises(MonthRefused, match="no agreement in force"):
        open_month(fund=dee_fund, month=APRIL, actor=finance)


def test_a_plan_that_cannot_be_priced_posts_nothing(dee_fund, finance, add_to_perfect_week):
    add_to_perfect_week(TUE, "10:00", "13:00")  # and no rate card at all
    with pytest.raises(MonthRefused, match="could not be priced"):
        open_month(fund=dee_fund, month=APRIL, actor=finance)
    assert LedgerTransaction.objects.count() == 0


def test_without_planned_support_only_money_is_posted(dee_fund, finance, hours_rate_card):
    posted = open_month(fund=dee_fund, month=APRIL, actor=finance)
    assert [p.transaction.kind for p in posted] == [Kind.ALLOCATION, Kind.MANAGEMENT_FEE]


def test_whole_months_share_equally_and_part_months_by_their_days(dee_fund):
    agreement = Agreement(
        annual_budget_pence=3_120_000,
        starts_on=dt.date(2026, 4, 16),
        ends_on=dt.date(2027, 4, 15),
    )
    shares = monthly_allocations(agreement)
    # 16-30 April is half of April; 1-15 April 2027 half of that April; 11 whole months between.
    assert shares[dt.date(2026, 4, 1)] == 130_000
    assert shares[dt.date(2026, 5, 1)] == 260_000
    assert shares[dt.date(2027, 2, 1)] == 260_000
    assert shares[dt.date(2027, 4, 1)] == 130_000
    assert sum(shares.values()) == 3_120_000


@given(
    budget=st.integers(min_value=0, max_value=10**9),
    start_offset=st.integers(min_value=0, max_value=400),
    length=st.integers(min_value=1, max_value=800),
)
def test_the_months_always_add_up_to_the_budget(budget, start_offset, length):
    starts = dt.date(2026, 1, 1) + dt.timedelta(days=start_offset)
    agreement = Agreement(
        annual_budget_pence=budget, starts_on=starts, ends_on=starts + dt.timedelta(days=length)
    )
    assert sum(monthly_allocations(agreement).values()) == agreement_budget_pence(agreement)


@given(budget=st.integers(min_value=0, max_value=10**9), first_month=st.integers(0, 11))
def test_twelve_whole_months_are_the_annual_budget_exactly(budget, first_month):
    starts = dt.date(2026 + first_month // 12, first_month % 12 + 1, 1)
    ends = dt.date(starts.year + 1, starts.month, 1) - dt.timedelta(days=1)
    agreement = Agreement(annual_budget_pence=budget, starts_on=starts, ends_on=ends)
    assert agreement_budget_pence(agreement) == budget
    assert sum(monthly_allocations(agreement).values()) == budget


def test_an_agreement_shorter_than_a_year_gets_its_share_of_the_annual_budget():
    # June 2026 to March 2027: ten months of a £31,200 year.
    agreement = Agreement(
        annual_budget_pence=3_120_000,
        starts_on=dt.date(2026, 6, 1),
        ends_on=dt.date(2027, 3, 31),
    )
    shares = monthly_allocations(agreement)
    assert len(shares) == 10
    assert set(shares.values()) == {260_000}
    assert agreement_budget_pence(agreement) == 2_600_000
