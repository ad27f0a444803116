"""Dee's Perfect Week for the calendar, PDF and Plan Book tests: entries made with the models."""

from __future__ import annotations

import datetime as dt

from directsupport.people.models import CircleMember
from directsupport.week.models import Company, SupportKind, SupportRatio, Week, WeekEntry

SECRET_NOTE = "Key safe code 4471, ring Ngozi on 07700 900123"
# The first of the Saturdays Dee has tea at her sister's (every other week).
TEA_FROM = dt.date(2026, 3, 7)


def fill_week(week: Week, sister: CircleMember) -> list[WeekEntry]:
    """Swimming every Tuesday, college on Wednesday, a sleep-in on Friday night, family visits
    every other Saturday with her sister (from 7 March 2026), and church on Sunday."""
    rows = [
        WeekEntry(
            week=week,
            weekday=1,
            starts_at=dt.time(10, 0),
            ends_at=dt.time(12, 0),
            what="Swimming at the leisure centre",
            place="Northfield Leisure Centre",
            company=Company.PAID,
            support_ratio=SupportRatio.ONE_TO_ONE,
            support_kind=SupportKind.COMMUNITY_ACCESS,
            notes=SECRET_NOTE,
        ),
        WeekEntry(
            week=week,
            weekday=2,
            starts_at=dt.time(9, 30),
            ends_at=dt.time(15, 0),
            what="Art course at college",
            place="Northfield College",
            company=Company.PAID,
            support_ratio=SupportRatio.SHARED,
            support_kind=SupportKind.COMMUNITY_ACCESS,
            shared_by=3,
            fixed=False,
        ),
        WeekEntry(
            week=week,
            weekday=4,
            starts_at=dt.time(22, 0),
            ends_at=dt.time(7, 0),
            overnight=True,
            what="Sleep-in support at home",
            place="Home",
            company=Company.PAID,
            support_ratio=SupportRatio.ONE_TO_ONE,
            support_kind=SupportKind.SLEEP_IN,
        ),
        WeekEntry(
            week=week,
            weekday=5,
            starts_at=dt.time(13, 0),
            ends_at=dt.time(17, 30),
            what="Tea at my sister's house",
            place="Ngozi's house",
            company=Company.CIRCLE,
            company_member=sister,
            recurrence="FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
            repeats_from=TEA_FROM,
            notes=SECRET_NOTE,
        ),
        WeekEntry(
            week=week,
            weekday=6,
            starts_at=dt.time(10, 30),
            ends_at=dt.time(12, 0),
            what="Church with friends",
            place="St Mary's Church",
            company=Company.ON_MY_OWN,
        ),
    ]
    for row in rows:
        row.full_clean()
        row.save()
    return rows
