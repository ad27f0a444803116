"""Splitting a block contract into ISFs: the preview, the draft, sending it to the council, and
the council's decision (approval opens each fund with a draft agreement; a return keeps the
reason). Shares always add up exactly."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from directsupport.audit.models import Action, AuditEvent
from directsupport.funds.contracts.services import decide_split, propose_split, submit_split
from directsupport.funds.contracts.split import largest_remainder
from directsupport.funds.contracts.split_preview import preview_split
from directsupport.funds.models import (
    REMAINDER_RULE,
    Agreement,
    AgreementStatus,
    ContractSplit,
    Fund,
    SplitMethod,
    SplitStatus,
)
from directsupport.week.models import Rate, RateCard, SupportKind, TimeBand, Week, WeekEntry

from .conftest import START

TODAY = dt.date(2026, 5, 4)
NOT_FOUND = ["other_commissioner", "supplier", "outsider", "person_user", "worker", "sister_user"]


def split_url(contract, split=None) -> str:
    if split is None:
        return f"/funds/contracts/{contract.pk}/split/"
    return f"/funds/contracts/{contract.pk}/splits/{split.pk}/"


# --- The rule: shares add up exactly -----------------------------------------------------------


@given(
    total=st.integers(min_value=0, max_value=10**11),
    weights=st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=60).filter(
        lambda ws: sum(ws) > 0
    ),
)
def test_largest_remainder_always_adds_up_and_each_share_is_within_a_penny(total, weights):
    shares = largest_remainder(total, list(enumerate(weights)))
    assert sum(shares.values()) == total
    whole = sum(weights)
    for key, weight in enumerate(weights):
        exact = Fraction(total * weight, whole)
        assert abs(shares[key] - exact) < 1
        assert shares[key] >= 0


def test_pennies_left_over_go_to_the_largest_remainders_first_on_a_tie():
    assert largest_remainder(100, [("a", 1), ("b", 1), ("c", 1)]) == {"a": 34, "b": 33, "c": 33}
    assert largest_remainder(10, [("a", 1), ("b", 2)]) == {"a": 3, "b": 7}


# --- Preview and draft -------------------------------------------------------------------------


def test_split_by_assessed_hours_shares_in_proportion_and_adds_up(block_contract, dee, ben):
    preview = preview_split(contract=block_contract, method=SplitMethod.ASSESSED_HOURS, today=TODAY)
    shares = {line.person: line.share_pence for line in preview.lines}
    assert shares == {dee: 3_750_000, ben: 6_250_000}  # 12 and 20 hours of 32
    # In the contract's order of people: Ben Adams, then Dee Okafor.
    assert [line.percent for line in preview.lines] == ["62.50%", "37.50%"]
    assert preview.remainder_rule == REMAINDER_RULE
    assert not ContractSplit.objects.exists()  # a preview saves nothing


def test_a_draft_split_is_saved_with_a_line_for_everyone_and_audited(
    block_contract, finance, dee, ben
):
    split = propose_split(
        contract=block_contract, method=SplitMethod.ASSESSED_HOURS, actor=finance, today=TODAY
    )
    assert split.status == SplitStatus.DRAFT
    assert split.total_pence == 10_000_000
    lines = {line.person_id: (line.basis, line.share_pence) for line in split.lines.all()}
    assert lines == {dee.pk: (720, 3_750_000), ben.pk: (1200, 6_250_000)}
    audit = AuditEvent.objects.get(action=Action.CREATE, subject_type="funds.contractsplit")
    assert audit.actor == finance


def test_zero_assessed_hours_names_the_person_and_saves_nothing(block_contract, finance, ben):
    block_contract.covered.filter(person=ben).update(assessed_weekly_minutes=0)
    with pytest.raises(ValidationError) as refused:
        propose_split(contract=block_contract, method=SplitMethod.ASSESSED_HOURS, actor=finance)
    assert "Ben Adams: no assessed hours" in refused.value.messages[0]
    assert not ContractSplit.objects.exists()


def test_a_contract_with_nobody_cannot_be_split(block_contract, finance):
    block_contract.covered.all().delete()
    with pytest.raises(ValidationError) as refused:
        propose_split(contract=block_contract, method=SplitMethod.ASSESSED_HOURS, actor=finance)
    assert "covers nobody yet" in refused.value.messages[0]


@pytest.mark.parametrize(
    ("amounts", "words"),
    [
        ((5_000_000, 5_000_100), "£1.00 too much"),
        ((5_000_000, 4_000_000), "£10,000.00 too little"),
    ],
)
def test_entered_amounts_that_do_not_add_up_say_by_how_much(
    block_contract, finance, dee, ben, amounts, words
):
    with pytest.raises(ValidationError) as refused:
        propose_split(
            contract=block_contract,
            method=SplitMethod.ENTERED,
            entered={dee.pk: amounts[0], ben.pk: amounts[1]},
            actor=finance,
        )
    assert words in refused.value.messages[0]
    assert not ContractSplit.objects.exists()


def test_entered_amounts_that_add_up_are_the_shares(block_contract, finance, dee, ben):
    split = propose_split(
        contract=block_contract,
        method=SplitMethod.ENTERED,
        entered={dee.pk: 4_000_001, ben.pk: 5_999_999},
        actor=finance,
    )
    assert {line.person_id: line.share_pence for line in split.lines.all()} == {
        dee.pk: 4_000_001,
        ben.pk: 5_999_999,
    }


def test_a_missing_entered_amount_names_the_person(block_contract, finance, dee):
    with pytest.raises(ValidationError) as refused:
        propose_split(
            contract=block_contract,
            method=SplitMethod.ENTERED,
            entered={dee.pk: 10_000_000},
            actor=finance,
        )
    assert "for Ben Adams" in refused.value.messages[0]


@pytest.fixture
def priced_weeks(provider, manager, dee, ben) -> None:
    """A rate card (£32 an hour by day) and Perfect Weeks: Dee 2 hours on Tuesdays, Ben 4."""
    card = RateCard.objects.create(
        organisation=provider, effective_from=START, sleep_in_pence=9500, created_by=manager
    )
    Rate.objects.bulk_create(
        Rate(rate_card=card, support_kind=kind, band=band, pence_per_hour=3200)
        for kind in SupportKind
        if kind != SupportKind.SLEEP_IN
        for band in TimeBand
    )
    for person, ends in ((dee, "12:00"), (ben, "14:00")):
        week = Week.objects.create(person=person, kind="perfect")
        WeekEntry.objects.create(
            week=week,
            weekday=1,
            starts_at="10:00",
            ends_at=ends,
            what="Swimming",
            company="paid",
            support_ratio="one_to_one",
            support_kind="community_access",
        )


def test_split_by_perfect_week_cost_uses_the_priced_yearly_cost(
    block_contract, priced_weeks, dee, ben
):
    preview = preview_split(
        contract=block_contract, method=SplitMethod.PERFECT_WEEK_COST, today=TODAY
    )
    by_person = {line.person: line for line in preview.lines}
    # 52 Tuesdays (no bank holidays on a Tuesday in this plan year) at £32 an hour.
    assert by_person[dee].basis == 52 * 2 * 3200
    assert by_person[ben].basis == 52 * 4 * 3200
    assert by_person[dee].share_pence + by_person[ben].share_pence == 10_000_000
    assert by_person[dee].basis_words == "£3,328.00 a year"


def test_someone_without_a_perfect_week_is_named(block_contract, priced_weeks, ben, finance):
    Week.objects.filter(person=ben).delete()
    with pytest.raises(ValidationError) as refused:
        propose_split(contract=block_contract, method=SplitMethod.PERFECT_WEEK_COST, actor=finance)
    assert "Ben Adams: no Perfect Week yet" in refused.value.messages[0]
    assert not ContractSplit.objects.exists()


def test_perfect_week_split_without_a_rate_card_says_so(block_contract, finance):
    with pytest.raises(ValidationError) as refused:
        propose_split(contract=block_contract, method=SplitMethod.PERFECT_WEEK_COST, actor=finance)
    assert "no rate card in use" in refused.value.messages[0]


# --- Sending to the council and its decision ----------------------------------------------------


@pytest.fixture
def draft(block_contract, finance) -> ContractSplit:
    return propose_split(
        contract=block_contract, method=SplitMethod.ASSESSED_HOURS, actor=finance, today=TODAY
    )


def test_a_second_split_cannot_be_sent_while_one_waits(block_contract, draft, finance):
    submit_split(split=draft, actor=finance)
    second = propose_split(
        contract=block_contract, method=SplitMethod.ASSESSED_HOURS, actor=finance, today=TODAY
    )
    with pytest.raises(ValidationError) as refused:
        submit_split(split=second, actor=finance)
    assert "already waiting for the council" in refused.value.messages[0]
    second.refresh_from_db()
    assert second.status == SplitStatus.DRAFT


def test_approval_opens_funds_with_draft_agreements_in_one_go(
    draft, finance, commissioner, dee, ben, council, provider
):
    submit_split(split=draft, actor=finance)
    funds = decide_split(split=draft, approve=True, note="", actor=commissioner)
    assert {fund.person_id for fund in funds} == {dee.pk, ben.pk}
    fund = Fund.objects.get(person=dee)
    assert fund.reference == f"ISF-{dee.pk:04d}"
    assert (fund.council, fund.provider) == (council, provider)
    assert fund.split_line is not None
    assert fund.split_line.split == draft
    agreement = Agreement.objects.get(fund=fund)
    assert agreement.version == 1
    assert agreement.status == AgreementStatus.DRAFT
    assert agreement.annual_budget_pence == 3_750_000
    assert (agreement.starts_on, agreement.ends_on) == (START, dt.date(2027, 3, 31))
    assert agreement.fee_basis_points == 800
    assert agreement.first_review_on == START + dt.timedelta(weeks=7)
    draft.refresh_from_db()
    assert draft.status == SplitStatus.APPROVED and draft.decided_by == commissioner
    audited = set(
        AuditEvent.objects.filter(actor=commissioner).values_list("subject_type", "action")
    )
    assert {("funds.fund", "create"), ("funds.agreement", "create")} <= audited
    assert ("funds.contractsplit", "update") in audited


def test_approval_is_all_or_nothing(draft, finance, commissioner, dee, ben, provider, council):
    """Ben already has an agreement waiting: nobody's fund is opened."""
    fund = Fund.objects.create(person=ben, provider=provider, council=council, reference="ISF-B")
    Agreement.objects.create(
        fund=fund,
        version=1,
        annual_budget_pence=1,
        starts_on=START,
        ends_on=dt.date(2027, 3, 31),
        first_review_on=START,
    )
    submit_split(split=draft, actor=finance)
    with pytest.raises(ValidationError) as refused:
        decide_split(split=draft, approve=True, note="", actor=commissioner)
    assert "Ben Adams already has an agreement waiting" in refused.value.messages[0]
    assert not Fund.objects.filter(person=dee).exists()
    draft.refresh_from_db()
    assert draft.status == SplitStatus.SUBMITTED


