"""The daily review: what is due, what was kept with a reason, and the task and command."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from directsupport.audit.models import Action
from directsupport.audit.services import record_event
from directsupport.people.models import Person
from directsupport.retention.holdings import holding
from directsupport.retention.models import KeepDecision, ReviewRun
from directsupport.retention.review import due_for_review
from directsupport.retention.schedule import Target
from directsupport.retention.services import keep_records
from directsupport.retention.tasks import review_retention
from tests.factories import PersonFactory

from .conftest import TODAY


def _due_targets(organisation_id: int, today: dt.date = TODAY) -> dict[int, set[str]]:
    return {
        entry.person.pk: {item.target.value for item in entry.due}
        for entry in due_for_review(organisation_id, today)
    }


def test_records_past_their_period_are_listed(ended_dee, old_fund, sister, provider):
    record_event(actor=ended_dee.user, action=Action.SIGN_IN, summary="Signed in")
    due = _due_targets(provider.pk)
    assert due == {ended_dee.pk: {"care", "financial", "audit", "account", "circle_contacts"}}
    # Counted for everyone at once, the same as counted for her alone.
    [entry] = due_for_review(provider.pk, TODAY)
    for item in entry.due:
        assert item == holding(ended_dee, item.target), item.target
    assert {item.target.value: item.rows for item in entry.due}["account"] == 2


def test_nothing_is_due_for_people_still_supported(dee, provider, frozen_today):
    assert _due_targets(provider.pk) == {}


def test_care_records_are_listed_from_the_day_after_their_last_day(ended_dee, provider):
    # Support ended on 30 June 2018: care records are kept until 30 June 2026.
    assert "care" not in _due_targets(provider.pk, dt.date(2026, 6, 30)).get(ended_dee.pk, set())
    assert "care" in _due_targets(provider.pk, dt.date(2026, 7, 1))[ended_dee.pk]


def test_money_records_are_listed_from_1_april_2025(ended_dee, old_fund, provider):
    Person.objects.filter(pk=ended_dee.pk).update(support_ended_on=None)
    assert _due_targets(provider.pk, dt.date(2025, 3, 31)) == {}
    assert _due_targets(provider.pk, dt.date(2025, 4, 1)) == {ended_dee.pk: {"financial"}}


def test_another_organisations_people_are_not_listed(ended_dee, other_provider):
    assert _due_targets(other_provider.pk) == {}


def test_a_kept_record_leaves_the_list_until_its_next_review(
    ended_dee, old_fund, provider, manager
):
    decision = keep_records(
        actor=manager,
        person=ended_dee,
        target=Target.FINANCIAL,
        reason="The council's audit of 2018/19 is still open.",
        next_review_on=dt.date(2027, 6, 1),
    )
    [entry] = due_for_review(provider.pk, TODAY)
    assert "financial" not in {item.target.value for item in entry.due}
    assert [(held.target, keep) for held, keep in entry.kept] == [(Target.FINANCIAL, decision)]
    # On the day of the next review it is back.
    assert "financial" in _due_targets(provider.pk, dt.date(2027, 6, 1))[ended_dee.pk]


def test_keeping_needs_a_reason_and_a_later_review(ended_dee, old_fund, manager):
    with pytest.raises(ValidationError) as refused:
        keep_records(
            actor=manager,
            person=ended_dee,
            target=Target.FINANCIAL,
            reason="   ",
            next_review_on=TODAY,
        )
    assert set(refused.value.message_dict) == {"reason", "next_review_on"}
    assert not KeepDecision.objects.exists()


def test_a_keep_decision_is_reviewed_within_five_years(ended_dee, old_fund, manager):
    with pytest.raises(ValidationError, match="within 5 years"):
        keep_records(
            actor=manager,
            person=ended_dee,
            target=Target.FINANCIAL,
            reason="Just in case",
            next_review_on=dt.date(2032, 1, 1),
        )


def test_only_records_due_can_be_kept_past_their_period(dee, manager, frozen_today):
    with pytest.raises(ValidationError, match="nothing of theirs is due"):
        keep_records(
            actor=manager,
            person=dee,
            target=Target.CARE,
            reason="Because",
            next_review_on=dt.date(2027, 1, 1),
        )


def test_the_daily_task_notes_a_run_for_each_provider(
    ended_dee, old_fund, provider, other_provider
):
    PersonFactory.create(organisation=other_provider)
    total = review_retention.enqueue().return_value
    assert total == 4  # Dee's care, money, audit and account records (no contacts, no photo)
    run = ReviewRun.objects.get(organisation=provider)
    assert (run.reviewed_on, run.people_due, run.items_due) == (TODAY, 1, 4)
    assert ReviewRun.objects.get(organisation=other_provider).items_due == 0


def test_the_command_lists_what_is_due_by_number_not_name(ended_dee, old_fund, provider):
    out = StringIO()
    call_command("retention_review", stdout=out)
    text = out.getvalue()
    assert "Willowbrook Support: 1 person with records due for review" in text
    assert f"person number {ended_dee.pk}: Money records" in text
    assert "Okafor" not in text
