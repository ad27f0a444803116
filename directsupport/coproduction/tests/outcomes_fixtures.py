"""Fixtures for the outcomes' progress, learning log and person tab tests (imported by those
modules, so they stay apart from other concepts' fixtures).

Dee has two outcomes, written on 1 June 2026; every test runs on Monday 7 December 2026.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from directsupport.people.models import Person
from directsupport.planning.models import Outcome, OutcomeAction
from tests.clock import on_day

TODAY = dt.date(2026, 12, 7)
WRITTEN_ON = dt.date(2026, 6, 1)


@pytest.fixture
def on_today() -> Iterator[None]:
    with on_day(TODAY):
        yield


def _written(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(11), tzinfo=ZoneInfo(settings.TIME_ZONE))


@pytest.fixture
def swim_outcome(dee: Person, coordinator) -> Outcome:
    outcome = Outcome.objects.create(
        person=dee,
        text="I want to swim every week at the lido",
        position=0,
        created_by=coordinator,
        created_at=_written(WRITTEN_ON),
        updated_at=_written(WRITTEN_ON),
    )
    OutcomeAction.objects.create(
        outcome=outcome, what="Find a quiet swim time", who="Sam", by_when=dt.date(2026, 7, 1)
    )
    return outcome


@pytest.fixture
def cook_outcome(dee: Person, coordinator) -> Outcome:
    return Outcome.objects.create(
        person=dee,
        text="I want to cook my own tea twice a week",
        position=1,
        created_by=coordinator,
        created_at=_written(WRITTEN_ON),
        updated_at=_written(WRITTEN_ON),
    )
