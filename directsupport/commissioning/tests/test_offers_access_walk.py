"""The whole-site access walk (tests/test_access_walk.py), on the negotiation and fair-cost
pages alone: every other organisation's user gets 404 and changes nothing."""

from __future__ import annotations

import pytest

from tests.access_walk.fixtures import worlds
from tests.access_walk.routes import all_routes
from tests.access_walk.walk import report, walk
from tests.access_walk.world import OUTSIDER_ROLES

__all__ = ["worlds"]


def negotiation_routes():
    return [
        route
        for route in all_routes()
        if route.name.startswith(("commissioning:offer_", "commissioning:fair_cost"))
    ]


def test_the_negotiation_pages_are_walked() -> None:
    assert len(negotiation_routes()) == 9


@pytest.mark.parametrize("role", OUTSIDER_ROLES)
def test_outsiders_get_not_found_on_the_negotiation_pages(worlds, role) -> None:
    result = walk(negotiation_routes(), worlds, worlds.outsiders.users[role])
    assert not result.findings, report(result)
