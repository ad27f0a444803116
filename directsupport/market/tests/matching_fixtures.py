"""Fixtures for The Right Support's tests (imported by test_matching_*.py).

Dee wants supported swimming on Tuesdays 18:00-20:00 in HF3, with a worker who speaks Punjabi
and a woman worker. Six swimming services in Willowbrook's directory (HFn is n-1 km east of
HF1, so HF3 is 2 km from HF1 and 5 km from HF8):

- Anchor Swim CIC: HF3, Tuesdays 17:00-21:00, £20.00 an hour, Punjabi, women: the perfect fit.
- Birch Leisure: HF3 from HF1, Tuesdays 18:00-20:00, £24.00 an hour, Punjabi only.
- Cedar Swim: the same but £18.00 an hour.
- Dolphin Club: £30.00 an hour, Punjabi only.
- Eastside Swim: based in HF8 and travels 2 km: out of area (5 km away).
- Morning Swim: in HF3 but Tuesdays 09:00-12:00 only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from directsupport.market.models import Service, SupportNeed, WorkerGender
from directsupport.people.models import Person

from .factories import (
    CostOptionFactory,
    PostcodeDistrictFactory,
    ScheduleFactory,
    ServiceFactory,
    SupplierFactory,
    SupplierOrganisationFactory,
    SupportNeedFactory,
    standard_term,
)

TUESDAY, SUNDAY, MONDAY = 1, 6, 0


def make_service(
    name: str,
    supplier: str,
    *,
    term: str = "swimming",
    base: str = "HF3",
    areas: tuple[str, ...] = ("HF3",),
    radius: int | None = None,
    day: int = TUESDAY,
    opens: tuple[int, int] = (18, 20),
    hourly_pence: int | None = 2000,
    places: int = 2,
    **supplier_fields: Any,
) -> Service:
    entry = SupplierFactory.create(
        organisation=SupplierOrganisationFactory.create(name=supplier),
        base_district=PostcodeDistrictFactory.create(code=base),
        **supplier_fields,
    )
    service = ServiceFactory.create(
        supplier=entry,
        name=name,
        terms=[standard_term(term)],
        travel_radius_km=radius,
        capacity_people=places,
    )
    for code in areas:
        service.areas.create(district=PostcodeDistrictFactory.create(code=code))
    ScheduleFactory.create(
        service=service, weekday=day, opens_at=dt.time(opens[0]), closes_at=dt.time(opens[1])
    )
    if hourly_pence is not None:
        CostOptionFactory.create(service=service, amount_pence=hourly_pence)
    return service


@pytest.fixture
def swimming_market(dee) -> dict[str, Service]:
    return {
        "anchor": make_service(
            "Swim with Anchor",
            "Anchor Swim CIC",
            opens=(17, 21),
            languages=["Punjabi"],
            worker_genders=[WorkerGender.WOMEN],
        ),
        "birch": make_service(
            "Birch swimming", "Birch Leisure", base="HF1", hourly_pence=2400, languages=["Punjabi"]
        ),
        "cedar": make_service(
            "Cedar swimming", "Cedar Swim", base="HF1", hourly_pence=1800, languages=["punjabi"]
        ),
        "dolphin": make_service(
            "Dolphin swimming", "Dolphin Club", hourly_pence=3000, languages=["Punjabi"]
        ),
        "eastside": make_service(
            "Eastside swimming", "Eastside Swim", base="HF8", areas=(), radius=2
        ),
        "morning": make_service("Morning swim", "Morning Swim", opens=(9, 12)),
    }


def swimming_need(person: Person, **fields: Any) -> SupportNeed:
    values = {
        "what": "Swimming",
        "term": standard_term("swimming"),
        "weekday": TUESDAY,
        "starts_at": dt.time(18),
        "ends_at": dt.time(20),
        "district": PostcodeDistrictFactory.create(code="HF3"),
        "wanted_languages": ["Punjabi"],
        "wanted_gender": WorkerGender.WOMEN,
        **fields,
    }
    return SupportNeedFactory.create(person=person, **values)
