"""Recording support sessions (staff and Dee's support worker) and the hours page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from directsupport.funds.hours.forms import parse_length
from directsupport.funds.hours.services import (
    DuplicateSession,
    record_session,
    session_cost_pence,
)
from directsupport.funds.ledger.balances import account_totals
from directsupport.funds.ledger.posting import IdempotencyConflict, WouldOverdraw
from directsupport.funds.ledger.posting import reverse as reverse_posting
from directsupport.funds.models import Account, LedgerTransaction, SupportSession
from directsupport.funds.months.opening import open_month

from .conftest import new_key

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 4, 14)
KEY = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def funded(dee_fund, allocate, hours_rate_card):
    allocate(dee_fund, 100_000)
    return dee_fund


def session(fund, actor, **overrides):
    fields = {
        "fund": fund,
        "delivered_on": DAY,
        "starts_at": dt.time(10),
        "minutes": 180,
        "support_kind": "community_access",
        "supplier_name": "Willowbrook Support",
        "worker_name": "Sam Patel",
        "hourly_rate_pence": 3200,
        "notes": "",
        "idempotency_key": new_key("session"),
        "actor": actor,
    }
    fields.update(overrides)
    return record_session(**fields)


def form_data(**overrides):
    data = {
        "form_key": KEY,
        "delivered_on": "2026-04-14",
        "starts_at": "10:00",
        "length": "2:30",
        "support_kind": "community_access",
        "supplier": "provider",
        "other_supplier": "",
        "worker_name": "Sam Patel",
        "hourly_rate": "",
        "notes": "Went swimming",
    }
    data.update(overrides)
    return data


# --- The service ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "rate", "pence"),
    [(180, 3200, 9600), (50, 3214, 2678), (7, 1000, 117), (3, 1010, 51), (1, 1, 0)],
)
def test_cost_is_minutes_times_rate_rounded_half_up(minutes, rate, pence):
    assert session_cost_pence(minutes, rate) == pence


@pytest.mark.parametrize(
    ("typed", "minutes"), [("3", 180), ("2.5", 150), ("2:30", 150), ("0:45", 45), ("1.25", 75)]
)
def test_lengths_are_typed_as_hours(typed, minutes):
    assert parse_length(typed) == minutes


def test_provider_sessions_and_other_suppliers_are_paid_from_different_accounts(funded, finance):
    session(funded, finance)
    session(funded, finance, supplier_name="Bright Days CIC", starts_at=dt.time(14), minutes=60)
    totals = account_totals([funded.pk])[funded.pk]
    assert totals[Account.PROVIDER_SUPPORT] == 9_600
    assert totals[Account.OTHER_SUPPLIERS] == 3_200
    assert totals[Account.AVAILABLE] == 100_000 - 12_800
    assert LedgerTransaction.objects.get(session__starts_at=dt.time(10)).minutes == 180


def test_the_same_key_records_once(funded, finance):
    first = session(funded, finance, idempotency_key="same")
    again = session(funded, finance, idempotency_key="same")
    assert first.pk == again.pk
    assert SupportSession.objects.count() == 1


def test_the_same_key_with_other_details_is_refused(funded, finance):
    session(funded, finance, idempotency_key="same")
    with pytest.raises(IdempotencyConflict):
        session(funded, finance, idempotency_key="same", minutes=60)
    assert SupportSession.objects.count() == 1


def test_a_duplicate_session_is_refused(funded, finance):
    session(funded, finance)
    with pytest.raises(DuplicateSession, match="14 April 2026 at 10:00 by Willowbrook Support"):
        session(funded, finance, minutes=60)
    assert SupportSession.objects.count() == 1
    assert LedgerTransaction.objects.filter(kind="delivered_support").count() == 1


def test_a_session_the_fund_cannot_afford_is_refused(funded, finance):
    with pytest.raises(WouldOverdraw):
        session(funded, finance, minutes=24 * 60, hourly_rate_pence=10_000)
    assert SupportSession.objects.count() == 0


# --- Recording a session: who may --------------------------------------------------------------


@pytest.mark.parametrize("who", ["coordinator", "manager", "finance", "worker"])
def test_provider_staff_and_dees_worker_may_record(who, request, funded, client_for):
    response = client_for(request.getfixturevalue(who)).get(
        reverse("funds:session_new", args=[funded.person.pk])
    )
    assert response.status_code == 200
    assert "Record a support session" in response.text


@pytest.mark.parametrize(
    "who",
    [
        "other_worker",
        "sister_user",
        "person_user",
        "supplier",
        "outsider",
        "commissioner",
        "other_commissioner",
        "market_shaper",
    ],
)
def test_others_may_not_record(who, request, funded, sister, client_for):
    url = reverse("funds:session_new", args=[funded.person.pk])
    client = client_for(request.getfixturevalue(who))
    assert client.get(url).status_code == 404
    assert client.post(url, form_data()).status_code == 404
    assert SupportSession.objects.count() == 0


def test_the_worker_records_without_seeing_money_and_returns_to_dees_page(
    funded, worker, client_for
):
    client = client_for(worker)
    url = reverse("funds:session_new", args=[funded.person.pk])
    page = client.get(url)
    assert "Hourly rate" not in page.text and "£" not in page.text
    response = client.post(url, form_data(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("people:detail", args=[funded.person.pk])
    assert "The session on 14 April 2026 at 10:00 has been recorded." in response.text
    saved = SupportSession.objects.get()
    # The rate card's weekday daytime rate for community access: £32.00
    assert (saved.minutes, saved.hourly_rate_pence, saved.cost_pence) == (150, 3200, 8000)
    assert saved.recorded_by == worker


@pytest.mark.parametrize(
    ("day", "starts", "pence_an_hour"),
    [
        ("2026-04-14", "19:30", 3500),  # a Tuesday evening
        ("2026-04-18", "10:00", 3600),  # a Saturday
        ("2026-05-04", "10:00", 4800),  # the early May bank holiday
        ("2026-04-14", "23:00", 3800),  # a weekday night
    ],
)
def test_the_rate_left_empty_is_the_cards_rate_for_when_the_session_starts(
    day, starts, pence_an_hour, funded, coordinator, client_for
):
    client_for(coordinator).post(
        reverse("funds:session_new", args=[funded.person.pk]),
        form_data(delivered_on=day, starts_at=starts, length="1"),
    )
    assert SupportSession.objects.get().hourly_rate_pence == pence_an_hour


def test_staff_go_to_the_hours_page_after_recording(funded, coordinator, client_for):
    response = client_for(coordinator).post(
        reverse("funds:session_new", args=[funded.person.pk]),
        form_data(supplier="other", other_supplier="Bright Days CIC", hourly_rate="20.00"),
    )
    assert response.url == reverse("funds:hours", args=[funded.person.pk]) + "?month=2026-04"
    saved = SupportSession.objects.get()
    assert (saved.supplier_name, saved.cost_pence) == ("Bright Days CIC", 5000)


def test_a_double_click_records_once(funded, worker, client_for):
    client = client_for(worker)
    url = reverse("funds:session_new", args=[funded.person.pk])
    client.post(url, form_data())
    client.post(url, form_data())
    assert SupportSession.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"delivered_on": "2099-01-01"}, "The date cannot be in the future"),
        ({"delivered_on": "2026-03-31"}, "before the agreement started on 1 April 2026"),
        ({"delivered_on": "2026-02-31"}, "Enter a real date"),
        ({"starts_at": "25:00"}, "Enter a time from 00:00 to 23:59"),
        ({"length": "lots"}, "Enter how long in hours, like 3, 2.5 or 2:30"),
        ({"length": "0"}, "Enter a length of more than 0 hours"),
        ({"length": "25"}, "Enter a length of no more than 24 hours"),
        ({"length": "2:75"}, "Minutes go from 00 to 59"),
        ({"support_kind": "gardening"}, "Select a valid choice"),
        ({"supplier": "other"}, "Enter the name of who provided the support"),
        ({"hourly_rate": "-3"}, "The hourly rate: enter an amount of £0.00 or more"),
        ({"hourly_rate": "0"}, "The hourly rate: enter more than £0.00"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_lost(
    changes, message, funded, coordinator, client_for
):
    response = client_for(coordinator).post(
        reverse("funds:session_new", args=[funded.person.pk]), form_data(**changes)
    )
    assert response.status_code == 200
    assert message in response.text
    assert "Went swimming" in response.text  # what was typed is still there
    assert SupportSession.objects.count() == 0


def test_a_duplicate_session_is_refused_on_the_form(funded, coordinator, client_for):
    url = reverse("funds:session_new", args=[funded.person.pk])
    client = client_for(coordinator)
    client.post(url, form_data())
    response = client.post(url, form_data(form_key="f" * 32, length="1"))
    assert "is already recorded. Nothing was recorded again." in response.text
    assert SupportSession.objects.count() == 1


def test_the_worker_is_told_there_is_not_enough_money_without_amounts(
    dee_fund, hours_rate_card, worker, client_for
):
    response = client_for(worker).post(
        reverse("funds:session_new", args=[dee_fund.person.pk]), form_data()
    )
    assert "There is not enough money in Dee&#x27;s fund for this session" in response.text
    assert "£" not in response.text
    assert SupportSession.objects.count() == 0


def test_staff_see_the_overdraft_refusal(dee_fund, hours_rate_card, coordinator, client_for):
    response = client_for(coordinator).post(
        reverse("funds:session_new", args=[dee_fund.person.pk]), form_data()
    )
    assert "there is no approved overdraft" in response.text
    assert SupportSession.objects.count() == 0


# --- The hours page ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["coordinator", "manager", "finance", "commissioner", "person_user"]
)
def test_money_readers_see_the_hours(who, request, funded, client_for):
    response = client_for(request.getfixturevalue(who)).get(
        reverse("funds:hours", args=[funded.person.pk])
    )
    assert response.status_code == 200


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
def test_others_do_not_see_the_hours(who, request, funded, sister, client_for):
    response = client_for(request.getfixturevalue(who)).get(
        reverse("funds:hours", args=[funded.person.pk])
    )
    assert response.status_code == 404


def test_hours_compare_planned_and_delivered_in_words(
    funded, finance, add_to_perfect_week, client_for
):
    add_to_perfect_week(1, "10:00", "13:00")  # Tuesdays: 12 hours planned in April
    open_month(fund=funded, month=dt.date(2026, 4, 1), actor=finance)
    session(funded, finance, minutes=9 * 60, hourly_rate_pence=1000)
    response = client_for(finance).get(
        reverse("funds:hours", args=[funded.person.pk]) + "?month=2026-04"
    )
    assert "75% of the planned hours were delivered: below the plan." in response.text
    assert "12 hours" in response.text and "9 hours" in response.text
    assert "Sessions in April 2026" in response.text
    assert "£90.00" in response.text  # the session's cost


def test_a_month_not_opened_is_planned_from_the_perfect_week(
    funded, finance, add_to_perfect_week, client_for
):
    add_to_perfect_week(1, "10:00", "13:00")
    response = client_for(finance).get(reverse("funds:hours", args=[funded.person.pk]))
    assert "(from the Perfect Week; the month is not opened yet)" in response.text


def test_a_support_worker_finds_their_own_name_already_given(funded, worker, client_for):
    page = client_for(worker).get(reverse("funds:session_new", args=[funded.person.pk]))
    assert f'value="{worker.full_name}"' in page.text


def test_a_session_whose_payment_was_corrected_is_listed_but_not_counted(
    funded, finance, client_for
):
    session(funded, finance, minutes=120)
    wrong = session(funded, finance, starts_at=dt.time(14), minutes=60)
    reverse_posting(
        original=wrong.transaction, reason="Recorded twice", idempotency_key="fix", actor=finance
    )
    page = (
        client_for(finance)
        .get(reverse("funds:hours", args=[funded.person.pk]) + f"?month={DAY:%Y-%m}")
        .text
    )
    assert page.count("Corrected: not counted") == 1
    assert "2 hours" in page and "3 hours" not in page  # delivered: the kept session only
