"""Reminders before a contract ends or its yearly review (once per contract, kind and date), the
daily task, and contracted support shown on the person's Perfect Week."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from directsupport.commissioning.contracts.reminders import send_reminders
from directsupport.commissioning.contracts.services import activate, give_notice
from directsupport.commissioning.contracts.tasks import contract_daily
from directsupport.commissioning.models import ContractReminder
from directsupport.week.models import Company, Week, WeekEntry, WeekKind

from .contract_fixtures import *  # noqa: F403 (fixtures)
from .contract_fixtures import agree_everyone

pytestmark = pytest.mark.django_db


@pytest.fixture
def active_contract(dee_contract, supplier, market_shaper):
    agree_everyone(dee_contract, supplier=supplier, staff=market_shaper)
    activate(actor=market_shaper, contract=dee_contract)
    dee_contract.refresh_from_db()
    return dee_contract


def test_ends_soon_reminder_is_sent_once_per_contract_kind_and_date(active_contract, market_shaper):
    give_notice(
        actor=market_shaper,
        contract=active_contract,
        ends_on=dt.date(2027, 1, 12),
        reason="Dee is moving",
    )
    sent = send_reminders(today=dt.date(2026, 12, 7))
    assert [(r.kind, r.due_on) for r in sent] == [("ends_soon", dt.date(2027, 1, 12))]
    assert len(mail.outbox) == 1
    assert "CON-0001 ends on 12 January 2027" in mail.outbox[0].body
    assert "Okafor" not in mail.outbox[0].body  # no names leave by email
    assert send_reminders(today=dt.date(2026, 12, 8)) == []
    assert ContractReminder.objects.count() == 1


def test_review_reminder_weeks_before_the_anniversary(active_contract):
    assert send_reminders(today=dt.date(2027, 10, 1)) == []
    sent = send_reminders(today=dt.date(2027, 10, 21))
    assert [(r.kind, r.due_on) for r in sent] == [("review", dt.date(2027, 12, 1))]
    assert send_reminders(today=dt.date(2027, 10, 22)) == []


def test_a_draft_gets_no_reminders(dee_contract):
    assert send_reminders(today=dt.date(2027, 11, 30)) == []


def test_the_daily_task_sends_reminders(active_contract):
    result = contract_daily.enqueue("2027-10-21")
    assert result.return_value == 1


def _swimming_entry(dee) -> WeekEntry:
    week, _ = Week.objects.get_or_create(person=dee, kind=WeekKind.PERFECT)
    return WeekEntry.objects.create(
        week=week,
        weekday=1,
        starts_at=dt.time(18),
        ends_at=dt.time(20),
        what="Swimming",
        company=Company.PAID,
        support_ratio="one_to_one",
        support_kind="community_access",
    )


def test_contracted_support_shows_on_the_perfect_week(
    client_for, coordinator, person_user, active_contract, dee
):
    need = active_contract.parties.get().need
    need.week_entry = _swimming_entry(dee)
    need.save()
    for user in (coordinator, person_user):
        page = client_for(user).get(reverse("week:perfect_week", kwargs={"pk": dee.pk}))
        assert "Contracted: Splash Swim CIC, £31.47 an hour" in page.content.decode()
    easy = client_for(person_user).get(reverse("week:week_easy_read", kwargs={"pk": dee.pk}))
    assert "Contracted: Splash Swim CIC" in easy.content.decode()


def test_a_draft_contract_is_not_on_the_week(client_for, coordinator, dee_contract, dee):
    need = dee_contract.parties.get().need
    need.week_entry = _swimming_entry(dee)
    need.save()
    page = client_for(coordinator).get(reverse("week:perfect_week", kwargs={"pk": dee.pk}))
    assert "Contracted:" not in page.content.decode()
