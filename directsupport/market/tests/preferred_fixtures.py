"""Fixtures for the preferred supplier list's tests (imported by test_preferred_*.py).

Willowbrook's five criteria, as agreed with the co-production panel and Hollowfield Council;
Riverside Swim Club (a micro-enterprise in Willowbrook's directory, teaching swimming in HF2)
and Bright Days CIC (the supplier persona's own entry). Applications are made through the
services, as the pages make them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from directsupport.market.models import (
    Assessment,
    CriterionKind,
    PreferredApplication,
    PreferredCriterion,
    Supplier,
)
from directsupport.market.preferred.services import (
    apply_to_list,
    assess,
    propose_supplier,
    record_panel_view,
)

from .factories import (
    PostcodeDistrictFactory,
    PreferredCriterionFactory,
    ServiceFactory,
    SupplierFactory,
    standard_term,
    supplier_for_organisation,
)

CRITERIA = (
    (CriterionKind.QUALITY, "Good quality support", "They give good support."),
    (CriterionKind.PRICE, "Price within the fair range", "Their prices are fair."),
    (CriterionKind.VALUES, "Shares our values", "They listen to you."),
    (CriterionKind.FLEXIBLE_CONTRACTS, "Flexible contracts", "You can change your support."),
    (CriterionKind.REFERENCES, "Good references", "Other people say they are good."),
)


@pytest.fixture
def criteria(provider) -> list[PreferredCriterion]:
    return [
        PreferredCriterionFactory.create(provider=provider, kind=kind, title=title, easy_read=easy)
        for kind, title, easy in CRITERIA
    ]


@pytest.fixture
def swim_club(provider) -> Supplier:
    supplier = SupplierFactory.create(
        organisation__name="Riverside Swim Club",
        directory_owner=provider,
        base_district=PostcodeDistrictFactory.create(code="HF2", name="Hollowfield East"),
    )
    service = ServiceFactory.create(
        supplier=supplier, name="Supported swimming", terms=[standard_term("swimming")]
    )
    service.areas.create(district=supplier.base_district)
    return supplier


@pytest.fixture
def bright_days(supplier_org, provider) -> Supplier:
    """The supplier persona's own directory entry, in Willowbrook's directory."""
    return supplier_for_organisation(supplier_org, directory_owner=provider)


@pytest.fixture
def proposed(swim_club, market_shaper, provider) -> PreferredApplication:
    return propose_supplier(
        provider=provider,
        supplier=swim_club,
        why="Three people asked for supported swimming.",
        actor=market_shaper,
    )


@pytest.fixture
def applied(bright_days, supplier) -> PreferredApplication:
    return apply_to_list(
        supplier=bright_days, statement="We have run day activities for ten years.", actor=supplier
    )


def assess_all(
    application: PreferredApplication,
    criteria: list[PreferredCriterion],
    actor: Any,
    result: str = Assessment.MET,
) -> None:
    for criterion in criteria:
        application.refresh_from_db()
        assess(
            application=application,
            criterion=criterion,
            result=result,
            evidence=f"Checked {criterion.title.lower()}.",
            expected_version=application.version,
            actor=actor,
        )
    application.refresh_from_db()


def give_panel_view(application: PreferredApplication, expert: Any) -> None:
    application.refresh_from_db()
    record_panel_view(
        application=application,
        view="The panel met the club and liked how they explained things.",
        expected_version=application.version,
        actor=expert,
    )
    application.refresh_from_db()


@pytest.fixture
def ready(proposed, criteria, market_shaper, expert) -> PreferredApplication:
    """Swim club's application, assessed against every criterion, with the panel's view."""
    assess_all(proposed, criteria, market_shaper)
    give_panel_view(proposed, expert)
    return proposed


@pytest.fixture
def make_ready(criteria, market_shaper, expert) -> Callable[[PreferredApplication], None]:
    def make(application: PreferredApplication) -> None:
        assess_all(application, criteria, market_shaper)
        give_panel_view(application, expert)

    return make
