"""The Perfect Week against the week now, in plain English.

Pure: takes the two lists of entries and says what differs. Entries are matched on the same day
by what happens (ignoring case, spacing and punctuation), each entry at most once; a match at a
different time or with different support is a difference, an entry without a match is one too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .display import DAY_NAMES, support_words, when_words
from .models import WeekEntry

MISSING = "missing"  # wanted in the Perfect Week, not happening now
EXTRA = "extra"  # happens now, not in the Perfect Week
TIME = "time"
SUPPORT = "support"


@dataclass(frozen=True)
class Difference:
    kind: str
    weekday: int
    text: str


def _key(what: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", what.casefold()).split())


def _lower_first(text: str) -> str:
    """ "Swimming at the lido" -> "swimming at the lido"; "BBC radio" (second letter upper,
    likely a name) keeps its capitals."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def differences(perfect: Iterable[WeekEntry], current: Iterable[WeekEntry]) -> list[Difference]:
    """What differs between the Perfect Week and the week now, Monday first."""
    now_left = sorted(current, key=lambda e: (e.weekday, e.starts_at))
    found: list[Difference] = []
    for wanted in sorted(perfect, key=lambda e: (e.weekday, e.starts_at)):
        day = DAY_NAMES[wanted.weekday]
        match = next(
            (
                e
                for e in now_left
                if e.weekday == wanted.weekday and _key(e.what) == _key(wanted.what)
            ),
            None,
        )
        if match is None:
            found.append(
                Difference(
                    MISSING,
                    wanted.weekday,
                    f"Wants {_lower_first(wanted.what)} on {day} — not happening now",
                )
            )
            continue
        now_left.remove(match)
        if when_words(wanted) != when_words(match):
            found.append(
                Difference(
                    TIME,
                    wanted.weekday,
                    f"Time differs: {_lower_first(wanted.what)} on {day} is "
                    f"{when_words(wanted)} in the Perfect Week, {when_words(match)} now",
                )
            )
        if support_words(wanted) != support_words(match):
            found.append(
                Difference(
                    SUPPORT,
                    wanted.weekday,
                    f"Support differs: {_lower_first(wanted.what)} on {day} needs "
                    f"{_lower_first(support_words(wanted))} in the Perfect Week, "
                    f"{_lower_first(support_words(match))} now",
                )
            )
    for extra in now_left:
        found.append(
            Difference(
                EXTRA,
                extra.weekday,
                "Happens now but not in the Perfect Week: "
                f"{_lower_first(extra.what)} on {DAY_NAMES[extra.weekday]}",
            )
        )
    return sorted(found, key=lambda d: d.weekday)
