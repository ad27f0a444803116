"""Gaps and the borough's market view: supply and demand by kind of support, area, day and time
of day, and price.

Demand is the needs of the people the reader may see that are still looking for support
(``models.LOOKING_FOR_SUPPORT``: open, and not for the provider's own team to deliver). A
**gap** is such a need with no candidate: no service in its provider's directory passes the
hard requirements (``ranking.Ranker.candidate_count``, the rule of the match page). Supply is
the running services of those providers' directories. Everything is worked out in memory from
the ranking's loaders: one query for the needs and a fixed number per directory, however many
people and suppliers there are. Nothing is cached, so the view is as fresh as the directory and
the needs when the page is asked for.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from ..models import LOOKING_FOR_SUPPORT, CostUnit, SupportNeed
from .facts import Directory, NeedFacts, ServiceFacts, load_directory, load_needs
from .ranking import Ranker
from .timing import BAND_LABELS, DAY_NAMES, TIME_BANDS, band_of, bands_touched

NO_TIME = "none"
# "Tuesday, evening": the band's name without its hours.
BAND_WORDS = {code: label.split(" (")[0].lower() for code, label, _, _ in TIME_BANDS}


@dataclass(frozen=True)
class Filters:
    term_ids: frozenset[int] | None = None  # the chosen term and everything under it
    district_id: int | None = None
    weekday: int | None = None


@dataclass
class Tally:
    """Demand and supply for one kind, area, or day and time."""

    key: object
    label: str
    needs: int = 0
    gaps: int = 0
    people: set[int] = field(default_factory=set)
    people_with_gaps: set[int] = field(default_factory=set)
    services: set[int] = field(default_factory=set)
    suppliers: set[int] = field(default_factory=set)
    hourly_pence: list[int] = field(default_factory=list)

    @property
    def people_affected(self) -> int:
        return len(self.people_with_gaps)

    @property
    def median_hourly_pence(self) -> int | None:
        return round(statistics.median(self.hourly_pence)) if self.hourly_pence else None

    @property
    def lowest_hourly_pence(self) -> int | None:
        return min(self.hourly_pence) if self.hourly_pence else None

    @property
    def highest_hourly_pence(self) -> int | None:
        return max(self.hourly_pence) if self.hourly_pence else None


@dataclass(frozen=True)
class GapGroup:
    """Needs nobody meets, alike in kind, area, day and time of day."""

    term_id: int
    term: str
    district_id: int | None
    district: str
    weekday: int | None
    band: str
    needs: int
    people: int

    @property
    def day(self) -> str:
        return DAY_NAMES[self.weekday] if self.weekday is not None else ""


@dataclass(frozen=True)
class OpenNeed:
    need: NeedFacts
    candidates: int

    @property
    def is_gap(self) -> bool:
        return self.candidates == 0


@dataclass
class MarketView:
    needs: int
    gaps: int
    people: int
    people_with_gaps: int
    by_kind: list[Tally]
    by_area: list[Tally]
    by_time: list[Tally]
    gap_groups: list[GapGroup]
    open_needs: list[OpenNeed]
    term_names: dict[int, str] = field(default_factory=dict)
    district_codes: dict[int, str] = field(default_factory=dict)

    def where(self, need: NeedFacts) -> tuple[str, str, str, str]:
        """A need's kind, area, day and time of day, in words."""
        day = DAY_NAMES[need.weekday] if need.weekday is not None else ""
        band = BAND_WORDS[band_of(need.starts_at)] if need.starts_at is not None else ""
        area = self.district_codes.get(need.district_id, "") if need.district_id else ""
        return self.term_names.get(need.term_id, ""), area, day, band


def _subtree(term_id: int, children: dict[int, list[int]]) -> frozenset[int]:
    """A term and every term under it (the filter "Activities" takes in swimming)."""
    found: set[int] = set()
    todo = [term_id]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(children.get(current, ()))
    return frozenset(found)


def _wanted(need: NeedFacts, filters: Filters) -> bool:
    return (
        (filters.term_ids is None or need.term_id in filters.term_ids)
        and (filters.district_id is None or need.district_id == filters.district_id)
        and (filters.weekday is None or need.weekday == filters.weekday)
    )


