"""A person's monthly statements: the list, one month on screen, in easy read, and as a PDF.

Whoever may see the person's fund may read them (``access.get_fund_for_user``). A month that is
not a month ("2026-13", "october") or is still to come is not found.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view

from ..access import get_fund_for_user
from ..models import Fund, Statement
from .display import StatementPage, statement_page
from .figures import parse_month
from .pdf import render_statement_pdf


def _page_for(request: AuthenticatedRequest, pk: int, month: str) -> tuple[Fund, StatementPage]:
    user = request.user
    fund = get_fund_for_user(user, pk)
    wanted = parse_month(month)
    page = statement_page(fund, wanted, today=timezone.localdate()) if wanted else None
    if page is None:
        raise Http404("No statement for that month.")
    return fund, page


@require_GET
def statements(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    fund = get_fund_for_user(user, pk)
    today = timezone.localdate()
    current = statement_page(fund, today, today=today)
    issued = list(Statement.objects.filter(fund=fund).order_by("-month").only("month", "made_at"))
    record_view(
        request,
        person_id=fund.person.pk,
        subject=fund,
        summary=f"{fund.person.display_name}'s statements",
    )
    return render(
        request,
        "funds/statements/list.html",
        {"person": fund.person, "fund": fund, "current": current, "issued": issued},
    )


@require_GET
def statement(request: AuthenticatedRequest, pk: int, month: str) -> HttpResponse:
    fund, page = _page_for(request, pk, month)
    record_view(
        request,
        person_id=fund.person.pk,
        subject=page.statement or fund,
        summary=f"Statement for {page.month:%B %Y}",
    )
    return render(
        request,
        "funds/statements/statement.html",
        {"person": fund.person, "fund": fund, "page": page, "figures": page.figures},
    )


@require_GET
def statement_easy_read(request: AuthenticatedRequest, pk: int, month: str) -> HttpResponse:
    fund, page = _page_for(request, pk, month)
    record_view(
        request,
        person_id=fund.person.pk,
        subject=page.statement or fund,
        summary=f"Statement for {page.month:%B %Y} in easy read",
    )
    return render(
        request,
        "funds/statements/easy_read.html",
        {"person": fund.person, "fund": fund, "page": page, "ideas": page.easy_sentences()},
    )


@require_GET
def statement_pdf(request: AuthenticatedRequest, pk: int, month: str) -> HttpResponse:
    fund, page = _page_for(request, pk, month)
    easy = request.GET.get("format") == "easy"
    pdf = render_statement_pdf(fund, page, easy=easy)
    record_view(
        request,
        person_id=fund.person.pk,
        subject=page.statement or fund,
        summary=f"Statement for {page.month:%B %Y} as a PDF{' (easy read)' if easy else ''}",
    )
    response = HttpResponse(pdf.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
