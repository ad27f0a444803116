"""The learning log: adding and changing entries (each refusal, with nothing typed lost), the
audit rows, filtering by outcome, and words shown as text, never as markup."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from directsupport.audit.models import Action, AuditEvent
from directsupport.coproduction.models import LearningLogEntry
from directsupport.coproduction.outcomes.services import (
    LearningDetails,
    add_entry,
    change_entry,
)
from directsupport.planning.models import Outcome
from tests.factories import PersonFactory

from .outcomes_fixtures import TODAY, cook_outcome, on_today, swim_outcome

__all__ = ["cook_outcome", "on_today", "swim_outcome"]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today")]

SCRIPT = '<script>alert("x")</script><b>bold</b>'


def details(**changes) -> LearningDetails:
    fields = {
        "happened_on": TODAY - dt.timedelta(days=1),
        "activity": "Tried the 10am swim",
        "who_was_there": "Dee and Sam",
        "what_worked": "Quieter: Dee stayed the whole hour",
        "what_did_not": "",
        "outcome": None,
    }
    fields.update(changes)
    return LearningDetails(**fields)  # type: ignore[arg-type]


def form(**changes) -> dict[str, str]:
    fields = {
        "happened_on": "2026-12-06",
        "activity": "Tried the 10am swim",
        "who_was_there": "Dee and Sam",
        "what_worked": "Quieter: Dee stayed the whole hour",
        "what_did_not": "",
        "outcome": "",
    }
    fields.update(changes)
    return fields


def test_an_entry_is_added_and_audited(dee, worker, swim_outcome):
    entry = add_entry(person=dee, details=details(outcome=swim_outcome), actor=worker)
    assert (entry.outcome, entry.recorded_by) == (swim_outcome, worker)
    event = AuditEvent.objects.get(subject_type="coproduction.learninglogentry")
    assert (event.action, event.person_id) == (Action.CREATE, dee.pk)
    assert event.changes["activity"]["to"] == "Tried the 10am swim"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"activity": "  "}, "activity", "Say what the activity was."),
        ({"happened_on": TODAY + dt.timedelta(days=1)}, "happened_on", "cannot be in the future"),
        (
            {"what_worked": " ", "what_did_not": ""},
            "what_worked",
            "Say what worked, what did not, or both.",
        ),
    ],
)
def test_refusals(dee, worker, changes, field, message):
    with pytest.raises(ValidationError) as caught:
        add_entry(person=dee, details=details(**changes), actor=worker)
    assert any(message in text for text in caught.value.message_dict[field])
    assert not LearningLogEntry.objects.exists()


def test_someone_elses_outcome_is_refused(dee, worker, provider):
    theirs = Outcome.objects.create(person=PersonFactory.create(organisation=provider), text="x")
    with pytest.raises(ValidationError) as caught:
        add_entry(person=dee, details=details(outcome=theirs), actor=worker)
    assert "That outcome is not one of Dee's." in caught.value.message_dict["outcome"]


def test_what_did_not_work_alone_is_enough(dee, worker):
    entry = add_entry(
        person=dee,
        details=details(what_worked="", what_did_not="Too busy at 6pm"),
        actor=worker,
    )
    assert entry.what_did_not == "Too busy at 6pm"


def test_a_change_is_audited_with_what_it_said_before(dee, worker, coordinator):
    entry = add_entry(person=dee, details=details(), actor=worker)
    change_entry(entry=entry, details=details(activity="Tried the 9am swim"), actor=coordinator)
    entry.refresh_from_db()
    assert entry.activity == "Tried the 9am swim"
    event = AuditEvent.objects.get(
        subject_type="coproduction.learninglogentry", action=Action.UPDATE
    )
    assert event.changes == {
        "activity": {"from": "Tried the 10am swim", "to": "Tried the 9am swim"}
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"activity": ""}, "Say what the activity was."),
        ({"happened_on": "2026-12-08"}, "The date cannot be in the future."),
        ({"what_worked": ""}, "Say what worked, what did not, or both."),
        ({"happened_on": "31/02/2026"}, "Enter a real date, for example 27/3/2026."),
    ],
)
def test_the_page_says_what_is_wrong_and_keeps_what_was_typed(
    client_for, worker, dee, changes, message
):
    typed = form(who_was_there="Dee, Sam and the lifeguard", **changes)
    response = client_for(worker).post(f"/coproduction/people/{dee.pk}/learning/new/", typed)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert "Dee, Sam and the lifeguard" in page
    assert not LearningLogEntry.objects.exists()


def test_a_worker_adds_and_changes_an_entry_through_the_pages(
    client_for, worker, dee, swim_outcome
):
    client = client_for(worker)
    base = f"/coproduction/people/{dee.pk}/learning/"
    response = client.post(f"{base}new/", form(outcome=str(swim_outcome.pk)))
    assert response.status_code == 302 and response["Location"] == base
    entry = LearningLogEntry.objects.get()
    assert entry.outcome == swim_outcome
    edit = client.get(f"{base}{entry.pk}/edit/")
    assert "Tried the 10am swim" in edit.content.decode()
    response = client.post(f"{base}{entry.pk}/edit/", form(what_did_not="Cold changing room"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.what_did_not, entry.outcome) == ("Cold changing room", None)


def test_the_log_is_filtered_by_outcome(
    client_for, sister_user, sister, dee, worker, swim_outcome, cook_outcome
):
    add_entry(person=dee, details=details(outcome=swim_outcome), actor=worker)
    add_entry(
        person=dee, details=details(activity="Made pasta", outcome=cook_outcome), actor=worker
    )
    client = client_for(sister_user)
    everything = client.get(f"/coproduction/people/{dee.pk}/learning/").content.decode()
    assert "Tried the 10am swim" in everything and "Made pasta" in everything
    cooking = client.get(
        f"/coproduction/people/{dee.pk}/learning/?outcome={cook_outcome.pk}"
    ).content.decode()
    assert "Made pasta" in cooking and "Tried the 10am swim" not in cooking
    assert "1 entry about" in cooking


def test_words_are_shown_as_text(client_for, person_user, dee, worker, swim_outcome):
    add_entry(
        person=dee,
        details=details(activity=SCRIPT[:200], what_worked=SCRIPT, outcome=swim_outcome),
        actor=worker,
    )
    client = client_for(person_user)
    for url in (
        f"/coproduction/people/{dee.pk}/learning/",
        f"/coproduction/people/{dee.pk}/outcomes/",
        f"/coproduction/people/{dee.pk}/",
    ):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<b>bold</b>" not in page, url
        assert "&lt;script&gt;alert" in page, url
