"""Fixtures shared by commissioning's tests.

Dee wants supported swimming on Tuesdays 18:00-20:00 in HF3 (the market's ``swimming_need``).
Tom, the market shaper, draws up request RFQ-0001 from it, naming her "Dee" only, with replies
due by 14 December 2026 and support from 4 January 2027, and sends it to two suppliers in
Willowbrook's directory: Bright Days CIC (the ``supplier`` persona's organisation) and Anchor
Swim CIC (``anchor_supplier``, whose user is ``anchor_user``). Every test here runs on Monday
7 December 2026.

- ``swim_need``: Dee's open swimming need (with a health note a supplier must never read).
- ``bright_days`` / ``anchor_supplier``: the two directory entries; ``anchor_user``.
- ``draft_request``: the request drawn up, not yet sent (no suppliers yet).
- ``sent_request``: the same request, sent to both suppliers.
- ``other_supplier_user``: a supplier user whose organisation was not asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from directsupport.accounts.models import User
from directsupport.accounts.roles import OrganisationKind, Role
from directsupport.commissioning.models import QuoteRequest
from directsupport.commissioning.requests.services import (
    NeedNaming,
    create_request,
    invite_suppliers,
    request_from_need,
    send_request,
)
from directsupport.market.models import Supplier, SupportNeed
from directsupport.market.tests.factories import (
    PostcodeDistrictFactory,
    SupplierFactory,
    supplier_for_organisation,
)
from directsupport.market.tests.matching_fixtures import swimming_need
from tests.clock import on_day
from tests.factories import OrganisationFactory, UserFactory

TODAY = dt.date(2026, 12, 7)
REPLY_BY = dt.date(2026, 12, 14)
STARTS_ON = dt.date(2027, 1, 4)


@pytest.fixture(autouse=True)
def _on_a_fixed_day() -> Iterator[None]:
    with on_day(TODAY):
        yield


@pytest.fixture
def swim_need(dee) -> SupportNeed:
    return swimming_need(
        dee,
        minutes_a_week=120,
        place="Hollowfield Lido",
        notes="Has epilepsy: a seizure plan is in her health passport.",
    )


@pytest.fixture
def bright_days(supplier_org, provider) -> Supplier:
    """The supplier persona's own entry in Willowbrook's directory."""
    return supplier_for_organisation(
        supplier_org,
        directory_owner=provider,
        base_district=PostcodeDistrictFactory.create(code="HF3"),
    )


@pytest.fixture
def anchor_supplier(provider) -> Supplier:
    return SupplierFactory.create(
        organisation=OrganisationFactory.create(
            name="Anchor Swim CIC", kind=OrganisationKind.SUPPLIER
        ),
        directory_owner=provider,
        base_district=PostcodeDistrictFactory.create(code="HF3"),
    )


@pytest.fixture
def anchor_user(anchor_supplier) -> User:
    return UserFactory.create(
        organisation=anchor_supplier.organisation,
        role=Role.SUPPLIER,
        full_name="Ama Mensah",
        email="ama@anchorswim.example",
    )


@pytest.fixture
def other_supplier_user(provider) -> User:
    """A supplier in the directory that was not asked for this quote."""
    entry = SupplierFactory.create(
        organisation=OrganisationFactory.create(name="Cedar Swim", kind=OrganisationKind.SUPPLIER),
        directory_owner=provider,
    )
    return UserFactory.create(
        organisation=entry.organisation,
        role=Role.SUPPLIER,
        full_name="Carl Berry",
        email="carl@cedarswim.example",
    )


@pytest.fixture
def draft_request(market_shaper, swim_need) -> QuoteRequest:
    values = request_from_need(swim_need)
    return create_request(
        actor=market_shaper,
        needs=[NeedNaming(need=swim_need)],
        starts_on=STARTS_ON,
        respond_by=REPLY_BY,
        details="Dee likes to be met at the entrance.",
        **values,
    )


@pytest.fixture
def sent_request(market_shaper, draft_request, bright_days, anchor_supplier) -> QuoteRequest:
    invite_suppliers(
        actor=market_shaper, rfq=draft_request, suppliers=[bright_days, anchor_supplier]
    )
    return send_request(actor=market_shaper, rfq=draft_request)
