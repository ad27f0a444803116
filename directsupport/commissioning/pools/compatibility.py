"""When people's needs can be met together, and what each pays: the rules of joint procurement.

Pure functions on plain values, no database: the pool proposals (``proposing.py``) and the
optimiser both use them, so there is one rule for "these needs can share a worker". They take
anything shaped like a need (a ``market.SupportNeed`` with its district loaded, or a
``PlainNeed``); ``plain_need`` turns a SupportNeed into a PlainNeed once, so the optimiser can
work on thousands of them without touching the database again.

Two needs are compatible when all of these hold:

- the same kind of support (the same taxonomy term);
- the same weekday, at fixed times, neither overnight;
- their times overlap for more than half of each session ("most of the session");
- their districts' centres are within ``max_travel_km`` of each other (straight line on the
  British National Grid);
- each need's ratio allows sharing: ``shared`` with ``shared_by`` of at least 2;
- they are different people's needs.

Money is integer pence. Every cost rounds UP to the whole penny, so the shares of a pool
together always cover what the supplier charges, and a member's share is never more than
buying alone whenever the pool has no more workers than members (see
``pooled_cost_per_person``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

SHARED_RATIO = "shared"  # week.SupportRatio.SHARED
METRES_PER_KM = 1000
# A bound on candidate_groups: enumerating every compatible group grows combinatorially with
# the size of a cluster of mutually compatible needs. Past this many groups the caller must
# narrow the input (by district or term) rather than get a silently partial answer.
DEFAULT_GROUP_LIMIT = 50_000


class GridPoint(Protocol):
    @property
    def easting_m(self) -> int: ...

    @property
    def northing_m(self) -> int: ...


class NeedShape(Protocol):
    """What the rules read from a need (``market.SupportNeed`` has all of it)."""

    @property
    def pk(self) -> int | None: ...

    @property
    def person_id(self) -> int: ...

    @property
    def term_id(self) -> int: ...

    @property
    def weekday(self) -> int | None: ...

    @property
    def starts_at(self) -> dt.time | None: ...

    @property
    def ends_at(self) -> dt.time | None: ...

    @property
    def overnight(self) -> bool: ...

    @property
    def district(self) -> GridPoint | None: ...

    @property
    def ratio(self) -> str: ...

    @property
    def shared_by(self) -> int | None: ...


@dataclass(frozen=True)
class Point:
    easting_m: int
    northing_m: int


@dataclass(frozen=True)
class PlainNeed:
    """A need as plain values: what ``compatible`` and ``candidate_groups`` need, no more."""

    pk: int
    person_id: int
    term_id: int
    weekday: int | None
    starts_at: dt.time | None
    ends_at: dt.time | None
    district: Point | None
    ratio: str
    shared_by: int | None
    overnight: bool = False


def plain_need(need: NeedShape) -> PlainNeed:
    """A SupportNeed (load it with ``select_related("district")``) as plain values."""
    district = need.district
    return PlainNeed(
        pk=_need_id(need),
        person_id=need.person_id,
        term_id=need.term_id,
        weekday=need.weekday,
        starts_at=need.starts_at,
        ends_at=need.ends_at,
        district=None if district is None else Point(district.easting_m, district.northing_m),
        ratio=need.ratio,
        shared_by=need.shared_by,
        overnight=need.overnight,
    )


# --- Distance and time ---------------------------------------------------------------------


def distance_km(district_a: GridPoint, district_b: GridPoint) -> float:
    """Straight-line distance between two districts' centres, in kilometres."""
    return (
        math.hypot(
            district_a.easting_m - district_b.easting_m,
            district_a.northing_m - district_b.northing_m,
        )
        / METRES_PER_KM
    )


def _minute_of_day(moment: dt.time) -> int:
    return moment.hour * 60 + moment.minute


def session_minutes(need: NeedShape) -> int:
    """Length of one session in minutes (0 when it has no fixed daytime times)."""
    span = _span(need)
    return 0 if span is None else span[1] - span[0]


def _span(need: NeedShape) -> tuple[int, int] | None:
    """A daytime session as (start, end) minutes of the day, or None."""
    if need.starts_at is None or need.ends_at is None or need.overnight:
        return None
    start, end = _minute_of_day(need.starts_at), _minute_of_day(need.ends_at)
    return (start, end) if end > start else None


def overlap_minutes(a: NeedShape, b: NeedShape) -> int:
    """Minutes two needs' sessions overlap: 0 on different weekdays, without times, or
    overnight (overnight support is not pooled)."""
    if a.weekday is None or a.weekday != b.weekday:
        return 0
    span_a, span_b = _span(a), _span(b)
    if span_a is None or span_b is None:
        return 0
    return max(0, min(span_a[1], span_b[1]) - max(span_a[0], span_b[0]))


def mostly_overlap(a: NeedShape, b: NeedShape) -> bool:
    """The overlap is more than half of each session."""
    overlap = overlap_minutes(a, b)
    return overlap * 2 > session_minutes(a) and overlap * 2 > session_minutes(b)


# --- Ratios and compatibility --------------------------------------------------------------


def people_per_worker(need: NeedShape) -> int:
    """How many people this need lets share one worker: 1:3 (shared by 3) → 3; a 1:1, 2:1 or
    unstated ratio → 1 (no sharing)."""
    if need.ratio == SHARED_RATIO and need.shared_by and need.shared_by >= 2:
        return need.shared_by
    return 1


