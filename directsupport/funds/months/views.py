"""The monthly routine (``?month=2026-10``, default this month): how many of the provider's live
ISFs have the month opened and how many statements are made, with a button for each step.

Finance and managers only (``access.check_may_run_months``); the steps are safe to repeat, so a
double click or a retry posts nothing twice.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.models import Action
from directsupport.audit.services import record_request_event

from ..access import check_may_run_months
from ..statements.figures import month_start, next_month, parse_month, previous_month
from ..statements.services import MonthNotOver
from .routine import (
    OpenedMonths,
    make_statements_for_provider,
    month_progress,
    open_month_for_live_funds,
)

MONTHS_BACK = 12


def _month_asked(value: str, today: dt.date) -> dt.date:
    """The month in the form or the address; this month when none. Not found for a month that is
    not one, or later than next month."""
    if not value.strip():
        return month_start(today)
    month = parse_month(value.strip())
    if month is None or month > next_month(month_start(today)):
        raise Http404("No monthly routine for that month.")
    return month


def _month_choices(today: dt.date, *, include: dt.date) -> list[dt.date]:
    """Next month, this month and the twelve before, newest first (and the one shown)."""
    months = [next_month(month_start(today))]
    while len(months) < MONTHS_BACK + 2:
        months.append(previous_month(months[-1]))
    if include not in months:
        months.append(include)
    return months


@require_http_methods(["GET", "POST"])
def months(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_run_months(user)
    today = timezone.localdate()
    source = request.POST if request.method == "POST" else request.GET
    month = _month_asked(source.get("month", ""), today)
    opened: OpenedMonths | None = None
    statements_made: int | None = None
    refusal = ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "open":
            opened = open_month_for_live_funds(
                month=month, actor=user, provider_id=user.organisation_id, request=request
            )
        elif action == "statements":
            try:
                statements_made = make_statements_for_provider(
                    month=month, provider_id=user.organisation_id, actor=user
                )
            except MonthNotOver as error:
                refusal = f"{error} Nothing was made."
        else:
            raise Http404("No such step in the monthly routine.")
    else:
        record_request_event(
            request,
            action=Action.VIEW,
            subject=user.organisation,
            summary=f"Monthly routine page for {month:%B %Y}",
        )
    progress = month_progress(month=month, provider_id=user.organisation_id, today=today)
    return render(
        request,
        "funds/months.html",
        {
            "progress": progress,
            "month_value": f"{month:%Y-%m}",
            "month_choices": _month_choices(today, include=month),
            "opened": opened,
            "statements_made": statements_made,
            "refusal": refusal,
        },
        status=400 if refusal else 200,
    )
