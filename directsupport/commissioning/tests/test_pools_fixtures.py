"""Fixtures for the pool tests (no tests here; the pool test modules import what they use).

Three people want to go swimming together on Tuesday evenings, one worker for up to three:

- Dee (HF3, the ``dee`` persona, funded by Hollowfield Council), 18:00-20:00;
- Ravi (HF4, 1 km away, funded by Hollowfield Council), 18:00-20:00;
- Lena (HF3, funded by Eastmere Council, the ``other_council``), 18:30-20:00.

Swimming costs £24.00 an hour in Willowbrook's directory (Bright Days CIC), so alone two hours
are £48.00 a week, and a third of the pool's session £16.00.
"""

from __future__ import annotations

import datetime as dt

import pytest

from directsupport.commissioning.models import Pool
from directsupport.commissioning.pools.proposing import propose_pools
from directsupport.market.models import Commissioning, Supplier, SupportNeed
from directsupport.market.tests.factories import (
    CostOptionFactory,
    PostcodeDistrictFactory,
    ServiceFactory,
    standard_term,
)
from directsupport.market.tests.matching_fixtures import swimming_need
from directsupport.people.models import Person
from tests.factories import PersonFactory, UserFactory

__all__ = ["lena", "ravi", "ravi_user", "swim_pool", "swim_price", "swimmers"]

TODAY = dt.date(2026, 12, 7)
SWIM_PENCE_AN_HOUR = 2400


def joint_swim(person: Person, district: str = "HF3", **fields) -> SupportNeed:
    values = {
        "district": PostcodeDistrictFactory.create(code=district),
        "commissioning": Commissioning.JOINT,
        "ratio": "shared",
        "shared_by": 3,
        "minutes_a_week": 120,
        **fields,
    }
    return swimming_need(person, **values)


@pytest.fixture
def swim_price(bright_days: Supplier) -> None:
    service = ServiceFactory.create(
        supplier=bright_days, name="Swim buddies", terms=[standard_term("swimming")]
    )
    CostOptionFactory.create(service=service, amount_pence=SWIM_PENCE_AN_HOUR)


@pytest.fixture
def ravi(provider, council) -> Person:
    return PersonFactory.create(
        organisation=provider, first_name="Ravi", last_name="Menon", funding_council=council
    )


@pytest.fixture
def ravi_user(provider, ravi) -> object:
    from directsupport.accounts.roles import Role

    user = UserFactory.create(
        organisation=provider, role=Role.PERSON, full_name="Ravi Menon", email="ravi@example.org"
    )
    ravi.user = user
    ravi.save(update_fields=["user"])
    return user


@pytest.fixture
def lena(provider, other_council) -> Person:
    return PersonFactory.create(
        organisation=provider, first_name="Lena", last_name="Novak", funding_council=other_council
    )


@pytest.fixture
def swimmers(dee, ravi, lena, swim_price) -> dict[str, SupportNeed]:
    return {
        "dee": joint_swim(dee),
        "ravi": joint_swim(ravi, "HF4"),
        "lena": joint_swim(lena, starts_at=dt.time(18, 30), minutes_a_week=90),
    }


@pytest.fixture
def swim_pool(market_shaper, provider, swimmers) -> Pool:
    (pool,) = propose_pools(actor=market_shaper, organisation=provider, today=TODAY)
    return pool
