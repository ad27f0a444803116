"""Planned support from the Perfect Week, checked against hand-worked examples.

The card: £32.00 an hour on weekday daytimes (07:00-19:00), £35.00 evenings, £38.00 nights,
£36.00 weekends, £48.00 bank holidays, for every kind. April 2026 has Tuesdays 7, 14, 21, 28;
Mondays 6 (Easter Monday, a bank holiday), 13, 20, 27; Wednesdays 1, 8, 15, 22, 29; Saturdays
4, 11, 18, 25.
"""

from __future__ import annotations

import datetime as dt

import pytest

from directsupport.funds.hours.planned import KindPlan, NoRateCard, planned_support

from .conftest import make_rate_card

MON, TUE, WED, THU, SAT = 0, 1, 2, 3, 5
APRIL = (dt.date(2026, 4, 1), dt.date(2026, 4, 30))

pytestmark = pytest.mark.django_db


def test_a_weekly_entry_is_priced_on_each_of_its_days(dee, hours_rate_card, add_to_perfect_week):
    add_to_perfect_week(TUE, "10:00", "13:00")
    plan = planned_support(dee, *APRIL)
    # 4 Tuesdays x 3 hours = 720 minutes; 4 x 3 x £32.00 = £384.00
    assert (plan.minutes, plan.cost_pence) == (720, 38_400)
    assert plan.by_kind == {"community_access": KindPlan(minutes=720, cost_pence=38_400)}


def test_a_bank_holiday_is_priced_at_the_bank_holiday_rate(
    dee, hours_rate_card, add_to_perfect_week
):
    add_to_perfect_week(MON, "09:00", "11:00", kind="personal_care")
    plan = planned_support(dee, *APRIL)
    # 3 ordinary Mondays x 2 x £32 + Easter Monday 2 x £48 = £192 + £96
    assert (plan.minutes, plan.cost_pence) == (480, 28_800)


def test_each_occurrence_is_rounded_half_up_on_its_own(dee, hours_rate_card, add_to_perfect_week):
    add_to_perfect_week(WED, "10:00", "10:20", kind="domestic", ratio="shared", shared_by=3)
    plan = planned_support(dee, *APRIL)
    # 20 minutes x £32/hour / 3 people = 355.56p -> 356p, on 5 Wednesdays = 1,780p (not 1,778p)
    assert (plan.minutes, plan.cost_pence) == (100, 1_780)


def test_a_shift_crossing_into_the_evening_is_priced_by_band(
    dee, hours_rate_card, add_to_perfect_week
):
    add_to_perfect_week(THU, "18:00", "20:00")
    plan = planned_support(dee, dt.date(2026, 4, 2), dt.date(2026, 4, 2))
    assert (plan.minutes, plan.cost_pence) == (120, 3_200 + 3_500)


def test_two_to_one_counts_both_workers_and_weekends_their_rate(
    dee, hours_rate_card, add_to_perfect_week
):
    add_to_perfect_week(SAT, "10:00", "11:00", ratio="two_to_one")
    plan = planned_support(dee, *APRIL)
    assert (plan.minutes, plan.cost_pence) == (4 * 120, 4 * 2 * 3_600)


def test_only_paid_support_counts(dee, hours_rate_card, add_to_perfect_week):
    add_to_perfect_week(TUE, "14:00", "16:00", ratio="none")
    assert planned_support(dee, *APRIL).cost_pence == 0
    assert planned_support(dee, *APRIL).minutes == 0


def test_each_day_uses_the_rate_card_in_force_that_day(
    dee, provider, hours_rate_card, add_to_perfect_week
):
    make_rate_card(provider, dt.date(2026, 4, 15), {"day": 6400})
    add_to_perfect_week(TUE, "10:00", "13:00")
    plan = planned_support(dee, *APRIL)
    # 7 and 14 April at £32 an hour, 21 and 28 April at £64
    assert plan.cost_pence == 2 * 9_600 + 2 * 19_200


def test_support_on_a_day_before_any_rate_card_is_refused(
    dee, hours_rate_card, add_to_perfect_week
):
    add_to_perfect_week(TUE, "10:00", "13:00")
    with pytest.raises(NoRateCard, match="no rate card for 31 March 2026"):
        planned_support(dee, dt.date(2026, 3, 30), dt.date(2026, 4, 5))


def test_a_repeat_rule_counts_from_the_entrys_own_first_date(
    dee, hours_rate_card, add_to_perfect_week
):
    add_to_perfect_week(
        SAT,
        "10:00",
        "12:00",
        recurrence="FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
        repeats_from=dt.date(2026, 4, 4),
    )
    # 4 and 18 April, whichever days are asked about: the 18th only from the 11th.
    assert planned_support(dee, *APRIL).minutes == 240
    assert planned_support(dee, dt.date(2026, 4, 11), dt.date(2026, 4, 30)).minutes == 120
    assert planned_support(dee, dt.date(2026, 4, 11), dt.date(2026, 4, 17)).minutes == 0


def test_nothing_is_planned_before_an_entrys_first_date(dee, hours_rate_card, add_to_perfect_week):
    add_to_perfect_week(
        SAT,
        "10:00",
        "12:00",
        recurrence="FREQ=MONTHLY;BYDAY=1SA",
        repeats_from=dt.date(2026, 5, 2),
    )
    assert planned_support(dee, *APRIL).minutes == 0
    assert planned_support(dee, dt.date(2026, 5, 1), dt.date(2026, 5, 31)).minutes == 120


def test_a_person_without_a_perfect_week_has_nothing_planned(dee, hours_rate_card):
    plan = planned_support(dee, *APRIL)
    assert (plan.minutes, plan.cost_pence, plan.by_kind) == (0, 0, {})


def test_the_days_add_up_to_the_month(dee, hours_rate_card, add_to_perfect_week):
    add_to_perfect_week(MON, "09:00", "11:00", kind="personal_care")
    add_to_perfect_week(WED, "10:00", "10:20", kind="domestic", ratio="shared", shared_by=3)
    add_to_perfect_week(SAT, "21:00", "08:00", overnight=True, kind="waking_night")
    whole = planned_support(dee, *APRIL)
    by_day = [
        planned_support(dee, day, day)
        for day in (dt.date(2026, 4, 1) + dt.timedelta(days=n) for n in range(30))
    ]
    assert whole.cost_pence == sum(plan.cost_pence for plan in by_day)
    assert whole.minutes == sum(plan.minutes for plan in by_day)