def _supplies(service: ServiceFacts, filters: Filters) -> bool:
    return (
        (filters.term_ids is None or bool(service.term_ids & filters.term_ids))
        and (filters.district_id is None or filters.district_id in service.covered_district_ids)
        and (
            filters.weekday is None
            or any(start // (24 * 60) % 7 == filters.weekday for start, _, _ in service.times.spans)
        )
    )


def _hourly(service: ServiceFacts) -> int | None:
    hourly = [price.amount_pence for price in service.prices if price.unit == CostUnit.HOUR]
    return min(hourly) if hourly else None


def market_view(
    needs: QuerySet[SupportNeed],
    today: dt.date,
    *,
    term_id: int | None = None,
    district_id: int | None = None,
    weekday: int | None = None,
) -> MarketView:
    """The market view over ``needs`` (those the reader may see), filtered by kind (with
    everything under it), district and day."""
    all_needs = load_needs(needs.filter(LOOKING_FOR_SUPPORT))
    owners = sorted({need.provider_id for need in all_needs})
    directories = {owner: load_directory(owner, today) for owner in owners}
    children = next(iter(directories.values())).children if directories else {}
    filters = Filters(
        term_ids=_subtree(term_id, children) if term_id is not None else None,
        district_id=district_id,
        weekday=weekday,
    )
    # The preferred list does not change who is a candidate; the rankers only count them.
    rankers = {
        owner: Ranker(directory, preferred_supplier_ids=frozenset())
        for owner, directory in directories.items()
    }
    tallies = _Tallies(directories)
    open_needs = []
    for need in all_needs:
        if _wanted(need, filters):
            row = OpenNeed(need, rankers[need.provider_id].candidate_count(need))
            open_needs.append(row)
            tallies.add_need(row)
    for directory in directories.values():
        for service in directory.services.values():
            if _supplies(service, filters):
                tallies.add_supply(service, filters)
    return tallies.result(open_needs)


# Counting the borough takes seconds at scale (about 29 s for 10,000 people with 200,000 needs
# and 2,000 suppliers: bench/market_matching.py), too slow for a page or the market shaper's
# home, so pages read a counted view at most this old and say when it was counted.
FRESH_FOR = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class CountedView:
    view: MarketView
    counted_at: dt.datetime


def counted_market_view(
    needs: QuerySet[SupportNeed],
    today: dt.date,
    *,
    audience: str,
    term_id: int | None = None,
    district_id: int | None = None,
    weekday: int | None = None,
) -> CountedView:
    """``market_view`` as counted within the last FRESH_FOR for this audience (who sees the same
    people: ``access.market_view_audience``) and these filters; counted now if there is none."""
    key = f"market-view:1:{audience}:{today.isoformat()}:{term_id}:{district_id}:{weekday}"
    counted = cache.get(key)
    if isinstance(counted, CountedView):
        return counted
    view = market_view(needs, today, term_id=term_id, district_id=district_id, weekday=weekday)
    counted = CountedView(view=view, counted_at=timezone.now())
    cache.set(key, counted, FRESH_FOR.total_seconds())
    return counted


class _Tallies:
    """Demand and supply counted by kind, area and day and time, and the gaps grouped."""

    def __init__(self, directories: dict[int, Directory]) -> None:
        self.terms = {tid: t for d in directories.values() for tid, t in d.terms.items()}
        self.districts = {did: x for d in directories.values() for did, x in d.districts.items()}
        self.by_kind: dict[int, Tally] = {}
        self.by_area: dict[int | None, Tally] = {}
        self.by_time: dict[tuple[int, str] | str, Tally] = {}
        self.gaps: dict[tuple[int, int | None, int | None, str], list[NeedFacts]] = defaultdict(
            list
        )

    def _district_code(self, district_id: int | None) -> str:
        return self.districts[district_id].code if district_id is not None else "Area not known"

    def kind(self, term_id: int) -> Tally:
        if term_id not in self.by_kind:
            self.by_kind[term_id] = Tally(term_id, self.terms[term_id].name)
        return self.by_kind[term_id]

    def area(self, district_id: int | None) -> Tally:
        if district_id not in self.by_area:
            self.by_area[district_id] = Tally(district_id, self._district_code(district_id))
        return self.by_area[district_id]

    def slot(self, key: tuple[int, str] | str) -> Tally:
        if key not in self.by_time:
            label = (
                f"{DAY_NAMES[key[0]]}, {BAND_WORDS[key[1]]}"
                if isinstance(key, tuple)
                else "No set day or time"
            )
            self.by_time[key] = Tally(key, label)
        return self.by_time[key]

    def add_need(self, row: OpenNeed) -> None:
        need = row.need
        time_key: tuple[int, str] | str = NO_TIME
        if need.weekday is not None and need.starts_at is not None:
            time_key = (need.weekday, band_of(need.starts_at))
        for tally in (self.kind(need.term_id), self.area(need.district_id), self.slot(time_key)):
            tally.needs += 1
            tally.people.add(need.person_id)
            if row.is_gap:
                tally.gaps += 1
                tally.people_with_gaps.add(need.person_id)
        if row.is_gap:
            band = time_key[1] if isinstance(time_key, tuple) else NO_TIME
            self.gaps[(need.term_id, need.district_id, need.weekday, band)].append(need)

    def add_supply(self, service: ServiceFacts, filters: Filters) -> None:
        """A running service counts once towards every kind it offers, every area of demand
        it covers, and every day and time of day it works."""
        hourly = _hourly(service)
        for term_id in service.term_ids:
            if filters.term_ids is None or term_id in filters.term_ids:
                tally = self.kind(term_id)
                tally.services.add(service.id)
                tally.suppliers.add(service.supplier_id)
                if hourly is not None:
                    tally.hourly_pence.append(hourly)
        for district_id, tally in self.by_area.items():
            if district_id is not None and district_id in service.covered_district_ids:
                tally.services.add(service.id)
                tally.suppliers.add(service.supplier_id)
        touched: set[tuple[int, str]] = set()
        for start, end, _ in service.times.spans:
            touched |= bands_touched(start, end)
        for key in touched:
            if filters.weekday is None or key[0] == filters.weekday:
                self.slot(key).services.add(service.id)
                self.slot(key).suppliers.add(service.supplier_id)

    def result(self, open_needs: list[OpenNeed]) -> MarketView:
        band_order = {code: index for index, (code, _, _, _) in enumerate(TIME_BANDS)}

        def time_order(tally: Tally) -> tuple[int, int, int]:
            key = tally.key
            if isinstance(key, tuple):
                return (0, key[0], band_order[key[1]])
            return (1, 0, 0)

        groups = [
            GapGroup(
                term_id=term_id,
                term=self.terms[term_id].name,
                district_id=district_id,
                district=self._district_code(district_id),
                weekday=weekday,
                band=BAND_LABELS.get(band, "No set time"),
                needs=len(group),
                people=len({need.person_id for need in group}),
            )
            for (term_id, district_id, weekday, band), group in self.gaps.items()
        ]
        return MarketView(
            needs=len(open_needs),
            gaps=sum(1 for row in open_needs if row.is_gap),
            people=len({row.need.person_id for row in open_needs}),
            people_with_gaps=len({row.need.person_id for row in open_needs if row.is_gap}),
            by_kind=sorted(self.by_kind.values(), key=lambda t: (-t.gaps, -t.needs, t.label)),
            by_area=sorted(self.by_area.values(), key=lambda t: (-t.gaps, -t.needs, t.label)),
            by_time=sorted(self.by_time.values(), key=time_order),
            gap_groups=sorted(
                groups, key=lambda g: (-g.people, -g.needs, g.term, g.district, g.weekday or 0)
            ),
            open_needs=sorted(
                open_needs, key=lambda row: (row.candidates, row.need.person_id, row.need.id)
            ),
            term_names={term_id: term.name for term_id, term in self.terms.items()},
            district_codes={district_id: d.code for district_id, d in self.districts.items()},
        )
