"""The home page each role lands on after signing in."""

from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.roles import Role
from directsupport.people.access import people_visible_to
from directsupport.people.forms import MINE
from directsupport.people.models import PreferredFormat

# The first few of a coordinator's people; the people list, filtered to theirs, has them all.
MY_PEOPLE_SHOWN = 10


def home(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if user.role == Role.PERSON:
        person = people_visible_to(user).first()
        if person is not None:
            if person.preferred_format == PreferredFormat.STANDARD:
                return redirect("people:detail", pk=person.pk)
            return redirect("people:easy_read", pk=person.pk)
    people = people_visible_to(user)
    context: dict[str, Any] = {"people_count": people.count(), "my_people": None}
    if user.role == Role.COORDINATOR:
        mine = people.filter(coordinator=user).order_by("last_name", "first_name", "pk")
        context["my_people"] = list(mine[:MY_PEOPLE_SHOWN])
        context["my_people_count"] = mine.count()
        context["my_people_filter"] = MINE
    return render(request, "home.html", context)
