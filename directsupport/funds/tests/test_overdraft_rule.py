"""The overdraft rule is said once (``posting.would_overdraw``) and every check of a fund's money
uses it: a posting, a bulk load and a timesheet import (and the demo's replay of its stories,
tested in the demo) all let money to spend reach exactly the approved overdraft and refuse a
penny more, each in its own words."""

from __future__ import annotations

import io

import pytest

from directsupport.funds.hours.timesheets import import_timesheet
from directsupport.funds.ledger import posting
from directsupport.funds.ledger.load import Posting, load_postings
from directsupport.funds.models import Account, Agreement, Kind, LedgerTransaction

from .conftest import START, new_key

OVERDRAFT = 5_000  # £50.00
TIMESHEET = (
    "person_reference,date,start,hours,support_kind,worker,hourly_rate\n"
    "ISF-0001,14/04/2026,10:00,3,community_access,Amy Jones,20.00\n"
    "ISF-0001,2026-04-15,09:30,2.5,personal_care,Amy Jones,20.00\n"
)  # £60.00 and £50.00: £110.00 in all


@pytest.mark.parametrize(
    ("available", "banked", "limit", "broken"),
    [
        (0, 0, 0, None),
        (-1, 0, 0, posting.Overdraw(Account.AVAILABLE, -1, 0)),
        (-5_000, 0, 5_000, None),
        (-5_001, 0, 5_000, posting.Overdraw(Account.AVAILABLE, -5_001, 5_000)),
        (100, -1, 0, posting.Overdraw(Account.BANKED, -1, 0)),
        (-5_001, -1, 5_000, posting.Overdraw(Account.BANKED, -1, 0)),  # banked money first
        (-5_000, 0, 5_000, None),
    ],
)
def test_the_rule(available, banked, limit, broken):
    assert (
        posting.would_overdraw(available_pence=available, banked_pence=banked, limit_pence=limit)
        == broken
    )


@pytest.fixture
def fund_with_overdraft(dee_fund, allocate):
    Agreement.objects.filter(fund=dee_fund).update(overdraft_limit_pence=OVERDRAFT)
    allocate(dee_fund, 6_000)  # £60.00 to spend, and £50.00 of overdraft beyond it
    return dee_fund


def _spend(fund, pence, finance):
    return posting.post(
        fund=fund,
        kind=Kind.PURCHASE,
        lines=posting.spend_lines(Account.PURCHASES, pence),
        effective_on=START,
        description="A bike",
        idempotency_key=new_key("spend"),
        actor=finance,
    )


def _load(fund, pence, finance):
    return load_postings(
        [
            Posting(
                fund=fund,
                kind=Kind.PURCHASE,
                lines=posting.spend_lines(Account.PURCHASES, pence),
                effective_on=START,
                description="A bike",
                idempotency_key=new_key("load"),
            )
        ],
        actor=finance,
        reason="history",
    )


def _import(provider, finance):
    return import_timesheet(
        provider=provider,
        supplier_name="Bright Days CIC",
        file=io.BytesIO(TIMESHEET.encode()),
        actor=finance,
    )


@pytest.mark.django_db
def test_a_posting_may_reach_the_overdraft_and_no_further(fund_with_overdraft, finance):
    with pytest.raises(posting.WouldOverdraw) as refused:
        _spend(fund_with_overdraft, 11_001, finance)
    assert str(refused.value) == (
        "This would take the fund to \N{MINUS SIGN}£50.01 and the approved overdraft is £50.00. "
        "Nothing was posted."
    )
    assert not _spend(fund_with_overdraft, 11_000, finance).replayed


@pytest.mark.django_db
def test_a_load_may_reach_the_overdraft_and_no_further(fund_with_overdraft, finance):
    with pytest.raises(posting.PostingRefused) as refused:
        _load(fund_with_overdraft, 11_001, finance)
    assert str(refused.value) == "ISF-0001 would end at \N{MINUS SIGN}£50.01, beyond its overdraft."
    assert _load(fund_with_overdraft, 11_000, finance).entries == 2


@pytest.mark.django_db
def test_a_load_may_not_take_banked_money_below_zero(dee_fund, allocate, finance):
    allocate(dee_fund, 6_000)
    with pytest.raises(posting.PostingRefused) as refused:
        load_postings(
            [
                Posting(
                    fund=dee_fund,
                    kind=Kind.UNBANK,
                    lines=posting.unbank_lines(1),
                    effective_on=START,
                    description="Back to spend",
                    idempotency_key=new_key("load"),
                )
            ],
            actor=finance,
            reason="history",
        )
    assert str(refused.value) == "ISF-0001 would end with \N{MINUS SIGN}£0.01 banked."


@pytest.mark.django_db
def test_a_timesheet_may_reach_the_overdraft_and_no_further(fund_with_overdraft, provider, finance):
    Agreement.objects.filter(fund=fund_with_overdraft).update(overdraft_limit_pence=OVERDRAFT - 1)
    result = _import(provider, finance)
    assert result.problems == [
        "Line 3: ISF-0001 cannot afford this session: its sessions in the file up to here cost "
        "£110.00 and it has £109.99 to spend (with any approved overdraft)"
    ]
    assert not LedgerTransaction.objects.filter(kind=Kind.DELIVERED_SUPPORT).exists()

    Agreement.objects.filter(fund=fund_with_overdraft).update(overdraft_limit_pence=OVERDRAFT)
    result = _import(provider, finance)
    assert result.problems == []
    assert LedgerTransaction.objects.filter(kind=Kind.DELIVERED_SUPPORT).count() == 2
