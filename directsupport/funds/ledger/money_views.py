"""A person's Money tab: what is held for them now, what came in and went out since their
agreement started, the agreement in brief, the latest entries in their ledger, and the way to
the agreement, statements, banked money and hours."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, Subquery
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view

from ..access import can_post_to_ledger, get_money_page_for_user
from ..agreements.services import agreement_to_show
from ..models import BankingPot, FeeKind, Fund, Statement
from .services import (
    RECENT_COUNT,
    ledger_rows,
    ledger_transactions,
    money_summary,
    percent_text,
    weekly_fee_pence,
)


def _links_facts(fund: Fund) -> dict[str, Any]:
    """The latest statement's month and the number of open pots, for the page's links: one query."""
    statements = Statement.objects.filter(fund=OuterRef("pk")).order_by("-month")
    pots = (
        BankingPot.objects.filter(fund=OuterRef("pk"), closed_at__isnull=True)
        .order_by()
        .values("fund")
        .annotate(count=Count("pk"))
        .values("count")
    )
    facts = (
        Fund.objects.filter(pk=fund.pk)
        .annotate(latest_month=Subquery(statements.values("month")[:1]), open_pots=Subquery(pots))
        .values("latest_month", "open_pots")
        .get()
    )
    return {"latest_statement_month": facts["latest_month"], "pot_count": facts["open_pots"] or 0}


def money(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person, fund = get_money_page_for_user(user, pk)
    own = person.user_id == user.pk
    if fund is None:
        record_view(request, person_id=person.pk, subject=person, summary="Money page (no fund)")
        return render(request, "funds/money.html", {"person": person, "fund": None, "own": own})
    record_view(request, person_id=person.pk, subject=fund, summary="Money page")
    agreement = agreement_to_show(fund, timezone.localdate())
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
            **_links_facts(fund),
        },
    )
