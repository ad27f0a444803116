"""Whether two entries of a week happen at the same time, on the dates they really happen.

Each entry's occurrences (``pricing.occurrences_between``) are compared as wall-clock spans over
a plan year, so repeat rules count: two "every other Thursday" entries on opposite weeks never
meet, and a sleep-in every night (one entry, ``FREQ=DAILY``) meets the Thursday 11pm outing
that its Monday alone would miss. An overnight occurrence runs into the next day, so Sunday
night meets Monday morning. Pure: the facts in, the first clash out.
"""

from __future__ import annotations

import datetime as dt

from .pricing import PLAN_YEAR_DAYS, EntryFacts, occurrences_between, plan_year_start

Span = tuple[dt.datetime, dt.datetime]


def _spans(entry: EntryFacts, start: dt.date, end: dt.date) -> list[Span]:
    """Every occurrence from ``start`` to ``end`` as [start, end) in wall-clock time. The day
    before ``start`` is included, for an overnight occurrence running into the window."""
    spans = []
    for on in occurrences_between(entry, start - dt.timedelta(days=1), end):
        ends_on = on + dt.timedelta(days=1) if entry.overnight else on
        spans.append(
            (dt.datetime.combine(on, entry.starts_at), dt.datetime.combine(ends_on, entry.ends_at))
        )
    return spans


def clash_window(entry: EntryFacts, other: EntryFacts, today: dt.date) -> tuple[dt.date, dt.date]:
    """A plan year (52 weeks) from this week's Monday, or from the week the later of the two
    first dates falls in if that is later: every pattern of weeks and months shows in it."""
    firsts = [day for day in (entry.repeats_from, other.repeats_from) if day is not None]
    start = plan_year_start(max([today, *firsts]))
    return start, start + dt.timedelta(days=PLAN_YEAR_DAYS - 1)


def first_clash(entry: EntryFacts, other: EntryFacts, *, today: dt.date) -> dt.datetime | None:
    """When ``other`` starts on the first occasion the two entries overlap, or None if they never
    do. Touching (one ends as the other starts) is not overlapping.

    Raises ``pricing.BadRecurrence`` when either entry's rule cannot be read.
    """
    start, end = clash_window(entry, other, today)
    mine, theirs = _spans(entry, start, end), _spans(other, start, end)
    # Each entry's occurrences have one length, so both lists are in order of start and of end:
    # walk them together, moving on whichever ends first.
    i = j = 0
    while i < len(mine) and j < len(theirs):
        (my_start, my_end), (their_start, their_end) = mine[i], theirs[j]
        if my_start < their_end and their_start < my_end:
            return their_start
        if my_end <= their_end:
            i += 1
        else:
            j += 1
    return None
