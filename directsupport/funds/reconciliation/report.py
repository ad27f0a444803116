"""The council's reconciliation: one row per ISF for a month, with totals that tie to the ledger.

Rows come from the statement figures (``month_figures``). The totals are then worked out a
second, independent way, straight from sums of ledger entries for the same funds, and every
column compared: "Ties to the ledger" is yes only when each total agrees to the penny and the
ledger's own sums balance (opening + in - out = closing).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from openpyxl import Workbook
from openpyxl.styles import Font

from directsupport.accounts.models import Organisation
from directsupport.lib.exports import csv_bytes, xlsx_append, xlsx_bytes

from ..models import MONEY_ACCOUNTS, Account, Fund, Kind, LedgerEntry
from ..statements.figures import SPEND_KINDS, StatementFigures, month_figures, next_month

# (key, heading): the money columns, in the order shown and exported.
MONEY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("opening_held", "Opening held"),
    ("from_council", "Received from the council"),
    ("with_provider", "Spent with the provider"),
    ("with_other_suppliers", "Spent with other suppliers"),
    ("purchases", "Purchases"),
    ("management_fee", "Management fee"),
    ("refunds", "Refunds"),
    ("returned_to_council", "Returned to the council"),
    ("corrections", "Corrections"),
    ("other", "Other movements"),
    ("closing_held", "Closing held"),
    ("banked", "Banked"),
)
PENNY = Decimal("0.01")
POUNDS_FORMAT = '"£"#,##0.00;[Red]-"£"#,##0.00'


@dataclass(frozen=True)
class ReconciliationRow:
    reference: str
    person_name: str
    amounts: dict[str, int]


@dataclass(frozen=True)
class Reconciliation:
    council: Organisation
    month: dt.date
    rows: list[ReconciliationRow]
    totals: dict[str, int]
    ledger_totals: dict[str, int]
    mismatches: list[str] = field(default_factory=list)

    @property
    def ties(self) -> bool:
        return not self.mismatches


def _row_amounts(figures: StatementFigures) -> dict[str, int]:
    """Signed as the column reads: money out as a positive amount spent; corrections and other
    movements as their effect on the money held."""
    return {
        "opening_held": figures.opening_held_pence,
        "from_council": figures.from_council_pence,
        "with_provider": figures.spent_with_provider_pence,
        "with_other_suppliers": figures.spent_with_other_suppliers_pence,
        "purchases": figures.spent_on_purchases_pence,
        "management_fee": figures.management_fee_pence,
        "refunds": figures.refunds_pence,
        "returned_to_council": figures.returned_to_council_pence,
        "corrections": figures.corrections_pence,
        "other": figures.other_in_pence - figures.other_out_pence - figures.spent_otherwise_pence,
        "closing_held": figures.closing_held_pence,
        "banked": figures.closing_banked_pence,
    }


def reconcile(*, council: Organisation, funds: QuerySet[Fund], month: dt.date) -> Reconciliation:
    """The reconciliation of ``funds`` (those of ``council`` the reader may see) for ``month``."""
    funds = funds.filter(council=council).select_related("person").order_by("reference")
    fund_list = list(funds)
    figures = month_figures([fund.pk for fund in fund_list], month)
    rows = [
        ReconciliationRow(
            reference=fund.reference,
            person_name=fund.person.display_name,
            amounts=_row_amounts(figures[fund.pk]),
        )
        for fund in fund_list
    ]
    totals = {key: sum(row.amounts[key] for row in rows) for key, _ in MONEY_COLUMNS}
    ledger_totals = ledger_sums([fund.pk for fund in fund_list], month)
    mismatches = [
        heading for key, heading in MONEY_COLUMNS if totals[key] != ledger_totals.get(key, 0)
    ]
    if not _ledger_balances(ledger_totals):
        mismatches.append("The ledger's own sums do not balance")
    return Reconciliation(
        council=council,
        month=month.replace(day=1),
        rows=rows,
        totals=totals,
        ledger_totals=ledger_totals,
        mismatches=mismatches,
    )


def ledger_sums(fund_ids: list[int], month: dt.date) -> dict[str, int]:
    """The reconciliation's totals straight from the ledger entries: one aggregate query."""
    start, end = month.replace(day=1), next_month(month)
    money = Q(account__in=list(MONEY_ACCOUNTS))
    in_month = Q(effective_on__gte=start, effective_on__lt=end)
    kind = "transaction__kind"
    sums = {
        "opening_held": Sum("amount_pence", filter=money & Q(effective_on__lt=start)),
        "closing_held": Sum("amount_pence", filter=money),
        "banked": Sum("amount_pence", filter=Q(account=Account.BANKED)),
        "council_account": Sum(
            "amount_pence", filter=in_month & Q(account=Account.COUNCIL, **{kind: Kind.ALLOCATION})
        ),
        "fee_account": Sum(
            "amount_pence",
            filter=in_month & Q(account=Account.MANAGEMENT_FEE, **{kind: Kind.MANAGEMENT_FEE}),
        ),
        "with_provider": Sum(
            "amount_pence",
            filter=in_month
            & Q(account=Account.PROVIDER_SUPPORT, **{f"{kind}__in": list(SPEND_KINDS)}),
        ),
        "with_other_suppliers": Sum(
            "amount_pence",
            filter=in_month
            & Q(account=Account.OTHER_SUPPLIERS, **{f"{kind}__in": list(SPEND_KINDS)}),
        ),
        "purchases": Sum(
            "amount_pence",
            filter=in_month & Q(account=Account.PURCHASES, **{f"{kind}__in": list(SPEND_KINDS)}),
        ),
        "spend_held": Sum(
            "amount_pence", filter=in_month & money & Q(**{f"{kind}__in": list(SPEND_KINDS)})
        ),
        "refunds": Sum("amount_pence", filter=in_month & money & Q(**{kind: Kind.REFUND})),
        "returned_account": Sum(
            "amount_pence",
            filter=in_month & Q(account=Account.COUNCIL, **{kind: Kind.RETURN_TO_COUNCIL}),
        ),
        "corrections": Sum("amount_pence", filter=in_month & money & Q(**{kind: Kind.REVERSAL})),
        "other_held": Sum(
            "amount_pence",
            filter=in_month
            & money
            & ~Q(
                **{
                    f"{kind}__in": [
                        *SPEND_KINDS,
                        Kind.ALLOCATION,
                        Kind.MANAGEMENT_FEE,
                        Kind.REFUND,
                        Kind.RETURN_TO_COUNCIL,
                        Kind.REVERSAL,
                    ]
                }
            ),
        ),
    }
    raw = LedgerEntry.objects.filter(fund_id__in=fund_ids, effective_on__lt=end).aggregate(**sums)
    got = {key: int(value or 0) for key, value in raw.items()}
    spent_by_account = got["with_provider"] + got["with_other_suppliers"] + got["purchases"]
    return {
        "opening_held": got["opening_held"],
        "from_council": -got["council_account"],
        "with_provider": got["with_provider"],
        "with_other_suppliers": got["with_other_suppliers"],
        "purchases": got["purchases"],
        "management_fee": got["fee_account"],
        "refunds": got["refunds"],
        "returned_to_council": got["returned_account"],
        "corrections": got["corrections"],
        # Spending that did not go through a spending account, and anything unclassified.
        "other": got["other_held"] - (-got["spend_held"] - spent_by_account),
        "closing_held": got["closing_held"],
        "banked": got["banked"],
    }


