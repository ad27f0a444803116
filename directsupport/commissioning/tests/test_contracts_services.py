"""Contracts: drawn up from the person's choice, agreed by each person and the supplier, made
active (need met, share planned in the ledger), given notice and ended; illegal moves refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from directsupport.audit.models import AuditEvent
from directsupport.commissioning.contracts.postings import planned_totals
from directsupport.commissioning.contracts.services import (
    ContractRefused,
    accept_for_supplier,
    activate,
    end_contract,
    give_notice,
    record_person_agreement,
)
from directsupport.commissioning.models import ContractStatus, SplitRule
from directsupport.funds.models import Account, LedgerEntry
from directsupport.market.models import NeedStatus

from .contract_fixtures import *  # noqa: F403 (fixtures)
from .contract_fixtures import agree_everyone

pytestmark = pytest.mark.django_db


def _planned(person) -> int:
    return sum(
        LedgerEntry.objects.filter(fund=person.fund, account=Account.PLANNED).values_list(
            "amount_pence", flat=True
        )
    )


def test_contract_from_choice_is_a_draft_with_one_party_holding_the_whole_share(dee_contract, dee):
    assert dee_contract.reference == "CON-0001"
    assert dee_contract.status == ContractStatus.DRAFT
    assert dee_contract.pence_per_hour == 3147
    assert dee_contract.pence_a_week == 6294
    assert dee_contract.schedule == "Tuesdays, 6pm to 8pm"
    party = dee_contract.parties.get()
    assert (party.person, party.share_bp, party.fund) == (dee, 10_000, dee.fund)
    change = dee_contract.share_changes.get()
    assert change.shares == {str(dee.pk): 10_000}
    assert AuditEvent.objects.filter(subject_id=str(dee_contract.pk), action="create").exists()


def test_a_pool_shares_add_up_to_exactly_ten_thousand(pool_contract):
    shares = sorted(pool_contract.parties.values_list("share_bp", flat=True))
    assert shares == [3333, 3333, 3334]
    assert sum(shares) == 10_000


def test_split_by_hours_follows_each_persons_minutes(pool_choice, draw_up):
    needs = [rn.need for rn in pool_choice.request.needs.all()]
    for need, minutes in zip(needs, (60, 60, 120), strict=True):
        need.minutes_a_week = minutes
        need.save()
    contract = draw_up(pool_choice, split_rule=SplitRule.BY_HOURS)
    assert [p.share_bp for p in contract.parties.order_by("id")] == [2500, 2500, 5000]


def test_agreement_and_acceptance_make_it_agreed(dee_contract, person_user, supplier):
    party = dee_contract.parties.get()
    record_person_agreement(actor=person_user, party=party, decided_by="person", comment="Yes!")
    dee_contract.refresh_from_db()
    assert dee_contract.status == ContractStatus.DRAFT
    accept_for_supplier(actor=supplier, contract=dee_contract)
    dee_contract.refresh_from_db()
    assert dee_contract.status == ContractStatus.AGREED
    party.refresh_from_db()
    assert party.person_comment == "Yes!"


def test_a_person_cannot_say_a_representative_decided(dee_contract, person_user):
    with pytest.raises(ValidationError) as error:
        record_person_agreement(
            actor=person_user, party=dee_contract.parties.get(), decided_by="representative"
        )
    assert "People decide for themselves." in str(error.value)


def test_staff_recording_a_representative_must_name_them_and_say_why(dee_contract, market_shaper):
    with pytest.raises(ValidationError) as error:
        record_person_agreement(
            actor=market_shaper, party=dee_contract.parties.get(), decided_by="representative"
        )
    assert set(error.value.message_dict) == {"representative_name", "representative_reason"}
    assert dee_contract.parties.get().agreed_at is None


def test_another_supplier_cannot_accept(dee_contract, other_supplier_user):
    with pytest.raises(ContractRefused):
        accept_for_supplier(actor=other_supplier_user, contract=dee_contract)


def test_a_contract_cant_become_active_without_the_persons_agreement(
    dee_contract, supplier, market_shaper
):
    accept_for_supplier(actor=supplier, contract=dee_contract)
    with pytest.raises(ContractRefused) as refused:
        activate(actor=market_shaper, contract=dee_contract)
    assert "A contract can't become active without the person's agreement" in str(refused.value)
    dee_contract.refresh_from_db()
    assert dee_contract.status == ContractStatus.DRAFT
    assert planned_totals(dee_contract) == {}


def test_activating_meets_the_need_and_plans_the_cost_in_the_isf(
    dee_contract, supplier, market_shaper, dee
):
    agree_everyone(dee_contract, supplier=supplier, staff=market_shaper)
    activate(actor=market_shaper, contract=dee_contract)
    dee_contract.refresh_from_db()
    assert dee_contract.status == ContractStatus.ACTIVE
    need = dee_contract.parties.get().need
    need.refresh_from_db()
    assert need.status == NeedStatus.MET
    # No end date: twelve months ahead of December 2026 (to November 2027), every Tuesday.
    tuesdays = sum(
        1
        for day in range(365)
        if (d := dt.date(2026, 12, 1) + dt.timedelta(days=day)).weekday() == 1
        and d <= dt.date(2027, 11, 30)
    )
    assert _planned(dee) == tuesdays * 6294
    # Running the sync again (activating twice is refused) posts nothing new.
    with pytest.raises(ContractRefused):
        activate(actor=market_shaper, contract=dee_contract)
    assert _planned(dee) == tuesdays * 6294


def test_notice_respects_the_notice_period_and_takes_back_later_months(
    dee_contract, supplier, market_shaper, dee
):
    agree_everyone(dee_contract, supplier=supplier, staff=market_shaper)
    activate(actor=market_shaper, contract=dee_contract)
    with pytest.raises(ValidationError) as error:
        give_notice(
            actor=market_shaper,
            contract=dee_contract,
            ends_on=dt.date(2026, 12, 20),
            reason="Dee wants to swim elsewhere",
        )
    assert "4 weeks' notice" in error.value.message_dict["ends_on"][0]
    give_notice(
        actor=market_shaper,
        contract=dee_contract,
        ends_on=dt.date(2027, 1, 12),
        reason="Dee wants to swim elsewhere",
    )
    dee_contract.refresh_from_db()
    assert dee_contract.status == ContractStatus.ENDING
    # Tuesdays 1 December 2026 to 12 January 2027: 7 of them.
    assert _planned(dee) == 7 * 6294
    end_contract(actor=market_shaper, contract=dee_contract, reason="Notice ran out")
    dee_contract.refresh_from_db()
    assert dee_contract.status == ContractStatus.ENDED
    assert _planned(dee) == 7 * 6294
    need = dee_contract.parties.get().need
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN


def test_ending_an_active_contract_today_reverses_what_was_planned_after(
    dee_contract, supplier, market_shaper, dee
):
    agree_everyone(dee_contract, supplier=supplier, staff=market_shaper)
    activate(actor=market_shaper, contract=dee_contract)
    end_contract(actor=market_shaper, contract=dee_contract, reason="The pool closed")
    # Ended on Monday 7 December: only Tuesday 1 December was support.
    assert _planned(dee) == 6294


@pytest.mark.parametrize(
    ("status", "verb"),
    [
        (ContractStatus.DRAFT, "notice"),
        (ContractStatus.ENDED, "end"),
        (ContractStatus.ENDED, "activate"),
        (ContractStatus.AGREED, "notice"),
    ],
)
def test_illegal_moves_are_refused(dee_contract, market_shaper, status, verb):
    dee_contract.status = status
    dee_contract.save()
    with pytest.raises(ContractRefused):
        if verb == "notice":
            give_notice(
                actor=market_shaper,
                contract=dee_contract,
                ends_on=dt.date(2027, 6, 1),
                reason="Moving",
            )
        elif verb == "end":
            end_contract(actor=market_shaper, contract=dee_contract, reason="Again")
        else:
            for party in dee_contract.parties.all():
                party.agreed_at = dee_contract.created_at
                party.save()
            dee_contract.supplier_accepted_at = dee_contract.created_at
            dee_contract.save()
            activate(actor=market_shaper, contract=dee_contract)
    dee_contract.refresh_from_db()
    assert dee_contract.status == status


def test_a_draft_can_be_closed_without_any_posting(dee_contract, market_shaper):
    end_contract(actor=market_shaper, contract=dee_contract, reason="Dee changed her mind")
    dee_contract.refresh_from_db()
    assert dee_contract.status == ContractStatus.ENDED
    assert planned_totals(dee_contract) == {}


def test_a_ledger_refusal_is_passed_on_in_its_own_words_and_nothing_changes(
    dee_contract, supplier, market_shaper, monkeypatch
):
    from directsupport.commissioning.contracts import postings
    from directsupport.funds.ledger.posting import WouldOverdraw

    agree_everyone(dee_contract, supplier=supplier, staff=market_shaper)

    def refuse(**kwargs):
        raise WouldOverdraw("This would take the fund to -£1.00. Nothing was posted.")

    monkeypatch.setattr(postings.posting, "post", refuse)
    with pytest.raises(ContractRefused) as refused:
        activate(actor=market_shaper, contract=dee_contract)
    assert str(refused.value) == "This would take the fund to -£1.00. Nothing was posted."
    dee_contract.refresh_from_db()
    assert dee_contract.status == ContractStatus.AGREED
    need = dee_contract.parties.get().need
    need.refresh_from_db()
    assert need.status != NeedStatus.MET
