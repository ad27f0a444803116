"""The demo's "today": the day its story is told from.

The demo dates everything back from the day it is loaded (agreements "live since 1 June",
"reviews due within 28 days"), so `make run` always looks current. Its tests load it with the
clock frozen on ``STORY_TODAY`` instead, so the figures they check (49 live ISFs, one forecast
overspend, 7 reviews due) are the same on whatever day the suite runs; CI also runs the demo
tests with the real clock a year ahead to prove nothing in them reads it unfrozen.
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo

LONDON = zoneinfo.ZoneInfo("Europe/London")

# A Wednesday in the middle of a month: mid-afternoon, so no step of the story sits at midnight.
STORY_TODAY = dt.date(2026, 11, 18)
STORY_TIME = dt.time(14, 30)


def story_moment() -> dt.datetime:
    """The instant the demo's tests freeze the clock at (``DEMO_STORY_TODAY=YYYY-MM-DD`` tells
    another day, to check the story holds on it)."""
    override = os.environ.get("DEMO_STORY_TODAY", "")
    day = dt.date.fromisoformat(override) if override else STORY_TODAY
    return dt.datetime.combine(day, STORY_TIME, tzinfo=LONDON)
