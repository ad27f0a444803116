"""Fixtures for the supplier directory's tests: Bright Days CIC (the supplier persona's own
entry: community support by the hour in HF1) and Hollowfield Lido Swimmers (another supplier
in the same directory: free Saturday swimming, with personal care offered by nobody).

Test modules import the fixtures they use from here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from directsupport.market.models import CostUnit, Service, Supplier, SupplierKind

from .factories import (
    CostOptionFactory,
    PostcodeDistrictFactory,
    ScheduleFactory,
    ServiceFactory,
    SupplierFactory,
    standard_term,
)

TODAY = dt.datetime(2026, 5, 12, 10, 0, tzinfo=dt.UTC)  # a Tuesday


@pytest.fixture
def own_entry(provider, supplier_org) -> Supplier:
    """Bright Days CIC's entry (the ``supplier`` persona's organisation)."""
    entry = SupplierFactory.create(
        organisation=supplier_org,
        kind=SupplierKind.MICRO_ENTERPRISE,
        description="Support to get out and about, by people from Hollowfield.",
        languages=["English", "Punjabi"],
        skills=["Makaton"],
        interests=["music"],
        worker_genders=["women"],
    )
    service = ServiceFactory.create(supplier=entry, name="Community support")
    ScheduleFactory.create(service=service, weekday=0)
    CostOptionFactory.create(service=service, amount_pence=2250)
    service.areas.create(district=entry.base_district)
    return entry


@pytest.fixture
def own_service(own_entry) -> Service:
    return own_entry.services.get()


@pytest.fixture
def other_entry(provider) -> Supplier:
    """Hollowfield Lido Swimmers: free swimming on Saturdays, based in HF4."""
    entry = SupplierFactory.create(
        organisation__name="Hollowfield Lido Swimmers",
        kind=SupplierKind.COMMUNITY_GROUP,
        description="A friendly swimming club at the lido.",
        base_district=PostcodeDistrictFactory.create(code="HF4"),
    )
    service = ServiceFactory.create(
        supplier=entry, name="Saturday swimming", terms=[standard_term("swimming")]
    )
    ScheduleFactory.create(service=service, weekday=5, opens_at=dt.time(10), closes_at=dt.time(12))
    CostOptionFactory.create(service=service, unit=CostUnit.FREE, amount_pence=0)
    return entry


@pytest.fixture
def other_service(other_entry) -> Service:
    return other_entry.services.get()


def part_kwargs(service: Service) -> dict[str, Any]:
    """The URL arguments naming one of each part of ``service`` (making the missing ones)."""
    schedule = service.schedules.first() or ScheduleFactory.create(service=service)
    area = service.areas.first() or service.areas.create(
        district=PostcodeDistrictFactory.create(code="HF2")
    )
    cost = service.cost_options.first() or CostOptionFactory.create(service=service)
    closure = service.exceptions.first() or service.exceptions.create(
        on=dt.date(2026, 12, 24), reason="Christmas Eve"
    )
    return {
        "supplier_pk": service.supplier_id,
        "service_pk": service.pk,
        "schedule_pk": schedule.pk,
        "area_pk": area.pk,
        "cost_pk": cost.pk,
        "closure_pk": closure.pk,
    }
