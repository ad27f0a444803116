"""A test that reads the day runs on a fixed one, so its result is the same whatever day (and
across whatever midnight) the suite runs."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings


def on_day(day: dt.date, hour: int = 10) -> time_machine.travel:
    """The clock at ``hour`` o'clock local time on ``day``, ticking from there."""
    moment = dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(settings.TIME_ZONE))
    return time_machine.travel(moment, tick=True)
