"""The full lists behind the home page's Planning Live panels, for the people this member of
staff follows (``access.planning_work_people``; 404 for other roles): here everyone with best
guesses still to check; planbook/worklists lists the Plan Books waiting with ``worklist_page``."""

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
from .queries import people_with_guesses

PER_PAGE = 50


def best_guesses_waiting(request: AuthenticatedRequest) -> HttpResponse:
    return worklist_page(request, people_with_guesses, "planning/worklists/best_guesses.html")


def worklist_page(
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
