"""One person's requests, contracts and pools, standard and easy read. Thin: the rows come from
rows.py, the access check from commissioning/access.py, and every read is audited."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view
from directsupport.people.models import Person

from ..access import can_commission, get_person_for_commissioning
from .rows import contract_rows, pool_rows, request_rows


def _context(request: AuthenticatedRequest, person: Person) -> dict[str, Any]:
    user = request.user
    return {
        "person": person,
        "own": person.user_id == user.pk,
        "requests": request_rows(user, person),
        "contracts": contract_rows(user, person),
        "pools": pool_rows(user, person),
        "can_commission": can_commission(user) and person.organisation_id == user.organisation_id,
    }


def overview_person(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = get_person_for_commissioning(request.user, pk)
    record_view(request, person_id=person.pk, subject=person, summary="Requests and contracts")
    return render(request, "commissioning/overview/person.html", _context(request, person))


def overview_person_easy_read(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = get_person_for_commissioning(request.user, pk)
    record_view(
        request, person_id=person.pk, subject=person, summary="Requests and contracts in easy read"
    )
    return render(
        request, "commissioning/overview/person_easy_read.html", _context(request, person)
    )
