"""Plain data for matching, and the loaders that fill it in a fixed number of queries.

The ranking (``ranking.py``) runs over these objects only, never the database, so matching a
borough's needs against thousands of services is arithmetic in memory: ``load_directory`` reads
one provider's whole directory in six queries (terms, districts, services, their terms, areas,
schedules, prices) whatever its size, and ``load_needs`` reads any number of needs in one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from ..models import (
    CostOption,
    PostcodeDistrict,
    Schedule,
    Service,
    ServiceArea,
    ServiceStatus,
    SupportNeed,
    TaxonomyTerm,
)
from .timing import WEEK, Repeat, merged, repeat_of, span, week_monday

HALF_HOUR = 30

# The kind of support that must come from a CQC-registered supplier (regulated activity).
REGULATED_SUPPORT_KINDS = frozenset({"personal_care"})
# Kinds of support priced by the night (as needs.money prices a chosen supplier).
NIGHT_SUPPORT_KINDS = frozenset({"sleep_in", "waking_night"})


@dataclass(frozen=True)
class District:
    id: int
    code: str
    easting_m: int
    northing_m: int

    def km_to(self, other: District) -> float:
        return (
            (self.easting_m - other.easting_m) ** 2 + (self.northing_m - other.northing_m) ** 2
        ) ** 0.5 / 1000


@dataclass(frozen=True)
class Term:
    id: int
    name: str
    parent_id: int | None
    regulated: bool
    by_the_night: bool


@dataclass(frozen=True)
class Price:
    unit: str  # CostUnit
    amount_pence: int


@dataclass(frozen=True)
class WorkingTimes:
    """A service's schedules in force, grouped by how often they run: for each repeat, the
    spans of the week merged (timing.merged)."""

    by_repeat: tuple[tuple[Repeat, tuple[tuple[int, int], ...]], ...] = ()
    # The merged spans of the schedules that run every week: all a weekly need can use.
    weekly: tuple[tuple[int, int], ...] = ()
    days: tuple[int, ...] = ()  # weekdays it works at all, for "Works Mondays, Thursdays"
    # Every span with how many weeks apart it runs, for sentences and the market view's supply.
    spans: tuple[tuple[int, int, int], ...] = ()


@dataclass(frozen=True)
class ServiceFacts:
    """One service, with what the ranking asks of its supplier."""

    id: int
    name: str
    supplier_id: int
    supplier_name: str
    term_ids: frozenset[int]
    covered_district_ids: frozenset[int]
    area_district_ids: frozenset[int]
    base_district: District
    travel_radius_km: int | None
    times: WorkingTimes
    prices: tuple[Price, ...]  # in force today, newest first
    places_free: int
    ratios: frozenset[str]
    cqc_registered: bool
    cqc_rating: str
    cqc_inspected_on: dt.date | None
    accreditations: str
    languages: dict[str, str]  # lower case -> as written
    skills: dict[str, str]
    interests: dict[str, str]
    worker_genders: frozenset[str]


@dataclass
class Directory:
    """One provider's directory in memory, with the indexes the ranking uses."""

    owner_id: int
    today: dt.date
    terms: dict[int, Term]
    districts: dict[int, District]
    services: dict[int, ServiceFacts]
    services_by_term: dict[int, list[ServiceFacts]]
    children: dict[int, list[int]]
    _by_kind_and_area: dict[tuple[int, int | None], list[tuple[ServiceFacts, int]]] = field(
        default_factory=dict
    )
    _by_half_hour: dict[tuple[int, int | None], list[list[tuple[ServiceFacts, int, int]]]] = field(
        default_factory=dict
    )
    _any_repeat: dict[tuple[int, int | None, int], list[tuple[ServiceFacts, int]]] = field(
        default_factory=dict
    )

    def related_terms(self, term_id: int) -> list[int]:
        """The need's term, its children and its parent: what counts as the right kind."""
        related = [term_id, *self.children.get(term_id, [])]
        term = self.terms.get(term_id)
        if term is not None and term.parent_id is not None:
            related.append(term.parent_id)
        return related

    def of_kind(self, term_id: int) -> list[tuple[ServiceFacts, int]]:
        """Services of the right kind for a term, each with the term of theirs that matched."""
        found: dict[int, tuple[ServiceFacts, int]] = {}
        for related in self.related_terms(term_id):
            for service in self.services_by_term.get(related, ()):
                found.setdefault(service.id, (service, related))
        return list(found.values())

    def of_kind_in_area(
        self, term_id: int, district_id: int | None
    ) -> list[tuple[ServiceFacts, int]]:
        """Services of the right kind that cover the district (all of the kind when the need
        has no district), remembered per term and district: many needs share them."""
        key = (term_id, district_id)
        if key not in self._by_kind_and_area:
            self._by_kind_and_area[key] = [
                (service, matched)
                for service, matched in self.of_kind(term_id)
                if district_id is None or district_id in service.covered_district_ids
            ]
        return self._by_kind_and_area[key]

    def working_at(
        self, term_id: int, district_id: int | None, start: int
    ) -> list[tuple[ServiceFacts, int, int]]:
        """Of those, the services whose every-week times include the moment ``start`` (a
        minute of the week on the half hour), each with when that stretch of work ends: the
        only ones that can cover a weekly need starting then, and they do if it ends by then.
        Indexed per term and district by the week's 336 half hours, so a fixed need looks at
        a few services rather than every one of its kind in its area."""
        key = (term_id, district_id)
        if key not in self._by_half_hour:
            buckets: list[list[tuple[ServiceFacts, int, int]]] = [
                [] for _ in range(WEEK // HALF_HOUR)
            ]
            for service, matched in self.of_kind_in_area(term_id, district_id):
                for block_start, block_end in service.times.weekly:
                    first = max(0, -(-block_start // HALF_HOUR))
                    last = min(WEEK, block_end)
                    for point in range(first * HALF_HOUR, last, HALF_HOUR):
                        buckets[point // HALF_HOUR].append((service, matched, block_end))
            self._by_half_hour[key] = buckets
        return self._by_half_hour[key][start // HALF_HOUR]

    def working_every_few_weeks(
        self, term_id: int, district_id: int | None
    ) -> list[tuple[ServiceFacts, int]]:
        """Of those, the services with schedules every few weeks (which the index does not
        hold): a need every few weeks may be met by them too."""
        key = (term_id, district_id, -1)
        if key not in self._any_repeat:
            self._any_repeat[key] = [
                entry
                for entry in self.of_kind_in_area(term_id, district_id)
                if any(repeat.weeks > 1 for repeat, _ in entry[0].times.by_repeat)
            ]
        return self._any_repeat[key]


@dataclass(frozen=True)
class NeedFacts:
    id: int
    person_id: int
    provider_id: int
    what: str
    term_id: int
    weekday: int | None
    starts_at: dt.time | None
    ends_at: dt.time | None
    overnight: bool
    fixed: bool
    repeat: Repeat
    minutes_a_week: int
    district_id: int | None
    ratio: str
    shared_by: int | None
    wanted_skills: tuple[str, ...]
    wanted_interests: tuple[str, ...]
    wanted_languages: tuple[str, ...]
    wanted_gender: str
    status: str

    @property
    def timed(self) -> bool:
        return self.weekday is not None and self.starts_at is not None and self.ends_at is not None

    @property
    def span(self) -> tuple[int, int]:
        """Its minutes of the week; (0, 0) for a need with no set time."""
        if self.weekday is None or self.starts_at is None or self.ends_at is None:
            return (0, 0)
        return span(self.weekday, self.starts_at, self.ends_at, self.overnight)


# --- Loaders ----------------------------------------------------------------------------------


def _in_force(valid_from: dt.date | None, valid_to: dt.date | None, today: dt.date) -> bool:
    return (valid_from is None or valid_from <= today) and (valid_to is None or today <= valid_to)


def load_terms() -> dict[int, Term]:
    rows = list(TaxonomyTerm.objects.values("id", "name", "parent_id", "support_kind"))
    by_id = {row["id"]: row for row in rows}

    def regulated(row: Mapping[str, Any]) -> bool:
        # A term under personal care is personal care too (a few levels at most).
        current: Mapping[str, Any] | None = row
        for _ in range(10):
            if current is None:
                return False
            if current["support_kind"] in REGULATED_SUPPORT_KINDS:
                return True
            current = by_id.get(current["parent_id"])
        return False

    return {
        row["id"]: Term(
            id=row["id"],
            name=row["name"],
            parent_id=row["parent_id"],
            regulated=regulated(row),
            by_the_night=row["support_kind"] in NIGHT_SUPPORT_KINDS,
        )
        for row in rows
    }


def load_districts() -> dict[int, District]:
    return {
        row["id"]: District(row["id"], row["code"], row["easting_m"], row["northing_m"])
        for row in PostcodeDistrict.objects.values("id", "code", "easting_m", "northing_m")
    }


def _working_times(rows: list[Mapping[str, Any]], today: dt.date) -> WorkingTimes:
    groups: dict[Repeat, list[tuple[int, int]]] = defaultdict(list)
    days: set[int] = set()
    spans: list[tuple[int, int, int]] = []
    for row in rows:
        valid_from = row["valid_from"]
        if not _in_force(valid_from, row["valid_to"], today):
            continue
        weeks = int(row["interval_weeks"])
        anchor = week_monday(valid_from) if isinstance(valid_from, dt.date) else None
        repeat = Repeat(weeks=weeks, anchor=anchor if weeks > 1 else None)
        one = span(row["weekday"], row["opens_at"], row["closes_at"], row["overnight"])
        groups[repeat].append(one)
        spans.append((*one, weeks))
        days.add(int(row["weekday"]))
    by_repeat = tuple((repeat, merged(group)) for repeat, group in groups.items())
    return WorkingTimes(
        by_repeat=by_repeat,
        weekly=next((blocks for repeat, blocks in by_repeat if repeat.weeks == 1), ()),
        days=tuple(sorted(days)),
        spans=tuple(spans),
    )


def _lowered(values: object) -> dict[str, str]:
    if not isinstance(values, list):
        return {}
    return {
        str(value).strip().lower(): str(value).strip() for value in values if str(value).strip()
    }


def load_directory(owner_id: int, today: dt.date, *, of_kind_for: int | None = None) -> Directory:
    """The active services of one provider's directory, as plain data, in a fixed number of
    queries (no query per supplier or service). ``of_kind_for`` (a term) loads only the
    services of the right kind for a need of that term: one need's page needs no more."""
    terms = load_terms()
    districts = load_districts()
    # Joins, not "IN (subquery)": SQLite plans the joins on the foreign-key indexes (about
    # 5 ms for a kind's schedules at 2,000 suppliers) but the subquery at 70 ms a table.
    active = Q(supplier__directory_owner_id=owner_id, status=ServiceStatus.ACTIVE)
    in_directory = Q(
        service__supplier__directory_owner_id=owner_id, service__status=ServiceStatus.ACTIVE
    )
    if of_kind_for is not None:
        related = [of_kind_for, *(t.id for t in terms.values() if t.parent_id == of_kind_for)]
        parent = terms[of_kind_for].parent_id if of_kind_for in terms else None
        related += [parent] if parent is not None else []
        active &= Q(terms__in=related)
        in_directory &= Q(service__terms__in=related)
    term_links: dict[int, set[int]] = defaultdict(set)
    for service_id, term_id in (
        Service.terms.through.objects.filter(in_directory)
        .values_list("service_id", "taxonomyterm_id")
        .distinct()
    ):
        term_links[service_id].add(term_id)
    areas: dict[int, set[int]] = defaultdict(set)
    for service_id, district_id in (
        ServiceArea.objects.filter(in_directory).values_list("service_id", "district_id").distinct()
    ):
        areas[service_id].add(district_id)
    schedules: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
    for schedule in (
        Schedule.objects.filter(in_directory)
        .distinct()
        .values(
            "id",
            "service_id",
            "weekday",
            "opens_at",
            "closes_at",
            "overnight",
            "interval_weeks",
            "valid_from",
            "valid_to",
        )
    ):
        schedules[schedule["service_id"]].append(schedule)
    prices: dict[int, list[Price]] = defaultdict(list)
    for cost in (
        CostOption.objects.filter(in_directory)
        .distinct()
        .order_by("service_id", "-valid_from", "id")
        .values("id", "service_id", "unit", "amount_pence", "valid_from", "valid_to")
    ):
        if _in_force(cost["valid_from"], cost["valid_to"], today):
            prices[cost["service_id"]].append(Price(cost["unit"], cost["amount_pence"]))

    services: dict[int, ServiceFacts] = {}
    by_term: dict[int, list[ServiceFacts]] = defaultdict(list)
    rows = (
        Service.objects.filter(active)
        .distinct()
        .order_by("id")
        .values(
            "id",
            "name",
            "supplier_id",
            "supplier__organisation__name",
            "supplier__base_district_id",
            "travel_radius_km",
            "capacity_people",
            "ratios",
            "supplier__cqc_location_id",
            "supplier__cqc_rating",
            "supplier__cqc_inspected_on",
            "supplier__accreditations",
            "supplier__languages",
            "supplier__skills",
            "supplier__interests",
            "supplier__worker_genders",
        )
    )
    for row in rows:
        base = districts[row["supplier__base_district_id"]]
        radius = row["travel_radius_km"]
        own_areas = frozenset(areas.get(row["id"], ()))
        reachable = (
            {d.id for d in districts.values() if base.km_to(d) <= radius}
            if radius is not None
            else set()
        )
        service = ServiceFacts(
            id=row["id"],
            name=row["name"],
            supplier_id=row["supplier_id"],
            supplier_name=row["supplier__organisation__name"],
            term_ids=frozenset(term_links.get(row["id"], ())),
            covered_district_ids=own_areas | reachable,
            area_district_ids=own_areas,
            base_district=base,
            travel_radius_km=radius,
            times=_working_times(schedules.get(row["id"], []), today),
            prices=tuple(prices.get(row["id"], ())),
            places_free=row["capacity_people"],
            ratios=frozenset(row["ratios"] or ()),
            cqc_registered=bool(row["supplier__cqc_location_id"] or row["supplier__cqc_rating"]),
            cqc_rating=row["supplier__cqc_rating"],
            cqc_inspected_on=row["supplier__cqc_inspected_on"],
            accreditations=row["supplier__accreditations"],
            languages=_lowered(row["supplier__languages"]),
            skills=_lowered(row["supplier__skills"]),
            interests=_lowered(row["supplier__interests"]),
            worker_genders=frozenset(row["supplier__worker_genders"] or ()),
        )
        services[service.id] = service
        for term_id in service.term_ids:
            by_term[term_id].append(service)
    children: dict[int, list[int]] = defaultdict(list)
    for term in terms.values():
        if term.parent_id is not None:
            children[term.parent_id].append(term.id)
    return Directory(
        owner_id=owner_id,
        today=today,
        terms=terms,
        districts=districts,
        services=services,
        services_by_term=dict(by_term),
        children=dict(children),
    )


NEED_FIELDS = (
    "id",
    "person_id",
    "person__organisation_id",
    "what",
    "term_id",
    "weekday",
    "starts_at",
    "ends_at",
    "overnight",
    "fixed",
    "recurrence",
    "week_entry__repeats_from",
    "minutes_a_week",
    "district_id",
    "ratio",
    "shared_by",
    "wanted_skills",
    "wanted_interests",
    "wanted_languages",
    "wanted_gender",
    "status",
)


def _texts(values: object) -> tuple[str, ...]:
    if not isinstance(values, list):
        return ()
    return tuple(str(value).strip() for value in values if str(value).strip())


def need_from_row(row: Mapping[str, Any]) -> NeedFacts:
    first_date = row["week_entry__repeats_from"]
    return NeedFacts(
        id=row["id"],
        person_id=row["person_id"],
        provider_id=row["person__organisation_id"],
        what=row["what"],
        term_id=row["term_id"],
        weekday=row["weekday"],
        starts_at=row["starts_at"],
        ends_at=row["ends_at"],
        overnight=bool(row["overnight"]),
        fixed=bool(row["fixed"]),
        repeat=repeat_of(
            str(row["recurrence"] or ""), first_date if isinstance(first_date, dt.date) else None
        ),
        minutes_a_week=int(row["minutes_a_week"] or 0),
        district_id=row["district_id"],
        ratio=str(row["ratio"] or ""),
        shared_by=row["shared_by"],
        wanted_skills=_texts(row["wanted_skills"]),
        wanted_interests=_texts(row["wanted_interests"]),
        wanted_languages=_texts(row["wanted_languages"]),
        wanted_gender=str(row["wanted_gender"] or ""),
        status=str(row["status"]),
    )


def load_needs(needs: QuerySet[SupportNeed]) -> list[NeedFacts]:
    """Any number of needs as plain data, in one query."""
    return [need_from_row(row) for row in needs.order_by("person_id", "id").values(*NEED_FIELDS)]


def need_facts(need: SupportNeed) -> NeedFacts:
    """One need already loaded (the match page has it from access.get_need_for_user)."""
    entry = need.week_entry
    return need_from_row(
        {
            "id": need.pk,
            "person_id": need.person_id,
            "person__organisation_id": need.person.organisation_id,
            "what": need.what,
            "term_id": need.term_id,
            "weekday": need.weekday,
            "starts_at": need.starts_at,
            "ends_at": need.ends_at,
            "overnight": need.overnight,
            "fixed": need.fixed,
            "recurrence": need.recurrence,
            "week_entry__repeats_from": getattr(entry, "repeats_from", None) if entry else None,
            "minutes_a_week": need.minutes_a_week,
            "district_id": need.district_id,
            "ratio": need.ratio,
            "shared_by": need.shared_by,
            "wanted_skills": need.wanted_skills,
            "wanted_interests": need.wanted_interests,
            "wanted_languages": need.wanted_languages,
            "wanted_gender": need.wanted_gender,
            "status": need.status,
        }
    )


def directories_for(owner_ids: Iterable[int], today: dt.date) -> dict[int, Directory]:
    return {owner_id: load_directory(owner_id, today) for owner_id in sorted(set(owner_ids))}
