"""How a week entry is put into words and pictures: times ("10am", "until 7am next day"), the
support it needs ("1:1 community access"), how it repeats ("Every other Saturday"), and the
picture shown beside it. Pure functions of the entry, shared by the timetable, the table, the
easy read page and the differences list.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from .models import Company, SupportKind, SupportRatio, Weekday, WeekEntry, rule_parts

DAY_NAMES = [label for _, label in Weekday.choices]
RRULE_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}

# Words in what happens (or where) that suggest a picture, checked in this order: the first
# match wins, so more specific words come first.
KEYWORD_ICONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("sleep-in", "sleep in", "waking night", "bed", "sleep", "night"), "moon"),
    (("bus", "train", "taxi", "travel", "drive", "journey"), "truck"),
    (("college", "school", "course", "lesson", "university"), "academic-cap"),
    (("work", "job", "volunteer", "office", "shift"), "briefcase"),
    (("music", "choir", "sing", "band", "concert", "disco", "dance"), "musical-note"),
    (("shop", "market", "supermarket", "buy"), "shopping-bag"),
    (("mum", "dad", "sister", "brother", "family", "nan", "gran", "visit"), "heart"),
    (("church", "mosque", "temple", "synagogue", "prayer"), "sparkles"),
    (("football", "swim", "gym", "walk", "park", "sport", "leisure"), "trophy"),
    (("club", "friends", "group", "meet"), "user-group"),
    (("cook", "dinner", "lunch", "breakfast", "tea", "meal", "cafe", "café"), "cake"),
    (("shower", "bath", "dress", "wash"), "sun"),
    (("home", "house", "flat", "clean", "laundry", "tidy"), "home"),
)
KIND_ICONS = {
    SupportKind.SLEEP_IN: "moon",
    SupportKind.WAKING_NIGHT: "moon",
    SupportKind.TRAVEL: "map",
    SupportKind.DOMESTIC: "home",
    SupportKind.PERSONAL_CARE: "sun",
    SupportKind.EMOTIONAL: "chat-bubble-left-right",
    SupportKind.COMMUNITY_ACCESS: "map-pin",
}


def time_words(value: dt.time) -> str:
    """09:00 -> "9am", 13:30 -> "1:30pm", 00:00 -> "midnight", 12:00 -> "midday"."""
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    if value.hour == 12 and value.minute == 0:
        return "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def when_words(entry: WeekEntry) -> str:
    """ "10am to 12:30pm", or "10pm until 7am next day" for an overnight entry."""
    start, end = time_words(entry.starts_at), time_words(entry.ends_at)
    if entry.overnight:
        return f"{start} until {end} next day"
    return f"{start} to {end}"


def support_words(entry: WeekEntry) -> str:
    """ "1:1 community access", "Shared personal care (1 worker for 3 people)", or "No paid
    support"."""
    if entry.support_ratio == SupportRatio.NONE:
        return "No paid support"
    kind = entry.get_support_kind_display().lower() if entry.support_kind else "support"
    if entry.support_ratio == SupportRatio.ONE_TO_ONE:
        return f"1:1 {kind}"
    if entry.support_ratio == SupportRatio.TWO_TO_ONE:
        return f"2:1 {kind}"
    return f"Shared {kind} (1 worker for {entry.shared_by} people)"


def company_words(entry: WeekEntry) -> str:
    if entry.company == Company.CIRCLE and entry.company_member is not None:
        return entry.company_member.name
    if entry.company == Company.PAID:
        return "Paid support"
    if entry.company == Company.ON_MY_OWN:
        return "On my own"
    return entry.get_company_display()


# One pattern per icon, compiled once: the timetable asks for every entry's icon on each view.
_KEYWORD_PATTERNS = tuple(
    (re.compile("|".join(rf"\b{re.escape(word)}" for word in keywords)), icon)
    for keywords, icon in KEYWORD_ICONS
)


def icon_for(entry: WeekEntry) -> str:
    """A heroicon for the entry: from the kind of support for nights, then from its words, then
    from the kind of support or who is with them."""
    if entry.support_kind in (SupportKind.SLEEP_IN, SupportKind.WAKING_NIGHT):
        return "moon"
    words = f"{entry.what} {entry.place}".lower()
    for pattern, icon in _KEYWORD_PATTERNS:
        if pattern.search(words):
            return icon
    if entry.support_kind in KIND_ICONS:
        return KIND_ICONS[SupportKind(entry.support_kind)]
    if entry.company == Company.CIRCLE:
        return "heart"
    return "calendar"


def repeat_words(rule: str, first: dt.date | None = None) -> str:
    """An iCalendar RRULE in words: "Every week", "Every other Saturday", "First Saturday of the
    month"; anything else "Repeats: <rule>". With the entry's first date: "Every other Thursday
    from 3 December 2026"."""
    words = _rule_words(rule)
    if first is None or not rule.strip():
        return words
    joiner = ", from" if words.startswith("Repeats:") else " from"
    return f"{words}{joiner} {first:%-d %B %Y}"


