"""The ISF agreement: who may read, draft, answer and decide it; the drafting rules, each with
its message and nothing typed lost; the whole workflow (draft, the person agrees, the council
approves, the new version supersedes the old), representatives, returns and refused moves."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError

from directsupport.audit.models import AuditEvent
from directsupport.funds.agreements.services import (
    VersionAlreadyOpen,
    agreement_in_force,
    agreement_to_show,
    decide_agreement,
    draft_agreement,
    record_answer,
    terms_stamp,
)
from directsupport.funds.agreements.terms import banking_words, changes_between, fee_words
from directsupport.funds.models import AgreedBy, Agreement, AgreementStatus
from directsupport.lib.transitions import IllegalTransition
from directsupport.people.models import Person, Stage

READERS = ["finance", "manager", "coordinator", "person_user", "commissioner"]
NOT_FOUND = [
    "sister_user",
    "cousin_user",
    "neighbour_user",
    "worker",
    "market_shaper",
    "supplier",
    "outsider",
    "other_commissioner",
    "expert",
]


@pytest.fixture
def persona(request: pytest.FixtureRequest, dee, sister, cousin, neighbour) -> Any:
    return request.getfixturevalue


def url(fund: Any, tail: str = "") -> str:
    return f"/funds/people/{fund.person.pk}/agreement/{tail}"


def form_data(**changes: str) -> dict[str, str]:
    data = {
        "annual_budget": "33,800.00",
        "starts_on": "2026-10-01",
        "ends_on": "2027-09-30",
        "fee_kind": "percent",
        "fee_percent": "7.5",
        "fee_monthly": "0.00",
        "contingency": "500.00",
        "bank_max_weeks": "4",
        "bank_hold_weeks": "12",
        "overdraft_limit": "0",
        "notice_weeks": "4",
        "first_review_on": "2026-11-19",
        "review_every_months": "12",
        "change_summary": "More support on Saturdays, from October.",
    }
    data.update(changes)
    return data


def draft_v2(fund: Any, actor: Any, **terms: Any) -> Agreement:
    return draft_agreement(
        fund=fund,
        terms={"annual_budget_pence": 3_380_000, **terms},
        change_summary="More support on Saturdays.",
        actor=actor,
    )


# --- Who may see and do what ------------------------------------------------------------------


@pytest.mark.parametrize("name", READERS)
def test_readers_see_the_agreement_in_plain_words(name, persona, client_for, dee_fund):
    response = client_for(persona(name)).get(url(dee_fund))
    assert response.status_code == 200
    page = response.content.decode()
    assert "In force: version 1" in page
    assert "£31,200.00 a year (£600.00 a week)" in page
    assert "8% of the budget (£2,496.00 a year)" in page
    assert "Up to 4 weeks&#x27; budget (£2,400.00) may be banked, for up to 12 weeks" in page
    assert "First review on 20 May 2026, then at least every 12 months" in page
    assert ("Draft a new version" in page) == (name in ("finance", "manager"))
    assert client_for(persona(name)).get(url(dee_fund, "1/")).status_code == 200


@pytest.mark.parametrize("name", NOT_FOUND)
def test_everyone_else_gets_not_found_on_every_page(name, persona, client_for, dee_fund):
    client = client_for(persona(name))
    for tail in ("", "1/", "new/", "1/answer/", "1/decide/", "reviews/new/"):
        assert client.get(url(dee_fund, tail)).status_code == 404, tail
    assert client.post(url(dee_fund, "new/"), form_data()).status_code == 404


@pytest.mark.parametrize("name", ["coordinator", "person_user", "commissioner"])
def test_readers_who_may_not_draft_are_refused(name, persona, client_for, dee_fund):
    client = client_for(persona(name))
    assert client.get(url(dee_fund, "new/")).status_code == 403
    assert client.post(url(dee_fund, "new/"), form_data()).status_code == 403
    assert Agreement.objects.count() == 1


@pytest.mark.parametrize("name", ["commissioner"])
def test_the_council_may_not_answer_for_the_person(name, persona, client_for, dee_fund, finance):
    draft_v2(dee_fund, finance)
    assert client_for(persona(name)).get(url(dee_fund, "2/answer/")).status_code == 403


@pytest.mark.parametrize("name", ["finance", "manager", "coordinator", "person_user"])
def test_only_the_council_decides(name, persona, client_for, dee_fund, finance):
    draft_v2(dee_fund, finance)
    client = client_for(persona(name))
    assert client.get(url(dee_fund, "2/decide/")).status_code == 403
    assert client.post(url(dee_fund, "2/decide/"), {"decision": "approve"}).status_code == 403


def test_a_version_that_does_not_exist_is_not_found(client_for, finance, dee_fund):
    assert client_for(finance).get(url(dee_fund, "9/")).status_code == 404


# --- Drafting ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["finance", "manager"])
def test_the_form_starts_from_the_last_version(name, persona, client_for, dee_fund):
    page = client_for(persona(name)).get(url(dee_fund, "new/")).content.decode()
    assert 'value="31200.00"' in page
    assert 'value="8"' in page
    assert 'value="2026-05-20"' in page


def test_finance_drafts_a_new_version(client_for, finance, dee_fund):
    response = client_for(finance).post(url(dee_fund, "new/"), form_data())
    assert response.status_code == 302
    draft = Agreement.objects.get(fund=dee_fund, version=2)
    assert draft.status == AgreementStatus.DRAFT
    assert draft.annual_budget_pence == 3_380_000
    assert draft.fee_basis_points == 750
    assert draft.contingency_pence == 50_000
    assert draft.created_by == finance
    assert AuditEvent.objects.filter(subject_id=str(draft.pk), action="create").exists()
    page = client_for(finance).get(url(dee_fund, "2/")).content.decode()
    assert "Budget: £31,200.00 a year (£600.00 a week)" in page
    assert "£33,800.00 a year (£650.00 a week)" in page
    assert "Management fee percentage: 8%" in page


def test_a_fixed_fee_is_stored_and_shown_a_month_and_a_year(client_for, finance, dee_fund):
    data = form_data(fee_kind="amount", fee_percent="", fee_monthly="200")
    assert client_for(finance).post(url(dee_fund, "new/"), data).status_code == 302
    draft = Agreement.objects.get(version=2)
    assert (draft.fee_kind, draft.fee_monthly_pence, draft.fee_basis_points) == (
        "amount",
        200_00,
        0,
    )
    assert fee_words(draft) == "£200.00 a month (£2,400.00 a year)"


BAD_INPUT = [
    ("annual_budget", "0", "Enter a budget for the year of more than £0.00."),
    (
        "annual_budget",
        "lots",
        "The budget for a year: enter an amount in pounds and pence, like 32.14",
    ),
    ("ends_on", "2026-09-30", "The agreement must end after it starts (1 October 2026)."),
    (
        "first_review_on",
        "2026-12-31",
        "The first review must be 6 to 8 weeks after the start: between 12 November and "
        "26 November 2026.",
    ),
    ("review_every_months", "13", "Reviews must be at least every 12 months"),
    ("review_every_months", "0", "Reviews must be at least every 12 months"),
    ("fee_percent", "26", "Enter a fee from 0% to 25%, like 8 or 7.5."),
    ("fee_percent", "eight", "Enter the fee as a percentage from 0 to 25, like 8 or 7.5"),
    ("fee_percent", "7.555", "Enter the fee as a percentage from 0 to 25, like 8 or 7.5"),
    ("bank_max_weeks", "13", "Enter from 0 to 12 weeks of budget (0 means no banking)."),
    ("bank_hold_weeks", "0", "Enter from 1 to 52 weeks."),
    ("bank_hold_weeks", "53", "Enter from 1 to 52 weeks."),
    ("notice_weeks", "27", "Enter a notice period from 0 to 26 weeks."),
    ("notice_weeks", "four", "Enter the notice period as a whole number, like 4."),
    ("change_summary", "", "Say what changed from the last version and why"),
    ("starts_on", "31/02/2026", "Enter the day it starts as a real date"),
]


@pytest.mark.parametrize(("field", "typed", "message"), BAD_INPUT)
def test_bad_terms_are_refused_with_a_clear_message_and_nothing_lost(
    field, typed, message, client_for, finance, dee_fund
):
    data = form_data(**{field: typed})
    response = client_for(finance).post(url(dee_fund, "new/"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message.replace("'", "&#x27;") in page
    assert 'value="33,800.00"' in page or field == "annual_budget"
    assert "More support on Saturdays, from October." in page or field == "change_summary"
    assert Agreement.objects.count() == 1


def test_a_fee_percentage_is_needed_when_the_fee_is_a_percentage(client_for, finance, dee_fund):
    response = client_for(finance).post(url(dee_fund, "new/"), form_data(fee_percent=""))
    assert "Enter the fee percentage, like 8 or 7.5." in response.content.decode()
    assert Agreement.objects.count() == 1


def test_the_first_review_window_example(dee_fund, finance):
    with pytest.raises(ValidationError) as refused:
        draft_agreement(
            fund=dee_fund,
            terms={"starts_on": dt.date(2026, 4, 1), "first_review_on": dt.date(2026, 6, 1)},
            change_summary="Later review",
            actor=finance,
        )
    assert refused.value.message_dict["first_review_on"] == [
        "The first review must be 6 to 8 weeks after the start: between 13 May and 27 May 2026."
    ]


def test_only_one_version_may_be_open_at_a_time(client_for, finance, dee_fund, dee):
    v2 = draft_v2(dee_fund, finance)
    record_answer(agreement=v2, agrees=True, actor=dee.user, agreed_by=AgreedBy.PERSON)
    with pytest.raises(VersionAlreadyOpen, match="Only one version may be open at a time"):
        draft_v2(dee_fund, finance)
    response = client_for(finance).get(url(dee_fund, "new/"))
    assert response.status_code == 409
    assert "Only one version may be open at a time" in response.content.decode()


def test_an_open_draft_is_changed_in_place(client_for, finance, dee_fund):
    draft_v2(dee_fund, finance)
    client = client_for(finance)
    page = client.get(url(dee_fund, "new/")).content.decode()
    assert "Change draft version 2" in page
    stamp = terms_stamp(Agreement.objects.get(version=2))
    response = client.post(url(dee_fund, "new/"), form_data(stamp=stamp, notice_weeks="8"))
    assert response.status_code == 302
    assert Agreement.objects.count() == 2
    assert Agreement.objects.get(version=2).notice_weeks == 8


def test_a_draft_changed_by_someone_else_is_not_overwritten(client_for, finance, manager, dee_fund):
    draft = draft_v2(dee_fund, finance)
    stale = terms_stamp(draft)
    assert (
        client_for(manager)
        .post(url(dee_fund, "new/"), form_data(stamp=stale, notice_weeks="6"))
        .status_code
        == 302
    )
    response = client_for(finance).post(
        url(dee_fund, "new/"), form_data(stamp=stale, notice_weeks="10")
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "changed while you were working on it" in page
    assert "10" in page  # what finance typed is shown back
    assert Agreement.objects.get(version=2).notice_weeks == 6


# --- The person's answer ----------------------------------------------------------------------


def test_the_person_reads_their_money_agreement_in_easy_read(client_for, person_user, dee_fund):
    draft_v2(dee_fund, person_user)
    page = client_for(person_user).get(url(dee_fund, "2/answer/")).content.decode()
    assert "Your money agreement" in page
    assert 'class="easy-read' in page
    assert "You have £33,800.00 a year for your support." in page
    assert "That is £650.00 a week." in page
    assert "keeps 8% to look after your money" in page
    assert "You can save up to £2,600.00." in page
    assert "We will check it is working on 20 May 2026." in page
    assert "tell us 4 weeks before" in page
    assert "Yes, I agree" in page and "No, I want changes" in page


def test_the_person_says_yes(client_for, person_user, dee_fund, finance):
    draft = draft_v2(dee_fund, finance)
    response = client_for(person_user).post(
        url(dee_fund, "2/answer/"), {"answer": "yes", "stamp": terms_stamp(draft)}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == AgreementStatus.AGREED
    assert (draft.agreed_by, draft.agreed_by_user) == (AgreedBy.PERSON, person_user)


def test_the_person_asks_for_changes_with_a_comment(client_for, person_user, dee_fund, finance):
    draft = draft_v2(dee_fund, finance)
    client_for(person_user).post(
        url(dee_fund, "2/answer/"),
        {"answer": "no", "comment": "I want Sundays too", "stamp": terms_stamp(draft)},
    )
    draft.refresh_from_db()
    assert draft.status == AgreementStatus.CHANGES_ASKED
    assert draft.person_comment == "I want Sundays too"
    # Asked-for changes stay as the record; the next version carries the change.
    assert draft_v2(dee_fund, finance).version == 3


def test_the_person_never_agrees_to_terms_they_did_not_see(
    client_for, person_user, finance, dee_fund
):
    draft = draft_v2(dee_fund, finance)
    seen = terms_stamp(draft)
    Agreement.objects.filter(pk=draft.pk).update(notice_weeks=2)
    response = client_for(person_user).post(
        url(dee_fund, "2/answer/"), {"answer": "yes", "stamp": seen}
    )
    assert response.status_code == 409
    assert "changed after you opened it" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == AgreementStatus.DRAFT


@pytest.mark.parametrize("name", ["finance", "manager", "coordinator"])
def test_staff_record_a_representatives_answer(name, persona, client_for, dee_fund, finance):
    draft_v2(dee_fund, finance)
    data = {
        "answer": "yes",
        "agreed_by": "representative",
        "representative_name": "Ngozi Okafor",
        "representative_reason": "Dee cannot weigh up the budget now (best interests meeting).",
    }
    assert client_for(persona(name)).post(url(dee_fund, "2/answer/"), data).status_code == 302
    draft = Agreement.objects.get(version=2)
    assert draft.status == AgreementStatus.AGREED
    assert draft.representative_name == "Ngozi Okafor"
    page = client_for(finance).get(url(dee_fund, "2/")).content.decode()
    assert "By Ngozi Okafor, as representative for Dee" in page
    assert "best interests meeting" in page


def test_a_representative_needs_a_name_and_a_reason(client_for, coordinator, finance, dee_fund):
    draft_v2(dee_fund, finance)
    data = {"answer": "yes", "agreed_by": "representative", "comment": "Met at home"}
    response = client_for(coordinator).post(url(dee_fund, "2/answer/"), data)
    page = response.content.decode()
    assert "Enter the name of the representative." in page
    assert "Enter why Dee cannot decide this themselves now (Mental Capacity Act 2005)." in page
    assert "Met at home" in page
    assert Agreement.objects.get(version=2).status == AgreementStatus.DRAFT


# --- The council's decision and the whole workflow --------------------------------------------


def test_draft_agree_approve_and_the_new_version_supersedes_the_old(
    client_for, finance, person_user, commissioner, dee_fund, dee
):
    Person.objects.filter(pk=dee.pk).update(stage=Stage.MARKET_SHAPING)
    assert client_for(finance).post(url(dee_fund, "new/"), form_data()).status_code == 302
    stamp = terms_stamp(Agreement.objects.get(version=2))
    client_for(person_user).post(url(dee_fund, "2/answer/"), {"answer": "yes", "stamp": stamp})
    client = client_for(commissioner)
    decide_page = client.get(url(dee_fund, "2/decide/")).content.decode()
    assert "Management fee percentage: 8% <span aria-hidden" in decide_page
    assert "changed to</span> 7.5%" in decide_page
    response = client.post(url(dee_fund, "2/decide/"), {"decision": "approve", "note": ""})
    assert response.status_code == 302
    v1, v2 = Agreement.objects.order_by("version")
    assert (v1.status, v2.status) == (AgreementStatus.SUPERSEDED, AgreementStatus.APPROVED)
    assert v2.decided_by == commissioner
    # The money is live; where Dee is on her journey (here, finding the right support) is the
    # coordinator's to move, not the council's approval.
    dee.refresh_from_db()
    assert dee.stage == Stage.MARKET_SHAPING
    # Version 1 stays in force until version 2 starts.
    in_september = agreement_in_force(dee_fund, dt.date(2026, 9, 30))
    in_october = agreement_in_force(dee_fund, dt.date(2026, 10, 1))
    assert in_september is not None and in_september.version == 1
    assert in_october is not None and in_october.version == 2
    assert agreement_in_force(dee_fund, dt.date(2027, 10, 1)) is None
    assert AuditEvent.objects.filter(subject_id=str(v1.pk), summary__contains="replaced").exists()


def approve_v2_from_october(client_for, finance, person_user, commissioner, dee_fund) -> None:
    assert client_for(finance).post(url(dee_fund, "new/"), form_data()).status_code == 302
    stamp = terms_stamp(Agreement.objects.get(version=2))
    client_for(person_user).post(url(dee_fund, "2/answer/"), {"answer": "yes", "stamp": stamp})
    decision = {"decision": "approve", "note": ""}
    assert client_for(commissioner).post(url(dee_fund, "2/decide/"), decision).status_code == 302


def test_a_version_approved_to_start_later_leaves_the_one_in_force_on_every_page(
    client_for, finance, person_user, commissioner, dee_fund
):
    """Approving version 2 (from 1 October) supersedes version 1 at once, but version 1 stays in
    force until October: the agreement page and the Money tab say so, not "no version is in
    force" or version 2's terms before they apply."""
    money_url = f"/funds/people/{dee_fund.person.pk}/"
    with time_machine.travel(dt.datetime(2026, 9, 15, 12, tzinfo=dt.UTC), tick=False):
        approve_v2_from_october(client_for, finance, person_user, commissioner, dee_fund)
        assert Agreement.objects.get(version=1).status == AgreementStatus.SUPERSEDED
        agreement_page = client_for(finance).get(url(dee_fund)).content.decode()
        assert "In force: version 1" in agreement_page
        assert "No version is in force today." not in agreement_page
        money_page = client_for(person_user).get(money_url).content.decode()
        assert "(version 1)" in money_page
        assert "8% of the budget" in money_page
    with time_machine.travel(dt.datetime(2026, 10, 2, 12, tzinfo=dt.UTC), tick=False):
        assert "In force: version 2" in client_for(finance).get(url(dee_fund)).content.decode()
        money_page = client_for(person_user).get(money_url).content.decode()
        assert "(version 2)" in money_page
        assert "7.5% of the budget" in money_page