def test_a_returned_split_keeps_its_reason_and_a_new_one_may_be_sent(
    block_contract, draft, finance, commissioner
):
    submit_split(split=draft, actor=finance)
    with pytest.raises(ValidationError):
        decide_split(split=draft, approve=False, note="  ", actor=commissioner)
    decide_split(split=draft, approve=False, note="Use Perfect Week costs", actor=commissioner)
    draft.refresh_from_db()
    assert draft.status == SplitStatus.RETURNED
    assert draft.decision_note == "Use Perfect Week costs"
    assert not Fund.objects.exists()
    second = propose_split(
        contract=block_contract, method=SplitMethod.ASSESSED_HOURS, actor=finance, today=TODAY
    )
    submit_split(split=second, actor=finance)
    second.refresh_from_db()
    assert second.status == SplitStatus.SUBMITTED


# --- The pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["finance", "manager"])
def test_finance_and_managers_preview_then_save_a_draft(
    name, contract_persona, client_for, block_contract
):
    client = client_for(contract_persona(name))
    page = client.post(split_url(block_contract), {"method": "assessed_hours", "action": "preview"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "£37,500.00" in body and "£62,500.00" in body and "37.50%" in body
    assert REMAINDER_RULE in body
    assert not ContractSplit.objects.exists()
    saved = client.post(split_url(block_contract), {"method": "assessed_hours", "action": "save"})
    split = ContractSplit.objects.get()
    assert saved.status_code == 302 and saved["Location"] == split_url(block_contract, split)


def test_entered_amounts_that_do_not_add_up_are_kept_with_the_message(
    client_for, finance, block_contract, dee, ben
):
    data = {"method": "entered", "action": "preview", f"amount_{dee.pk}": "50,000"}
    data[f"amount_{ben.pk}"] = "50,000.01"
    body = client_for(finance).post(split_url(block_contract), data).content.decode()
    assert "that is £0.01 too much" in body
    assert 'value="50,000.01"' in body
    assert not ContractSplit.objects.exists()


@pytest.mark.parametrize("name", ["commissioner"])
def test_commissioners_read_a_split_but_may_not_make_one(
    name, contract_persona, client_for, block_contract, draft
):
    client = client_for(contract_persona(name))
    assert client.get(split_url(block_contract, draft)).status_code == 200
    assert client.get(split_url(block_contract)).status_code == 403
    assert client.post(f"{split_url(block_contract, draft)}submit/").status_code == 403


@pytest.mark.parametrize("name", [*NOT_FOUND, "coordinator"])
def test_everyone_else_gets_not_found_for_splits(
    name, contract_persona, client_for, block_contract, draft
):
    client = client_for(contract_persona(name))
    assert client.get(split_url(block_contract)).status_code == 404
    assert client.get(split_url(block_contract, draft)).status_code == 404
    assert client.post(f"{split_url(block_contract, draft)}submit/").status_code == 404
    assert client.post(f"{split_url(block_contract, draft)}decide/").status_code == 404
    draft.refresh_from_db()
    assert draft.status == SplitStatus.DRAFT


def test_sending_and_approving_through_the_pages(
    client_for, finance, commissioner, block_contract, draft
):
    url = split_url(block_contract, draft)
    assert client_for(finance).post(f"{url}submit/").status_code == 302
    council = client_for(commissioner)
    page = council.get(url).content.decode()
    assert "Approve the split" in page and "Return the split" in page
    assert client_for(finance).post(f"{url}decide/", {"decision": "approve"}).status_code == 403
    assert council.post(f"{url}decide/", {"decision": "approve"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == SplitStatus.APPROVED
    assert Fund.objects.count() == 2


def test_returning_without_a_reason_is_refused_on_the_page(
    client_for, finance, commissioner, block_contract, draft
):
    submit_split(split=draft, actor=finance)
    url = split_url(block_contract, draft)
    response = client_for(commissioner).post(f"{url}decide/", {"decision": "return", "note": ""})
    assert response.status_code == 400
    assert "Say why the split is returned" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == SplitStatus.SUBMITTED


def test_sending_a_second_split_explains_why_not(client_for, finance, block_contract, draft):
    submit_split(split=draft, actor=finance)
    second = propose_split(
        contract=block_contract, method=SplitMethod.ASSESSED_HOURS, actor=finance, today=TODAY
    )
    client = client_for(finance)
    response = client.post(f"{split_url(block_contract, second)}submit/", follow=True)
    assert "already waiting for the council" in response.content.decode()
    second.refresh_from_db()
    assert second.status == SplitStatus.DRAFT
