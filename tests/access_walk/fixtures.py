"""The two worlds the access walk needs, as a fixture shared by its test modules."""

from __future__ import annotations

from typing import Any

import pytest

from directsupport.accounts.roles import Role

from .checker import row_keys
from .walk import Worlds, build_victim_rows
from .world import World, build_world_from_factories, furnish

# Words of Willowbrook's world that no page of Other Care's users may show.
VICTIM_WORDS = [
    "Okafor",
    "Adaeze",
    "Willowbrook",
    "Northfield",
    "07700 900123",
    "Bright Days",
    "priya@willowbrook.example",
]


@pytest.fixture
def worlds(
    provider,
    council,
    other_provider,
    other_council,
    manager,
    coordinator,
    finance,
    market_shaper,
    worker,
    expert,
    commissioner,
    supplier,
    person_user,
    dee,
    sister,
    outsider,
    other_commissioner,
) -> Worlds:
    """Other Care's world first (so shared reference data, such as the kinds of support, is
    not counted as Willowbrook's), then Willowbrook's on the personas."""
    others = furnish(
        build_world_from_factories(
            other_provider,
            other_council,
            "Eastbury",
            {Role.COORDINATOR: outsider, Role.COMMISSIONER: other_commissioner},
        )
    )
    before = row_keys()
    victim_users: dict[str, Any] = {
        Role.MANAGER: manager,
        Role.COORDINATOR: coordinator,
        Role.FINANCE: finance,
        Role.MARKET_SHAPER: market_shaper,
        Role.SUPPORT_WORKER: worker,
        Role.EXPERT: expert,
        Role.COMMISSIONER: commissioner,
        Role.SUPPLIER: supplier,
        Role.PERSON: person_user,
        Role.CIRCLE: sister.user,
    }
    victim = furnish(World("Northfield", provider, council, dee, sister, victim_users))
    return Worlds(victim, others, build_victim_rows(before, victim), VICTIM_WORDS)
