"""The council's reconciliation: a row per ISF, totals that equal the ledger's sums to the penny,
on screen, as CSV (UTF-8 with a BOM) and as XLSX; finance, managers and the council's own
commissioners only."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db.models import Q, Sum
from openpyxl import load_workbook

from directsupport.funds.access import funds_visible_to
from directsupport.funds.models import MONEY_ACCOUNTS, Account, Fund, Kind, LedgerEntry
from directsupport.funds.reconciliation.report import MONEY_COLUMNS, reconcile
from tests.factories import PersonFactory

from .statement_data import MAY, hand_worked_may

ALLOWED = ["finance", "manager", "commissioner"]
NOT_FOUND = [
    "coordinator",
    "market_shaper",
    "worker",
    "expert",
    "person_user",
    "sister_user",
    "supplier",
    "outsider",
    "other_commissioner",
]


@pytest.fixture
def two_funds(dee_fund, provider, council, finance) -> list[Fund]:
    other = Fund.objects.create(
        person=PersonFactory.create(
            organisation=provider, funding_council=council, first_name="Ravi", last_name="Mehta"
        ),
        provider=provider,
        council=council,
        reference="ISF-0002",
    )
    hand_worked_may(dee_fund, finance)
    hand_worked_may(other, finance)
    return [dee_fund, other]


def url(council_pk: int, suffix: str = "") -> str:
    return f"/funds/councils/{council_pk}/reconciliation/{suffix}?month=2026-05"


def ledger_facts(fund_ids: list[int]) -> dict[str, int]:
    """What the reconciliation must agree with, summed here straight from LedgerEntry."""
    entries = LedgerEntry.objects.filter(fund_id__in=fund_ids)
    in_may = Q(effective_on__gte=MAY, effective_on__lt=dt.date(2026, 6, 1))

    def total(condition: Q) -> int:
        return int(entries.filter(condition).aggregate(t=Sum("amount_pence"))["t"] or 0)

    return {
        "opening_held": total(Q(account__in=MONEY_ACCOUNTS, effective_on__lt=MAY)),
        "closing_held": total(Q(account__in=MONEY_ACCOUNTS, effective_on__lt=dt.date(2026, 6, 1))),
        "from_council": -total(
            in_may & Q(account=Account.COUNCIL, transaction__kind=Kind.ALLOCATION)
        ),
        "management_fee": total(in_may & Q(account=Account.MANAGEMENT_FEE)),
        "banked": total(Q(account=Account.BANKED, effective_on__lt=dt.date(2026, 6, 1))),
    }


@pytest.mark.django_db
def test_each_isf_has_a_row_and_the_totals_tie_to_the_ledger(two_funds, council, finance):
    result = reconcile(council=council, funds=funds_visible_to(finance), month=MAY)
    assert [row.reference for row in result.rows] == ["ISF-0001", "ISF-0002"]
    dee = result.rows[0].amounts
    assert dee == {
        "opening_held": 239_200,
        "from_council": 260_000,
        "with_provider": 96_000,
        "with_other_suppliers": 54_000,
        "purchases": 2_500,
        "management_fee": 20_800,
        "refunds": 1_000,
        "returned_to_council": 5_000,
        "corrections": 2_500,
        "other": 0,
        "closing_held": 324_400,
        "banked": 40_000,
    }
    facts = ledger_facts([fund.pk for fund in two_funds])
    for key, value in facts.items():
        assert result.totals[key] == value, key
    assert result.totals == result.ledger_totals
    assert result.ties


@pytest.mark.django_db
def test_a_mismatch_is_reported_not_hidden(two_funds, council, finance, monkeypatch):
    from directsupport.funds.reconciliation import report as reconciliation

    real = reconciliation.ledger_sums

    def off_by_a_penny(fund_ids, month):
        sums = real(fund_ids, month)
        sums["closing_held"] += 1
        return sums

    monkeypatch.setattr(reconciliation, "ledger_sums", off_by_a_penny)
    result = reconcile(council=council, funds=funds_visible_to(finance), month=MAY)
    assert not result.ties
    assert "Closing held" in result.mismatches


@pytest.mark.parametrize("name", ALLOWED)
def test_allowed_readers_see_the_report(name, request, client_for, two_funds, council):
    response = client_for(request.getfixturevalue(name)).get(url(council.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ties to the ledger: yes." in page
    assert "ISF-0001" in page and "Dee Okafor" in page and "Ravi Mehta" in page
    assert "£6,488.00" in page  # closing held, both funds


@pytest.mark.parametrize("name", NOT_FOUND)
def test_everyone_else_gets_not_found(name, request, client_for, two_funds, council, dee, sister):
    client = client_for(request.getfixturevalue(name))
    for suffix in ["", "csv/", "xlsx/"]:
        assert client.get(url(council.pk, suffix)).status_code == 404


@pytest.mark.django_db
def test_a_commissioner_sees_only_their_own_council(client_for, commissioner, other_council):
    assert client_for(commissioner).get(url(other_council.pk)).status_code == 404


@pytest.mark.parametrize("month", ["2026-13", "soon", "2099-01"])
def test_a_bad_or_future_month_is_not_found(month, client_for, finance, two_funds, council):
    response = client_for(finance).get(
        f"/funds/councils/{council.pk}/reconciliation/?month={month}"
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_the_default_is_last_month(client_for, finance, two_funds, council):
    response = client_for(finance).get(f"/funds/councils/{council.pk}/reconciliation/")
    assert response.status_code == 200
    assert response.context["result"].month < dt.date.today().replace(day=1)


@pytest.mark.django_db
def test_the_csv_opens_in_excel_and_adds_up_to_the_ledger(client_for, finance, two_funds, council):
    response = client_for(finance).get(url(council.pk, "csv/"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="reconciliation-hollowfield-council-2026-05.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["ISF reference", "Person", "Opening held"]
    assert [row[0] for row in rows[1:]] == ["ISF-0001", "ISF-0002", "Total"]
    assert rows[1][2] == "2392.00" and "£" not in response.content.decode("utf-8-sig")
    totals = dict(zip([key for key, _ in MONEY_COLUMNS], rows[-1][2:], strict=True))
    facts = ledger_facts([fund.pk for fund in two_funds])
    for key, pence in facts.items():
        assert Decimal(totals[key]) * 100 == pence, key
    for key, _ in MONEY_COLUMNS:  # each total is the sum of the rows above it
        index = 2 + [k for k, _ in MONEY_COLUMNS].index(key)
        assert sum(Decimal(row[index]) for row in rows[1:-1]) == Decimal(rows[-1][index])


@pytest.mark.django_db
def test_the_workbook_has_numbers_a_pound_format_and_frozen_headings(
    client_for, commissioner, two_funds, council
):
    response = client_for(commissioner).get(url(council.pk, "xlsx/"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-2026-05.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.freeze_panes == "C2"
    assert sheet["A1"].value == "ISF reference" and sheet["A1"].font.bold
    assert sheet["A4"].value == "Total"
    opening = sheet["C2"]
    assert isinstance(opening.value, (int, float)) and opening.value == 2392
    assert "£" in opening.number_format
    facts = ledger_facts([fund.pk for fund in two_funds])
    keys = [key for key, _ in MONEY_COLUMNS]
    for key, pence in facts.items():
        cell = sheet.cell(row=4, column=3 + keys.index(key))
        assert round(Decimal(str(cell.value)) * 100) == pence, key


@pytest.mark.django_db
def test_finance_sees_only_the_funds_their_provider_holds(
    client_for, finance, outsider, two_funds, council, other_provider
):
    theirs = Fund.objects.create(
        person=PersonFactory.create(organisation=other_provider, funding_council=council),
        provider=other_provider,
        council=council,
        reference="ISF-9999",
    )
    hand_worked_may(theirs, finance)
    ours = reconcile(council=council, funds=funds_visible_to(finance), month=MAY)
    assert "ISF-9999" not in [row.reference for row in ours.rows] and ours.ties
