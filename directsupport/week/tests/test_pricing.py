"""Pricing checked against hand-worked examples, and by properties that must always hold.

The plan year in the examples starts on Monday 30 March 2026 and runs 52 weeks to Sunday 28
March 2027. Its England and Wales bank holidays: Monday 6 April, Monday 4 May, Monday 25 May,
Monday 31 August, Friday 25 December, Saturday 26 December and Monday 28 December 2026, and
Friday 1 January 2027. Tuesdays have none, so a Tuesday entry's year is exactly 52 weeks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from directsupport.week.models import Rate, RateCard, SupportKind
from directsupport.week.pricing import (
    HOURLY_KINDS,
    BadRecurrence,
    CardFacts,
    EntryFacts,
    MissingRate,
    WeekPrice,
    card_facts,
    current_card_facts,
    current_rate_card,
    facts_from,
    next_occurrence,
    occurrence_dates,
    occurrences_between,
    plan_year_start,
    price_entry,
    price_week,
)

YEAR_START = dt.date(2026, 3, 30)
MON, TUE, SAT = 0, 1, 5
BAND_PENCE = {"day": 3200, "evening": 3500, "night": 3800, "weekend": 3600, "bank_holiday": 4800}
CARD = CardFacts(
    id=1,
    effective_from=dt.date(2026, 4, 1),
    day_starts=dt.time(7),
    evening_starts=dt.time(19),
    night_starts=dt.time(22),
    sleep_in_pence=9500,
    hourly={(kind, band): pence for kind in HOURLY_KINDS for band, pence in BAND_PENCE.items()},
)


def entry(
    weekday: int = TUE,
    starts: tuple[int, int] = (10, 0),
    ends: tuple[int, int] = (13, 0),
    *,
    ratio: str = "one_to_one",
    kind: str = "community_access",
    shared_by: int | None = None,
    overnight: bool = False,
    recurrence: str = "",
    repeats_from: dt.date | None = None,
    entry_id: int = 1,
) -> EntryFacts:
    return EntryFacts(
        id=entry_id,
        weekday=weekday,
        starts_at=dt.time(*starts),
        ends_at=dt.time(*ends),
        overnight=overnight,
        support_ratio=ratio,
        support_kind=kind,
        shared_by=shared_by,
        recurrence=recurrence,
        repeats_from=repeats_from,
    )


def priced(facts: EntryFacts, card: CardFacts = CARD):
    return price_entry(facts, card, year_start=YEAR_START)


# --- Hand-worked examples ---------------------------------------------------------------------


def test_weekday_one_to_one_community_access():
    # Tuesday 10:00-13:00, 1:1: 3 hours x £32.00 = £96.00 a week; 52 Tuesdays = £4,992.00.
    result = priced(entry())
    assert (result.weekly_minutes, result.weekly_pence) == (180, 9600)
    assert (result.yearly_minutes, result.yearly_pence) == (180 * 52, 52 * 9600)
    assert result.occurrences_per_year == 52


def test_two_to_one_needs_two_workers_and_doubles_the_hours():
    # 2:1: 2 workers x 3 hours = 6 hours of support; 6 x £32.00 = £192.00.
    result = priced(entry(ratio="two_to_one"))
    assert (result.weekly_minutes, result.weekly_pence) == (360, 19200)


def test_shared_one_to_three_splits_the_cost_not_the_time():
    # One worker for 3 people: £32.00 x 3 hours / 3 = £32.00 each; Dee has 3 hours of support.
    result = priced(entry(ratio="shared", shared_by=3))
    assert (result.weekly_minutes, result.weekly_pence) == (180, 3200)


def test_sleep_in_is_a_fixed_amount_a_night():
    # Tuesday 22:00 to Wednesday 07:00 asleep in: £95.00 flat however long; 9 hours of support.
    result = priced(entry(starts=(22, 0), ends=(7, 0), overnight=True, kind="sleep_in"))
    assert (result.weekly_minutes, result.weekly_pence) == (540, 9500)
    assert result.yearly_pence == 9500 * 52


def test_shared_sleep_in_splits_the_flat_amount():
    # £95.00 / 2 people = £47.50.
    result = priced(
        entry(
            starts=(22, 0),
            ends=(7, 0),
            overnight=True,
            kind="sleep_in",
            ratio="shared",
            shared_by=2,
        )
    )
    assert result.weekly_pence == 4750


def test_waking_night_crossing_midnight_is_all_night_rate():
    # 22:00-24:00 (2 h) + 00:00-07:00 (7 h) = 9 hours at the night rate £38.00 = £342.00.
    result = priced(entry(starts=(22, 0), ends=(7, 0), overnight=True, kind="waking_night"))
    assert (result.weekly_minutes, result.weekly_pence) == (540, 34200)


def test_evening_entry_straddling_seven_is_split_day_and_evening():
    # 18:00-19:00 day £32.00 + 19:00-20:00 evening £35.00 = £67.00.
    assert priced(entry(starts=(18, 0), ends=(20, 0))).weekly_pence == 6700


def test_friday_evening_into_saturday_night():
    # Friday 20:00 to Saturday 01:00: 20-22 evening 2 x £35 = £70; 22-01 night 3 x £38 = £114;
    # total £184.00. (Night beats weekend: after midnight it is Saturday, but it is night.)
    result = priced(entry(weekday=4, starts=(20, 0), ends=(1, 0), overnight=True))
    assert result.weekly_pence == 18400


def test_saturday_is_the_weekend_rate():
    # Saturday 10:00-13:00: 3 x £36.00 = £108.00 a week.
    result = priced(entry(weekday=SAT))
    assert result.weekly_pence == 10800
    # 52 Saturdays, one of them Boxing Day (26 December 2026) at 3 x £48.00 = £144.00:
    # 51 x £108.00 + £144.00 = £5,652.00.
    assert result.yearly_pence == 51 * 10800 + 14400


def test_bank_holiday_monday_is_in_the_year_but_not_the_typical_week():
    # Monday 10:00-13:00. A typical Monday: 3 x £32.00 = £96.00 a week.
    # The year has 5 bank holiday Mondays (6 April, 4 May, 25 May spring bank holiday,
    # 31 August, 28 December) at 3 x £48.00 = £144.00: 47 x £96.00 + 5 x £144.00 = £5,232.00.
    result = priced(entry(weekday=MON))
    assert result.weekly_pence == 9600
    assert result.yearly_pence == 47 * 9600 + 5 * 14400 == 523200
    assert dt.date(2026, 5, 25) in occurrence_dates(entry(weekday=MON), year_start=YEAR_START)


def test_overnight_into_a_bank_holiday_prices_the_morning_at_the_bank_holiday_rate():
    # Sunday 24 May 22:00 to Monday 25 May 07:00 (spring bank holiday), waking night:
    # Sunday 22-24 night 2 x £38 = £76; Monday 00-07 bank holiday 7 x £48 = £336; £412.00.
    # Other Sundays into ordinary Mondays: 9 x £38 = £342. Sundays before a bank holiday
    # Monday in the year: 5 April, 3 May, 24 May, 30 August, 27 December 2026 and the year's
    # last Sunday, 28 March 2027, whose morning is Easter Monday 2027: 46 x £342 + 6 x £412.
    result = priced(
        entry(weekday=6, starts=(22, 0), ends=(7, 0), overnight=True, kind="waking_night")
    )
    assert result.weekly_pence == 34200
    assert result.yearly_pence == 46 * 34200 + 6 * 41200


def test_every_other_saturday_happens_26_times_and_weekly_is_half():
    # FREQ=WEEKLY;INTERVAL=2 from Saturday 4 April 2026: 26 Saturdays in 52 weeks.
    # Weekly: £108.00 x 26 / 52 = £54.00; 1.5 hours a week.
    facts = entry(weekday=SAT, recurrence="FREQ=WEEKLY;INTERVAL=2;BYDAY=SA")
    result = priced(facts)
    assert result.occurrences_per_year == 26
    assert (result.weekly_minutes, result.weekly_pence) == (90, 5400)
    dates = occurrence_dates(facts, year_start=YEAR_START)
    assert dates[0] == dt.date(2026, 4, 4)
    assert {d.weekday() for d in dates} == {SAT}


def test_every_other_saturday_keeps_its_own_saturdays_whichever_week_the_year_starts():
    # From Saturday 11 April 2026: 11 and 25 April, 9 May ... counted from the first date, not
    # from the plan year, so a year starting a week later has the same Saturdays.
    facts = entry(
        weekday=SAT, recurrence="FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", repeats_from=dt.date(2026, 4, 11)
    )
    dates = occurrence_dates(facts, year_start=YEAR_START)
    assert dates[:3] == [dt.date(2026, 4, 11), dt.date(2026, 4, 25), dt.date(2026, 5, 9)]
    a_week_later = occurrence_dates(facts, year_start=YEAR_START + dt.timedelta(weeks=1))
    assert a_week_later == dates  # the last Saturday, 27 March 2027, is in both years
    assert all((day - dt.date(2026, 4, 11)).days % 14 == 0 for day in dates)
    assert occurrences_between(facts, dt.date(2026, 4, 1), dt.date(2026, 4, 30)) == [
        dt.date(2026, 4, 11),
        dt.date(2026, 4, 25),
    ]


def test_nothing_happens_before_the_first_date():
    monthly = entry(weekday=SAT, recurrence="FREQ=MONTHLY;BYDAY=1SA")
    assert occurrences_between(monthly, dt.date(2026, 4, 1), dt.date(2026, 6, 30)) == [
        dt.date(2026, 4, 4),
        dt.date(2026, 5, 2),
        dt.date(2026, 6, 6),
    ]
    from_may = dataclasses.replace(monthly, repeats_from=dt.date(2026, 5, 2))
    assert occurrences_between(from_may, dt.date(2026, 4, 1), dt.date(2026, 6, 30)) == [
        dt.date(2026, 5, 2),
        dt.date(2026, 6, 6),
    ]
    # Starting in the middle of the plan year: fewer occurrences in it, and the price follows.
    fortnightly = entry(
        weekday=SAT, recurrence="FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", repeats_from=dt.date(2026, 10, 3)
    )
    assert priced(fortnightly).occurrences_per_year == 13
    assert next_occurrence(fortnightly, YEAR_START) == dt.date(2026, 10, 3)
    assert next_occurrence(fortnightly, dt.date(2026, 10, 4)) == dt.date(2026, 10, 17)


def test_an_entry_between_two_dates_includes_both_ends():
    tuesday = entry()
    assert occurrences_between(tuesday, dt.date(2026, 4, 7), dt.date(2026, 4, 14)) == [
        dt.date(2026, 4, 7),
        dt.date(2026, 4, 14),
    ]
    assert occurrences_between(tuesday, dt.date(2026, 4, 8), dt.date(2026, 4, 13)) == []
    assert occurrences_between(tuesday, dt.date(2026, 4, 14), dt.date(2026, 4, 7)) == []


def test_rounding_is_half_up_once_per_occurrence():
    # 20 minutes at £32.14/h: 20 x 3214 / 60 = 1071.33... -> 1071p (£10.71).
    card = dataclasses.replace(CARD, hourly={**CARD.hourly, ("community_access", "day"): 3214})
    result = priced(entry(starts=(10, 0), ends=(10, 20)), card)
    assert result.weekly_pence == 1071
    assert result.yearly_pence == 1071 * 52  # rounded per occurrence, then added up
    # 15 minutes at £32.02/h: 15 x 3202 / 60 = 800.5 -> 801p: halves go up.
    card = dataclasses.replace(CARD, hourly={**CARD.hourly, ("community_access", "day"): 3202})
    assert priced(entry(starts=(10, 0), ends=(10, 15)), card).weekly_pence == 801


def test_no_paid_support_costs_nothing_and_has_no_support_time():
    for facts in (entry(ratio="none"), entry(kind="")):
        result = priced(facts)
        assert (result.weekly_minutes, result.weekly_pence, result.yearly_pence) == (0, 0, 0)
        assert result.support_kind == ""


def test_week_totals_by_kind():
    week = price_week(
        [
            entry(entry_id=1),  # £96.00
            entry(entry_id=2, weekday=SAT),  # £108.00
            entry(entry_id=3, starts=(8, 0), ends=(9, 0), kind="personal_care"),  # £32.00
            entry(entry_id=4, ratio="none"),  # nothing
        ],
        CARD,
        year_start=YEAR_START,
    )
    assert week.weekly_pence == 9600 + 10800 + 3200
    assert week.weekly_minutes == 180 + 180 + 60
    assert week.by_kind["community_access"].weekly_pence == 20400
    assert week.by_kind["personal_care"].weekly_minutes == 60
    assert set(week.by_kind) == {"community_access", "personal_care"}
    assert [p.entry_id for p in week.entries] == [1, 2, 3, 4]


def test_a_missing_rate_is_a_clear_error():
    card = dataclasses.replace(
        CARD, hourly={k: v for k, v in CARD.hourly.items() if k[1] != "weekend"}
    )
    with pytest.raises(
        MissingRate, match="from 1 April 2026 has no weekend rate for community access"
    ):
        priced(entry(weekday=SAT), card)


@pytest.mark.parametrize(
    "rule", ["garbage", "FREQ=HOURLY", "FREQ=MINUTELY;COUNT=3", "FREQ=SOMETIMES"]
)
def test_unreadable_or_too_frequent_recurrence_is_refused(rule):
    with pytest.raises(BadRecurrence):
        occurrence_dates(entry(recurrence=rule), year_start=YEAR_START)


def test_a_rule_that_ends_before_the_year_never_occurs():
    facts = entry(recurrence="FREQ=WEEKLY;UNTIL=20250101T000000Z")
    assert occurrence_dates(facts, year_start=YEAR_START) == []
    assert priced(facts).yearly_pence == 0


def test_plan_year_starts_on_the_monday_on_or_before():
    assert plan_year_start(dt.date(2026, 4, 2)) == YEAR_START  # a Thursday
    assert plan_year_start(YEAR_START) == YEAR_START


def test_card_and_price_round_trip_through_json():
    assert CardFacts.from_json(CARD.to_json()) == CARD
    assert CARD.to_json()["day_starts"] == "07:00"
    week = price_week([entry(), entry(weekday=SAT, entry_id=2)], CARD, year_start=YEAR_START)
    assert WeekPrice.from_json(week.to_json()) == week


# --- From the database ------------------------------------------------------------------------


@pytest.mark.django_db
def test_card_facts_and_entry_facts_from_models(rate_card, perfect_week):
    facts = card_facts(rate_card)
    assert facts.hourly[("personal_care", "night")] == 3800
    assert facts.sleep_in_pence == 9500
    made = perfect_week.entries.create(
        weekday=TUE,
        starts_at=dt.time(10),
        ends_at=dt.time(13),
        what="Swimming at the leisure centre",
        company="paid",
        support_ratio="one_to_one",
        support_kind=SupportKind.COMMUNITY_ACCESS,
    )
    assert priced(facts_from(made), facts).weekly_pence == 9600


@pytest.mark.django_db
def test_current_rate_card_is_picked_by_date(rate_card, provider):
    later = RateCard.objects.create(
        organisation=provider, effective_from=dt.date(2026, 10, 1), sleep_in_pence=9900
    )
    Rate.objects.create(rate_card=later, support_kind="travel", band="day", pence_per_hour=3300)
    assert current_rate_card(provider, dt.date(2026, 3, 31)) is None
    assert current_rate_card(provider, dt.date(2026, 4, 1)) == rate_card
    assert current_rate_card(provider, dt.date(2026, 9, 30)) == rate_card
    assert current_rate_card(provider, dt.date(2026, 10, 1)) == later


@pytest.mark.django_db
def test_current_card_facts_are_those_of_the_card_in_force(
    rate_card, provider, django_assert_num_queries
):
    """One query gives what card_facts(current_rate_card(...)) gives in two, on every day."""
    later = RateCard.objects.create(
        organisation=provider,
        effective_from=dt.date(2026, 10, 1),
        day_starts=dt.time(8),
        sleep_in_pence=9900,
    )
    Rate.objects.create(rate_card=later, support_kind="travel", band="day", pence_per_hour=3300)
    for day in (dt.date(2026, 4, 1), dt.date(2026, 9, 30), dt.date(2026, 10, 1)):
        with django_assert_num_queries(1):
            facts = current_card_facts(provider.pk, day)
        card = current_rate_card(provider, day)
        assert card is not None
        assert facts == card_facts(card)
    october = current_card_facts(provider.pk, dt.date(2026, 10, 1))
    assert october is not None and october.day_starts == dt.time(8)
    assert current_card_facts(provider.pk, dt.date(2026, 3, 31)) is None


# --- Properties -------------------------------------------------------------------------------

RATIOS = ["none", "one_to_one", "two_to_one", "shared"]


@st.composite
def entries(draw: st.DrawFn) -> EntryFacts:
    start = draw(st.integers(0, 95)) * 15
    overnight = draw(st.booleans())
    if overnight:
        end = draw(st.integers(0, start // 15)) * 15
    else:
        end = draw(st.integers(start // 15 + 1, 96)) * 15
        if end == 1440:  # ends at midnight: the next day's 00:00
            overnight, end = True, 0
    ratio = draw(st.sampled_from(RATIOS))
    return EntryFacts(
        id=draw(st.integers(1, 10_000)),
        weekday=draw(st.integers(0, 6)),
        starts_at=dt.time(start // 60, start % 60),
        ends_at=dt.time(end // 60, end % 60),
        overnight=overnight,
        support_ratio=ratio,
        support_kind=draw(st.sampled_from([*HOURLY_KINDS, "sleep_in"])),
        shared_by=draw(st.integers(2, 6)) if ratio == "shared" else None,
        recurrence=draw(st.sampled_from(["", "FREQ=WEEKLY;INTERVAL=2", "FREQ=MONTHLY"])),
    )


@settings(deadline=None, max_examples=60)
@given(st.lists(entries(), max_size=8), st.randoms())
def test_weekly_total_is_the_sum_of_entries_whatever_the_order(week_entries, rnd: random.Random):
    week = price_week(week_entries, CARD, year_start=YEAR_START)
    assert week.weekly_pence == sum(p.weekly_pence for p in week.entries)
    assert week.weekly_minutes == sum(p.weekly_minutes for p in week.entries)
    assert week.yearly_pence == sum(p.yearly_pence for p in week.entries)
    assert week.weekly_pence == sum(t.weekly_pence for t in week.by_kind.values())
    assert week.yearly_pence >= 0 and week.weekly_pence >= 0
    shuffled = list(week_entries)
    rnd.shuffle(shuffled)
    again = price_week(shuffled, CARD, year_start=YEAR_START)
    assert (again.weekly_pence, again.yearly_pence, again.weekly_minutes) == (
        week.weekly_pence,
        week.yearly_pence,
        week.weekly_minutes,
    )
    assert again.by_kind == week.by_kind


@settings(deadline=None, max_examples=60)
@given(entries())
def test_cost_scales_with_workers_and_shared_by_divides(facts: EntryFacts):
    one = priced(dataclasses.replace(facts, support_ratio="one_to_one", shared_by=None))
    two = priced(dataclasses.replace(facts, support_ratio="two_to_one", shared_by=None))
    count = one.occurrences_per_year
    assert two.yearly_minutes == 2 * one.yearly_minutes
    # Each occurrence is rounded on its own, so doubling can differ by at most 1p a time.
    assert abs(two.yearly_pence - 2 * one.yearly_pence) <= count
    for sharers in (2, 3, 5):
        shared = priced(dataclasses.replace(facts, support_ratio="shared", shared_by=sharers))
        assert shared.yearly_minutes == one.yearly_minutes
        # |n x round(x/n) - round(x)| <= (n + 1) / 2 per occurrence.
        assert abs(sharers * shared.yearly_pence - one.yearly_pence) <= count * (sharers + 1) / 2
        assert shared.yearly_pence <= one.yearly_pence


def test_remembered_prices_follow_the_rates_not_just_the_card_id():
    """price_entry keeps what it worked out; a card with the same id and bands but other rates
    (or a later plan year) is priced afresh, never given the other card's answer."""
    dearer = dataclasses.replace(
        CARD, hourly={key: pence + 100 for key, pence in CARD.hourly.items()}
    )
    assert hash(dearer) == hash(CARD) and dearer != CARD
    assert priced(entry()).weekly_pence == 9600
    assert priced(entry(), dearer).weekly_pence == 9900
    assert priced(entry()).weekly_pence == 9600
    next_year = price_entry(entry(), CARD, year_start=YEAR_START + dt.timedelta(weeks=52))
    assert next_year.occurrences_per_year == 52
    assert price_entry.cache_info().hits > 0
