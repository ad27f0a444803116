"""Recording progress through the page: what each step looks like (shape and words, never colour
alone), each bad input named with nothing typed lost, planning's achieved day following, and
evidence shown as text."""

from __future__ import annotations

import pytest

from directsupport.coproduction.models import OutcomeProgress
from directsupport.coproduction.outcomes.services import record_progress

from .outcomes_fixtures import TODAY, cook_outcome, on_today, swim_outcome

__all__ = ["cook_outcome", "on_today", "swim_outcome"]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today")]

EVIDENCE = "Swam the whole hour on Tuesday; Sam and the lifeguard saw it."


def url(dee, outcome) -> str:
    return f"/coproduction/people/{dee.pk}/outcomes/{outcome.pk}/progress/"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"evidence": "  "}, "Say how you know: what happened, who saw it."),
        ({"recorded_on": "2026-12-08"}, "The date cannot be in the future."),
        ({"recorded_on": "2026-05-31"}, "before the outcome was written (1 June 2026)"),
        ({"status": "nearly"}, "Choose how far it has got."),
        ({"status": ""}, "Choose how far it has got."),
        ({"recorded_on": "not a day"}, "Enter a real date, for example 27/3/2026."),
    ],
)
def test_bad_input_is_named_and_nothing_typed_is_lost(
    client_for, coordinator, dee, swim_outcome, changes, message
):
    typed = {"status": "partly", "evidence": EVIDENCE, "recorded_on": "2026-12-05", **changes}
    response = client_for(coordinator).post(url(dee, swim_outcome), typed)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    if changes.get("evidence") is None:
        assert "Swam the whole hour on Tuesday; Sam and the lifeguard saw it." in page
    assert not OutcomeProgress.objects.exists()


def test_achieved_through_the_page_sets_planning_achieved_day(
    client_for, worker, dee, swim_outcome
):
    client = client_for(worker)
    client.post(
        url(dee, swim_outcome),
        {"status": "achieved", "evidence": EVIDENCE, "recorded_on": "2026-12-05"},
    )
    swim_outcome.refresh_from_db()
    assert swim_outcome.achieved_on == TODAY.replace(day=5)
    page = client.get(f"/coproduction/people/{dee.pk}/outcomes/").content.decode()
    assert "achieved on 5 December 2026" in page
    client.post(
        url(dee, swim_outcome),
        {"status": "partly", "evidence": "Stopped for the winter", "recorded_on": "2026-12-07"},
    )
    swim_outcome.refresh_from_db()
    assert swim_outcome.achieved_on is None


def test_each_step_is_a_shape_and_words(
    client_for, person_user, dee, swim_outcome, cook_outcome, worker
):
    record_progress(
        outcome=swim_outcome,
        status="partly",
        evidence=EVIDENCE,
        recorded_on=TODAY,
        actor=worker,
    )
    page = client_for(person_user).get(f"/coproduction/people/{dee.pk}/outcomes/").content.decode()
    assert "How my goals are going" in page
    assert 'aria-current="step"' in page
    assert 'Now: <span aria-hidden="true">◑</span> Partly achieved' in page
    assert 'Now: <span aria-hidden="true">○</span> Not started' in page  # the cooking outcome
    assert EVIDENCE in page
    assert "Find a quiet swim time" in page  # planning's action, who and by when
    assert "1 July 2026" in page


def test_evidence_is_shown_as_text(client_for, sister_user, sister, dee, swim_outcome, worker):
    record_progress(
        outcome=swim_outcome,
        status="started",
        evidence='<img src=x onerror="alert(1)">went',
        recorded_on=TODAY,
        actor=worker,
    )
    page = client_for(sister_user).get(f"/coproduction/people/{dee.pk}/outcomes/").content.decode()
    assert "<img src=x" not in page and "&lt;img src=x" in page
