"""The home page each role lands on after signing in."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from directsupport.accounts.roles import Role
from directsupport.people.access import people_visible_to
from directsupport.people.models import PreferredFormat


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
        "home.html",
        {
            "people_count": people.count(),
            "my_people": (
                people.filter(coordinator=user)[:10] if user.role == Role.COORDINATOR else None
            ),
        },
    )
