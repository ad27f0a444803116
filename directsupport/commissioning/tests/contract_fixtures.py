"""Fixtures for the contract tests: Dee's swimming contract with Splash Swim CIC (the supplier
persona's organisation), and a pool of three people swimming together on Tuesday evenings.

Everyone has an ISF with an approved agreement (April 2026 to March 2027). The rate is the
awkward £31.47 an hour, two hours a week, so a week costs £62.94 and three-way shares do not
divide evenly. "Today" is Monday 7 December 2026; the support starts on Tuesday 1 December.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from directsupport.accounts.roles import Role
from directsupport.commissioning.models import (
    Contract,
    NameShown,
    Offer,
    OfferChoice,
    OfferSide,
    OfferStatus,
    QuoteRequest,
    RequestNeed,
    RequestStatus,
    RequestSupplier,
)
from directsupport.market.models import Supplier, SupportNeed
from directsupport.market.tests.factories import SupplierFactory, SupportNeedFactory
from directsupport.market.tests.needs_fixtures import make_agreement
from directsupport.people.models import Person
from tests.clock import on_day
from tests.factories import PersonFactory, UserFactory

TODAY = dt.date(2026, 12, 7)
STARTS = dt.date(2026, 12, 1)  # a Tuesday
RATE = 3147  # £31.47 an hour
MINUTES = 120


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day(TODAY):
        yield


@pytest.fixture
def splash(supplier_org, provider) -> Supplier:
    supplier_org.name = "Splash Swim CIC"
    supplier_org.save()
    return SupplierFactory.create(organisation=supplier_org, directory_owner=provider)


@pytest.fixture
def other_supplier_user(db) -> object:
    other = SupplierFactory.create()
    return UserFactory.create(
        organisation=other.organisation,
        role=Role.SUPPLIER,
        full_name="Rita Other",
        email="rita@other-supplier.example",
    )


def _need(person: Person) -> SupportNeed:
    return SupportNeedFactory.create(person=person, what="Swimming", minutes_a_week=MINUTES)


def make_choice(
    *,
    people: list[Person],
    supplier: Supplier,
    market_shaper: Any,
    pool: Any = None,
    rate: int = RATE,
) -> OfferChoice:
    """A request for the people's needs sent to ``supplier``, its offer, and the choice."""
    for person in people:
        make_agreement(person, budget_pence=3_120_000)
    number = QuoteRequest.objects.count() + 1
    rfq = QuoteRequest.objects.create(
        organisation=people[0].organisation,
        reference=f"RFQ-{number:04d}",
        pool=pool,
        term=_need(people[0]).term,
        what="Swimming",
        weekday=1,
        starts_at=dt.time(18, 0),
        ends_at=dt.time(20, 0),
        minutes_a_week=MINUTES,
        starts_on=STARTS,
        respond_by=dt.date(2026, 11, 20),
        people_count=len(people),
        status=RequestStatus.CHOSEN,
        created_by=market_shaper,
        sent_by=market_shaper,
    )
    for person in people:
        need = person.needs.first() or _need(person)
        RequestNeed.objects.create(request=rfq, need=need, name_shown=NameShown.FIRST_NAME)
    RequestSupplier.objects.create(request=rfq, supplier=supplier)
    offer = Offer.objects.create(
        request=rfq,
        supplier=supplier,
        side=OfferSide.SUPPLIER,
        pence_per_hour=rate,
        minutes_a_week=MINUTES,
        starts_on=STARTS,
        cancellation_terms="24 hours' notice, or the session is paid",
        travel_terms="No charge within 5 km",
        status=OfferStatus.ACCEPTED,
        made_by=market_shaper,
    )
    return OfferChoice.objects.create(
        request=rfq,
        offer=offer,
        weight_quality=40,
        weight_fit=40,
        weight_price=20,
        reason="They know how I like to swim.",
        decided_by="person",
        recorded_by=market_shaper,
    )


@pytest.fixture
def dee_choice(dee, splash, market_shaper) -> OfferChoice:
    return make_choice(people=[dee], supplier=splash, market_shaper=market_shaper)


TERMS = {
    "cancellation_rules": "24 hours' notice, or the session is paid.",
    "change_rules": "Changes are agreed in writing by the person and the supplier.",
    "notice_weeks": 4,
}


@pytest.fixture
def draw_up(market_shaper) -> Callable[..., Contract]:
    from directsupport.commissioning.contracts.services import contract_from_choice

    def make(choice: OfferChoice, **changes: Any) -> Contract:
        return contract_from_choice(actor=market_shaper, choice=choice, **{**TERMS, **changes})

    return make


@pytest.fixture
def dee_contract(dee_choice, draw_up) -> Contract:
    return draw_up(dee_choice)


@pytest.fixture
def swimmers(provider, council) -> list[Person]:
    """Ayo and Bea, who swim with Dee on Tuesdays."""
    return [
        PersonFactory.create(
            organisation=provider, first_name=name, last_name="Swimmer", funding_council=council
        )
        for name in ("Ayo", "Bea")
    ]


@pytest.fixture
def pool_choice(dee, swimmers, splash, market_shaper) -> OfferChoice:
    return make_choice(people=[dee, *swimmers], supplier=splash, market_shaper=market_shaper)


@pytest.fixture
def pool_contract(pool_choice, draw_up) -> Contract:
    return draw_up(
        pool_choice,
        ends_on=dt.date(2027, 1, 31),
        absence_rules="An absent swimmer still pays their share.",
        leaving_rules="Four weeks' notice; the others' shares are worked out again.",
    )


def agree_everyone(contract: Contract, *, supplier: Any, staff: Any) -> Contract:
    """Each person agrees (recorded by staff) and the supplier accepts: the contract is agreed."""
    from directsupport.commissioning.contracts.services import (
        accept_for_supplier,
        record_person_agreement,
    )

    for party in contract.parties.all():
        record_person_agreement(actor=staff, party=party, decided_by="person")
    accept_for_supplier(actor=supplier, contract=contract)
    contract.refresh_from_db()
    return contract
