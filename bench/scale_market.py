"""A supplier directory at scale, for the market benchmarks (the Open Referral UK API here in
bench/market_api.py, matching in engineer M's bench).

    from bench.scale_market import generate_suppliers   # after django.setup()
    made = generate_suppliers(2000, directory_owner=provider)

``generate_suppliers(count, *, directory_owner=None, seed=..., published_share=..., ...)``
adds ``count`` suppliers to ``directory_owner``'s directory (default: the scale provider of
``bench/generate_scale.py``, made if missing), in the demo's postcode districts (made if
missing), with about three services each: kinds of support or activity from the standard
taxonomy, two to four weekly times (waking nights and sleep-ins overnight), districts covered
and sometimes a travel radius, a price per hour, session or night (free for free activities),
venues for activities, ages, capacity, ratios, and the characteristics matching weighs
(languages, skills, interests, workers' genders, CQC ratings for registered providers). About
one in twenty suppliers, and one in twenty of the others' services, are unpublished, so the
public API's filter has something to leave out. Everything goes in with bulk_create, in
batches, in one transaction: 2,000 suppliers take a few seconds. The same seed gives the same
directory (names, kinds, times, prices); UUIDs are random.

Run directly, it fills the database the environment names (DATABASE_URL), which must already be
migrated:

    DJANGO_ENV=development DATABASE_URL=sqlite:///var/bench/x.sqlite3 \\
        .venv/bin/python bench/scale_market.py --suppliers 2000
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from directsupport.accounts.models import Organisation
    from directsupport.market.models import PostcodeDistrict, TaxonomyTerm

SUPPLIER_NAME_PREFIX = "Scale"
BATCH = 500
LANGUAGES = ("Punjabi", "Urdu", "Polish", "Bengali", "Somali", "Turkish", "Gujarati", "BSL")
SKILLS = ("Makaton", "autism", "epilepsy", "positive behaviour support", "manual handling")
INTERESTS = ("music", "football", "gardening", "cooking", "art", "films", "swimming", "dance")
FIRST_WORDS = ("Riverside", "Bright", "Green", "Oak", "Willow", "Harbour", "Meadow", "Lantern")
SECOND_WORDS = ("Days", "Care", "Friends", "Steps", "Together", "Futures", "Hands", "Club")
SUFFIXES = ("CIC", "Ltd", "Group", "Trust", "Co-op")
SUPPORT_TERMS = ("personal-care", "community-access", "travel-support", "help-at-home")
NIGHT_TERMS = ("waking-night", "sleep-in")
ACTIVITY_TERMS = (
    "swimming",
    "sport-fitness",
    "arts-crafts",
    "music-drama",
    "cooking-skills",
    "gardening",
    "work-volunteering",
    "learning",
    "social-clubs",
    "day-opportunities",
)


@dataclass
class ScaleDirectory:
    """What generate_suppliers made (counts, and the ids a benchmark picks from)."""

    suppliers: int = 0
    services: int = 0
    published_services: int = 0
    schedules: int = 0
    service_areas: int = 0
    cost_options: int = 0
    locations: int = 0
    supplier_ids: list[int] = field(default_factory=list)
    service_uuids: list[str] = field(default_factory=list)
    seconds: float = 0.0


def generate_suppliers(
    count: int,
    *,
    directory_owner: Organisation | None = None,
    seed: int = 2026,
    published_share: float = 0.95,
    name_prefix: str = SUPPLIER_NAME_PREFIX,
    today: dt.date | None = None,
) -> ScaleDirectory:
    """Add ``count`` suppliers with their services to ``directory_owner``'s directory (see the
    module's summary). Names are ``"<prefix> <words> <number> <suffix>"``, numbered on from the
    suppliers already called ``<prefix> …``, so calling it twice adds more rather than clashing."""
    from django.db import transaction
    from django.utils import timezone

    from directsupport.market.taxonomy import ensure_standard_terms

    started = time.perf_counter()
    rng = random.Random(seed)
    today = today or timezone.localdate()
    with transaction.atomic():
        owner = directory_owner or _scale_provider()
        districts = _districts()
        terms = ensure_standard_terms()
        made = ScaleDirectory()
        first = _next_number(name_prefix)
        for start in range(0, count, BATCH):
            numbers = range(first + start, first + min(count, start + BATCH))
            _batch(rng, made, numbers, owner, districts, terms, name_prefix, published_share, today)
    made.seconds = round(time.perf_counter() - started, 2)
    return made


def _scale_provider() -> Organisation:
    from bench.scale import SCALE_PROVIDER
    from directsupport.accounts.models import Organisation
    from directsupport.accounts.roles import OrganisationKind

    provider, _ = Organisation.objects.get_or_create(
        name=SCALE_PROVIDER, defaults={"kind": OrganisationKind.PROVIDER}
    )
    return provider


def _districts() -> list[PostcodeDistrict]:
    from directsupport.demo.market_districts_data import DISTRICTS
    from directsupport.market.models import PostcodeDistrict

    PostcodeDistrict.objects.bulk_create(
        [
            PostcodeDistrict(
                code=spec.code, name=spec.name, easting_m=spec.easting_m, northing_m=spec.northing_m
            )
            for spec in DISTRICTS
        ],
        ignore_conflicts=True,
    )
    return list(PostcodeDistrict.objects.filter(code__in=[spec.code for spec in DISTRICTS]))


def _next_number(prefix: str) -> int:
    from directsupport.accounts.models import Organisation

    return Organisation.objects.filter(name__startswith=f"{prefix} ").count() + 1


def _batch(
    rng: random.Random,
    made: ScaleDirectory,
    numbers: range,
    owner: Organisation,
    districts: list[PostcodeDistrict],
    terms: dict[str, TaxonomyTerm],
    prefix: str,
    published_share: float,
    today: dt.date,
) -> None:
    from directsupport.accounts.models import Organisation
    from directsupport.accounts.roles import OrganisationKind
    from directsupport.market.models import Supplier

    names = [
        f"{prefix} {rng.choice(FIRST_WORDS)} {rng.choice(SECOND_WORDS)} {n:05d} "
        f"{rng.choice(SUFFIXES)}"
        for n in numbers
    ]
    organisations = Organisation.objects.bulk_create(
        [Organisation(name=name, kind=OrganisationKind.SUPPLIER) for name in names]
    )
    suppliers = Supplier.objects.bulk_create(
        [
            _supplier(rng, organisation, owner, districts, published_share)
            for organisation in organisations
        ]
    )
    made.suppliers += len(suppliers)
    made.supplier_ids += [supplier.pk for supplier in suppliers]
    _services(rng, made, suppliers, districts, terms, published_share, today)


def _supplier(
    rng: random.Random,
    organisation: Organisation,
    owner: Organisation,
    districts: list[PostcodeDistrict],
    published_share: float,
) -> Any:
    from directsupport.market.models import CqcRating, Supplier, SupplierKind, WorkerGender

    kind = rng.choices(list(SupplierKind), weights=(3, 3, 2, 2, 1))[0]
    regulated = kind == SupplierKind.REGISTERED_PROVIDER
    return Supplier(
        organisation=organisation,
        directory_owner=owner,
        kind=kind,
        description=(
            f"{organisation.name} offers support and activities across the borough and "
            "its neighbours, with workers who know the area and the people they support."
        ),
        email=f"hello{organisation.pk}@scale-supplier.example",
        base_district=rng.choice(districts),
        cqc_location_id=f"1-{rng.randrange(10**8, 10**9)}" if regulated else "",
        cqc_rating=rng.choice(list(CqcRating)) if regulated else "",
        languages=rng.sample(LANGUAGES, rng.randint(0, 2)),
        skills=rng.sample(SKILLS, rng.randint(0, 3)),
        interests=rng.sample(INTERESTS, rng.randint(0, 3)),
        worker_genders=rng.sample(list(WorkerGender), rng.randint(1, 3)),
        published=rng.random() < published_share,
    )


def _services(
    rng: random.Random,
    made: ScaleDirectory,
    suppliers: list[Any],
    districts: list[PostcodeDistrict],
    terms: dict[str, TaxonomyTerm],
    published_share: float,
    today: dt.date,
) -> None:
    from directsupport.market.models import Service, SupplierKind

    plans: list[tuple[Any, list[str]]] = []
    for supplier in suppliers:
        for _ in range(
            1 if supplier.kind == SupplierKind.PERSONAL_ASSISTANT else rng.randint(2, 4)
        ):
            plans.append((supplier, _term_codes(rng, supplier.kind)))
    services = Service.objects.bulk_create(
        [_service(rng, supplier, codes, terms, published_share) for supplier, codes in plans]
    )
    made.services += len(services)
    # As market.access.published_services counts them: a personal assistant is never open data.
    made.published_services += sum(
        1
        for service in services
        if service.published
        and service.supplier.published
        and service.supplier.kind != SupplierKind.PERSONAL_ASSISTANT
    )
    made.service_uuids += [str(service.uuid) for service in services]
    _parts(
        rng,
        made,
        list(zip(services, (codes for _, codes in plans), strict=True)),
        districts,
        terms,
        today,
    )


def _term_codes(rng: random.Random, kind: str) -> list[str]:
    from directsupport.market.models import SupplierKind

    if kind in (SupplierKind.COMMUNITY_GROUP, SupplierKind.FREE_ACTIVITY):
        return rng.sample(ACTIVITY_TERMS, rng.randint(1, 2))
    if rng.random() < 0.15:
        return [rng.choice(NIGHT_TERMS)]
    if rng.random() < 0.25:
        return [rng.choice(ACTIVITY_TERMS), "community-access"]
    return rng.sample(SUPPORT_TERMS, rng.randint(1, 2))


def _service(
    rng: random.Random,
    supplier: Any,
    codes: list[str],
    terms: dict[str, TaxonomyTerm],
    published_share: float,
) -> Any:
    from directsupport.market.models import Service

    what = " and ".join(terms[code].name.lower() for code in codes)
    adult = rng.random() < 0.3
    return Service(
        supplier=supplier,
        name=f"{terms[codes[0]].name} with {supplier.organisation.name.split(' ', 1)[1]}",
        description=f"{what.capitalize()}, planned with each person and their circle.",
        travel_radius_km=rng.choice((None, None, 3, 5, 8)),
        ratios=rng.sample(["one_to_one", "two_to_one", "shared"], rng.randint(1, 2)),
        capacity_people=rng.randint(0, 8),
        minimum_age=18 if adult else None,
        maximum_age=rng.choice((None, 65, 99)) if adult else None,
        published=rng.random() < published_share,
    )


def _parts(
    rng: random.Random,
    made: ScaleDirectory,
    services: list[tuple[Any, list[str]]],
    districts: list[PostcodeDistrict],
    terms: dict[str, TaxonomyTerm],
    today: dt.date,
) -> None:
    from directsupport.market.models import (
        CostOption,
        CostUnit,
        Location,
        Schedule,
        Service,
        ServiceArea,
        ServiceAtLocation,
        SupplierKind,
    )

    links, schedules, areas, prices, venues = [], [], [], [], []
    through = Service.terms.through
    for service, codes in services:
        links += [through(service_id=service.pk, taxonomyterm_id=terms[c].pk) for c in codes]
        night = codes[0] in NIGHT_TERMS
        for weekday in rng.sample(range(7), rng.randint(2, 4)):
            opens = dt.time(22 if night else rng.randint(8, 18))
            closes = dt.time(7) if night else dt.time(min(23, opens.hour + rng.randint(2, 5)))
            schedules.append(
                Schedule(
                    service=service,
                    weekday=weekday,
                    opens_at=opens,
                    closes_at=closes,
                    overnight=night,
                    interval_weeks=rng.choice((1, 1, 1, 2)),
                )
            )
        for district in rng.sample(districts, rng.randint(1, 4)):
            areas.append(ServiceArea(service=service, district=district))
        free = service.supplier.kind == SupplierKind.FREE_ACTIVITY
        unit = (
            CostUnit.FREE
            if free
            else CostUnit.NIGHT
            if night
            else rng.choice((CostUnit.HOUR, CostUnit.HOUR, CostUnit.SESSION))
        )
        prices.append(
            CostOption(
                service=service,
                unit=unit,
                amount_pence=0 if free else rng.randrange(1500, 12000 if night else 3500, 5),
                valid_from=today - dt.timedelta(days=rng.randint(30, 400)),
            )
        )
        if codes[0] in ACTIVITY_TERMS and rng.random() < 0.5:
            venues.append((service, _venue(rng, service, districts)))
    Service.terms.through.objects.bulk_create(links, batch_size=BATCH)
    Schedule.objects.bulk_create(schedules, batch_size=BATCH)
    ServiceArea.objects.bulk_create(areas, batch_size=BATCH)
    CostOption.objects.bulk_create(prices, batch_size=BATCH)
    locations = Location.objects.bulk_create([venue for _, venue in venues], batch_size=BATCH)
    ServiceAtLocation.objects.bulk_create(
        [
            ServiceAtLocation(service=service, location=location)
            for (service, _), location in zip(venues, locations, strict=True)
        ],
        batch_size=BATCH,
    )
    made.schedules += len(schedules)
    made.service_areas += len(areas)
    made.cost_options += len(prices)
    made.locations += len(locations)


def _venue(rng: random.Random, service: Any, districts: list[PostcodeDistrict]) -> Any:
    from directsupport.market.models import Location

    district = service.supplier.base_district
    return Location(
        supplier=service.supplier,
        name=f"{rng.choice(FIRST_WORDS)} {rng.choice(('Hall', 'Centre', 'Pool', 'Studio'))}",
        address_1=f"{rng.randint(1, 200)} {rng.choice(('High Street', 'Mill Lane', 'Park Road'))}",
        postcode=f"{district.code} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
        district=district,
        accessibility=rng.choice(("", "Step-free, with a changing places toilet.")),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--suppliers", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directsupport.settings")
    import django

    django.setup()
    made = generate_suppliers(args.suppliers, seed=args.seed)
    print(
        f"{made.suppliers:,} suppliers, {made.services:,} services ({made.published_services:,} "
        f"published), {made.schedules:,} weekly times, {made.service_areas:,} districts covered, "
        f"{made.cost_options:,} prices, {made.locations:,} venues in {made.seconds} s."
    )


if __name__ == "__main__":
    main()
