"""The ledger pages: a person's Money tab, their ledger, one transaction, recording money in or
out by hand, and correcting an entry. Who may read, who may post, and what bad input shows."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from directsupport.funds.ledger import posting
from directsupport.funds.ledger.services import KEY_PREFIX, MAX_DAYS_AHEAD
from directsupport.funds.models import (
    Account,
    Agreement,
    AgreementStatus,
    Fund,
    Kind,
    LedgerEntry,
    LedgerTransaction,
)
from tests.clock import on_day

from .conftest import START, new_key

READERS = ["finance", "manager", "coordinator", "person_user", "commissioner"]
WRITERS = ["finance", "manager"]
READ_ONLY = ["coordinator", "person_user", "commissioner"]
NOT_FOUND = [
    "other_commissioner",
    "sister_user",
    "cousin_user",
    "neighbour_user",
    "worker",
    "other_worker",
    "market_shaper",
    "supplier",
    "outsider",
    "expert",
]
TODAY = dt.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def _on_today():
    """Every test here runs on TODAY, whatever the real day."""
    with on_day(TODAY):
        yield


@pytest.fixture
def persona(request: pytest.FixtureRequest, dee, sister, cousin, neighbour) -> Callable[[str], Any]:
    """Any persona by name, with Dee's circle in place (her sister and cousin may see her
    information, her neighbour may not)."""
    return request.getfixturevalue


@pytest.fixture
def purchase(dee_fund, allocate, finance) -> LedgerTransaction:
    """£600 in from the council, then a £45.50 kettle."""
    allocate(dee_fund, 60_000)
    return posting.post(
        fund=dee_fund,
        kind=Kind.PURCHASE,
        lines=posting.spend_lines(Account.PURCHASES, 4_550),
        effective_on=START + dt.timedelta(days=3),
        description="Kettle",
        counterparty="Argos",
        idempotency_key=new_key(),
        actor=finance,
    ).transaction


def urls(fund: Fund, posted: LedgerTransaction) -> dict[str, str]:
    pk = fund.person_id
    return {
        "money": f"/funds/people/{pk}/",
        "ledger": f"/funds/people/{pk}/ledger/",
        "posting_new": f"/funds/people/{pk}/ledger/new/",
        "transaction": f"/funds/people/{pk}/ledger/{posted.pk}/",
        "transaction_reverse": f"/funds/people/{pk}/ledger/{posted.pk}/correct/",
    }


def posting_data(**changes: str) -> dict[str, str]:
    data = {
        "posting": "supplier_payment",
        "effective_on": (START + dt.timedelta(days=5)).isoformat(),
        "amount": "£120.00",
        "description": "Swimming lessons, April",
        "counterparty": "Northfield Leisure",
        "form_key": str(uuid.uuid4()),
    }
    data.update(changes)
    return data


def form_key_on(page: str) -> str:
    found = re.search(r'name="form_key" value="([0-9a-f]{32})"', page)
    assert found, "the form carries a hidden key"
    return found[1]


# --- Who may see and post ---------------------------------------------------------------------


@pytest.mark.parametrize("name", READERS)
def test_readers_see_the_money_ledger_and_transaction(name, persona, client_for, purchase):
    client = client_for(persona(name))
    pages = urls(purchase.fund, purchase)
    for page in ("money", "ledger", "transaction"):
        response = client.get(pages[page])
        assert response.status_code == 200, page
        assert "Kettle" in response.content.decode()


@pytest.mark.parametrize("name", NOT_FOUND)
def test_everyone_else_gets_not_found_on_every_page(name, persona, client_for, purchase):
    client = client_for(persona(name))
    for page, url in urls(purchase.fund, purchase).items():
        assert client.get(url).status_code == 404, page
        assert client.post(url, posting_data()).status_code == 404, page
    assert LedgerTransaction.objects.count() == 2


@pytest.mark.parametrize("name", WRITERS)
def test_finance_and_managers_open_the_posting_pages(name, persona, client_for, purchase):
    client = client_for(persona(name))
    pages = urls(purchase.fund, purchase)
    assert client.get(pages["posting_new"]).status_code == 200
    assert client.get(pages["transaction_reverse"]).status_code == 200
    assert "Record money in or out" in client.get(pages["money"]).content.decode()
    assert "Correct this entry" in client.get(pages["transaction"]).content.decode()


@pytest.mark.parametrize("name", READ_ONLY)
def test_readers_who_may_not_post_get_forbidden(name, persona, client_for, purchase):
    client = client_for(persona(name))
    pages = urls(purchase.fund, purchase)
    for page in ("posting_new", "transaction_reverse"):
        assert client.get(pages[page]).status_code == 403, page
        assert client.post(pages[page], {**posting_data(), "reason": "x"}).status_code == 403
    assert "Record money in or out" not in client.get(pages["money"]).content.decode()
    assert "Correct this entry" not in client.get(pages["transaction"]).content.decode()
    assert LedgerTransaction.objects.count() == 2


def test_a_commissioner_of_another_council_never_sees_the_fund(
    client_for, other_commissioner, purchase, dee
):
    dee.funding_council = other_commissioner.organisation
    dee.save()
    # Dee is now said to be funded by Eastmere, but the fund is Hollowfield's: neither sees
    # it through the other's door.
    assert client_for(other_commissioner).get(f"/funds/people/{dee.pk}/").status_code == 404


def test_a_transaction_of_another_fund_is_not_found(client_for, finance, purchase, provider):
    from directsupport.accounts.models import Organisation
    from tests.factories import PersonFactory

    other = PersonFactory.create(organisation=provider, funding_council=purchase.fund.council)
    Fund.objects.create(
        person=other,
        provider=provider,
        council=Organisation.objects.get(pk=purchase.fund.council_id),
        reference="ISF-0002",
    )
    client = client_for(finance)
    assert client.get(f"/funds/people/{other.pk}/ledger/{purchase.pk}/").status_code == 404
    url = f"/funds/people/{other.pk}/ledger/{purchase.pk}/correct/"
    assert client.get(url).status_code == 404


# --- The Money tab ----------------------------------------------------------------------------


def test_money_tab_shows_what_is_held_received_and_spent(client_for, finance, purchase, dee_fund):
    posting.post(
        fund=dee_fund,
        kind=Kind.BANK,
        lines=posting.bank_lines(10_000),
        effective_on=START + dt.timedelta(days=4),
        description="Saving for Brighton",
        idempotency_key=new_key(),
        actor=finance,
    )
    page = client_for(finance).get(f"/funds/people/{dee_fund.person_id}/").content.decode()
    assert "Dee&#x27;s money" in page or "Dee's money" in page
    assert "£454.50" in page  # to spend: 600 - 45.50 - 100 banked
    assert "£100.00" in page  # banked
    assert "£554.50" in page  # held
    assert "Since the agreement started on 1 April 2026" in page
    assert "£600.00" in page  # received, and the weekly budget (31,200 / 52)
    assert "£45.50" in page  # spent
    assert "8% of the budget (about £48.00 a week)" in page
    assert "Saving for Brighton" in page


def test_the_person_is_spoken_to(client_for, person_user, purchase, dee_fund):
    page = client_for(person_user).get(f"/funds/people/{dee_fund.person_id}/").content.decode()
    assert "Your money" in page
    assert "Total held for you" in page
    assert "Record money in or out" not in page


def test_money_tab_shows_the_last_ten_entries(client_for, finance, dee_fund, allocate):
    for day in range(12):
        allocate(dee_fund, 100 + day, on=START + dt.timedelta(days=day))
    page = client_for(finance).get(f"/funds/people/{dee_fund.person_id}/").content.decode()
    assert page.count("Monthly allocation") == 10
    assert "£1.11" in page and "£1.02" in page and "£1.01" not in page


def test_staff_are_told_plainly_when_there_is_no_fund(client_for, finance, coordinator, dee):
    for user in (finance, coordinator):
        response = client_for(user).get(f"/funds/people/{dee.pk}/")
        assert response.status_code == 200
        assert "Dee does not have an Individual Service Fund yet" in response.content.decode()


@pytest.mark.parametrize("name", ["person_user", "commissioner", *NOT_FOUND])
def test_without_a_fund_everyone_but_staff_gets_not_found(name, persona, client_for, dee):
    assert client_for(persona(name)).get(f"/funds/people/{dee.pk}/").status_code == 404


def test_without_a_fund_the_ledger_pages_are_not_found(client_for, finance, dee):
    client = client_for(finance)
    assert client.get(f"/funds/people/{dee.pk}/ledger/").status_code == 404
    assert client.get(f"/funds/people/{dee.pk}/ledger/new/").status_code == 404


def test_money_tab_says_when_no_agreement_is_in_force(client_for, finance, dee_fund):
    # Only a draft: nothing the council has approved. (A superseded version is still in force
    # until the version after it starts: funds.agreements.services.agreement_to_show.)
    Agreement.objects.filter(fund=dee_fund).update(status=AgreementStatus.DRAFT)
    page = client_for(finance).get(f"/funds/people/{dee_fund.person_id}/").content.decode()
    assert "No agreement is in force yet" in page


# --- The ledger -------------------------------------------------------------------------------


def test_ledger_shows_each_entry_with_the_running_balance(client_for, finance, purchase, dee_fund):
    page = client_for(finance).get(f"/funds/people/{dee_fund.person_id}/ledger/").content
    text = page.decode()
    assert "2 entries, newest first" in text
    kettle_row = next(row for row in text.split("<tr>") if "Kettle" in row)
    assert "Argos" in kettle_row and "£45.50" in kettle_row and "£554.50" in kettle_row
    assert "4 April 2026" in kettle_row
    assert "Hollowfield Council" in text


def test_ledger_filters_by_month_and_kind(client_for, finance, purchase, dee_fund, allocate):
    allocate(dee_fund, 60_000, on=dt.date(2026, 5, 1))
    client = client_for(finance)
    url = f"/funds/people/{dee_fund.person_id}/ledger/"
    may = client.get(url, {"month": "2026-05"}).content.decode()
    assert "1 entry," in may and "Kettle" not in may
    assert "£1,154.50" in may  # the running balance counts April too
    purchases = client.get(url, {"kind": Kind.PURCHASE}).content.decode()
    assert "Kettle" in purchases and "Monthly allocation" not in purchases
    both = client.get(url, {"month": "2026-04", "kind": Kind.ALLOCATION}).content.decode()
    assert "1 entry," in both and "£600.00" in both
    assert 'value="2026-04"' in may and "April 2026" in may


def test_a_month_not_in_the_ledger_is_explained_and_ignored(client_for, finance, purchase):
    url = f"/funds/people/{purchase.fund.person_id}/ledger/"
    page = client_for(finance).get(url, {"month": "1999-01", "kind": Kind.PURCHASE}).content
    text = page.decode()
    assert "Choose a month from the list." in text
    assert "1 entry," in text  # the kind filter still applies


def test_ledger_is_paginated_newest_first(client_for, finance, dee_fund, allocate):
    for day in range(30):
        allocate(dee_fund, 100, on=START + dt.timedelta(days=day))
    client = client_for(finance)
    url = f"/funds/people/{dee_fund.person_id}/ledger/"
    first = client.get(url).content.decode()
    assert "Showing 1 to 25" in first and "30 April 2026" in first
    assert "£30.00" in first  # the newest row's running balance
    second = client.get(url, {"page": 2}).content.decode()
    assert "Showing 26 to 30" in second and "1 April 2026" in second
    assert "£1.00" in second  # the oldest row's running balance


def test_ledger_queries_do_not_grow_with_rows(
    client_for, finance, dee_fund, allocate, django_assert_max_num_queries
):
    client = client_for(finance)
    url = f"/funds/people/{dee_fund.person_id}/ledger/"
    allocate(dee_fund, 100)
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for day in range(40):
        allocate(dee_fund, 100, on=START + dt.timedelta(days=day % 28))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "Showing 1 to 25" in response.content.decode()
    # The Money tab also looks up the latest statement and the pots for its links: one query.
    with django_assert_max_num_queries(len(few.captured_queries) + 1):
        client.get(f"/funds/people/{dee_fund.person_id}/")


def test_a_reversed_entry_is_marked_corrected_with_a_link(client_for, finance, purchase):
    correction = posting.reverse(
        original=purchase, reason="Returned", idempotency_key=new_key(), actor=finance
    ).transaction
    text = client_for(finance).get(f"/funds/people/{purchase.fund.person_id}/ledger/").content
    page = text.decode()
    assert "Corrected" in page
    assert f"/ledger/{correction.pk}/" in page
    assert "Correction: Returned" in page


# --- One transaction --------------------------------------------------------------------------


def test_transaction_page_shows_entries_who_and_corrections(client_for, finance, purchase):
    correction = posting.reverse(
        original=purchase, reason="Returned", idempotency_key=new_key(), actor=finance
    ).transaction
    client = client_for(finance)
    page = client.get(f"/funds/people/{purchase.fund.person_id}/ledger/{purchase.pk}/").content
    text = page.decode()
    assert '<th scope="row">Equipment and one-off purchases</th>' in text
    assert '<th scope="row">Money to spend</th>' in text
    assert "Grace Lee" in text
    assert "This entry was put right by" in text and f"/ledger/{correction.pk}/" in text
    assert "Correct this entry" not in text
    url = f"/funds/people/{purchase.fund.person_id}/ledger/{correction.pk}/"
    text = client.get(url).content.decode()
    assert "This is a correction. It reverses" in text and f"/ledger/{purchase.pk}/" in text


# --- Recording money in or out ----------------------------------------------------------------


def test_a_payment_to_a_supplier_is_recorded(client_for, finance, dee_fund, allocate):
    allocate(dee_fund, 60_000)
    client = client_for(finance)
    url = f"/funds/people/{dee_fund.person_id}/ledger/new/"
    key = form_key_on(client.get(url).content.decode())
    response = client.post(url, posting_data(form_key=key), follow=True)
    posted = LedgerTransaction.objects.get(idempotency_key=KEY_PREFIX + key)
    assert (
        response.redirect_chain[-1][0] == f"/funds/people/{dee_fund.person_id}/ledger/{posted.pk}/"
    )
    assert posted.kind == Kind.SUPPLIER_PAYMENT and posted.counterparty == "Northfield Leisure"
    assert sorted(e.amount_pence for e in posted.entries.all()) == [-12_000, 12_000]
    assert posted.posted_by == finance
    assert "Recorded: Swimming lessons, April." in response.content.decode()


@pytest.mark.parametrize(
    ("choice", "available_change", "account"),
    [
        ("purchase", -2_000, Account.PURCHASES),
        ("refund_support", 2_000, Account.OTHER_SUPPLIERS),
        ("refund_purchase", 2_000, Account.PURCHASES),
        ("return_to_council", -2_000, Account.COUNCIL),
        ("extra_allocation", 2_000, Account.COUNCIL),
    ],
)
def test_every_kind_posts_the_right_entries(
    choice, available_change, account, client_for, finance, dee_fund, allocate
):
    allocate(dee_fund, 60_000)
    for spend in (Account.PURCHASES, Account.OTHER_SUPPLIERS):  # something to refund
        posting.post(
            fund=dee_fund,
            kind=Kind.PURCHASE,
            lines=posting.spend_lines(spend, 5_000),
            effective_on=START,
            description="Earlier spending",
            idempotency_key=new_key(),
            actor=finance,
        )
    data = posting_data(posting=choice, amount="20", counterparty="")
    if choice.startswith(("refund", "purchase")):
        data["counterparty"] = "Argos"
    response = client_for(finance).post(f"/funds/people/{dee_fund.person_id}/ledger/new/", data)
    assert response.status_code == 302
    posted = LedgerTransaction.objects.get(idempotency_key=KEY_PREFIX + data["form_key"])
    amounts = {e.account: e.amount_pence for e in posted.entries.all()}
    assert amounts == {Account.AVAILABLE: available_change, account: -available_change}
    if choice in ("return_to_council", "extra_allocation"):
        assert posted.counterparty == "Hollowfield Council"


def test_a_double_click_posts_once(client_for, finance, dee_fund, allocate):
    allocate(dee_fund, 60_000)
    client = client_for(finance)
    url = f"/funds/people/{dee_fund.person_id}/ledger/new/"
    data = posting_data()
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "This was already recorded" in second.content.decode()
    assert LedgerTransaction.objects.filter(kind=Kind.SUPPLIER_PAYMENT).count() == 1


def test_the_same_key_with_different_content_is_refused_keeping_what_was_typed(
    client_for, finance, dee_fund, allocate
):
    allocate(dee_fund, 60_000)
    client = client_for(finance)
    url = f"/funds/people/{dee_fund.person_id}/ledger/new/"
    data = posting_data()
    client.post(url, data)
    changed = {**data, "amount": "130.00"}
    response = client.post(url, changed)
    page = response.content.decode()
    assert response.status_code == 200
    assert "already submitted with different details" in page
    assert 'value="130.00"' in page and "Swimming lessons, April" in page
    assert "What was recorded with this form before" in page
    assert LedgerTransaction.objects.filter(kind=Kind.SUPPLIER_PAYMENT).count() == 1
    # Sending it again on purpose records it as a new entry, under a new key.
    assert form_key_on(page) != data["form_key"]
    again = client.post(url, {**changed, "form_key": form_key_on(page)})
    assert again.status_code == 302
    assert LedgerTransaction.objects.filter(kind=Kind.SUPPLIER_PAYMENT).count() == 2


def test_an_overdraft_is_refused_next_to_the_amount(client_for, finance, dee_fund, allocate):
    allocate(dee_fund, 10_000)
    url = f"/funds/people/{dee_fund.person_id}/ledger/new/"
    response = client_for(finance).post(url, posting_data(amount="100.01"))
    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'id="id_amount_error".*there is no approved overdraft', page)
    assert 'value="100.01"' in page and "Northfield Leisure" in page
    assert LedgerTransaction.objects.filter(kind=Kind.SUPPLIER_PAYMENT).count() == 0


def test_a_double_clicked_refund_of_everything_spent_posts_once(client_for, finance, purchase):
    url = f"/funds/people/{purchase.fund.person_id}/ledger/new/"
    data = posting_data(posting="refund_purchase", amount="45.50", counterparty="Argos")
    client = client_for(finance)
    assert client.post(url, data).status_code == 302
    again = client.post(url, data, follow=True)
    assert "This was already recorded" in again.content.decode()
    assert LedgerTransaction.objects.filter(kind=Kind.REFUND).count() == 1


def test_a_refund_bigger_than_the_spending_is_refused(client_for, finance, purchase):
    url = f"/funds/people/{purchase.fund.person_id}/ledger/new/"
    data = posting_data(posting="refund_purchase", amount="50", counterparty="Argos")
    page = client_for(finance).post(url, data).content.decode()
    assert "A refund cannot be more than was spent: £45.50" in page
    assert LedgerTransaction.objects.filter(kind=Kind.REFUND).count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"posting": ""}, "Choose what this is"),
        ({"amount": ""}, "Enter the amount in pounds and pence"),
        ({"amount": "12.345"}, "no more than 2 decimal places"),
        ({"amount": "-5"}, "enter an amount of £0.00 or more"),
        ({"amount": "0"}, "enter more than £0.00"),
        ({"amount": "lots"}, "enter an amount in pounds and pence"),
        ({"amount": "100000.01"}, "no more than £100,000.00"),
        ({"description": "  "}, "Say what the money is for."),
        ({"counterparty": ""}, "Enter who was paid"),
        ({"posting": "refund_support", "counterparty": ""}, "Enter who was sent the refund"),
        ({"effective_on": "31/02/2026"}, "Enter a real date"),
        ({"effective_on": "2026-03-31"}, "cannot be before the agreement started on 1 April 2026"),
        (
            {"effective_on": (TODAY + dt.timedelta(days=MAX_DAYS_AHEAD + 1)).isoformat()},
            f"no more than {MAX_DAYS_AHEAD} days ahead",
        ),
        ({"form_key": "not-a-key"}, "This form is out of date"),
        ({"form_key": ""}, "This form is out of date"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_lost(
    changes, message, client_for, finance, dee_fund, allocate
):
    allocate(dee_fund, 60_000)
    before = LedgerEntry.objects.count()
    data = posting_data(**changes)
    response = client_for(finance).post(f"/funds/people/{dee_fund.person_id}/ledger/new/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "There is a problem" in page
    for field in ("amount", "description", "counterparty"):
        if data[field].strip():
            assert data[field].replace("'", "&#x27;") in page
    assert LedgerEntry.objects.count() == before


def test_a_date_up_to_31_days_ahead_is_accepted(client_for, finance, dee_fund, allocate):
    allocate(dee_fund, 60_000)
    later = TODAY + dt.timedelta(days=MAX_DAYS_AHEAD)
    data = posting_data(effective_on=later.isoformat())
    response = client_for(finance).post(f"/funds/people/{dee_fund.person_id}/ledger/new/", data)
    assert response.status_code == 302


# --- Correcting an entry ----------------------------------------------------------------------


def test_an_entry_is_corrected_with_a_reason(client_for, finance, purchase):
    client = client_for(finance)
    url = f"/funds/people/{purchase.fund.person_id}/ledger/{purchase.pk}/correct/"
    key = form_key_on(client.get(url).content.decode())
    response = client.post(url, {"reason": "Paid twice by mistake", "form_key": key}, follow=True)
    correction = LedgerTransaction.objects.get(reverses=purchase)
    assert correction.description == "Correction: Paid twice by mistake"
    assert "The entry has been corrected." in response.content.decode()
    assert sorted(e.amount_pence for e in correction.entries.all()) == [-4_550, 4_550]
    # The same form sent again shows the same correction.
    again = client.post(url, {"reason": "Paid twice by mistake", "form_key": key}, follow=True)
    assert again.redirect_chain[-1][0].endswith(f"/ledger/{correction.pk}/")
    assert "This was already recorded" in again.content.decode()
    assert LedgerTransaction.objects.filter(kind=Kind.REVERSAL).count() == 1


def test_a_reason_is_required(client_for, finance, purchase):
    url = f"/funds/people/{purchase.fund.person_id}/ledger/{purchase.pk}/correct/"
    page = client_for(finance).post(url, {"reason": " ", "form_key": str(uuid.uuid4())})
    assert "Say why this entry is being corrected." in page.content.decode()
    assert not LedgerTransaction.objects.filter(kind=Kind.REVERSAL).exists()


def test_an_entry_is_not_corrected_twice(client_for, finance, purchase):
    posting.reverse(original=purchase, reason="Returned", idempotency_key=new_key(), actor=finance)
    client = client_for(finance)
    url = f"/funds/people/{purchase.fund.person_id}/ledger/{purchase.pk}/correct/"
    assert "already been corrected" in client.get(url).content.decode()
    page = client.post(url, {"reason": "Again", "form_key": str(uuid.uuid4())}).content.decode()
    assert "already been corrected, so it cannot be reversed again" in page
    assert LedgerTransaction.objects.filter(kind=Kind.REVERSAL).count() == 1


def test_a_correction_is_not_reversed(client_for, finance, purchase):
    correction = posting.reverse(
        original=purchase, reason="Returned", idempotency_key=new_key(), actor=finance
    ).transaction
    url = f"/funds/people/{purchase.fund.person_id}/ledger/{correction.pk}/correct/"
    page = client_for(finance).post(url, {"reason": "Undo", "form_key": str(uuid.uuid4())})
    assert "This is a correction itself, so it cannot be reversed" in page.content.decode()
    assert LedgerTransaction.objects.filter(kind=Kind.REVERSAL).count() == 1


def test_a_correction_that_would_overdraw_is_refused(client_for, finance, purchase, dee_fund):
    posting.post(
        fund=dee_fund,
        kind=Kind.PURCHASE,
        lines=posting.spend_lines(Account.PURCHASES, 50_000),
        effective_on=START,
        description="Sofa",
        idempotency_key=new_key(),
        actor=finance,
    )
    allocation = LedgerTransaction.objects.get(kind=Kind.ALLOCATION)
    url = f"/funds/people/{dee_fund.person_id}/ledger/{allocation.pk}/correct/"
    page = client_for(finance).post(url, {"reason": "Wrong", "form_key": str(uuid.uuid4())})
    assert "there is no approved overdraft" in page.content.decode()
    assert not LedgerTransaction.objects.filter(kind=Kind.REVERSAL).exists()