def _ledger_balances(sums: dict[str, int]) -> bool:
    moved_in = sums["from_council"] + sums["refunds"] + sums["corrections"] + sums["other"]
    moved_out = (
        sums["with_provider"]
        + sums["with_other_suppliers"]
        + sums["purchases"]
        + sums["management_fee"]
        + sums["returned_to_council"]
    )
    return sums["opening_held"] + moved_in - moved_out == sums["closing_held"]


# --- Exports ---------------------------------------------------------------------------------


def _pounds(pence: int) -> Decimal:
    """Pence as pounds with exactly two decimals (a number, written as 12.50)."""
    return (Decimal(pence) / 100).quantize(PENNY)


def export_filename(reconciliation: Reconciliation, extension: str) -> str:
    council = "".join(c if c.isalnum() else "-" for c in reconciliation.council.name.lower())
    return f"reconciliation-{council.strip('-')}-{reconciliation.month:%Y-%m}.{extension}"


def headings() -> list[str]:
    return ["ISF reference", "Person", *(heading for _, heading in MONEY_COLUMNS)]


def to_csv(reconciliation: Reconciliation) -> bytes:
    """UTF-8 with a byte order mark (so Excel reads the £ and names right); amounts in pounds
    with two decimals and no £ sign; a totals row last. Written by the one export helper, so a
    name typed as a formula stays text."""
    rows: list[list[Any]] = [headings()]
    rows += [
        [row.reference, row.person_name, *(_pounds(row.amounts[key]) for key, _ in MONEY_COLUMNS)]
        for row in reconciliation.rows
    ]
    rows.append(["Total", "", *(_pounds(reconciliation.totals[key]) for key, _ in MONEY_COLUMNS)])
    return csv_bytes(rows)


def to_xlsx(reconciliation: Reconciliation) -> bytes:
    """A workbook: a header row, frozen below it and beside the names, amounts as numbers in
    pounds with a £ format, and a totals row."""
    book = Workbook()
    sheet = book.create_sheet(index=0)
    book.remove(book.worksheets[1])
    sheet.title = f"{reconciliation.month:%B %Y}"
    for cell in xlsx_append(sheet, headings()):
        cell.font = Font(bold=True)
    for row in reconciliation.rows:
        xlsx_append(
            sheet,
            [
                row.reference,
                row.person_name,
                *(_pounds(row.amounts[key]) for key, _ in MONEY_COLUMNS),
            ],
        )
    totals = ["Total", "", *(_pounds(reconciliation.totals[key]) for key, _ in MONEY_COLUMNS)]
    for cell in xlsx_append(sheet, totals):
        cell.font = Font(bold=True)
    for row_cells in sheet.iter_rows(min_row=2, min_col=3):
        for cell in row_cells:
            cell.number_format = POUNDS_FORMAT
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 28
    for index in range(3, 3 + len(MONEY_COLUMNS)):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = 16
    return xlsx_bytes(book)
