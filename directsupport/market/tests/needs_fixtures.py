"""Fixtures for the needs and support page tests: Dee at home in HF3, Willowbrook's rate card,
Dee's Perfect Week built entry by entry, her Matching support tool, and her ISF agreement.

Test modules import the fixtures they use from here. Every test that reads the date travels to
TODAY (a Wednesday): its plan year runs 52 weeks from Monday 8 June 2026 to Sunday 6 June 2027.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine

from directsupport.funds.models import Agreement, AgreementStatus, FeeKind, Fund
from directsupport.people.models import Person
from directsupport.planning.models import ToolKind, ToolSection
from directsupport.week.models import (
    Company,
    Rate,
    RateCard,
    SupportKind,
    SupportRatio,
    TimeBand,
    Week,
    WeekEntry,
    WeekKind,
)

from .factories import PostcodeDistrictFactory

TODAY = dt.datetime(2026, 6, 10, 10, 0, tzinfo=dt.UTC)
PLAN_YEAR_START = dt.date(2026, 6, 8)
BAND_PENCE = {
    TimeBand.DAY: 3200,
    TimeBand.EVENING: 3500,
    TimeBand.NIGHT: 3800,
    TimeBand.WEEKEND: 3600,
    TimeBand.BANK_HOLIDAY: 4800,
}
SLEEP_IN_PENCE = 9500


@pytest.fixture
def today() -> Any:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def districts(db) -> dict[str, Any]:
    return {code: PostcodeDistrictFactory.create(code=code) for code in ("HF1", "HF3", "HF4")}


@pytest.fixture
def dee_at_home(dee: Person, districts) -> Person:
    dee.postcode = "HF3 2AB"
    dee.save(update_fields=["postcode"])
    return dee


@pytest.fixture
def rate_card(provider, manager) -> RateCard:
    """Willowbrook's card from 1 April 2026: the same rates for every kind of support."""
    card = RateCard.objects.create(
        organisation=provider,
        effective_from=dt.date(2026, 4, 1),
        sleep_in_pence=SLEEP_IN_PENCE,
        created_by=manager,
    )
    Rate.objects.bulk_create(
        Rate(rate_card=card, support_kind=kind, band=band, pence_per_hour=pence)
        for kind in SupportKind
        if kind != SupportKind.SLEEP_IN
        for band, pence in BAND_PENCE.items()
    )
    return card


@pytest.fixture
def add_entry(dee) -> Callable[..., WeekEntry]:
    """add_entry(weekday, "10:00", "12:00", what=..., ratio=..., kind=..., place=...,
    recurrence=..., repeats_from=..., shared_by=..., overnight=..., fixed=...) adds to Dee's
    Perfect Week (1:1 community access unless told)."""
    week, _ = Week.objects.get_or_create(person=dee, kind=WeekKind.PERFECT)

    def add(
        weekday: int,
        starts: str,
        ends: str,
        *,
        what: str = "Swimming at the lido",
        ratio: str = SupportRatio.ONE_TO_ONE,
        kind: str = SupportKind.COMMUNITY_ACCESS,
        **fields: Any,
    ) -> WeekEntry:
        paid = ratio != SupportRatio.NONE
        return WeekEntry.objects.create(
            week=week,
            weekday=weekday,
            starts_at=dt.time.fromisoformat(starts),
            ends_at=dt.time.fromisoformat(ends),
            what=what,
            company=Company.PAID if paid else Company.ON_MY_OWN,
            support_ratio=ratio,
            support_kind=kind if paid else "",
            **fields,
        )

    return add


@pytest.fixture
def matching_tool(dee) -> ToolSection:
    """Dee's Matching support: a row about swimming and one about all her support."""
    return ToolSection.objects.create(
        person=dee,
        kind=ToolKind.MATCHING_SUPPORT,
        content={
            "rows": [
                {
                    "support": "Swimming and the gym",
                    "skills": "Strong swimmer; lifeguard training",
                    "personality": "Encouraging",
                    "interests": "Sport",
                },
                {
                    "support": "Everyday support at home and out and about",
                    "skills": "Knows Makaton, or will learn it\nSpeaks Yoruba",
                    "personality": "Calm and kind",
                    "interests": "",
                },
                {
                    "support": "Managing my money and paperwork",
                    "skills": "Organised and good with numbers",
                    "personality": "Honest and clear",
                    "interests": "",
                },
            ]
        },
    )


def make_agreement(
    person: Person,
    *,
    budget_pence: int,
    fee_kind: str = FeeKind.PERCENT,
    fee_basis_points: int = 800,
    fee_monthly_pence: int = 0,
    status: str = AgreementStatus.APPROVED,
) -> Agreement:
    """Dee's fund and one agreement version from 1 April 2026 to 31 March 2027."""
    fund, _ = Fund.objects.get_or_create(
        person=person,
        defaults={
            "provider": person.organisation,
            "council": person.funding_council,
            "reference": f"ISF-{person.pk:04d}",
        },
    )
    return Agreement.objects.create(
        fund=fund,
        version=fund.agreements.count() + 1,
        status=status,
        annual_budget_pence=budget_pence,
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2027, 3, 31),
        fee_kind=fee_kind,
        fee_basis_points=fee_basis_points if fee_kind == FeeKind.PERCENT else 0,
        fee_monthly_pence=fee_monthly_pence,
        first_review_on=dt.date(2026, 5, 20),
    )
