"""Postings made at the same moment, from real threads with their own database connections:
the overdraft check always sees every earlier posting, and one idempotency key posts once.

These run on whichever database the suite uses: SQLite (a file, so its write lock is real and
every transaction begins IMMEDIATE) and PostgreSQL (the fund's row is locked FOR UPDATE).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from directsupport.funds.ledger import posting
from directsupport.funds.ledger.balances import fund_balances
from directsupport.funds.models import Account, Fund, Kind, LedgerTransaction

from .conftest import START, new_key

THREADS = 20
PRICE = 1_000


def run_together(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run work(0..count-1) in real threads released at one moment; each outcome is the return
    value or the exception raised."""
    start = threading.Barrier(count)
    outcomes: list[Any] = [None] * count

    def one(index: int) -> None:
        try:
            start.wait()
            outcomes[index] = work(index)
        except Exception as error:  # the outcome is what the test checks
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a posting never finished"
    return outcomes


def spend(fund: Fund, actor: Any, key: str) -> posting.Posted:
    return posting.post(
        fund=fund,
        kind=Kind.PURCHASE,
        lines=posting.spend_lines(Account.PURCHASES, PRICE),
        effective_on=START,
        description="Cinema ticket",
        idempotency_key=key,
        actor=actor,
    )


@pytest.mark.django_db(transaction=True)
def test_twenty_postings_at_once_against_money_for_ten(dee_fund, allocate, finance):
    allocate(dee_fund, 10 * PRICE)
    outcomes = run_together(THREADS, lambda i: spend(dee_fund, finance, f"cinema-{i}"))

    posted = [o for o in outcomes if isinstance(o, posting.Posted)]
    refused = [o for o in outcomes if isinstance(o, posting.WouldOverdraw)]
    others = [o for o in outcomes if o not in posted and o not in refused]
    assert others == [], f"unexpected failures: {others!r}"
    assert len(posted) == 10
    assert len(refused) == 10
    assert all(not p.replayed for p in posted)
    assert fund_balances(dee_fund.pk).available_pence == 0
    assert LedgerTransaction.objects.filter(kind=Kind.PURCHASE).count() == 10


@pytest.mark.django_db(transaction=True)
def test_one_key_from_five_threads_at_once_posts_once(dee_fund, allocate, finance):
    allocate(dee_fund, 10 * PRICE)
    key = new_key("double-click")
    outcomes = run_together(5, lambda i: spend(dee_fund, finance, key))

    assert all(isinstance(o, posting.Posted) for o in outcomes), outcomes
    assert len({o.transaction.pk for o in outcomes}) == 1
    assert sorted(o.replayed for o in outcomes) == [False, True, True, True, True]
    assert LedgerTransaction.objects.filter(kind=Kind.PURCHASE).count() == 1
    assert fund_balances(dee_fund.pk).available_pence == 9 * PRICE
