"""The full lists behind the home page's Planning Live panels: everyone with best guesses still
to check, and every Plan Book version waiting for agreement or publishing, for the people this
member of staff follows (``access.planning_work_people``; 404 for other roles)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.roles import Role

from ..access import planning_work_people
from ..worklists import people_with_guesses, plan_books_waiting

PER_PAGE = 50


def best_guesses_waiting(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    people = people_with_guesses(planning_work_people(user))
    return render(
        request,
        "planning/worklists/best_guesses.html",
        {
            "page": Paginator(people, PER_PAGE).get_page(request.GET.get("page")),
            "coordinator": user.role == Role.COORDINATOR,
        },
    )


def plan_books_waiting_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    versions = plan_books_waiting(planning_work_people(user))
    return render(
        request,
        "planning/worklists/plan_books.html",
        {
            "page": Paginator(versions, PER_PAGE).get_page(request.GET.get("page")),
            "coordinator": user.role == Role.COORDINATOR,
        },
    )
