"""The monthly routine page: finance and managers open a month for every live ISF and make the
statements of a month that is over; safe to repeat, refusals named, nothing half-done.

Dee's agreement runs from 1 April 2026 to 31 March 2027 (conftest); Ben gets the same terms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from directsupport.funds.models import (
    Agreement,
    AgreementStatus,
    FeeKind,
    Fund,
    Kind,
    LedgerTransaction,
    Statement,
)
from directsupport.funds.months.routine import open_month_for_live_funds

pytestmark = pytest.mark.django_db

OCTOBER = "2026-10"
TUE = 1
URL = "/funds/months/"


@pytest.fixture
def persona(request: pytest.FixtureRequest, dee, sister) -> Callable[[str], Any]:
    return request.getfixturevalue


@pytest.fixture
def ben_fund(ben, provider, council) -> Fund:
    fund = Fund.objects.create(person=ben, provider=provider, council=council, reference="ISF-0002")
    Agreement.objects.create(
        fund=fund,
        version=1,
        status=AgreementStatus.APPROVED,
        annual_budget_pence=1_200_000,
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2027, 3, 31),
        fee_kind=FeeKind.PERCENT,
        fee_basis_points=800,
        first_review_on=dt.date(2026, 5, 20),
    )
    return fund


def allocations(month: str = OCTOBER) -> int:
    return LedgerTransaction.objects.filter(
        kind=Kind.ALLOCATION, idempotency_key__endswith=f":{month}:allocation"
    ).count()


@pytest.mark.parametrize("name", ["finance", "manager"])
def test_finance_and_managers_see_how_far_the_month_has_got(
    name, persona, client_for, dee_fund, ben_fund
):
    response = client_for(persona(name)).get(URL, {"month": OCTOBER})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Live ISFs this month</dt>\n  <dd>2</dd>" in page
    assert "0 of 2" in page
    assert "Open October 2026 for every live ISF" in page
    assert "Make the statements for October 2026" in page


@pytest.mark.parametrize(
    "name",
    ["coordinator", "person_user", "sister_user", "worker", "commissioner", "supplier", "expert"],
)
def test_everyone_else_gets_not_found(name, persona, client_for, dee_fund):
    client = client_for(persona(name))
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"month": OCTOBER, "action": "open"}).status_code == 404
    assert allocations() == 0


def test_the_page_defaults_to_this_month_and_offers_no_statements_before_it_ends(
    client_for, finance, dee_fund
):
    page = client_for(finance).get(URL).content.decode()
    this_month = timezone.localdate().strftime("%B %Y")
    assert f"Open {this_month} for every live ISF" in page
    assert "Make the statements for" not in page


def test_opening_a_month_opens_every_live_isf_once(client_for, finance, dee_fund, ben_fund):
    client = client_for(finance)
    response = client.post(URL, {"month": OCTOBER, "action": "open"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "opened for 2 ISFs now" in page
    assert "2 of 2" in page
    assert allocations() == 2
    count = LedgerTransaction.objects.count()

    again = client.post(URL, {"month": OCTOBER, "action": "open"}).content.decode()
    assert "opened for 0 ISFs now; 2 were open already and nothing was posted twice" in again
    assert LedgerTransaction.objects.count() == count


def test_a_fund_that_cannot_be_opened_is_named_and_left_untouched(
    client_for, finance, dee_fund, ben_fund, add_to_perfect_week
):
    add_to_perfect_week(TUE, "10:00", "13:00")  # Dee's plan, and no rate card to price it
    page = client_for(finance).post(URL, {"month": OCTOBER, "action": "open"}).content.decode()
    assert "1 ISF could not be opened" in page
    assert "Dee Okafor" in page and "could not be priced" in page
    assert "opened for 1 ISF now" in page
    assert not LedgerTransaction.objects.filter(fund=dee_fund).exists()
    assert LedgerTransaction.objects.filter(fund=ben_fund, kind=Kind.ALLOCATION).count() == 1


def test_a_fund_without_an_agreement_that_month_is_not_live(client_for, finance, dee_fund):
    page = client_for(finance).get(URL, {"month": "2026-03"}).content.decode()
    assert "Live ISFs this month</dt>\n  <dd>0</dd>" in page
    assert open_month_for_live_funds(month=dt.date(2026, 3, 1), actor=finance).opened == 0
    assert LedgerTransaction.objects.count() == 0


def test_another_providers_funds_are_not_opened(client_for, outsider, dee_fund):
    # The outsider is another provider's coordinator: not found; their finance would see none.
    assert client_for(outsider).post(URL, {"month": OCTOBER, "action": "open"}).status_code == 404
    assert allocations() == 0


def test_making_the_statements_of_a_month_that_is_over(client_for, finance, dee_fund, ben_fund):
    client = client_for(finance)
    client.post(URL, {"month": OCTOBER, "action": "open"})
    page = client.post(URL, {"month": OCTOBER, "action": "statements"}).content.decode()
    assert "made 2 statements" in page
    assert Statement.objects.filter(month=dt.date(2026, 10, 1)).count() == 2
    again = client.post(URL, {"month": OCTOBER, "action": "statements"}).content.decode()
    assert "no statements were missing" in again
    assert Statement.objects.count() == 2


def test_statements_are_refused_for_a_month_not_over(client_for, finance, dee_fund):
    this_month = timezone.localdate().strftime("%Y-%m")
    response = client_for(finance).post(URL, {"month": this_month, "action": "statements"})
    assert response.status_code == 400
    assert "is not over yet" in response.content.decode()
    assert Statement.objects.count() == 0


@pytest.mark.parametrize("month", ["2026-13", "october", "2099-01"])
def test_a_month_that_is_not_one_is_not_found(month, client_for, finance):
    assert client_for(finance).get(URL, {"month": month}).status_code == 404


def test_the_command_opens_every_live_isf(dee_fund, ben_fund, capsys):
    call_command("open_months", "--month", OCTOBER)
    assert "Opened October 2026 for 2 ISFs" in capsys.readouterr().out
    call_command("open_months", "--month", OCTOBER)
    assert "for 0 ISFs (2 were already open, 0 refused)" in capsys.readouterr().out
    assert allocations() == 2
