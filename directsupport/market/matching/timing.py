"""When a need happens and when a service works, as minutes from Monday 00:00 of a week.

A need (or a schedule) on Tuesday 18:00-20:00 is the span [1 day 18h, 1 day 20h); an overnight
one runs into the next morning, so Sunday 22:00-07:00 ends past the end of the week and is
compared with the schedules of the next week too (shifted by a week). A service covers a need's
time when the need's span lies inside the union of the service's spans that run in the same
weeks as the need: a weekly schedule runs every week; an every-2-weeks schedule runs only in the
weeks counted from its first date, so it covers a fortnightly need only when both count from
the same weeks, and never a weekly one.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass
from operator import itemgetter

DAY = 24 * 60
WEEK = 7 * DAY
# Between two times, as in "18:00 to 20:00" written with an en dash, as print does.
EN_DASH = "\N{EN DASH}"
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# The market view's bands of the day, by the hour a need starts (a night runs past midnight).
TIME_BANDS: tuple[tuple[str, str, int, int], ...] = (
    ("morning", "Morning (6:00 to 12:00)", 6, 12),
    ("afternoon", "Afternoon (12:00 to 17:00)", 12, 17),
    ("evening", "Evening (17:00 to 22:00)", 17, 22),
    ("night", "Night (22:00 to 6:00)", 22, 30),
)
BAND_LABELS = {code: label for code, label, _, _ in TIME_BANDS}


def minute_of_day(clock: dt.time) -> int:
    return clock.hour * 60 + clock.minute


def span(weekday: int, starts_at: dt.time, ends_at: dt.time, overnight: bool) -> tuple[int, int]:
    """Minutes of the week from the start to the end (past the week's end for Sunday nights)."""
    start = weekday * DAY + minute_of_day(starts_at)
    end = weekday * DAY + minute_of_day(ends_at) + (DAY if overnight else 0)
    return start, end


def band_of(starts_at: dt.time) -> str:
    hour = starts_at.hour
    for code, _, first, last in TIME_BANDS:
        if first <= hour < last or first <= hour + 24 < last:
            return code
    return "night"


def bands_touched(start: int, end: int) -> set[tuple[int, str]]:
    """(weekday, band) pairs a span of the week overlaps: what supply it offers the market
    view. A night band belongs to the day it starts on."""
    touched: set[tuple[int, str]] = set()
    for day in range(-1, 8):
        for code, _, first, last in TIME_BANDS:
            band_start, band_end = day * DAY + first * 60, day * DAY + last * 60
            for shift in (-WEEK, 0, WEEK):
                if start + shift < band_end and band_start < end + shift:
                    touched.add((day % 7, code))
    return touched


def merged(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Spans joined where they touch or overlap (09:00-13:00 and 13:00-17:00 cover 10-16), with
    copies a week either side so a Sunday night schedule covers Monday's early hours."""
    shifted = sorted(
        (start + shift, end + shift) for start, end in spans for shift in (-WEEK, 0, WEEK)
    )
    joined: list[tuple[int, int]] = []
    for start, end in shifted:
        if joined and start <= joined[-1][1]:
            if end > joined[-1][1]:
                joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return tuple(joined)


def covers(blocks: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """Whether one of ``blocks`` (merged: sorted, apart) holds the whole span. Only the last
    block starting at or before ``start`` can, so it is found by bisection: this runs for
    every service checked against every need."""
    index = bisect_right(blocks, start, key=itemgetter(0)) - 1
    return index >= 0 and end <= blocks[index][1]


@dataclass(frozen=True)
class Repeat:
    """How often something happens: every ``weeks`` weeks counted from the week of ``anchor``
    (a Monday), or ``occasional`` (monthly or yearly: only a weekly schedule is sure to be
    there on the day)."""

    weeks: int = 1
    anchor: dt.date | None = None
    occasional: bool = False

    @property
    def a_week(self) -> tuple[int, int]:
        """Times a week on average, as a fraction (numerator, denominator)."""
        if self.occasional:
            return (12, 52)
        return (1, self.weeks)


def week_monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def repeat_of(rule: str, first_date: dt.date | None) -> Repeat:
    """A need's repeat from its iCalendar rule ("FREQ=WEEKLY;INTERVAL=2"); empty is every week.
    A rule that cannot be read counts as occasional, so only weekly supply covers it."""
    text = rule.strip().upper().removeprefix("RRULE:")
    if not text:
        return Repeat()
    parts: dict[str, str] = {}
    for piece in text.split(";"):
        name, _, value = piece.partition("=")
        parts[name.strip()] = value.strip()
    anchor = week_monday(first_date) if first_date else None
    frequency = parts.get("FREQ", "")
    interval = parts.get("INTERVAL", "1")
    if frequency in ("WEEKLY", "DAILY") and interval.isdigit() and int(interval) >= 1:
        weeks = int(interval) if frequency == "WEEKLY" else 1
        return Repeat(weeks=weeks, anchor=anchor if weeks > 1 else None)
    return Repeat(occasional=True, anchor=anchor)


def runs_in_same_weeks(schedule: Repeat, need: Repeat) -> bool:
    """Whether a schedule runs in every week the need happens."""
    if schedule.weeks == 1:
        return True
    if need.occasional or need.weeks % schedule.weeks:
        return False
    if schedule.anchor is None or need.anchor is None:
        return False  # which weeks is not known: do not promise it
    return ((need.anchor - schedule.anchor).days // 7) % schedule.weeks == 0


def how_often(repeat: Repeat, weekday: int) -> str:
    """ "Tuesdays", "every other Tuesday", "every 3 weeks on Tuesdays", "some Tuesdays"."""
    day = DAY_NAMES[weekday]
    if repeat.occasional:
        return f"some {day}s"
    if repeat.weeks == 1:
        return f"{day}s"
    if repeat.weeks == 2:
        return f"every other {day}"
    return f"every {repeat.weeks} weeks on {day}s"


def clock_text(starts_at: dt.time, ends_at: dt.time, overnight: bool) -> str:
    text = f"{starts_at:%H:%M}{EN_DASH}{ends_at:%H:%M}"
    return f"{text}, overnight" if overnight else text


def span_clock_text(start: int, end: int) -> str:
    """A span of the week's times of day: "09:00 to 12:00" (with an en dash)."""
    return f"{start % DAY // 60:02d}:{start % 60:02d}{EN_DASH}{end % DAY // 60:02d}:{end % 60:02d}"


def when_text(
    weekday: int, starts_at: dt.time, ends_at: dt.time, overnight: bool, repeat: Repeat
) -> str:
    """ "Tuesdays 18:00-20:00"; "every other Friday 22:00-07:00, overnight" (en dashes)."""
    return f"{how_often(repeat, weekday)} {clock_text(starts_at, ends_at, overnight)}"
