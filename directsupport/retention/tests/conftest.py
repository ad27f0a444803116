"""Fixtures for retention: the demo's 'today' (18 November 2026), and Dee's support having
ended in 2018 with her fund's last money dated then, so everything of hers is due for review.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine

from directsupport.funds.ledger import posting
from directsupport.funds.models import Fund, Kind, LedgerTransaction
from directsupport.people.models import Person

TODAY = dt.date(2026, 11, 18)
SUPPORT_ENDED = dt.date(2018, 6, 30)
LAST_MONEY = dt.date(2018, 5, 1)
_keys = itertools.count(1)


@pytest.fixture
def frozen_today() -> Iterator[dt.date]:
    """The clock stopped at noon on the story's today, London time."""
    moment = dt.datetime(2026, 11, 18, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(moment, tick=False):
        yield TODAY


@pytest.fixture
def ended_dee(dee: Person, frozen_today: dt.date) -> Person:
    """Dee, whose support ended on 30 June 2018."""
    Person.objects.filter(pk=dee.pk).update(support_ended_on=SUPPORT_ENDED)
    dee.refresh_from_db()
    return dee


def post_allocation(fund: Fund, *, on: dt.date, pence: int, actor: object) -> LedgerTransaction:
    posted = posting.post(
        fund=fund,
        kind=Kind.ALLOCATION,
        lines=posting.allocation_lines(pence),
        effective_on=on,
        description="Monthly allocation",
        counterparty=fund.council.name,
        idempotency_key=f"retention-test-{next(_keys)}",
        actor=actor,
    )
    return posted.transaction


@pytest.fixture
def old_fund(ended_dee: Person, provider, council, finance) -> Fund:
    """Dee's fund, whose last money is dated 1 May 2018 (kept until 31 March 2025)."""
    fund = Fund.objects.create(
        person=ended_dee, provider=provider, council=council, reference="ISF-0001"
    )
    post_allocation(fund, on=dt.date(2018, 4, 1), pence=260_000, actor=finance)
    post_allocation(fund, on=LAST_MONEY, pence=260_000, actor=finance)
    return fund
