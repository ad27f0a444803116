"""The Perfect Week as iCalendar: parsed back with the icalendar package and its repeats
expanded with dateutil, it matches the week entry for entry."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from directsupport.week.ical import build_calendar, entry_uid, week_start_for
from directsupport.week.models import WeekEntry

from .feed_support import SECRET_NOTE, TEA_FROM, fill_week

LONDON = ZoneInfo("Europe/London")
WEEK_START = dt.date(2026, 3, 2)  # A Monday; the clocks go forward on 29 March.


@pytest.fixture
def entries(perfect_week, sister) -> list[WeekEntry]:
    return fill_week(perfect_week, sister)


def _parsed(
    entries: list[WeekEntry], *, show_names: bool = True, week_start: dt.date = WEEK_START
) -> Calendar:
    calendar = build_calendar(
        called="Dee",
        entries=entries,
        week_start=week_start,
        updated_at=dt.datetime(2026, 3, 3, 9, tzinfo=dt.UTC),
        version=4,
        show_names=show_names,
    )
    return Calendar.from_ical(calendar.to_ical())


def _events_by_uid(calendar: Calendar) -> dict[str, Any]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _occurrences(event: Any, count: int) -> list[dt.datetime]:
    start = event.decoded("DTSTART")
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    return [day for _, day in zip(range(count), rule, strict=False)]


def test_every_entry_is_one_event_with_a_stable_uid(entries):
    events = _events_by_uid(_parsed(entries))

    assert set(events) == {f"week-entry-{entry.pk}@directyoursupport" for entry in entries}
    assert entry_uid(entries[0]) == f"week-entry-{entries[0].pk}@directyoursupport"
    # Built again (another fetch): the same UIDs.
    assert set(_events_by_uid(_parsed(entries))) == set(events)


def test_the_calendar_is_named_for_the_person_and_says_its_time_zone(entries):
    calendar = _parsed(entries)

    assert str(calendar["X-WR-CALNAME"]) == "Dee's Perfect Week"
    assert str(calendar["VERSION"]) == "2.0"
    zones = calendar.walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/London"]
    assert calendar.get_missing_tzids() == set()


def test_events_match_the_entries_in_summary_place_times_and_repeats(entries):
    events = _events_by_uid(_parsed(entries))

    for entry in entries:
        event = events[entry_uid(entry)]
        assert str(event["SUMMARY"]) == entry.what
        assert str(event["LOCATION"]) == entry.place
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert event["DTSTART"].params["TZID"] == "Europe/London"
        assert str(start.tzinfo) == "Europe/London"
        assert start.date() >= WEEK_START
        assert start.date() < WEEK_START + dt.timedelta(days=7)
        assert start.weekday() == entry.weekday
        assert start.time() == entry.starts_at
        assert end.time() == entry.ends_at
        assert end.date() - start.date() == dt.timedelta(days=1 if entry.overnight else 0)


def test_weekly_entries_repeat_every_week_on_their_day_through_the_clock_change(entries):
    events = _events_by_uid(_parsed(entries))
    swimming = entries[0]

    dates = _occurrences(events[entry_uid(swimming)], 8)

    assert [d.date() for d in dates] == [
        dt.date(2026, 3, 3) + dt.timedelta(weeks=n) for n in range(8)
    ]
    # 10am on every date, before and after the clocks go forward.
    assert {d.astimezone(LONDON).time() for d in dates} == {dt.time(10, 0)}
    assert {d.astimezone(LONDON).utcoffset() for d in dates} == {
        dt.timedelta(0),
        dt.timedelta(hours=1),
    }
    assert events[entry_uid(swimming)]["RRULE"]["FREQ"] == ["WEEKLY"]


def test_an_entry_with_its_own_rule_keeps_it(entries):
    events = _events_by_uid(_parsed(entries))
    tea = entries[3]

    event = events[entry_uid(tea)]
    dates = [d.date() for d in _occurrences(event, 4)]

    assert event["RRULE"]["INTERVAL"] == [2]
    assert dates == [dt.date(2026, 3, 7) + dt.timedelta(weeks=2 * n) for n in range(4)]
    assert all(day.weekday() == 5 for day in dates)


def test_a_repeating_entry_keeps_its_own_first_date_whichever_week_the_feed_counts_from(entries):
    tea = entries[3]
    assert tea.repeats_from == TEA_FROM

    # The week was edited a week, then five weeks, later: the same Saturdays every time.
    for later in (WEEK_START + dt.timedelta(weeks=1), WEEK_START + dt.timedelta(weeks=5)):
        event = _events_by_uid(_parsed(entries, week_start=later))[entry_uid(tea)]
        dates = [d.date() for d in _occurrences(event, 4)]
        assert dates == [TEA_FROM + dt.timedelta(weeks=2 * n) for n in range(4)]


def test_an_entry_without_a_first_date_starts_in_the_week_the_feed_counts_from(entries):
    church = entries[4]
    church.recurrence = "FREQ=MONTHLY;BYDAY=1SU"

    event = _events_by_uid(_parsed(entries, week_start=dt.date(2026, 3, 9)))[entry_uid(church)]

    assert [d.date() for d in _occurrences(event, 2)] == [dt.date(2026, 4, 5), dt.date(2026, 5, 3)]


def test_a_rule_that_ended_before_the_feed_counts_from_is_left_out_even_with_a_first_date(
    entries,
):
    tea = entries[3]
    tea.recurrence = "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;UNTIL=20260301"
    tea.repeats_from = dt.date(2026, 1, 3)

    assert entry_uid(tea) not in _events_by_uid(_parsed(entries))


def test_an_until_becomes_utc_and_a_rule_that_never_happens_is_left_out(perfect_week, sister):
    entries = fill_week(perfect_week, sister)
    entries[0].recurrence = "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260331"
    entries[1].recurrence = "FREQ=WEEKLY;BYDAY=WE;UNTIL=20250101"

    events = _events_by_uid(_parsed(entries))

    assert entry_uid(entries[1]) not in events
    until = events[entry_uid(entries[0])]["RRULE"]["UNTIL"][0]
    assert until.utcoffset() == dt.timedelta(0)
    dates = [d.date() for d in _occurrences(events[entry_uid(entries[0])], 10)]
    assert dates[-1] == dt.date(2026, 3, 31)


def test_the_description_says_who_and_what_support_and_never_the_notes(entries):
    events = _events_by_uid(_parsed(entries))
    text = _parsed(entries).to_ical().decode()

    assert "Support: 1:1 community access" in str(events[entry_uid(entries[0])]["DESCRIPTION"])
    assert "With Ngozi Okafor" in str(events[entry_uid(entries[3])]["DESCRIPTION"])
    assert "1 worker for 3 people" in str(events[entry_uid(entries[1])]["DESCRIPTION"])
    assert SECRET_NOTE.split(",")[0] not in text
    assert "07700" not in text
    assert "£" not in text


def test_names_are_left_out_for_a_reader_who_may_not_see_the_circle(entries):
    events = _events_by_uid(_parsed(entries, show_names=False))

    description = str(events[entry_uid(entries[3])]["DESCRIPTION"])
    assert "Ngozi" not in description
    assert "With someone from my circle" in description


def test_the_output_only_changes_when_the_week_does(entries):
    first = build_calendar(
        called="Dee",
        entries=entries,
        week_start=WEEK_START,
        updated_at=dt.datetime(2026, 3, 3, 9, tzinfo=dt.UTC),
        version=4,
        show_names=True,
    ).to_ical()
    again = build_calendar(
        called="Dee",
        entries=entries,
        week_start=WEEK_START,
        updated_at=dt.datetime(2026, 3, 3, 9, tzinfo=dt.UTC),
        version=4,
        show_names=True,
    ).to_ical()

    assert first == again


def test_repeats_start_in_the_week_the_perfect_week_last_changed():
    # A Sunday evening in summer time is still that week in London.
    assert week_start_for(dt.datetime(2026, 7, 12, 22, 30, tzinfo=dt.UTC)) == dt.date(2026, 7, 6)
    assert week_start_for(dt.datetime(2026, 7, 12, 23, 30, tzinfo=dt.UTC)) == dt.date(2026, 7, 13)
