"""The council's reconciliation across its ISFs for a month (``?month=2026-10``, default last
month): on screen, as CSV and as an Excel workbook.

Finance and managers see it for councils whose funds their provider holds (those funds only);
a commissioner for their own council (all its funds); everyone else gets not found.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.models import Action
from directsupport.audit.services import record_request_event

from ..access import funds_visible_to, get_council_for_reconciliation
from ..statements.figures import month_start, parse_month, previous_month
from .report import (
    MONEY_COLUMNS,
    Reconciliation,
    export_filename,
    reconcile,
    to_csv,
    to_xlsx,
)

MONTHS_TO_CHOOSE = 24
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _month_asked(request: HttpRequest) -> dt.date:
    today = timezone.localdate()
    asked = request.GET.get("month", "").strip()
    if not asked:
        return previous_month(today)
    month = parse_month(asked)
    if month is None or month > month_start(today):
        raise Http404("No reconciliation for that month.")
    return month


def _recent_months(latest: dt.date, *, include: dt.date) -> list[dt.date]:
    """The months to choose from, newest first: the last two years, and the one shown."""
    months = [latest]
    while len(months) < MONTHS_TO_CHOOSE:
        months.append(previous_month(months[-1]))
    if include not in months:
        months.append(include)
    return months


def _reconciliation(request: AuthenticatedRequest, council_pk: int, action: str) -> Reconciliation:
    user = request.user
    council = get_council_for_reconciliation(user, council_pk)
    month = _month_asked(request)
    result = reconcile(council=council, funds=funds_visible_to(user), month=month)
    record_request_event(
        request,
        action=action,
        subject=council,
        summary=f"Reconciliation for {council.name}, {month:%B %Y} ({len(result.rows)} ISFs)",
    )
    return result


@require_GET
def reconciliation(request: AuthenticatedRequest, council_pk: int) -> HttpResponse:
    result = _reconciliation(request, council_pk, Action.VIEW)
    today = timezone.localdate()
    columns = [
        {"key": key, "heading": heading, "total": result.totals[key]}
        for key, heading in MONEY_COLUMNS
    ]
    rows = [
        {"row": row, "amounts": [row.amounts[key] for key, _ in MONEY_COLUMNS]}
        for row in result.rows
    ]
    return render(
        request,
        "funds/reconciliation/reconciliation.html",
        {
            "result": result,
            "columns": columns,
            "rows": rows,
            "month_value": f"{result.month:%Y-%m}",
            "month_choices": _recent_months(month_start(today), include=result.month),
            "is_current_month": result.month == month_start(today),
        },
    )


@require_GET
def reconciliation_csv(request: AuthenticatedRequest, council_pk: int) -> HttpResponse:
    result = _reconciliation(request, council_pk, Action.EXPORT)
    response = HttpResponse(to_csv(result), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(result, "csv")}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def reconciliation_xlsx(request: AuthenticatedRequest, council_pk: int) -> HttpResponse:
    result = _reconciliation(request, council_pk, Action.EXPORT)
    response = HttpResponse(to_xlsx(result), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{export_filename(result, "xlsx")}"'
    response["Cache-Control"] = "private, no-store"
    return response
