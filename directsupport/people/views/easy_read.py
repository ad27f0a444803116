"""The person's page in easy read: short sentences, a picture beside each idea, read aloud."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view

from ..access import (
    can_see_audit_trail,
    can_see_circle,
    get_person_for_user,
    visible_person_fields,
)
from ..models import KeyDate, Person


@dataclass(frozen=True)
class DateThatMatters:
    label: str
    date: dt.date
    every_year: bool


def easy_read(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_user(user, pk)
    record_view(request, person_id=person.pk, subject=person, summary="Easy-read page")
    # Only the parts of the record this viewer may read (people.access), e.g. no key dates
    # or communication needs for the council unless the person shares them.
    fields = visible_person_fields(user, person)
    show_circle = "circle" in fields and can_see_circle(user, person)
    return render(
        request,
        "people/easy_read.html",
        {
            "person": person,
            "fields": fields,
            "lives_in": person.area.name if person.area else person.town,
            "show_circle": show_circle,
            "circle_members": (
                list(person.circle.order_by("closeness", "name", "pk")) if show_circle else []
            ),
            "dates": (
                _dates_that_matter(person, timezone.localdate()) if "key_dates" in fields else []
            ),
            "who_looked_url": (
                _url_or_none("people:who_looked", person)
                if can_see_audit_trail(user, person)
                else None
            ),
        },
    )


def _dates_that_matter(person: Person, today: dt.date) -> list[DateThatMatters]:
    """The person's key dates, the next one to come round first; dates gone by last."""
    dates: list[tuple[bool, dt.date, KeyDate]] = []
    for key_date in person.key_dates.all():
        next_on = key_date.next_occurrence(today)
        dates.append((next_on is None, next_on or key_date.date, key_date))
    dates.sort(key=lambda entry: (entry[0], entry[1]))
    return [DateThatMatters(kd.label, kd.date, kd.every_year) for _, _, kd in dates]


def _url_or_none(name: str, person: Person) -> str | None:
    """A link to a page another part of the product provides, if it exists yet."""
    try:
        return reverse(name, kwargs={"pk": person.pk})
    except NoReverseMatch:
        return None
