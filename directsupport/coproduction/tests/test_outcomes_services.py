"""Recording outcomes' progress: each refusal, planning's achieved day following the latest
record, and the latest progress of many outcomes read in one query."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directsupport.audit.models import AuditEvent
from directsupport.coproduction.models import OutcomeProgress, Progress
from directsupport.coproduction.outcomes.queries import latest_progress
from directsupport.coproduction.outcomes.services import record_progress
from directsupport.planning.models import Outcome

from .outcomes_fixtures import TODAY, WRITTEN_ON, cook_outcome, on_today, swim_outcome

__all__ = ["cook_outcome", "on_today", "swim_outcome"]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today")]


def _record(outcome: Outcome, actor, **overrides) -> OutcomeProgress:
    fields: dict[str, Any] = {
        "status": Progress.STARTED,
        "evidence": "Swam for 20 minutes on Tuesday; Sam was there.",
        "recorded_on": TODAY - dt.timedelta(days=3),
    }
    fields.update(overrides)
    return record_progress(outcome=outcome, actor=actor, **fields)


def _refused(outcome: Outcome, actor, field: str, message: str, **overrides) -> None:
    with pytest.raises(ValidationError) as caught:
        _record(outcome, actor, **overrides)
    assert message in caught.value.message_dict[field]
    assert not OutcomeProgress.objects.exists()


def test_progress_is_recorded_and_audited(swim_outcome, worker):
    progress = _record(swim_outcome, worker)
    assert progress.recorded_by == worker
    event = AuditEvent.objects.get(subject_type="coproduction.outcomeprogress")
    assert event.person_id == swim_outcome.person_id
    assert event.changes["status"]["to"] == "started"


def test_empty_evidence_is_refused(swim_outcome, worker):
    _refused(
        swim_outcome,
        worker,
        "evidence",
        "Say how you know: what happened, who saw it.",
        evidence="   ",
    )


def test_a_future_day_is_refused(swim_outcome, worker):
    _refused(
        swim_outcome,
        worker,
        "recorded_on",
        "The date cannot be in the future.",
        recorded_on=TODAY + dt.timedelta(days=1),
    )


def test_a_day_before_the_outcome_was_written_is_refused(swim_outcome, worker):
    _refused(
        swim_outcome,
        worker,
        "recorded_on",
        "The date cannot be before the outcome was written (1 June 2026).",
        recorded_on=WRITTEN_ON - dt.timedelta(days=1),
    )


def test_an_unknown_status_is_refused(swim_outcome, worker):
    _refused(swim_outcome, worker, "status", "Choose how far it has got.", status="nearly")


def test_achieved_sets_planning_achieved_day_and_stepping_back_clears_it(swim_outcome, worker):
    _record(swim_outcome, worker, status=Progress.ACHIEVED, recorded_on=TODAY - dt.timedelta(5))
    swim_outcome.refresh_from_db()
    assert swim_outcome.achieved_on == TODAY - dt.timedelta(5)
    assert swim_outcome.version == 2  # moved on, so an open edit in planning sees it
    _record(swim_outcome, worker, status=Progress.PARTLY, recorded_on=TODAY)
    swim_outcome.refresh_from_db()
    assert swim_outcome.achieved_on is None
    summaries = list(
        AuditEvent.objects.filter(subject_type="planning.outcome").values_list("summary", flat=True)
    )
    assert any("achieved" in s and "no longer" not in s for s in summaries)
    assert any("no longer marked achieved" in s for s in summaries)


def test_an_older_record_does_not_change_the_achieved_day(swim_outcome, worker):
    _record(swim_outcome, worker, status=Progress.ACHIEVED, recorded_on=TODAY)
    _record(swim_outcome, worker, status=Progress.STARTED, recorded_on=TODAY - dt.timedelta(60))
    swim_outcome.refresh_from_db()
    assert swim_outcome.achieved_on == TODAY


def test_how_it_got_there_before_planning_marked_it_achieved_keeps_the_day(swim_outcome, worker):
    swim_outcome.achieved_on = TODAY - dt.timedelta(days=10)
    swim_outcome.save()
    _record(swim_outcome, worker, status=Progress.PARTLY, recorded_on=TODAY - dt.timedelta(40))
    swim_outcome.refresh_from_db()
    assert swim_outcome.achieved_on == TODAY - dt.timedelta(days=10)
    assert swim_outcome.version == 1


def test_latest_progress_of_many_outcomes_in_one_query(swim_outcome, cook_outcome, worker):
    _record(swim_outcome, worker, status=Progress.STARTED, recorded_on=TODAY - dt.timedelta(30))
    latest_swim = _record(swim_outcome, worker, status=Progress.PARTLY)
    _record(cook_outcome, worker, status=Progress.STARTED, recorded_on=TODAY - dt.timedelta(9))
    latest_cook = _record(
        cook_outcome, worker, status=Progress.NOT_STARTED, recorded_on=TODAY - dt.timedelta(9)
    )
    for outcomes in (
        Outcome.objects.filter(person=swim_outcome.person),
        [swim_outcome, cook_outcome],
    ):
        with CaptureQueriesContext(connection) as queries:
            latest = latest_progress(outcomes)
            assert latest[swim_outcome.pk].recorded_by == worker
        assert len(queries) == 1
        assert latest == {swim_outcome.pk: latest_swim, cook_outcome.pk: latest_cook}
    assert latest_progress([]) == {}
