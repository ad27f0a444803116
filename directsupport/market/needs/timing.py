"""When a need happens and for how long, by the week app's own rules (``week.pricing``): its
dates come from ``occurrences_between`` (a repeating need from the week counts from its entry's
own first date), its support minutes from ``support_minutes``, a typical week's minutes as the
Perfect Week's price counts them. Nothing here expands a repeat rule itself."""

from __future__ import annotations

import datetime as dt

from directsupport.week.models import SupportRatio
from directsupport.week.pricing import (
    BadRecurrence,
    EntryFacts,
    occurrence_dates,
    weekly_support_minutes,
)

from ..models import SupportNeed


def facts_of_need(need: SupportNeed) -> EntryFacts | None:
    """The need as the week's pricing rules read an entry; None for a need with no day and times
    yet (an outcome not planned into the week). Support is 1:1 unless the need says otherwise."""
    if need.weekday is None or need.starts_at is None or need.ends_at is None:
        return None
    entry = need.week_entry if need.week_entry_id else None
    return EntryFacts(
        id=need.week_entry_id,
        weekday=need.weekday,
        starts_at=need.starts_at,
        ends_at=need.ends_at,
        overnight=need.overnight,
        support_ratio=need.ratio or SupportRatio.ONE_TO_ONE,
        support_kind=need.term.support_kind if need.term_id else "",
        shared_by=need.shared_by,
        recurrence=need.recurrence,
        repeats_from=entry.repeats_from if entry is not None else None,
    )


def minutes_a_week(need: SupportNeed, *, year_start: dt.date) -> int | None:
    """A typical week's support minutes for the need, or None when it has no times, or a repeat
    rule that cannot be read (the week's own pages say what is wrong with it)."""
    facts = facts_of_need(need)
    if facts is None:
        return None
    try:
        return weekly_support_minutes(facts, year_start=year_start)
    except (BadRecurrence, ValueError):
        return None


def times_a_year(need: SupportNeed, *, year_start: dt.date) -> int | None:
    """How often the need happens in the plan year from ``year_start`` (52 for every week)."""
    facts = facts_of_need(need)
    if facts is None:
        return None
    try:
        return len(occurrence_dates(facts, year_start=year_start))
    except BadRecurrence:
        return None
