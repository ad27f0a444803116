"""The programme dashboard: the page, and the same figures as CSV, XLSX and a PDF report for
the council's board. Thin: who may see what is ``access.dashboard_scope_for``; what is shown is
``reading.read_dashboard``, which reads the precomputed snapshots."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from openpyxl import Workbook

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.models import Action
from directsupport.audit.services import record_request_event
from directsupport.coproduction.access import dashboard_scope_for
from directsupport.lib.exports import csv_bytes, xlsx_append, xlsx_bytes

from .reading import Dashboard, read_dashboard
from .report import board_report

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _dashboard(request: AuthenticatedRequest, *, action: str, with_people: bool) -> Dashboard:
    user = request.user
    scope = dashboard_scope_for(user)
    dashboard = read_dashboard(
        user=user,
        scope=scope,
        params=request.GET,
        today=timezone.localdate(),
        now=timezone.now(),
        with_people=with_people,
    )
    listed = len(dashboard.stage_rows)
    record_request_event(
        request,
        action=action,
        subject_type="coproduction.dashboard",
        subject_id=str(scope.council_id or scope.provider_id or ""),
        summary=(
            f"Programme dashboard: {dashboard.scope_words}, {dashboard.period_words}"
            + (f" ({listed} people by name)" if listed else "")
        ),
    )
    return dashboard


def _filename(dashboard: Dashboard, extension: str) -> str:
    if not dashboard.months:
        return f"programme-figures.{extension}"
    first, last = dashboard.months[0].month, dashboard.months[-1].month
    return f"programme-figures-{first:%Y-%m}-to-{last:%Y-%m}.{extension}"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    found = _dashboard(request, action=Action.VIEW, with_people=True)
    return render(request, "coproduction/dashboard/dashboard.html", {"dashboard": found})


@require_GET
def dashboard_csv(request: AuthenticatedRequest) -> HttpResponse:
    found = _dashboard(request, action=Action.EXPORT, with_people=False)
    rows: list[list[Any]] = [[found.freshness], [found.scope_words]]
    if found.anonymised_rule:
        rows.append([found.anonymised_rule])
    rows += [[], *found.spreadsheet_rows()]
    return _download(csv_bytes(rows), "text/csv; charset=utf-8", _filename(found, "csv"))


@require_GET
def dashboard_xlsx(request: AuthenticatedRequest) -> HttpResponse:
    found = _dashboard(request, action=Action.EXPORT, with_people=False)
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101 - a new workbook always has a sheet
    sheet.title = "Programme figures"
    for row in found.spreadsheet_rows():
        xlsx_append(sheet, row)
    about = book.create_sheet("About these figures")
    for line in (found.scope_words, found.freshness, found.anonymised_rule):
        if line:
            xlsx_append(about, [line])
    return _download(xlsx_bytes(book), XLSX_TYPE, _filename(found, "xlsx"))


@require_GET
def dashboard_pdf(request: AuthenticatedRequest) -> HttpResponse:
    found = _dashboard(request, action=Action.EXPORT, with_people=False)
    rendered = board_report(found)
    return _download(rendered.content, "application/pdf", _filename(found, "pdf"))