def _rule_words(rule: str) -> str:
    if not rule.strip():
        return "Every week"
    try:
        parts = rule_parts(rule)
    except ValueError:
        return f"Repeats: {rule}"
    freq, interval, byday = (
        parts.pop("FREQ", ""),
        parts.pop("INTERVAL", "1"),
        parts.pop("BYDAY", ""),
    )
    if parts or not interval.isdigit():
        return f"Repeats: {rule}"
    if freq == "WEEKLY" and byday in RRULE_DAYS:
        day = DAY_NAMES[RRULE_DAYS.index(byday)]
        if interval == "1":
            return f"Every {day}"
        if interval == "2":
            return f"Every other {day}"
        return f"Every {interval} weeks on {day}"
    match = re.fullmatch(r"(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)", byday)
    if freq == "MONTHLY" and interval == "1" and match:
        day = DAY_NAMES[RRULE_DAYS.index(match[2])]
        return f"{ORDINALS[int(match[1])].capitalize()} {day} of the month"
    return f"Repeats: {rule}"


@dataclass(frozen=True)
class ShownEntry:
    """An entry with everything the pages say about it."""

    entry: WeekEntry
    icon: str
    when: str
    support: str
    company: str
    repeats: str
    notes: tuple[str, ...] = ()  # from other apps (entry_notes.py), such as a contract

    @property
    def day(self) -> str:
        return DAY_NAMES[self.entry.weekday]

    @property
    def repeats_weekly(self) -> bool:
        return not self.entry.recurrence.strip()


def shown(entry: WeekEntry) -> ShownEntry:
    return ShownEntry(
        entry=entry,
        icon=icon_for(entry),
        when=when_words(entry),
        support=support_words(entry),
        company=company_words(entry),
        repeats=repeat_words(entry.recurrence, entry.repeats_from),
    )


@dataclass(frozen=True)
class Day:
    number: int
    name: str
    entries: list[ShownEntry]


def by_day(
    entries: list[WeekEntry], notes: Mapping[int, tuple[str, ...]] | None = None
) -> list[Day]:
    """Monday to Sunday, each with its entries in time order (empty days included), with any
    ``notes`` by entry id."""
    days = [Day(number, name, []) for number, name in enumerate(DAY_NAMES)]
    for entry in sorted(entries, key=lambda e: (e.weekday, e.starts_at, e.pk or 0)):
        item = shown(entry)
        if notes and entry.pk in notes:
            item = replace(item, notes=notes[entry.pk])
        days[entry.weekday].entries.append(item)
    return days


# How a person's own home is typed as a place ("Home", "at home", "my flat"): said "at home".
OWN_HOME = frozenset({"home", "my home", "my own home", "own home", "my house", "my flat"})
# A place typed with its own preposition ("at the park", "in my room") is said as typed.
_PLACE_PREPOSITION = re.compile(r"(?:at|in|on|by|near|outside|inside|around|round)\s", re.I)


def place_sentence(place: str) -> str:
    """Where an entry happens, said in the person's own voice: "Home" -> "I am at home.",
    "at the park" -> "I am at the park.", "Hollowfield Leisure Centre" -> "I go to Hollowfield
    Leisure Centre."; an own home followed by more ("Home, the garden") keeps the rest."""
    place = " ".join(place.split()).rstrip(".")
    if not place:
        return ""
    lowered = place.lower()
    for prefix in ("at ", "in "):
        if lowered.startswith(prefix) and lowered[len(prefix) :].split(",")[0] in OWN_HOME:
            place, lowered = place[len(prefix) :], lowered[len(prefix) :]
    head, comma, rest = place.partition(",")
    if head.strip().lower() in OWN_HOME:
        return f"I am at home{comma}{rest}."
    if _PLACE_PREPOSITION.match(place):
        return f"I am {place[:1].lower()}{place[1:]}."
    return f"I go to {place}."


def easy_sentences(item: ShownEntry) -> list[str]:
    """Short sentences for the easy read page, in the person's own voice."""
    entry = item.entry
    what = entry.what.rstrip(".")
    sentences = [f"On {item.day} at {time_words(entry.starts_at)}: {what}."]
    if entry.place.strip():
        sentences.append(place_sentence(entry.place))
    if entry.company == Company.CIRCLE and entry.company_member is not None:
        sentences.append(f"I am with {entry.company_member.name}.")
    elif entry.company == Company.ON_MY_OWN:
        sentences.append("I am on my own.")
    if entry.support_ratio != SupportRatio.NONE:
        sentences.append(f"I need {item.support[:1].lower()}{item.support[1:]}.")
    ends = time_words(entry.ends_at)
    next_day = " the next day" if entry.overnight else ""
    sentences.append(f"It ends at {ends}{next_day}.")
    if item.repeats.startswith("Repeats:"):
        sentences.append("This does not happen every week.")
    elif not item.repeats_weekly:
        sentences.append(f"This happens {item.repeats[:1].lower()}{item.repeats[1:]}.")
    sentences.append("The time is fixed." if entry.fixed else "The time can change.")
    return sentences
