"""Decisions taken elsewhere appear in the log by themselves, once each, with who took part: a
Plan Book agreed, an ISF agreement approved by the council. The backfill logs past ones, once.
(Supplier choices and preferred-list decisions: test_decisions_feed_market.py.)"""

from __future__ import annotations

import datetime as dt

import pytest

from directsupport.coproduction.decisions.backfill import backfill_decisions
from directsupport.coproduction.models import Decision, Level, Source, Topic
from directsupport.funds.agreements.services import (
    decide_agreement,
    draft_agreement,
    record_answer,
)
from directsupport.funds.models import AgreedBy, Agreement, AgreementStatus, FeeKind, Fund
from directsupport.planbook.book.services import agree, set_status, start_version
from directsupport.planbook.models import PlanBookStatus, SignedBy

from .decisions_fixtures import TODAY, _on_a_fixed_day

__all__ = ["_on_a_fixed_day"]

pytestmark = pytest.mark.django_db


def roles(decision: Decision) -> list[tuple[str, str]]:
    return [(p.name, p.role) for p in decision.participants.all()]


def shared_version(dee, coordinator):
    version = start_version(actor=coordinator, person=dee)
    version.person = dee
    return set_status(actor=coordinator, version=version, status=PlanBookStatus.SHARED)


def test_a_plan_book_agreed_is_logged_with_the_person_and_the_recorder(dee, coordinator):
    version = agree(
        actor=coordinator,
        version=shared_version(dee, coordinator),
        signed_by=SignedBy.PERSON,
        how="paper",
    )

    decision = Decision.objects.get()
    assert (decision.source, decision.source_key) == (
        Source.PLAN_BOOK,
        f"planning.planbookversion:{version.pk}",
    )
    assert (decision.person, decision.topic, decision.decided_on) == (dee, Topic.PLAN, TODAY)
    assert decision.title == "Plan Book version 1 agreed"
    assert roles(decision) == [("Dee Okafor", "person"), ("Priya Shah", "staff")]
    assert decision.person_took_part is True
    assert decision.level == Level.ENGAGEMENT


def test_a_plan_book_agreed_by_a_representative_says_why_dee_did_not(dee, coordinator):
    agree(
        actor=coordinator,
        version=shared_version(dee, coordinator),
        signed_by=SignedBy.REPRESENTATIVE,
        representative_name="Ngozi Okafor",
        representative_reason="Dee is unwell and cannot weigh this up now.",
    )

    decision = Decision.objects.get()
    assert decision.person_took_part is False
    assert decision.without_person_reason == (
        "Agreed by Ngozi Okafor: Dee is unwell and cannot weigh this up now."
    )
    assert roles(decision) == [("Ngozi Okafor", "representative"), ("Priya Shah", "staff")]


def test_the_person_agreeing_online_is_logged_without_staff(dee, person_user, coordinator):
    agree(actor=person_user, version=shared_version(dee, coordinator), signed_by=SignedBy.PERSON)
    assert roles(Decision.objects.get()) == [("Dee Okafor", "person")]


@pytest.fixture
def dee_fund(dee, provider, council) -> Fund:
    fund = Fund.objects.create(person=dee, provider=provider, council=council, reference="ISF-0001")
    Agreement.objects.create(
        fund=fund,
        version=1,
        status=AgreementStatus.APPROVED,
        annual_budget_pence=3_120_000,
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2027, 3, 31),
        fee_kind=FeeKind.PERCENT,
        fee_basis_points=800,
        first_review_on=dt.date(2026, 5, 20),
    )
    return fund


def answered_v2(fund, finance, coordinator, **answer) -> Agreement:
    draft = draft_agreement(
        fund=fund,
        terms={"annual_budget_pence": 3_380_000},
        change_summary="More support on Saturdays.",
        actor=finance,
    )
    return record_answer(agreement=draft, agrees=True, actor=coordinator, **answer)


def test_an_isf_agreement_approved_is_logged_with_person_council_and_finance(
    dee_fund, finance, coordinator, commissioner, dee
):
    agreed = answered_v2(
        dee_fund, finance, coordinator, agreed_by=AgreedBy.PERSON, comment="Saturdays are mine."
    )
    assert Decision.objects.count() == 0  # the person's yes is not yet the council's decision

    decide_agreement(agreement=agreed, approve=True, note="", actor=commissioner)

    decision = Decision.objects.get()
    assert (decision.source, decision.topic, decision.person) == (
        Source.ISF_AGREEMENT,
        Topic.MONEY,
        dee,
    )
    assert decision.source_key == f"funds.agreement:{agreed.pk}"
    assert decision.title == "ISF agreement version 2 approved: £33,800.00 a year"
    assert decision.reasons == "More support on Saturdays."
    assert decision.person_words == "Saturdays are mine."
    assert roles(decision) == [
        ("Dee Okafor", "person"),
        ("Martin Hughes", "commissioner"),
        ("Grace Lee", "staff"),
        ("Priya Shah", "staff"),
    ]


def test_an_isf_agreement_returned_is_not_a_decision_yet(
    dee_fund, finance, coordinator, commissioner
):
    agreed = answered_v2(dee_fund, finance, coordinator, agreed_by=AgreedBy.PERSON)
    decide_agreement(agreement=agreed, approve=False, note="Check the fee.", actor=commissioner)
    assert Decision.objects.count() == 0


def test_the_backfill_logs_past_decisions_once(
    dee, dee_fund, provider, coordinator, finance, commissioner
):
    agree(
        actor=coordinator,
        version=shared_version(dee, coordinator),
        signed_by=SignedBy.PERSON,
        how="paper",
    )
    agreed = answered_v2(dee_fund, finance, coordinator, agreed_by=AgreedBy.PERSON)
    decide_agreement(agreement=agreed, approve=True, note="", actor=commissioner)
    as_logged = sorted(Decision.objects.values_list("source_key", "title", "level"))
    Decision.objects.all().delete()  # as if they were taken before the log existed

    # Version 1, approved without the services (as the demo and old data do), comes in too.
    assert backfill_decisions(organisation=provider) == 3
    assert backfill_decisions(organisation=provider) == 0

    logged = sorted(Decision.objects.values_list("source_key", "title", "level"))
    assert [row for row in logged if row in as_logged] == as_logged
    assert len(logged) == 3


def test_the_backfill_command_reports_per_provider(dee, dee_fund, provider, capsys):
    from django.core.management import call_command

    call_command("backfill_decisions")
    assert "Willowbrook Support: 1 decision logged" in capsys.readouterr().out
