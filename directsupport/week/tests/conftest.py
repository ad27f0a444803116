"""Fixtures for the week tests: Dee's Perfect Week and Willowbrook's rate card."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from directsupport.week.models import Rate, RateCard, SupportKind, TimeBand, Week, WeekKind

# Willowbrook's hourly rates in pence per worker-hour, by band (realistic Outer London rates).
HOURLY_PENCE = {
    TimeBand.DAY: 3200,
    TimeBand.EVENING: 3500,
    TimeBand.NIGHT: 3800,
    TimeBand.WEEKEND: 3600,
    TimeBand.BANK_HOLIDAY: 4800,
}
SLEEP_IN_PENCE = 9500

WEEK_READERS = [
    "coordinator",
    "manager",
    "worker",
    "market_shaper",
    "finance",
    "person_user",
    "sister_user",
    "cousin_user",
]
NOT_FOUND_FOR_WEEK = [
    "other_worker",
    "neighbour_user",
    "commissioner",
    "other_commissioner",
    "supplier",
    "outsider",
    "expert",
]
EDITORS = ["coordinator", "manager"]


@pytest.fixture
def everyone(dee, sister, cousin, neighbour) -> None:
    """Dee with her circle: her sister may contribute, her cousin may only see, her neighbour
    may not see."""


@pytest.fixture
def persona(request: pytest.FixtureRequest, everyone: None) -> Callable[[str], Any]:
    return request.getfixturevalue


@pytest.fixture
def rate_card(provider, manager) -> RateCard:
    """The same hourly rate for every kind of support, by band; sleep-ins £95 a night."""
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
        for band, pence in HOURLY_PENCE.items()
    )
    return card


@pytest.fixture
def perfect_week(dee, coordinator) -> Week:
    return Week.objects.create(person=dee, kind=WeekKind.PERFECT, updated_by=coordinator)
