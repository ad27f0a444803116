"""Perfect Week support that another supplier delivers under a contract, and is therefore not
planned at the provider's rate card.

The Perfect Week prices every paid entry with the provider's rate card (``hours/planned.py``). When
a person buys an entry's support from another supplier, their contract plans that cost in the
ledger itself, at the contract's rate; counting the entry here as well would plan it twice.
funds stands below commissioning (DESIGN.md §2), so it cannot ask about contracts: instead
commissioning registers a function saying, for a person and a span of days, which of their
week entries a contract pays for and from when to when. ``planned_support`` leaves those
occurrences out.

A month already opened keeps the figure it was opened with (postings are never rewritten);
the contract's own postings plan its cost, so a contract starting inside an opened month plans
that month's share on top. Contracts are drawn up weeks ahead, so this is rare, and the
statement shows both lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from directsupport.people.models import Person

# (first day, last day or None for open-ended) the entry's support is paid for elsewhere.
Window = tuple[dt.date, dt.date | None]
CoveredEntries = Callable[[Person, dt.date, dt.date], Mapping[int, Sequence[Window]]]

_sources: list[CoveredEntries] = []


def register_paid_elsewhere(source: CoveredEntries) -> None:
    """Called from a later app's AppConfig.ready; registering twice has no effect."""
    if source not in _sources:
        _sources.append(source)


def paid_elsewhere(person: Person, start: dt.date, end: dt.date) -> dict[int, list[Window]]:
    """{week entry id: windows} from every registered source."""
    covered: dict[int, list[Window]] = {}
    for source in _sources:
        for entry_id, windows in source(person, start, end).items():
            covered.setdefault(entry_id, []).extend(windows)
    return covered


def is_covered(windows: Sequence[Window], on: dt.date) -> bool:
    return any(first <= on and (last is None or on <= last) for first, last in windows)
