"""A person's Money tab: what is held for them now, what came in and went out since their
agreement started, the agreement in brief and the latest entries in their ledger."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from directsupport.audit.services import record_view

from ..access import can_post_to_ledger, get_money_page_for_user
from ..ledger_services import (
    RECENT_COUNT,
    agreement_in_force,
    ledger_rows,
    ledger_transactions,
    money_summary,
    percent_text,
    weekly_fee_pence,
)
from ..models import FeeKind


def money(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    person, fund = get_money_page_for_user(user, pk)
    own = person.user_id == user.pk
    if fund is None:
        record_view(request, person_id=person.pk, subject=person, summary="Money page (no fund)")
        return render(request, "funds/money.html", {"person": person, "fund": None, "own": own})
    record_view(request, person_id=person.pk, subject=fund, summary="Money page")
    agreement = agreement_in_force(fund)
    return render(
        request,
        "funds/money.html",
        {
            "person": person,
            "fund": fund,
            "own": own,
            "summary": money_summary(fund, agreement),
            "agreement": agreement,
            "fee_is_percent": agreement is not None and agreement.fee_kind == FeeKind.PERCENT,
            "fee_percent": percent_text(agreement.fee_basis_points) if agreement else "",
            "weekly_fee_pence": weekly_fee_pence(agreement) if agreement else None,
            "rows": ledger_rows(ledger_transactions(fund)[:RECENT_COUNT]),
            "can_post": can_post_to_ledger(user, fund),
        },
    )
