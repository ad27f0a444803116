"""A person's Perfect Week as an iCalendar feed (RFC 5545), for their phone's calendar.

One VEVENT per entry, repeating weekly on its day (or by the entry's own RRULE). A repeating
entry's DTSTART is its own first date, so "every other Saturday" is the same Saturdays on the
phone as in the price and the planned hours, however often the week is edited; an entry without
one (every week, "the first Sunday of the month") starts on or after ``week_start`` (a Monday).
An entry whose rule has ended by ``week_start`` is left out.

Times are Europe/London wall-clock times with a TZID and a VTIMEZONE, not "floating" times:
iPhone, Google and Outlook all place a TZID'd event right whatever the phone's own zone (a
floating time moves with the traveller, and Outlook mishandles floating repeats), and "Swimming
at 10am" stays at 10am when the clocks change. The VTIMEZONE is written with the UK's yearly
rule (last Sunday of March and October) rather than icalendar's ``add_missing_timezones()``,
which lists each change between two dates and so would run out for an event that repeats for
ever.

Only what the feed's owner may see goes in: what, where, when, who is with the person and the
support needed. Never costs, notes or anyone's contact details.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vDuration,
    vRecur,
)

from .display import RRULE_DAYS, support_words
from .models import Company, WeekEntry
from .pricing import BadRecurrence, facts_from, next_occurrence

LONDON = ZoneInfo("Europe/London")
TZID = "Europe/London"
PRODID = "-//Direct Your Support//My Perfect Week//EN"
UID_DOMAIN = "directyoursupport"
# How often a calendar app should look for changes (RFC 7986 and the older Apple/Google name).
REFRESH = dt.timedelta(hours=6)


def entry_uid(entry: WeekEntry) -> str:
    """The same for an entry however often the feed is fetched or the entry edited."""
    return f"week-entry-{entry.pk}@{UID_DOMAIN}"


def calendar_name(called: str) -> str:
    return f"{called}'s Perfect Week"


def london_timezone() -> Timezone:
    """Europe/London with the UK rule for every year since 1996: BST from 01:00 GMT on the last
    Sunday of March to 01:00 GMT (02:00 BST) on the last Sunday of October."""
    zone = Timezone()
    zone.add("tzid", TZID)
    daylight = TimezoneDaylight()
    daylight.add("tzname", "BST")
    daylight.add("dtstart", dt.datetime(1996, 3, 31, 1, 0))
    daylight.add("tzoffsetfrom", dt.timedelta(0))
    daylight.add("tzoffsetto", dt.timedelta(hours=1))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    standard = TimezoneStandard()
    standard.add("tzname", "GMT")
    standard.add("dtstart", dt.datetime(1996, 10, 27, 2, 0))
    standard.add("tzoffsetfrom", dt.timedelta(hours=1))
    standard.add("tzoffsetto", dt.timedelta(0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    zone.add_component(daylight)
    zone.add_component(standard)
    return zone


def _rule(entry: WeekEntry) -> vRecur:
    """The entry's repeat rule: its own, or every week on its day. An UNTIL becomes UTC, as RFC
    5545 requires when DTSTART has a time zone."""
    text = entry.recurrence.strip().removeprefix("RRULE:")
    if not text:
        return vRecur({"FREQ": "WEEKLY", "BYDAY": RRULE_DAYS[entry.weekday]})
    rule = vRecur.from_ical(text)
    until = rule.get("UNTIL")
    if until:
        last = until[0]
        if not isinstance(last, dt.datetime):
            last = dt.datetime.combine(last, dt.time(23, 59, 59))
        if last.tzinfo is None:
            last = last.replace(tzinfo=LONDON)
        rule["UNTIL"] = [last.astimezone(dt.UTC)]
    return rule


def first_occurrence(entry: WeekEntry, week_start: dt.date) -> dt.datetime | None:
    """The event's DTSTART (London wall-clock time): the entry's first date when it has one,
    else when it first happens on or after ``week_start``; None for a rule that cannot be read
    or never happens from ``week_start`` on. DTSTART must be a real occurrence: RFC 5545 leaves
    a DTSTART the rule does not give undefined."""
    facts = facts_from(entry)
    try:
        if next_occurrence(facts, week_start) is None:
            return None
        first = next_occurrence(facts, entry.repeats_from or week_start)
    except BadRecurrence:
        return None
    if first is None:
        return None
    return dt.datetime.combine(first, entry.starts_at, tzinfo=LONDON)


def _description(entry: WeekEntry, *, show_names: bool) -> str:
    if entry.company == Company.CIRCLE:
        member = entry.company_member
        who = member.name if member is not None and show_names else "someone from my circle"
        company = f"With {who}"
    elif entry.company == Company.PAID:
        company = "With paid support"
    else:
        company = "On my own"
    fixed = "Fixed time" if entry.fixed else "Flexible: the time can move"
    return "\n".join((company, f"Support: {support_words(entry)}", fixed))


def _event(
    entry: WeekEntry, start: dt.datetime, *, stamp: dt.datetime, sequence: int, show_names: bool
) -> Event:
    end_day = start.date() + dt.timedelta(days=1 if entry.overnight else 0)
    event = Event()
    event.add("uid", entry_uid(entry))
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", sequence)
    event.add("dtstart", start)
    event.add("dtend", dt.datetime.combine(end_day, entry.ends_at, tzinfo=LONDON))
    event.add("rrule", _rule(entry))
    event.add("summary", entry.what)
    if entry.place:
        event.add("location", entry.place)
    event.add("description", _description(entry, show_names=show_names))
    # Busy or free in the phone's calendar: a fixed time is busy, a flexible one is not.
    event.add("transp", "OPAQUE" if entry.fixed else "TRANSPARENT")
    return event


def build_calendar(
    *,
    called: str,
    entries: Iterable[WeekEntry],
    week_start: dt.date,
    updated_at: dt.datetime,
    version: int,
    show_names: bool,
) -> Calendar:
    """The VCALENDAR for a person's Perfect Week. ``updated_at`` and ``version`` are the week's:
    the output only changes when the week does, so calendar apps see no false changes.
    ``show_names`` is False when the feed's owner may not see the person's circle."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = calendar_name(called)
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    calendar.add_component(london_timezone())
    stamp = updated_at.astimezone(dt.UTC)
    for entry in entries:
        start = first_occurrence(entry, week_start)
        if start is None:
            continue
        calendar.add_component(
            _event(entry, start, stamp=stamp, sequence=version, show_names=show_names)
        )
    return calendar


def week_start_for(updated_at: dt.datetime) -> dt.date:
    """The Monday of the week the Perfect Week was last changed, in London: where an entry
    without a first date of its own starts. It moves only when the week changes, so the feed
    stays the same from one fetch to the next."""
    day = updated_at.astimezone(LONDON).date()
    return day - dt.timedelta(days=day.weekday())
