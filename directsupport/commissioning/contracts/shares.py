"""How a contract's cost is shared and what each person pays in each month: pure arithmetic,
no database writes.

**Shares** are basis points (1/100 of a per cent) adding up to exactly 10,000. The split rule
recorded on the contract says how: ``EQUAL`` weighs every current party the same; ``BY_HOURS``
weighs each by their minutes a week (equal when nobody's minutes are known). The 10,000 points are
shared with the largest-remainder rule (``funds.contracts.split.largest_remainder``): everyone gets
the whole points of their exact share, then the points left over go one at a time to the largest
fractions, a tie going to the party added first. Three people sharing equally get 3,334, 3,333 and
3,333.

**Cost.** The contract's weekly cost (``Contract.pence_a_week``) falls on one day a week: the
contract's weekday, or the weekday it starts on when it has none. A *segment* is a run of days
inside one calendar month with one set of shares (a month is cut where a ``ShareChange`` takes
effect, so a member leaving on the 16th cuts December in two). Each segment's cost (its
occurrences times the weekly cost) is shared by the shares in force with the largest-remainder
rule, so each segment's shares add up to its cost to the penny, and a person's total from the
contract is the sum over segments of their share of each segment's cost. A month's posting for
a person is the sum of their segments in it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from directsupport.funds.contracts.split import largest_remainder

from ..models import SplitRule

WHOLE = 10_000  # basis points in the whole cost


@dataclass(frozen=True)
class PartyWeight:
    person_id: int
    minutes_a_week: int


def split_shares(rule: str, parties: Sequence[PartyWeight]) -> dict[int, int]:
    """{person id: basis points} for the parties, in their order, adding up to 10,000."""
    if not parties:
        raise ValueError("A contract needs at least one person to share its cost.")
    weights = [(party.person_id, 1) for party in parties]
    if rule == SplitRule.BY_HOURS and any(party.minutes_a_week for party in parties):
        weights = [(party.person_id, party.minutes_a_week) for party in parties]
    return largest_remainder(WHOLE, weights)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def next_month(day: dt.date) -> dt.date:
    return month_end(day) + dt.timedelta(days=1)


def occurrences(weekday: int, first: dt.date, last: dt.date) -> int:
    """How many ``weekday``s there are from ``first`` to ``last`` inclusive."""
    if last < first:
        return 0
    to_first = (weekday - first.weekday()) % 7
    start = first + dt.timedelta(days=to_first)
    if start > last:
        return 0
    return (last - start).days // 7 + 1


@dataclass(frozen=True)
class ShareWindow:
    """Shares in force from a date (the data of a ShareChange)."""

    effective_from: dt.date
    shares: Mapping[int, int]


@dataclass(frozen=True)
class Segment:
    first: dt.date
    last: dt.date
    occurrences: int
    cost_pence: int
    by_person: Mapping[int, int]


def segments(
    *,
    weekday: int,
    pence_a_week: int,
    windows: Sequence[ShareWindow],
    first: dt.date,
    last: dt.date,
) -> list[Segment]:
    """Every segment from ``first`` to ``last`` inclusive (see the module docstring); days
    before the first window pay nothing."""
    ordered = sorted(windows, key=lambda window: window.effective_from)
    cuts = {window.effective_from for window in ordered if first < window.effective_from <= last}
    month = next_month(first)
    while month <= last:
        cuts.add(month)
        month = next_month(month)
    starts = [first, *sorted(cuts)]
    found: list[Segment] = []
    for index, start in enumerate(starts):
        end = starts[index + 1] - dt.timedelta(days=1) if index + 1 < len(starts) else last
        in_force = [window for window in ordered if window.effective_from <= start]
        if not in_force or not in_force[-1].shares:
            continue
        count = occurrences(weekday, start, end)
        cost = count * pence_a_week
        by_person = largest_remainder(cost, sorted(in_force[-1].shares.items())) if cost else {}
        found.append(Segment(start, end, count, cost, by_person))
    return found


def monthly_amounts(found: Iterable[Segment]) -> dict[tuple[int, dt.date], int]:
    """{(person id, first of month): pence}: each person's segments added up by month, leaving
    out months where they pay nothing."""
    totals: dict[tuple[int, dt.date], int] = {}
    for segment in found:
        for person_id, pence in segment.by_person.items():
            key = (person_id, month_start(segment.first))
            totals[key] = totals.get(key, 0) + pence
    return {key: pence for key, pence in totals.items() if pence}


def weekly_shares(pence_a_week: int, shares: Mapping[int, int]) -> dict[int, int]:
    """Each person's part of one week's cost (for showing on the contract), adding up to it."""
    if not shares:
        return {}
    return largest_remainder(pence_a_week, sorted(shares.items()))
