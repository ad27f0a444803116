"""Banking money or hours for a purpose within the agreement's rule, and using it.

Dee's budget is £600.00 a week, so up to £2,400.00 (4 weeks) may be banked, for up to 12 weeks.
An hour banked is £32.00 (the card's weekday daytime rate for personal care)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from directsupport.funds.banking.services import (
    BankingRefused,
    bank,
    banked_by_pot,
    held_beyond_rule,
    open_pot,
    use_banked,
)
from directsupport.funds.ledger.balances import account_totals, fund_balances
from directsupport.funds.models import Account, BankingPot, Kind, LedgerTransaction

from .conftest import new_key

pytestmark = pytest.mark.django_db

KEY = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def funded(dee_fund, allocate, hours_rate_card):
    allocate(dee_fund, 500_000)
    return dee_fund


@pytest.fixture
def holiday(funded, coordinator) -> BankingPot:
    return open_pot(
        fund=funded, purpose="Holiday in Cornwall", target_pence=80_000, actor=coordinator
    )


def put_in(fund, pot, actor, **amount):
    return bank(fund=fund, pot=pot, idempotency_key=new_key("bank"), actor=actor, **amount)


def test_banking_money_moves_it_from_spend_to_banked(funded, holiday, coordinator):
    put_in(funded, holiday, coordinator, amount_pence=10_000)
    balances = fund_balances(funded.pk)
    assert (balances.available_pence, balances.banked_pence) == (490_000, 10_000)
    [pot] = banked_by_pot(funded)
    assert (pot.banked_pence, pot.worth_minutes) == (10_000, 187)  # £100 / £32 an hour


def test_banking_hours_banks_their_worth_and_keeps_the_minutes(funded, holiday, coordinator):
    posted = put_in(funded, holiday, coordinator, minutes=150)
    assert posted.transaction.minutes == 150
    assert posted.transaction.kind == Kind.BANK
    assert fund_balances(funded.pk).banked_pence == 8_000  # 2.5 hours x £32.00


def test_banking_beyond_the_cap_is_refused(funded, holiday, coordinator):
    put_in(funded, holiday, coordinator, amount_pence=200_000)
    with pytest.raises(BankingRefused) as refused:
        put_in(funded, holiday, coordinator, amount_pence=40_001)
    assert str(refused.value) == (
        "That would bring the money banked to £2,400.01. The agreement lets up to £2,400.00 be "
        "banked (4 weeks' budget). Nothing was banked."
    )
    assert fund_balances(funded.pk).banked_pence == 200_000


def test_the_same_banking_twice_is_banked_once(funded, holiday, coordinator):
    for _ in range(2):
        bank(fund=funded, pot=holiday, amount_pence=1_000, idempotency_key="b", actor=coordinator)
    assert fund_balances(funded.pk).banked_pence == 1_000


def test_banked_money_comes_back_to_spend(funded, holiday, coordinator):
    put_in(funded, holiday, coordinator, amount_pence=10_000)
    use_banked(fund=funded, pot=holiday, amount_pence=4_000, idempotency_key="u", actor=coordinator)
    assert fund_balances(funded.pk).banked_pence == 6_000
    assert fund_balances(funded.pk).available_pence == 494_000


def test_banked_money_can_pay_a_supplier_directly(funded, holiday, coordinator):
    put_in(funded, holiday, coordinator, amount_pence=10_000)
    posted = use_banked(
        fund=funded,
        pot=holiday,
        amount_pence=9_000,
        pay_to="Sunny Cottages Ltd",
        description="Cottage deposit",
        idempotency_key="u",
        actor=coordinator,
    )
    assert posted.transaction.counterparty == "Sunny Cottages Ltd"
    totals = account_totals([funded.pk])[funded.pk]
    assert totals[Account.OTHER_SUPPLIERS] == 9_000
    assert totals[Account.BANKED] == 1_000


def test_using_more_than_the_pot_holds_is_refused(funded, holiday, coordinator):
    festival = open_pot(fund=funded, purpose="Festival", actor=coordinator)
    put_in(funded, holiday, coordinator, amount_pence=10_000)
    put_in(funded, festival, coordinator, amount_pence=1_000)
    with pytest.raises(BankingRefused, match=r"There is £10\.00 banked for Festival"):
        use_banked(
            fund=funded, pot=festival, amount_pence=2_000, idempotency_key="u", actor=coordinator
        )
    assert LedgerTransaction.objects.filter(kind=Kind.UNBANK).count() == 0


def test_money_held_beyond_the_rule_is_counted_first_in_first_out(funded, holiday, coordinator):
    put_in(funded, holiday, coordinator, amount_pence=10_000, on=dt.date(2026, 4, 1))
    put_in(funded, holiday, coordinator, amount_pence=5_000, on=dt.date(2026, 6, 1))
    # On 1 July the April money has been banked 13 weeks, longer than the 12 the rule allows.
    assert held_beyond_rule(funded, dt.date(2026, 7, 1)) == 10_000
    # 24 June is exactly 12 weeks after 1 April: not yet longer than the rule.
    assert held_beyond_rule(funded, dt.date(2026, 6, 24)) == 0
    use_banked(
        fund=funded,
        pot=holiday,
        amount_pence=12_000,
        idempotency_key="u",
        actor=coordinator,
        on=dt.date(2026, 6, 15),
    )
    # The oldest money was used first: what is left (£30.00) was banked in June.
    assert held_beyond_rule(funded, dt.date(2026, 7, 1)) == 0


# --- The pages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["coordinator", "manager", "finance", "commissioner", "person_user"]
)
def test_money_readers_see_what_is_banked(who, request, funded, holiday, coordinator, client_for):
    put_in(funded, holiday, coordinator, amount_pence=6_400)
    response = client_for(request.getfixturevalue(who)).get(
        reverse("funds:banked", args=[funded.person.pk])
    )
    assert response.status_code == 200
    assert "Holiday in Cornwall" in response.text
    assert "£64.00" in response.text and "2 hours" in response.text


@pytest.mark.parametrize(
    "who",
    [
        "worker",
        "other_worker",
        "sister_user",
        "supplier",
        "outsider",
        "other_commissioner",
        "expert",
    ],
)
def test_others_do_not_see_what_is_banked(who, request, funded, holiday, sister, client_for):
    client = client_for(request.getfixturevalue(who))
    pk = funded.person.pk
    assert client.get(reverse("funds:banked", args=[pk])).status_code == 404
    assert client.get(reverse("funds:pot_new", args=[pk])).status_code == 404
    assert client.get(reverse("funds:bank", args=[pk, holiday.pk])).status_code == 404
    assert client.get(reverse("funds:use_banked", args=[pk, holiday.pk])).status_code == 404


@pytest.mark.parametrize("who", ["commissioner", "person_user"])
def test_readers_may_not_bank(who, request, funded, holiday, client_for):
    client = client_for(request.getfixturevalue(who))
    pk = funded.person.pk
    assert client.get(reverse("funds:pot_new", args=[pk])).status_code == 403
    response = client.post(
        reverse("funds:bank", args=[pk, holiday.pk]),
        {"form_key": KEY, "what": "money", "amount": "5"},
    )
    assert response.status_code == 403
    assert client.get(reverse("funds:use_banked", args=[pk, holiday.pk])).status_code == 403
    assert fund_balances(funded.pk).banked_pence == 0


def test_the_person_is_spoken_to_on_their_own_page(
    funded, holiday, coordinator, person_user, client_for
):
    put_in(funded, holiday, coordinator, amount_pence=6_400)
    response = client_for(person_user).get(reverse("funds:banked", args=[funded.person.pk]))
    assert "Money I have saved" in response.text
    assert "You have saved £64.00" in response.text


@pytest.mark.parametrize("who", ["coordinator", "manager", "finance"])
def test_staff_open_a_pot_bank_and_use_it(who, request, funded, client_for):
    client = client_for(request.getfixturevalue(who))
    pk = funded.person.pk
    response = client.post(
        reverse("funds:pot_new", args=[pk]), {"purpose": "Festival", "target": "150"}
    )
    assert response.url == reverse("funds:banked", args=[pk])
    pot = BankingPot.objects.get()
    assert pot.target_pence == 15_000
    client.post(
        reverse("funds:bank", args=[pk, pot.pk]), {"form_key": KEY, "what": "hours", "hours": "3"}
    )
    assert fund_balances(funded.pk).banked_pence == 9_600
    client.post(
        reverse("funds:use_banked", args=[pk, pot.pk]),
        {"form_key": "f" * 32, "amount": "16.00", "how": "spend"},
    )
    assert fund_balances(funded.pk).banked_pence == 8_000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"what": "money", "amount": ""}, "Enter the amount to bank, like 50.00"),
        ({"what": "money", "amount": "abc"}, "The amount: enter an amount in pounds and pence"),
        ({"what": "hours", "hours": "0"}, "Enter a length of more than 0 hours"),
        (
            {"what": "money", "amount": "2500"},
            "The agreement lets up to £2,400.00 be banked (4 weeks",
        ),
        ({}, "Choose money or hours"),
    ],
)
def test_bad_banking_is_explained_and_nothing_banked(
    data, message, funded, holiday, coordinator, client_for
):
    response = client_for(coordinator).post(
        reverse("funds:bank", args=[funded.person.pk, holiday.pk]), {"form_key": KEY, **data}
    )
    assert response.status_code == 200
    assert message in response.text.replace("&#x27;", "'")
    assert fund_balances(funded.pk).banked_pence == 0


def test_using_banked_money_to_pay_needs_who_is_paid(funded, holiday, coordinator, client_for):
    put_in(funded, holiday, coordinator, amount_pence=6_400)
    response = client_for(coordinator).post(
        reverse("funds:use_banked", args=[funded.person.pk, holiday.pk]),
        {"form_key": KEY, "amount": "10", "how": "pay", "description": "Train tickets"},
    )
    assert "Enter who is paid" in response.text
    assert "Train tickets" in response.text
    assert fund_balances(funded.pk).banked_pence == 6_400


def test_a_pot_of_another_fund_is_not_found(
    funded, holiday, coordinator, client_for, ben, provider, council
):
    from directsupport.funds.models import Fund

    Fund.objects.create(person=ben, provider=provider, council=council, reference="ISF-0002")
    response = client_for(coordinator).get(reverse("funds:bank", args=[ben.pk, holiday.pk]))
    assert response.status_code == 404
