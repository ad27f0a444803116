"""Every Plan Book version waiting for agreement or publishing, for the people this member of
staff follows: the same work list page as planning's best guesses (404 for other roles)."""

from __future__ import annotations

from django.http import HttpResponse

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.planning.worklists.views import worklist_page

from .queries import plan_books_waiting


def plan_books_waiting_list(request: AuthenticatedRequest) -> HttpResponse:
    return worklist_page(request, plan_books_waiting, "planbook/worklists/plan_books.html")