def test_with_no_version_in_force_the_latest_approved_is_shown(dee_fund):
    """Before the first version starts, and after the last has ended, pages show the latest
    approved version (which they date) rather than nothing."""
    before = agreement_to_show(dee_fund, dt.date(2026, 3, 1))
    after = agreement_to_show(dee_fund, dt.date(2027, 6, 1))
    assert before is not None and before.version == 1
    assert after is not None and after.version == 1
    Agreement.objects.filter(fund=dee_fund).update(status=AgreementStatus.DRAFT)
    assert agreement_to_show(dee_fund, dt.date(2026, 6, 1)) is None


def test_the_council_returns_a_version_with_a_reason(
    client_for, commissioner, finance, dee_fund, dee
):
    draft = draft_v2(dee_fund, finance)
    record_answer(agreement=draft, agrees=True, actor=dee.user, agreed_by=AgreedBy.PERSON)
    client = client_for(commissioner)
    response = client.post(url(dee_fund, "2/decide/"), {"decision": "return", "note": ""})
    assert "Say why the agreement is returned, so it can be put right." in response.content.decode()
    assert Agreement.objects.get(version=2).status == AgreementStatus.AGREED
    client.post(url(dee_fund, "2/decide/"), {"decision": "return", "note": "Check the fee"})
    draft.refresh_from_db()
    assert (draft.status, draft.decision_note) == (AgreementStatus.RETURNED, "Check the fee")
    assert Agreement.objects.get(version=1).status == AgreementStatus.APPROVED


