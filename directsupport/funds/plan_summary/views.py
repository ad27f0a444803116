"""The plan summary page: the council's view of a person's plan and money."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view

from ..access import get_plan_summary_person_for_user
from .summary import compile_plan_summary


def plan_summary(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_plan_summary_person_for_user(user, pk)
    # A disclosure to the council is a read like any other: the person sees it in "who looked".
    record_view(request, person_id=person.pk, subject=person, summary="Plan summary")
    return render(
        request,
        "funds/plan_summary/summary.html",
        {
            "person": person,
            "summary": compile_plan_summary(user, person),
            "for_the_council": user.role == "commissioner",
        },
    )
