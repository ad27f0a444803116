"""Fixtures for the decision log's tests (imported by test_decisions_*.py, so they stay apart
from other concepts' fixtures). Every test runs on Monday 7 December 2026.

- ``service_decision``: how the service works: the preferred-supplier criteria, agreed with
  experts by experience, staff and the commissioner (no person named).
- ``dee_money_decision``: a money decision about Dee, which her council may read.
- ``dee_plan_decision``: a plan decision about Dee, which her council may not.
- ``best_interests``: a decision about Dee taken without her, with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from directsupport.coproduction.decisions.services import record_decision
from directsupport.coproduction.models import Decision, ParticipantRole, Topic
from directsupport.lib.decision_feed import Participant
from tests.clock import on_day

TODAY = dt.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def _on_a_fixed_day() -> Iterator[None]:
    with on_day(TODAY):
        yield


@pytest.fixture
def service_decision(provider, manager, expert, commissioner) -> Decision:
    return record_decision(
        organisation=provider,
        topic=Topic.SERVICE_MODEL,
        title="Preferred suppliers must offer flexible contracts",
        reasons="People told us fixed contracts stop them changing their week.",
        level=None,
        decided_on=dt.date(2026, 10, 1),
        participants=[
            Participant(name="Jo Whitfield", role=ParticipantRole.EXPERT, user_id=expert.pk),
            Participant(name="Helen Carter", role=ParticipantRole.STAFF, user_id=manager.pk),
            Participant(
                name="Martin Hughes", role=ParticipantRole.COMMISSIONER, user_id=commissioner.pk
            ),
        ],
        person_took_part=True,
        person_words="Nobody should be stuck with a contract that does not fit.",
        actor=manager,
    )


def _about_dee(dee, actor, *, topic: str, title: str, decided_on: dt.date) -> Decision:
    return record_decision(
        organisation=dee.organisation,
        person=dee,
        topic=topic,
        title=title,
        reasons="Dee asked for it.",
        level=None,
        decided_on=decided_on,
        participants=[
            Participant(name="Dee Okafor", role=ParticipantRole.PERSON),
            Participant(name="Priya Shah", role=ParticipantRole.STAFF, user_id=actor.pk),
        ],
        person_took_part=True,
        actor=actor,
    )


@pytest.fixture
def dee_money_decision(dee, coordinator) -> Decision:
    return _about_dee(
        dee,
        coordinator,
        topic=Topic.MONEY,
        title="Bank two weeks of Dee's budget for a holiday",
        decided_on=dt.date(2026, 11, 2),
    )


@pytest.fixture
def dee_plan_decision(dee, coordinator) -> Decision:
    return _about_dee(
        dee,
        coordinator,
        topic=Topic.PLAN,
        title="Swimming goes into the Plan Book",
        decided_on=dt.date(2026, 9, 14),
    )


@pytest.fixture
def best_interests(dee, manager) -> Decision:
    return record_decision(
        organisation=dee.organisation,
        person=dee,
        topic=Topic.SUPPORT,
        title="A second worker for hospital appointments",
        reasons="Two workers keep Dee safe during the anaesthetic.",
        level=None,
        decided_on=dt.date(2026, 8, 20),
        participants=[
            Participant(name="Ngozi Okafor", role=ParticipantRole.FAMILY),
            Participant(name="Helen Carter", role=ParticipantRole.STAFF, user_id=manager.pk),
        ],
        person_took_part=False,
        without_person_reason=(
            "Best-interests decision: Dee was in hospital and could not be asked."
        ),
        actor=manager,
    )
