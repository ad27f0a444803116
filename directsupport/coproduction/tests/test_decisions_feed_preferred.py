"""A preferred-list application decided (approved or declined) appears in the decision log by
itself, once, as a decision about how the service works (no person), with the staff who decided
and the co-production panel's view."""

from __future__ import annotations

import pytest

from directsupport.coproduction.decisions.backfill import backfill_decisions
from directsupport.coproduction.models import Decision, Level, Source, Topic
from directsupport.market.models import ApplicationStatus
from directsupport.market.preferred.services import decide
from directsupport.market.tests.preferred_fixtures import (
    criteria,
    proposed,
    ready,
    swim_club,
)

from .decisions_fixtures import _on_a_fixed_day

__all__ = ["_on_a_fixed_day", "criteria", "proposed", "ready", "swim_club"]

pytestmark = pytest.mark.django_db


def test_an_approval_is_logged_with_the_panels_view(ready, manager):
    step = decide(
        application=ready,
        status=ApplicationStatus.APPROVED,
        reason="Meets every criterion; the panel liked them.",
        expected_version=ready.version,
        actor=manager,
    )

    decision = Decision.objects.get()
    assert (decision.source, decision.source_key) == (
        Source.PREFERRED_LIST,
        f"market.applicationstep:{step.pk}",
    )
    assert (decision.person, decision.topic) == (None, Topic.SERVICE_MODEL)
    assert decision.title.endswith("put on the preferred supplier list")
    assert decision.reasons == "Meets every criterion; the panel liked them."
    assert decision.person_words == "The panel met the club and liked how they explained things."
    assert [(p.name, p.role) for p in decision.participants.all()] == [
        ("Helen Carter", "staff"),
        ("Jo Whitfield", "expert"),
    ]
    assert decision.level == Level.CO_DESIGN


def test_a_decline_is_logged_and_starting_to_assess_is_not(proposed, manager):
    decide(
        application=proposed,
        status=ApplicationStatus.ASSESSING,
        reason="",
        expected_version=proposed.version,
        actor=manager,
    )
    assert Decision.objects.count() == 0
    proposed.refresh_from_db()
    decide(
        application=proposed,
        status=ApplicationStatus.DECLINED,
        reason="No safeguarding policy.",
        expected_version=proposed.version,
        actor=manager,
    )

    decision = Decision.objects.get()
    assert decision.title.endswith("not put on the preferred supplier list")
    assert decision.level == Level.INFORMING


def test_the_backfill_finds_a_decision_once(ready, manager, provider):
    decide(
        application=ready,
        status=ApplicationStatus.APPROVED,
        reason="Meets every criterion.",
        expected_version=ready.version,
        actor=manager,
    )
    Decision.objects.all().delete()
    assert backfill_decisions(organisation=provider) == 1
    assert backfill_decisions(organisation=provider) == 0
