"""The demo's replay of its money stories checks each fund with the ledger's own overdraft rule
(``funds.ledger.posting.would_overdraw``): money to spend may reach the approved overdraft and no
further."""

from __future__ import annotations

import datetime as dt

import pytest

from directsupport.demo.seed_funds_money import MoneyEvent, MoneyWouldGoNegative, replay

OVERDRAFT = 5_000  # £50.00

DAY = dt.date(2026, 4, 14)


def _story(spend: int, *, session: int = -1) -> list[MoneyEvent]:
    return [
        MoneyEvent(1, DAY, 0, 6_000, 0, "April's money"),
        MoneyEvent(1, DAY, 1 if session < 0 else 2, -spend, 0, "A bike", session),
    ]


def test_the_demo_replay_may_reach_the_overdraft_and_no_further():
    assert replay(_story(11_000), overdrafts={1: OVERDRAFT}) == set()
    with pytest.raises(MoneyWouldGoNegative) as refused:
        replay(_story(11_001), overdrafts={1: OVERDRAFT})
    assert str(refused.value) == (
        "Fund 1 would have \N{MINUS SIGN}£50.01 to spend and £0.00 banked"
        " on 2026-04-14 after 'A bike'."
    )
    with pytest.raises(MoneyWouldGoNegative):
        replay(_story(6_001))  # no overdraft given: none


def test_the_demo_replay_drops_a_session_beyond_the_overdraft():
    assert replay(_story(11_000, session=7), overdrafts={1: OVERDRAFT}) == set()
    assert replay(_story(11_001, session=7), overdrafts={1: OVERDRAFT}) == {7}
