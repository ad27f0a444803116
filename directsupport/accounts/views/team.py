"""Managers look after their organisation's users and roles."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..access import team_visible_to


def team_list(request: HttpRequest) -> HttpResponse:
    users = team_visible_to(request.user).order_by("full_name")  # type: ignore[arg-type]
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/team_list.html", {"page": page})
