"""The demo's market: Hollowfield's postcode districts, the standard taxonomy, the supplier
directory (about 60 entries: the four suppliers the ledger already pays among them, on the
same Organisation rows), the preferred list (seed_market_preferred) and every person's needs
with how they want them commissioned and the suppliers some chose (seed_market_needs).

Everything a user could do goes through the market's services, as the market shaper or the
supplier's own user would: entries, services, schedules, areas and prices (directory.services),
criteria, applications, assessments, panel views and decisions (preferred.services), drawing
needs, refining them and recording commissioning (needs.services). Reference data is written
directly: postcode districts (the demo states their centres) and a service's places (the
directory has no service for locations yet).

Repeatable: a district, entry, criterion list, application or person's needs that is already
there is left as it is, so a second run adds nothing. Prices apply from the 1 April today falls
in; fortnightly openings count from a Monday a few weeks back.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import Role
from directsupport.market.directory import services as directory
from directsupport.market.models import (
    Location,
    PostcodeDistrict,
    Service,
    ServiceAtLocation,
    Supplier,
    SupplierKind,
    TaxonomyTerm,
)
from directsupport.market.taxonomy import ensure_standard_terms

from . import organisations_data as orgs
from .market_districts_data import DISTRICTS
from .market_supplier_types import ServiceSpec, SupplierSpec
from .market_suppliers_data import ALL_SUPPLIERS
from .seed_market_needs import NeedsCounts, seed_needs
from .seed_market_preferred import PreferredCounts, seed_preferred

KIND_WORDS = {
    SupplierKind.REGISTERED_PROVIDER: "registered providers",
    SupplierKind.MICRO_ENTERPRISE: "micro-enterprises",
    SupplierKind.PERSONAL_ASSISTANT: "PAs",
    SupplierKind.COMMUNITY_GROUP: "community groups",
    SupplierKind.FREE_ACTIVITY: "free activities",
}
# Fortnightly and four-weekly openings count their weeks from this many weeks before today's.
ANCHOR_WEEKS_BACK = 8


@dataclass
class MarketCounts:
    """What the market holds after seeding (the same on a second run), and what was added."""

    districts: int = 0
    suppliers: Counter[str] = field(default_factory=Counter)
    services: int = 0
    suppliers_added: int = 0
    preferred: PreferredCounts = field(default_factory=PreferredCounts)
    needs: NeedsCounts = field(default_factory=NeedsCounts)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        kinds = ", ".join(
            f"{self.suppliers[kind]} {words}"
            for kind, words in KIND_WORDS.items()
            if self.suppliers[kind]
        )
        return [
            f"Market: {self.districts} postcode districts, {sum(self.suppliers.values())} "
            f"suppliers ({kinds}) with {self.services} services, {self.suppliers_added} added; "
            f"{self.preferred.words()}; {self.needs.words()}. Made in {self.seconds:.1f} s."
        ]


def seed_market(*, provider: Organisation, users: dict[str, User]) -> MarketCounts:
    started = time.perf_counter()
    today = timezone.localdate()
    shaper = next(users[s.email] for s in orgs.STAFF if s.role == Role.MARKET_SHAPER)
    counts = MarketCounts()
    districts = _ensure_districts()
    terms = ensure_standard_terms()
    suppliers = _ensure_directory(provider, shaper, districts, terms, today, counts)
    counts.districts = len(districts)
    counts.suppliers = Counter(supplier.kind for supplier in suppliers.values())
    counts.services = Service.objects.filter(supplier__directory_owner=provider).count()
    counts.preferred = seed_preferred(
        provider=provider, suppliers=suppliers, users=users, shaper=shaper, today=today
    )
    counts.needs = seed_needs(provider=provider, today=today)
    counts.seconds = time.perf_counter() - started
    return counts


def _ensure_districts() -> dict[str, PostcodeDistrict]:
    existing = {d.code: d for d in PostcodeDistrict.objects.all()}
    for spec in DISTRICTS:
        if spec.code in existing:
            continue
        district = PostcodeDistrict(
            code=spec.code, name=spec.name, easting_m=spec.easting_m, northing_m=spec.northing_m
        )
        district.full_clean()
        district.save()
        existing[spec.code] = district
    return existing


# --- The directory --------------------------------------------------------------------------


def _ensure_directory(
    provider: Organisation,
    shaper: User,
    districts: dict[str, PostcodeDistrict],
    terms: dict[str, TaxonomyTerm],
    today: dt.date,
    counts: MarketCounts,
) -> dict[str, Supplier]:
    """Every entry by name: the ones already there, and the missing ones added as the market
    shaper adds them. An entry that exists is left alone, whatever has changed in it."""
    found = {
        supplier.name: supplier
        for supplier in Supplier.objects.filter(directory_owner=provider).select_related(
            "organisation"
        )
    }
    prices_from = _financial_year_start(today)
    anchor = today - dt.timedelta(days=today.weekday(), weeks=ANCHOR_WEEKS_BACK)
    for spec in ALL_SUPPLIERS:
        if spec.name in found:
            continue
        supplier = directory.create_supplier(
            actor=shaper,
            directory_owner=provider,
            name=spec.name,
            details=_supplier_details(spec, districts, today),
        )
        places = _places(supplier, spec, districts)
        for service_spec in spec.services:
            _add_service(
                supplier, service_spec, shaper, districts, terms, places, prices_from, anchor
            )
        counts.suppliers_added += 1
        found[spec.name] = supplier
    return found


def _financial_year_start(today: dt.date) -> dt.date:
    year = today.year if today.month >= 4 else today.year - 1
    return dt.date(year, 4, 1)


def _supplier_details(
    spec: SupplierSpec, districts: dict[str, PostcodeDistrict], today: dt.date
) -> dict[str, Any]:
    details: dict[str, Any] = {
        "kind": spec.kind,
        "description": spec.description,
        "email": spec.email,
        "phone": spec.phone,
        "website": spec.website,
        "base_district": districts[spec.base],
        "accreditations": spec.accreditations,
        "languages": list(spec.languages),
        "skills": list(spec.skills),
        "interests": list(spec.interests),
        "worker_genders": list(spec.genders),
        "published": spec.published,
    }
    if spec.cqc is not None:
        inspected = today.replace(day=1) - relativedelta(months=spec.cqc.inspected_months_ago)
        details |= {
            "cqc_location_id": spec.cqc.location_id,
            "cqc_rating": spec.cqc.rating,
            # Mid-month, as inspection visits are never on the 1st of every month.
            "cqc_inspected_on": inspected + dt.timedelta(days=11),
        }
    return details


def _places(
    supplier: Supplier, spec: SupplierSpec, districts: dict[str, PostcodeDistrict]
) -> dict[str, Location]:
    """The supplier's places. Written directly: directory.services has no function for
    locations yet (the directory pages do not edit them)."""
    places = {}
    for place in spec.places:
        location = Location(
            supplier=supplier,
            name=place.name,
            address_1=place.address,
            postcode=place.postcode,
            district=districts[place.postcode.split()[0]],
            accessibility=place.accessibility,
        )
        location.full_clean()
        location.save()
        places[place.name] = location
    return places


def _add_service(
    supplier: Supplier,
    spec: ServiceSpec,
    shaper: User,
    districts: dict[str, PostcodeDistrict],
    terms: dict[str, TaxonomyTerm],
    places: dict[str, Location],
    prices_from: dt.date,
    anchor: dt.date,
) -> Service:
    service = directory.create_service(
        actor=shaper,
        supplier=supplier,
        details={
            "name": spec.name,
            "description": spec.description,
            "travel_radius_km": spec.radius_km,
            "ratios": list(spec.ratios),
            "capacity_people": spec.places_free,
            "minimum_age": spec.min_age,
            "maximum_age": spec.max_age,
            "published": spec.published,
            "terms": [terms[code] for code in spec.terms],
        },
    )
    for when in spec.when:
        directory.add_schedule(
            actor=shaper,
            service=service,
            details={
                "weekday": when.weekday,
                "opens_at": dt.time.fromisoformat(when.opens),
                "closes_at": dt.time.fromisoformat(when.closes),
                "overnight": when.overnight,
                "interval_weeks": when.every_weeks,
                # Which weeks a fortnightly opening runs in counts from its first day.
                "valid_from": anchor if when.every_weeks > 1 else None,
                "notes": when.notes,
            },
        )
    for code in spec.areas:
        directory.add_area(actor=shaper, service=service, district=districts[code])
    for price in spec.prices:
        directory.add_cost_option(
            actor=shaper,
            service=service,
            unit=price.unit,
            amount_pence=price.pence,
            description=price.description,
            valid_from=prices_from,
            valid_to=None,
        )
    for name in spec.at:
        link = ServiceAtLocation(service=service, location=places[name])
        link.full_clean()
        link.save()
    return service
