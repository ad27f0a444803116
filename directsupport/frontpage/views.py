"""The home page each role lands on after signing in."""

from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.people.forms import MINE
from directsupport.people.models import PreferredFormat

from .access import coordinated_by, own_person, people_on_home

# The first few of a coordinator's people; the people list, filtered to theirs, has them all.
MY_PEOPLE_SHOWN = 10


def home(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    person = own_person(user)
    if person is not None:
        if person.preferred_format == PreferredFormat.STANDARD:
            return redirect("people:detail", pk=person.pk)
        return redirect("people:easy_read", pk=person.pk)
    context: dict[str, Any] = {"people_count": people_on_home(user).count(), "my_people": None}
    mine = coordinated_by(user)
    if mine is not None:
        context["my_people"] = list(mine[:MY_PEOPLE_SHOWN])
        context["my_people_count"] = mine.count()
        context["my_people_filter"] = MINE
    return render(request, "home.html", context)
