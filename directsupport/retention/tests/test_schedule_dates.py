"""The retention schedule's dates: 8 years after support ends, 6 years after the financial year."""

from __future__ import annotations

import datetime as dt

import pytest

from directsupport.lib.person_records import RecordKind, registered
from directsupport.retention.schedule import (
    RULES,
    Target,
    add_years,
    financial_year_end,
    is_due,
    kept_until,
    latest_money_day_due,
)


def test_every_kind_in_the_registry_has_a_rule() -> None:
    assert {entry.kind for entry in registered()} <= {Target(kind.value) for kind in RecordKind}
    for kind in RecordKind:
        assert Target(kind.value) in RULES


def test_care_records_are_kept_eight_years_after_support_ends() -> None:
    ended = dt.date(2018, 6, 30)
    until = kept_until(Target.CARE, support_ended_on=ended, last_money_on=None)
    assert until == dt.date(2026, 6, 30)
    assert not is_due(until, dt.date(2026, 6, 30))  # the last day to keep them
    assert is_due(until, dt.date(2026, 7, 1))  # due the day after


def test_care_records_are_kept_while_support_has_not_ended() -> None:
    assert kept_until(Target.CARE, support_ended_on=None, last_money_on=None) is None
    assert not is_due(None, dt.date(2099, 1, 1))


def test_a_leap_day_end_counts_to_the_28th_in_a_year_without_one() -> None:
    assert add_years(dt.date(2016, 2, 29), 8) == dt.date(2024, 2, 29)
    assert add_years(dt.date(2016, 2, 29), 6) == dt.date(2022, 2, 28)


@pytest.mark.parametrize(
    ("day", "year_end"),
    [
        (dt.date(2018, 3, 31), dt.date(2018, 3, 31)),
        (dt.date(2018, 4, 1), dt.date(2019, 3, 31)),
        (dt.date(2018, 5, 1), dt.date(2019, 3, 31)),
        (dt.date(2018, 12, 31), dt.date(2019, 3, 31)),
        (dt.date(2019, 1, 1), dt.date(2019, 3, 31)),
    ],
)
def test_the_financial_year_ends_on_31_march(day: dt.date, year_end: dt.date) -> None:
    assert financial_year_end(day) == year_end


def test_a_ledger_entry_of_1_may_2018_is_kept_until_31_march_2025() -> None:
    # 1 May 2018 is in the financial year 2018/19, which ends on 31 March 2019; six years on.
    until = kept_until(Target.FINANCIAL, support_ended_on=None, last_money_on=dt.date(2018, 5, 1))
    assert until == dt.date(2025, 3, 31)
    assert not is_due(until, dt.date(2025, 3, 31))
    assert is_due(until, dt.date(2025, 4, 1))


def test_money_dated_on_31_march_belongs_to_the_year_ending_that_day() -> None:
    assert kept_until(
        Target.FINANCIAL, support_ended_on=None, last_money_on=dt.date(2018, 3, 31)
    ) == dt.date(2024, 3, 31)
    assert kept_until(
        Target.FINANCIAL, support_ended_on=None, last_money_on=dt.date(2018, 4, 1)
    ) == dt.date(2025, 3, 31)


@pytest.mark.parametrize(
    "today",
    [
        dt.date(2025, 3, 31),
        dt.date(2025, 4, 1),
        dt.date(2025, 4, 2),
        dt.date(2026, 11, 18),
        dt.date(2024, 2, 29),
        dt.date(2026, 1, 1),
    ],
)
def test_the_query_cut_off_agrees_with_the_rule_on_every_day_around_it(today: dt.date) -> None:
    cut = latest_money_day_due(today)
    for offset in range(-400, 400):
        day = cut + dt.timedelta(days=offset)
        until = kept_until(Target.FINANCIAL, support_ended_on=None, last_money_on=day)
        assert is_due(until, today) == (day <= cut), (today, day)


def test_consent_details_are_due_once_support_ends() -> None:
    ended = dt.date(2018, 6, 30)
    for target in (Target.PHOTO, Target.CIRCLE_CONTACTS):
        assert RULES[target].by_consent
        until = kept_until(target, support_ended_on=ended, last_money_on=None)
        assert until == ended
        assert is_due(until, dt.date(2018, 7, 1))