def allows_sharing(need: NeedShape) -> bool:
    return people_per_worker(need) >= 2


def compatible(need_a: NeedShape, need_b: NeedShape, *, max_travel_km: float) -> bool:
    """Whether two needs can be met by one worker together (the rules in the module note)."""
    if need_a.person_id == need_b.person_id:
        return False
    if need_a.term_id != need_b.term_id:
        return False
    if not (allows_sharing(need_a) and allows_sharing(need_b)):
        return False
    if not mostly_overlap(need_a, need_b):
        return False
    if need_a.district is None or need_b.district is None:
        return False
    return distance_km(need_a.district, need_b.district) <= max_travel_km


def max_group_size(needs: Iterable[NeedShape]) -> int:
    """The most people a group of these needs may have with one worker: the strictest ratio
    wins (someone who shares with at most 2 people cannot be in a group of 3)."""
    sizes = [people_per_worker(need) for need in needs]
    return min(sizes) if sizes else 0


def group_session(needs: Sequence[NeedShape]) -> tuple[dt.time, dt.time]:
    """The worker's session for a group: from the earliest start to the latest end."""
    starts = [need.starts_at for need in needs if need.starts_at is not None]
    ends = [need.ends_at for need in needs if need.ends_at is not None]
    if not starts or not ends:
        raise ValueError("A group needs fixed times")
    return min(starts), max(ends)


def group_minutes(needs: Sequence[NeedShape]) -> int:
    start, end = group_session(needs)
    return max(0, _minute_of_day(end) - _minute_of_day(start))


class TooManyGroups(ValueError):
    """candidate_groups would pass its limit: narrow the needs given to it."""


def candidate_groups(
    needs: Iterable[NeedShape],
    *,
    max_travel_km: float,
    max_size: int,
    limit: int = DEFAULT_GROUP_LIMIT,
) -> list[tuple[int, ...]]:
    """Every group of 2..``max_size`` needs that are pairwise compatible and whose size every
    member's ratio allows, as sorted tuples of need ids, smallest groups first.

    Bounded: needs are only compared within the same term and weekday; a group grows only by
    needs with a larger id that are compatible with everyone already in it (each group is found
    once); its size is capped by ``max_size`` and by the members' ratios. If more than ``limit``
    groups would be returned, raises ``TooManyGroups`` rather than return a partial list.
    """
    if max_size < 2:
        return []
    by_slot: dict[tuple[int, int | None], list[NeedShape]] = {}
    for need in needs:
        if allows_sharing(need) and session_minutes(need) and need.district is not None:
            by_slot.setdefault((need.term_id, need.weekday), []).append(need)

    groups: list[tuple[int, ...]] = []
    for slot_needs in by_slot.values():
        ordered = sorted(slot_needs, key=lambda need: _need_id(need))
        ids = [_need_id(need) for need in ordered]
        neighbours: dict[int, set[int]] = {pk: set() for pk in ids}
        for index, need_a in enumerate(ordered):
            for need_b in ordered[index + 1 :]:
                if compatible(need_a, need_b, max_travel_km=max_travel_km):
                    neighbours[ids[index]].add(_need_id(need_b))
        share_cap = {_need_id(need): people_per_worker(need) for need in ordered}

        # Depth first, iteratively: (group so far, ids compatible with all of it, size cap).
        stack: list[tuple[tuple[int, ...], set[int], int]] = [
            ((pk,), neighbours[pk], min(max_size, share_cap[pk])) for pk in ids
        ]
        while stack:
            group, common, cap = stack.pop()
            for pk in sorted(common):
                new_cap = min(cap, share_cap[pk])
                if len(group) + 1 > new_cap:
                    continue
                bigger = (*group, pk)
                groups.append(bigger)
                if len(groups) > limit:
                    raise TooManyGroups(
                        f"More than {limit} possible groups: propose by district or term"
                    )
                if len(bigger) < new_cap:
                    stack.append((bigger, {o for o in common & neighbours[pk] if o > pk}, new_cap))
    groups.sort(key=lambda group: (len(group), group))
    return groups


def _need_id(need: NeedShape) -> int:
    if need.pk is None:
        raise ValueError("Only saved needs are pooled")
    return need.pk


# --- Money ---------------------------------------------------------------------------------


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def alone_cost(pence_per_hour: int, minutes: int) -> int:
    """What one session costs one person buying alone, rounded up to the whole penny."""
    if pence_per_hour < 0 or minutes < 0:
        raise ValueError("Rates and minutes cannot be negative")
    return _ceil_div(pence_per_hour * minutes, 60)


def pooled_cost_per_person(pence_per_hour: int, minutes: int, workers: int, members: int) -> int:
    """One member's share of a session: the workers' cost split equally, rounded up to the
    whole penny (so the shares cover the whole cost; together they are at most ``members - 1``
    pence over). Never more than ``alone_cost`` for the same minutes when ``workers <=
    members``."""
    if members < 1 or workers < 1:
        raise ValueError("A pool has at least one worker and one member")
    if pence_per_hour < 0 or minutes < 0:
        raise ValueError("Rates and minutes cannot be negative")
    return _ceil_div(pence_per_hour * minutes * workers, 60 * members)
