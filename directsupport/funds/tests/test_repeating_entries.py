"""Repeating entries keep their own start: the calendar feed, the Perfect Week's price and the
planned hours count "every other Thursday" on the same Thursdays, and the migration that gave
existing entries their first dates kept the planned hours where they were.

Dee's samba band is on Thursday evenings, every other week from 3 December 2026. December
2026's Thursdays are the 3rd, 10th, 17th, 24th and 31st.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from dateutil.rrule import rrulestr
from django.apps import apps
from icalendar import Calendar

from directsupport.accounts.models import Organisation
from directsupport.funds.hours.planned import planned_support
from directsupport.funds.models import Agreement, AgreementStatus, FeeKind, Fund
from directsupport.people.models import Person
from directsupport.week.feed_services import feed_ics
from directsupport.week.ical import entry_uid
from directsupport.week.models import CalendarFeed, Week, WeekEntry, WeekKind
from directsupport.week.pricing import facts_from, occurrence_dates, plan_year_start
from directsupport.week.services import add_entry, change_entry

from .conftest import make_rate_card

LONDON = ZoneInfo("Europe/London")
THU, SAT = 3, 5
FORTNIGHTLY_THU = "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"
DECEMBER = (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
SAMBA_DATES = [dt.date(2026, 12, 3), dt.date(2026, 12, 17), dt.date(2026, 12, 31)]

migration = importlib.import_module("directsupport.funds.migrations.0003_week_entries_first_dates")

pytestmark = pytest.mark.django_db


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=LONDON)


def samba_fields(**changes: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "weekday": THU,
        "starts_at": dt.time(18),
        "ends_at": dt.time(20),
        "what": "Samba band at the community centre",
        "company": "paid",
        "support_ratio": "one_to_one",
        "support_kind": "community_access",
        "recurrence": FORTNIGHTLY_THU,
        "repeats_from": dt.date(2026, 12, 3),
    }
    fields.update(changes)
    return fields


def days_planned(person: Person, first: dt.date, last: dt.date) -> list[dt.date]:
    days = (first + dt.timedelta(days=n) for n in range((last - first).days + 1))
    return [day for day in days if planned_support(person, day, day).minutes]


def feed_dates(
    feed: CalendarFeed, entry: WeekEntry, first: dt.date, last: dt.date
) -> list[dt.date]:
    """The entry's dates between two days, as a calendar app reads them from the feed."""
    calendar = Calendar.from_ical(feed_ics(feed))
    event: Any = next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == entry_uid(entry))
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=event.decoded("DTSTART"))
    found = rule.between(
        dt.datetime.combine(first, dt.time.min, tzinfo=LONDON),
        dt.datetime.combine(last, dt.time.max, tzinfo=LONDON),
        inc=True,
    )
    return [moment.date() for moment in found]


def test_the_feed_the_price_and_planned_hours_agree_after_an_unrelated_edit(
    dee, coordinator, person_user, provider
):
    make_rate_card(provider, dt.date(2026, 4, 1))
    feed = CalendarFeed.objects.create(person=dee, owner=person_user)
    with time_machine.travel(at(dt.date(2026, 12, 1)), tick=False):
        week = Week.objects.create(person=dee, kind=WeekKind.PERFECT, updated_by=coordinator)
        samba = add_entry(actor=coordinator, week=week, expected_version=1, fields=samba_fields())
        tea = add_entry(
            actor=coordinator,
            week=week,
            expected_version=2,
            fields=samba_fields(
                weekday=SAT,
                what="Tea at my sister's house",
                company="on_my_own",
                support_ratio="none",
                support_kind="",
                recurrence="",
                repeats_from=None,
            ),
        )
    # The next week someone changes the time of tea: nothing to do with the samba band.
    with time_machine.travel(at(dt.date(2026, 12, 10)), tick=False):
        change_entry(
            actor=coordinator,
            entry=tea,
            expected_version=3,
            fields={"starts_at": dt.time(15), "ends_at": dt.time(19)},
        )
        today = dt.date.today()
        on_the_phone = feed_dates(feed, samba, *DECEMBER)
        priced = [
            day
            for day in occurrence_dates(facts_from(samba), year_start=plan_year_start(today))
            if day <= DECEMBER[1]
        ]
        planned = days_planned(dee, *DECEMBER)

    assert on_the_phone == SAMBA_DATES
    assert planned == SAMBA_DATES
    # The price's year starts on Monday 7 December: the same Thursdays from then on.
    assert priced == [day for day in SAMBA_DATES if day >= dt.date(2026, 12, 7)]
    assert planned_support(dee, *DECEMBER).minutes == 3 * 120


# --- The migration ----------------------------------------------------------------------------


def agreement_for(
    person: Person,
    provider: Organisation,
    council: Organisation,
    *,
    starts_on: dt.date,
    status: str,
) -> Agreement:
    fund, _ = Fund.objects.get_or_create(
        person=person,
        defaults={"provider": provider, "council": council, "reference": f"ISF-{person.pk:04d}"},
    )
    return Agreement.objects.create(
        fund=fund,
        version=fund.agreements.count() + 1,
        status=status,
        annual_budget_pence=3_120_000,
        starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(days=364),
        fee_kind=FeeKind.PERCENT,
        fee_basis_points=800,
        first_review_on=starts_on + dt.timedelta(weeks=7),
    )