def test_illegal_moves_are_refused(dee_fund, finance, commissioner, dee):
    draft = draft_v2(dee_fund, finance)
    with pytest.raises(Exception, match="not waiting for the council"):
        decide_agreement(agreement=draft, approve=True, note="", actor=commissioner)
    record_answer(agreement=draft, agrees=True, actor=dee.user, agreed_by=AgreedBy.PERSON)
    with pytest.raises(Exception, match="not waiting for an answer"):
        record_answer(agreement=draft, agrees=False, actor=dee.user, agreed_by=AgreedBy.PERSON)
    with pytest.raises(IllegalTransition):
        draft.set_status(AgreementStatus.SUPERSEDED, by=finance)
    assert Agreement.objects.get(version=2).status == AgreementStatus.AGREED


def test_deciding_a_version_not_waiting_says_so(client_for, commissioner, dee_fund):
    response = client_for(commissioner).post(url(dee_fund, "1/decide/"), {"decision": "approve"})
    assert response.status_code == 409
    assert "not waiting for the council" in response.content.decode()


def test_words_for_banking_and_changes(dee_fund):
    v1 = Agreement.objects.get(version=1)
    assert (
        banking_words(v1) == "Up to 4 weeks' budget (£2,400.00) may be banked, for up to 12 weeks"
    )
    v1.bank_max_weeks = 0
    assert banking_words(v1) == "No money may be banked."
    later = Agreement(**{**{f.attname: getattr(v1, f.attname) for f in v1._meta.concrete_fields}})
    later.notice_weeks, later.fee_kind, later.fee_monthly_pence = 8, "amount", 20_000
    sentences = [change.sentence for change in changes_between(v1, later)]
    assert "Notice period: 4 weeks → 8 weeks" in sentences
    assert "Management fee is: a percentage of the budget → a fixed amount each month" in sentences
    assert "Management fee percentage: 8% → not used" in sentences
