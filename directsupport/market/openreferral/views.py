"""The market shaper's page to import an Open Referral UK file into the directory (the public
API's views are in api_views.py)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.market.access import check_may_keep_directory

from .feed import MAX_BYTES
from .forms import OpenReferralImportForm
from .services import ImportReport, import_feed


def openreferral_import(request: AuthenticatedRequest) -> HttpResponse:
    """Market shapers and managers only (others 404). The report is shown on the page that
    answers the upload; importing the same file again changes the same entries, adding none."""
    user = request.user
    check_may_keep_directory(user)
    report: ImportReport | None = None
    if request.method == "POST":
        form = OpenReferralImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            report = import_feed(
                raw=upload.read(MAX_BYTES + 1),
                directory_owner=user.organisation,
                actor=user,
                default_district=form.cleaned_data["district"],
                new_supplier_kind=form.cleaned_data["supplier_kind"],
                request=request,
            )
            if report.refused:
                count = len(report.problems)
                form.add_error(
                    "file",
                    f"The file was not imported: {count} "
                    f"{'problem' if count == 1 else 'problems'} listed below. Nothing in the "
                    "directory has changed.",
                )
            else:
                form = OpenReferralImportForm()
    else:
        form = OpenReferralImportForm()
    return render(request, "market/openreferral/import.html", {"form": form, "report": report})
