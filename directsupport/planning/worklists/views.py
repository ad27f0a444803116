"""The full lists behind the home page's Planning Live panels: everyone with best guesses still
to check, and every Plan Book version waiting for agreement or publishing, for the people this
member of staff follows (``access.planning_work_people``; 404 for other roles)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.roles import Role
from directsupport.people.models import Person

from ..access import planning_work_people
from .queries import people_with_guesses, plan_books_waiting

PER_PAGE = 50


def best_guesses_waiting(request: AuthenticatedRequest) -> HttpResponse:
    return _worklist(request, people_with_guesses, "planning/worklists/best_guesses.html")


def plan_books_waiting_list(request: AuthenticatedRequest) -> HttpResponse:
    return _worklist(request, plan_books_waiting, "planning/worklists/plan_books.html")


def _worklist(
    request: AuthenticatedRequest,
    items: Callable[[QuerySet[Person]], QuerySet[Any]],
    template: str,
) -> HttpResponse:
    """One page of a work list over the people this member of staff follows."""
    user = request.user
    found = items(planning_work_people(user))
    return render(
        request,
        template,
        {
            "page": Paginator(found, PER_PAGE).get_page(request.GET.get("page")),
            "coordinator": user.role == Role.COORDINATOR,
        },
    )
