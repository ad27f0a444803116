"""Who may open the outcomes' progress and learning log pages, and who may write on them: every
page, every role. Support workers assigned to the person, coordinators and managers write; the
person, their circle and the provider's other staff read (403 on writing); an unassigned worker,
commissioners, suppliers, experts by experience and outsiders get 404."""

from __future__ import annotations

import datetime as dt

import pytest

from directsupport.audit.models import Action, AuditEvent
from directsupport.coproduction.models import LearningLogEntry, OutcomeProgress, Progress
from directsupport.planning.models import Outcome
from tests.factories import PersonFactory

from .outcomes_fixtures import TODAY, cook_outcome, on_today, swim_outcome

__all__ = ["cook_outcome", "on_today", "swim_outcome"]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today", "sister", "neighbour")]

WRITERS = ["coordinator", "manager", "worker"]
READERS = ["person_user", "sister_user", "finance", "market_shaper"]
NOT_FOUND = [
    "other_worker",
    "commissioner",
    "other_commissioner",
    "supplier",
    "expert",
    "outsider",
    "neighbour_user",
]


@pytest.fixture
def entry(dee, swim_outcome, worker) -> LearningLogEntry:
    return LearningLogEntry.objects.create(
        person=dee,
        happened_on=TODAY - dt.timedelta(days=2),
        activity="Tried the 10am swim",
        who_was_there="Dee and Sam",
        what_worked="Quieter; Dee stayed the whole hour",
        outcome=swim_outcome,
        recorded_by=worker,
    )


def _read_urls(dee, swim_outcome) -> list[str]:
    base = f"/coproduction/people/{dee.pk}/"
    return [
        base,
        f"{base}outcomes/",
        f"{base}learning/",
        f"{base}learning/?outcome={swim_outcome.pk}",
    ]


def _write_urls(dee, swim_outcome, entry) -> list[str]:
    base = f"/coproduction/people/{dee.pk}/"
    return [
        f"{base}outcomes/{swim_outcome.pk}/progress/",
        f"{base}learning/new/",
        f"{base}learning/{entry.pk}/edit/",
    ]


@pytest.mark.parametrize("name", WRITERS + READERS)
def test_readers_open_every_page(request, client_for, dee, swim_outcome, entry, name):
    client = client_for(request.getfixturevalue(name))
    for url in _read_urls(dee, swim_outcome):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Tried the 10am swim" in client.get(f"/coproduction/people/{dee.pk}/learning/").text


@pytest.mark.parametrize("name", NOT_FOUND)
def test_others_find_no_page(request, client_for, dee, swim_outcome, entry, name):
    client = client_for(request.getfixturevalue(name))
    for url in _read_urls(dee, swim_outcome) + _write_urls(dee, swim_outcome, entry):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url


@pytest.mark.parametrize("name", WRITERS)
def test_writers_open_the_forms(request, client_for, dee, swim_outcome, entry, name):
    client = client_for(request.getfixturevalue(name))
    for url in _write_urls(dee, swim_outcome, entry):
        assert client.get(url).status_code == 200, url
    outcomes = client.get(f"/coproduction/people/{dee.pk}/outcomes/").text
    assert "Record progress" in outcomes


@pytest.mark.parametrize("name", READERS)
def test_readers_may_not_write(request, client_for, dee, swim_outcome, entry, name):
    client = client_for(request.getfixturevalue(name))
    for url in _write_urls(dee, swim_outcome, entry):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"activity": "x"}).status_code == 403, url
    assert "Record progress" not in client.get(f"/coproduction/people/{dee.pk}/outcomes/").text
    assert not OutcomeProgress.objects.exists()


def test_someone_elses_outcome_or_entry_is_not_found(client_for, coordinator, dee, provider):
    other = PersonFactory.create(organisation=provider)
    theirs = Outcome.objects.create(person=other, text="Their outcome")
    their_entry = LearningLogEntry.objects.create(
        person=other, happened_on=TODAY, activity="x", who_was_there="y", what_worked="z"
    )
    client = client_for(coordinator)
    base = f"/coproduction/people/{dee.pk}/"
    assert client.get(f"{base}outcomes/{theirs.pk}/progress/").status_code == 404
    assert client.get(f"{base}learning/{their_entry.pk}/edit/").status_code == 404


def test_a_worker_records_progress(client_for, worker, dee, swim_outcome):
    response = client_for(worker).post(
        f"/coproduction/people/{dee.pk}/outcomes/{swim_outcome.pk}/progress/",
        {"status": "partly", "evidence": "Swam 40 minutes", "recorded_on": "2026-12-05"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/outcomes/#outcome-{swim_outcome.pk}")
    progress = OutcomeProgress.objects.get()
    assert (progress.status, progress.recorded_by) == (Progress.PARTLY, worker)


def test_reading_the_pages_is_audited(client_for, person_user, dee):
    client = client_for(person_user)
    client.get(f"/coproduction/people/{dee.pk}/outcomes/")
    client.get(f"/coproduction/people/{dee.pk}/learning/")
    client.get(f"/coproduction/people/{dee.pk}/")
    summaries = set(
        AuditEvent.objects.filter(action=Action.VIEW, person_id=dee.pk).values_list(
            "summary", flat=True
        )
    )
    assert {"Outcomes' progress", "Learning log", "How it's going"} <= summaries
