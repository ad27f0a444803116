"""Fixtures for the review tests (imported by those modules, so they stay apart from other
concepts' fixtures).

Dee's ISF agreement runs from 1 June 2026 to 31 May 2027, first review on 20 July 2026, then at
least every 12 months; none is held yet, so hers has been due since 20 July. Her Plan Book
version 1 is published; she has an outcome (swimming) with one action. Tests start on Monday
7 December 2026; Priya arranges the review for Sunday 13 December 2026 at 14:00 at Dee's flat,
inviting Dee, Ngozi (her sister) and herself, and writes it up on 14 December.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone

from directsupport.coproduction.models import Review
from directsupport.coproduction.reviews.services import (
    FourPlusOne,
    Invitee,
    PerspectiveInput,
    SurveyInput,
    record_review,
    schedule_review,
)
from directsupport.funds.ledger import posting
from directsupport.funds.models import Agreement, AgreementStatus, FeeKind, Fund, Kind
from directsupport.lib.decision_feed import ParticipantRole
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion
from directsupport.planning.models import Outcome, OutcomeAction
from tests.clock import on_day

TODAY = dt.date(2026, 12, 7)
MEETING_DAY = dt.date(2026, 12, 13)
WRITE_UP_DAY = dt.date(2026, 12, 14)
START = dt.date(2026, 6, 1)
LONDON = ZoneInfo(settings.TIME_ZONE)


def at(day: dt.date, hour: int = 14) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LONDON)


@pytest.fixture
def on_today() -> Iterator[None]:
    with on_day(TODAY):
        yield


@pytest.fixture
def dee_fund(dee, provider, council) -> Fund:
    fund = Fund.objects.create(person=dee, provider=provider, council=council, reference="ISF-0001")
    Agreement.objects.create(
        fund=fund,
        version=1,
        status=AgreementStatus.APPROVED,
        annual_budget_pence=3_120_000,
        starts_on=START,
        ends_on=dt.date(2027, 5, 31),
        fee_kind=FeeKind.PERCENT,
        fee_basis_points=800,
        first_review_on=dt.date(2026, 7, 20),
    )
    fund.person = dee
    return fund


@pytest.fixture
def money_in(dee_fund, finance) -> None:
    """£2,600 from the council in June, so the fund has money a review must not touch."""
    posting.post(
        fund=dee_fund,
        kind=Kind.ALLOCATION,
        lines=posting.allocation_lines(260_000),
        effective_on=START,
        description="Monthly allocation",
        counterparty="Hollowfield Council",
        idempotency_key=f"review-test-allocation-{dee_fund.pk}",
        actor=finance,
    )


@pytest.fixture
def plan_book(dee, coordinator) -> PlanBookVersion:
    return PlanBookVersion.objects.create(
        person=dee,
        number=1,
        status=PlanBookStatus.PUBLISHED,
        introduction="My Plan Book, made at Planning Live in May.",
        content={},
        created_by=coordinator,
        published_by=coordinator,
        published_at=at(dt.date(2026, 5, 20)),
    )


@pytest.fixture
def swim(dee, coordinator) -> Outcome:
    outcome = Outcome.objects.create(
        person=dee,
        text="I want to swim every week at the lido",
        position=0,
        created_by=coordinator,
        created_at=at(dt.date(2026, 5, 20), 11),
        updated_at=at(dt.date(2026, 5, 20), 11),
    )
    OutcomeAction.objects.create(
        outcome=outcome, what="Find a quiet swim time", who="Sam", by_when=dt.date(2026, 7, 1)
    )
    return outcome


def invitees(dee, sister, coordinator) -> list[Invitee]:
    return [
        Invitee(name="Dee Okafor", role=ParticipantRole.PERSON, user=dee.user),
        Invitee(
            name="Ngozi Okafor",
            role=ParticipantRole.FAMILY,
            user=sister.user,
            circle_member=sister,
        ),
        Invitee(name="Priya Shah", role=ParticipantRole.STAFF, user=coordinator),
    ]


@pytest.fixture
def scheduled(on_today, dee, sister, coordinator, dee_fund, plan_book, swim) -> Review:
    return schedule_review(
        person=dee,
        kind="first",
        meets_at=at(MEETING_DAY),
        place="Dee's flat",
        invitees=invitees(dee, sister, coordinator),
        actor=coordinator,
    )


DEE_VIEW = PerspectiveInput(
    whose="Dee Okafor",
    role=ParticipantRole.PERSON,
    working="Swimming on Tuesdays with Sam. Choosing who comes.",
    not_working="Sundays are long and boring.",
)
NGOZI_VIEW = PerspectiveInput(
    whose="Ngozi Okafor",
    role=ParticipantRole.FAMILY,
    working="Dee is calmer and talks about her swimming.",
)
ANSWERS = FourPlusOne(
    tried="Swimming at the lido on quiet mornings.",
    learned="Dee likes the same worker each week.",
    pleased="Dee swims every week now.",
    concerned="Sundays alone.",
    next_steps="Try the Sunday lunch club at St Mark's; Ngozi will go with Dee the first time.",
)
SURVEY = [
    SurveyInput(question="doing_more", answer=5, comment="Swimming!"),
    SurveyInput(question="money", answer=3),
]


def write_up(review: Review, actor, **overrides) -> Review:
    fields: dict[str, Any] = {
        "held_on": MEETING_DAY,
        "perspectives": [DEE_VIEW, NGOZI_VIEW],
        "answers": ANSWERS,
        "survey": SURVEY,
        "money_notes": "Spending is on plan; nothing to change.",
        "progress": [],
        "attendance": {},
        "expected_version": review.version,
    }
    fields.update(overrides)
    return record_review(review=review, actor=actor, **fields)


@pytest.fixture
def held(scheduled, coordinator) -> Iterator[Review]:
    with on_day(WRITE_UP_DAY):
        attendance = {i.pk: True for i in scheduled.invitations.all()}
        yield write_up(scheduled, coordinator, attendance=attendance)


def local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()