def old_planned_dates(
    rule: str, weekday: int, anchor: dt.date, first: dt.date, last: dt.date
) -> list[dt.date]:
    """The dates planned hours gave before first dates: the rule counted in plan years of 52
    weeks from ``anchor`` (the Monday on or before the agreement's start), each year from the
    first day on the entry's weekday, as ``funds/hours/planned.py`` and ``week/pricing.py`` did."""
    found: list[dt.date] = []
    year_start = anchor
    while year_start <= last:
        on_day = year_start + dt.timedelta(days=(weekday - year_start.weekday()) % 7)
        start = dt.datetime.combine(on_day, dt.time(18))
        year_end = dt.datetime.combine(year_start + dt.timedelta(days=364), dt.time.min)
        for moment in rrulestr(rule, dtstart=start).between(start, year_end, inc=True):
            if first <= moment.date() <= last and moment < year_end:
                found.append(moment.date())
        year_start += dt.timedelta(days=364)
    return found


@pytest.mark.parametrize(
    ("starts_on", "rule", "weekday"),
    [
        # Tuesday 1 December: counted from Monday 30 November, the samba band's 3, 17, 31.
        (dt.date(2026, 12, 1), FORTNIGHTLY_THU, THU),
        # An agreement starting a week later puts it on the other Thursdays.
        (dt.date(2026, 12, 8), FORTNIGHTLY_THU, THU),
        # Since April, a year and more of every other Saturday and every fourth Monday.
        (dt.date(2026, 4, 1), "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", SAT),
        (dt.date(2026, 4, 1), "FREQ=WEEKLY;INTERVAL=4;BYDAY=MO", 0),
        (dt.date(2026, 4, 1), "FREQ=MONTHLY;BYDAY=-1FR", 4),
    ],
)
def test_the_migration_keeps_the_planned_hours(
    dee, provider, council, coordinator, starts_on, rule, weekday
):
    make_rate_card(provider, dt.date(2026, 4, 1))
    agreement_for(dee, provider, council, starts_on=starts_on, status=AgreementStatus.APPROVED)
    week = Week.objects.create(person=dee, kind=WeekKind.PERFECT, updated_by=coordinator)
    entry = WeekEntry.objects.create(
        week=week, **samba_fields(weekday=weekday, recurrence=rule, repeats_from=None)
    )
    period = (starts_on, dt.date(2027, 6, 30))
    anchor = plan_year_start(starts_on)
    before = old_planned_dates(rule, weekday, anchor, *period)

    with time_machine.travel(at(dt.date(2026, 12, 6)), tick=False):
        migration.set_first_dates(apps, None)

    entry.refresh_from_db()
    # The first day the rule gave from that Monday (which may be before the agreement starts).
    assert entry.repeats_from == old_planned_dates(rule, weekday, anchor, anchor, period[1])[0]
    assert days_planned(dee, *period) == before
    if starts_on == dt.date(2026, 12, 1):
        assert [day for day in before if day.month == 12] == SAMBA_DATES


def test_the_migration_counts_from_the_agreement_in_force_today(
    dee, provider, council, coordinator
):
    first = agreement_for(
        dee, provider, council, starts_on=dt.date(2026, 4, 1), status=AgreementStatus.SUPERSEDED
    )
    agreement_for(
        dee, provider, council, starts_on=dt.date(2026, 9, 7), status=AgreementStatus.APPROVED
    )
    week = Week.objects.create(person=dee, kind=WeekKind.PERFECT, updated_by=coordinator)
    entry = WeekEntry.objects.create(week=week, **samba_fields(repeats_from=None))

    with time_machine.travel(at(dt.date(2026, 12, 6)), tick=False):
        migration.set_first_dates(apps, None)

    entry.refresh_from_db()
    # Version 2 from Monday 7 September: Thursday 10 September, not version 1's 2 April.
    assert entry.repeats_from == dt.date(2026, 9, 10)
    assert first.starts_on == dt.date(2026, 4, 1)


def test_without_an_agreement_the_migration_keeps_the_phones_dates(dee, coordinator, person_user):
    # The week was last changed on Wednesday 9 December: the feed counted from Monday the 7th.
    week = Week.objects.create(
        person=dee,
        kind=WeekKind.PERFECT,
        updated_by=coordinator,
        updated_at=at(dt.date(2026, 12, 9)),
    )
    entry = WeekEntry.objects.create(week=week, **samba_fields(repeats_from=None))
    every_week = WeekEntry.objects.create(
        week=week, **samba_fields(weekday=1, recurrence="", repeats_from=None)
    )
    feed = CalendarFeed.objects.create(person=dee, owner=person_user)
    before = feed_dates(feed, entry, dt.date(2026, 12, 1), dt.date(2027, 1, 31))

    with time_machine.travel(at(dt.date(2026, 12, 12)), tick=False):
        migration.set_first_dates(apps, None)

    entry.refresh_from_db()
    every_week.refresh_from_db()
    assert entry.repeats_from == dt.date(2026, 12, 10)
    assert every_week.repeats_from is None
    assert feed_dates(feed, entry, dt.date(2026, 12, 1), dt.date(2027, 1, 31)) == before
    assert before[:2] == [dt.date(2026, 12, 10), dt.date(2026, 12, 24)]


def test_the_migration_leaves_a_rule_it_cannot_read_and_a_first_date_already_given(
    dee, coordinator
):
    week = Week.objects.create(person=dee, kind=WeekKind.PERFECT, updated_by=coordinator)
    unreadable = WeekEntry.objects.create(
        week=week, **samba_fields(recurrence="EVERY OTHER THURSDAY", repeats_from=None)
    )
    given = WeekEntry.objects.create(week=week, **samba_fields(repeats_from=dt.date(2026, 12, 17)))

    migration.set_first_dates(apps, None)

    unreadable.refresh_from_db()
    given.refresh_from_db()
    assert unreadable.repeats_from is None
    assert given.repeats_from == dt.date(2026, 12, 17)
