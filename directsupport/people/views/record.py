"""The people list and a person's page."""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from directsupport.audit.services import record_view

from ..access import get_person_for_user, people_visible_to


def people_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    people = people_visible_to(user).select_related("area", "coordinator")
    page = Paginator(people, 25).get_page(request.GET.get("page"))
    return render(request, "people/list.html", {"page": page})


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)  # type: ignore[arg-type]
    record_view(request, person_id=person.pk, subject=person, summary="Person page")
    return render(request, "people/detail.html", {"person": person})
