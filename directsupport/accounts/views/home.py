"""The home page each role lands on after signing in, and the load balancer's health check."""

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from directsupport.people.access import people_visible_to
from directsupport.people.models import PreferredFormat

from ..roles import Role


def home(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.role == Role.PERSON:
        person = people_visible_to(user).first()
        if person is not None:
            if person.preferred_format == PreferredFormat.STANDARD:
                return redirect("people:detail", pk=person.pk)
            return redirect("people:easy_read", pk=person.pk)
    people = people_visible_to(user)
    return render(
        request,
        "accounts/home.html",
        {
            "people_count": people.count(),
            "my_people": (
                people.filter(coordinator=user)[:10] if user.role == Role.COORDINATOR else None
            ),
        },
    )


@login_not_required
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """For the load balancer: the app is up and its database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A stale form (or a forged one): explain in plain words, with the site's own page."""
    return render(request, "403_csrf.html", status=403)
