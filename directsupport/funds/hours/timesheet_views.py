"""Suppliers' timesheets: the imports so far, importing a CSV file whole or not at all, and one
import's sessions. Finance and managers only."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view

from ..access import check_may_import_timesheets
from ..models import TimesheetImport
from .forms import TimesheetUploadForm
from .timesheets import COLUMNS, MAX_ROWS, import_timesheet

PAGE_SIZE = 50


def timesheets(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_import_timesheets(user)
    imports = TimesheetImport.objects.filter(provider_id=user.organisation_id).select_related(
        "imported_by"
    )
    return render(
        request,
        "funds/hours/timesheets.html",
        {"page": Paginator(imports, PAGE_SIZE).get_page(request.GET.get("page"))},
    )


def timesheet_import(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_import_timesheets(user)
    problems: list[str] = []
    if request.method == "POST":
        form = TimesheetUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            result = import_timesheet(
                provider=user.organisation,
                supplier_name=form.cleaned_data["supplier_name"],
                file=upload,
                file_name=upload.name,
                actor=user,
                request=request,
            )
            if result.imported is not None:
                messages.success(
                    request,
                    f"The timesheet has been imported: {result.imported.sessions_count} sessions.",
                )
                return redirect("funds:timesheet", timesheet_pk=result.imported.pk)
            problems = result.problems
            form.add_error(
                "file",
                f"The file was not imported: {len(problems)} "
                f"{'problem' if len(problems) == 1 else 'problems'} listed below. Put them right "
                "and choose the file again.",
            )
    else:
        form = TimesheetUploadForm()
    return render(
        request,
        "funds/hours/timesheet_import.html",
        {"form": form, "problems": problems, "columns": COLUMNS, "max_rows": MAX_ROWS},
    )


def timesheet(request: AuthenticatedRequest, timesheet_pk: int) -> HttpResponse:
    user = request.user
    check_may_import_timesheets(user)
    imported = TimesheetImport.objects.filter(
        pk=timesheet_pk, provider_id=user.organisation_id
    ).first()
    if imported is None:
        raise Http404("No such timesheet")
    sessions = list(
        imported.sessions.select_related("fund__person").order_by(
            "fund__reference", "delivered_on", "starts_at"
        )
    )
    for person_id in sorted({session.fund.person_id for session in sessions}):
        record_view(request, person_id=person_id, subject=imported, summary="Imported timesheet")
    return render(
        request, "funds/hours/timesheet.html", {"imported": imported, "sessions": sessions}
    )
