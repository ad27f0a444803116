"""The people list and a person's record: their page, adding them and changing their details."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.services import record_view
from directsupport.lib.jinja_env import render_with_body

from ..access import (
    can_add_people,
    can_edit_person,
    can_see_circle,
    can_see_circle_contacts,
    check_may_add_people,
    get_people_list_for_user,
    get_person_for_user,
    sees_whole_organisation,
    visible_person_fields,
)
from ..forms import PeopleFilterForm, PersonEditForm, PersonForm
from ..models import Area, KeyDate, Person
from ..person_tabs import is_own
from ..services import EditConflict, create_person, update_person
from ..templatetags.circle_tags import circle_figure, circle_in_words

PEOPLE_PER_PAGE = 25
LIST_COLUMNS = (
    "first_name",
    "last_name",
    "preferred_name",
    "stage",
    "preferred_format",
    "area__name",
    "coordinator__full_name",
)


# --- The people list ------------------------------------------------------------------------


def people_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    visible = get_people_list_for_user(user)
    form = PeopleFilterForm(
        request.GET,
        user=user,
        areas=_areas_of(user, visible),
        coordinators=_coordinators_of(user, visible),
    )
    # Only the columns the table shows: at 25 rows a page, building whole people, areas and
    # users (with their dates) was most of the page's time.
    people = form.filter(visible).select_related("area", "coordinator").only(*LIST_COLUMNS)
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return render_with_body(
        request,
        "people/list.html",
        "people/list_body.jinja",
        {"form": form, "page": page, "can_add_people": can_add_people(user)},
    )


# The filter choices: one query each, however many people. "IN (subquery)" reads the visible
# people once; a correlated EXISTS per user or area was planned badly by SQLite at 10,000 people.


# Staff who see the whole organisation choose from its areas and coordinators directly, without
# reading every person; others choose among those of the people they can see.


def _areas_of(user: User, visible: QuerySet[Person]) -> list[tuple[int, str]]:
    """The areas this user may filter by, as (id, name)."""
    if sees_whole_organisation(user):
        areas = Area.objects.filter(organisation_id=user.organisation_id)
    else:
        areas = Area.objects.filter(pk__in=visible.values("area_id"))
    return list(areas.order_by("name").values_list("pk", "name"))


def _coordinators_of(user: User, visible: QuerySet[Person]) -> list[tuple[int, str]]:
    """The coordinators this user may filter by, as (id, name)."""
    if sees_whole_organisation(user):
        coordinators = User.objects.filter(
            organisation_id=user.organisation_id, role=Role.COORDINATOR
        )
    else:
        coordinators = User.objects.filter(pk__in=visible.values("coordinator_id"))
    return list(coordinators.order_by("full_name").values_list("pk", "full_name"))


# --- A person's page ------------------------------------------------------------------------


@dataclass(frozen=True)
class UpcomingDate:
    key_date: KeyDate
    next_on: dt.date | None
    days_away: int | None


def upcoming_dates(key_dates: list[KeyDate], today: dt.date) -> list[UpcomingDate]:
    """Key dates with when they next come round, soonest first; dates gone by go last."""
    dates = []
    for key_date in key_dates:
        next_on = key_date.next_occurrence(today)
        dates.append(
            UpcomingDate(
                key_date=key_date,
                next_on=next_on,
                days_away=(next_on - today).days if next_on else None,
            )
        )
    return sorted(dates, key=lambda d: (d.next_on is None, d.next_on or d.key_date.date))


def person_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_user(user, pk)
    record_view(request, person_id=person.pk, subject=person, summary="Person page")
    today = timezone.localdate()
    # Only the parts of the record this viewer may read are fetched at all (people.access).
    fields = visible_person_fields(user, person)
    context: dict[str, Any] = {
        "person": person,
        "fields": fields,
        "age": person.age_on(today) if "date_of_birth" in fields else None,
        "key_dates": (
            upcoming_dates(list(person.key_dates.all()), today) if "key_dates" in fields else []
        ),
        "support_team": (
            [
                assignment.worker
                for assignment in person.assignments.select_related("worker").order_by(
                    "worker__full_name"
                )
            ]
            if "support_team" in fields
            else []
        ),
        "can_edit": can_edit_person(user, person),
        "own": is_own(user, person),
        "show_circle": False,
    }
    if "circle" in fields and can_see_circle(user, person):
        members = list(person.circle.all())  # the picture and words show no member's account
        context["show_circle"] = True
        context["circle_members"] = members
        context["circle_picture"] = circle_figure(person, members) if members else ""
        context["circle_words"] = circle_in_words(person, members, 4) if members else ""
        context["can_see_contacts"] = can_see_circle_contacts(user, person)
    return render_with_body(request, "people/detail.html", "people/detail_body.jinja", context)


# --- Adding and changing --------------------------------------------------------------------


def person_add(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_add_people(user)
    if request.method == "POST":
        form = PersonForm(request.POST, request.FILES, organisation=user.organisation)
        if form.is_valid():
            try:
                person = create_person(
                    actor=user,
                    organisation=user.organisation,
                    details=form.details(),
                    photo=form.cleaned_data["photo"],
                    request=request,
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, f"{person.display_name} has been added.")
                return redirect("people:detail", pk=person.pk)
    else:
        form = PersonForm(organisation=user.organisation)
    return render(
        request,
        "people/add.html",
        {"form": form, "choose_photo_again": _photo_needs_choosing_again(request, form)},
    )


def person_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_user(user, pk, write=True)
    # The form gets its own copy: validation fills it with what was typed, and the page heading
    # must keep showing the saved record.
    if request.method == "POST":
        form = PersonEditForm(
            request.POST,
            request.FILES,
            instance=copy.copy(person),
            organisation=person.organisation,
        )
        if form.is_valid():
            try:
                update_person(
                    actor=user,
                    person=person,
                    expected_version=form.cleaned_data["version"],
                    changes=form.details(),
                    photo=form.cleaned_data["photo"],
                    remove_photo=form.cleaned_data.get("remove_photo", False),
                    request=request,
                )
            except EditConflict as conflict:
                return _conflict_page(request, form, conflict.saved)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, "The changes have been saved.")
                return redirect("people:detail", pk=person.pk)
    else:
        record_view(request, person_id=person.pk, subject=person, summary="Change details page")
        form = PersonEditForm(
            instance=copy.copy(person),
            initial={"version": person.version},
            organisation=person.organisation,
        )
    return render(
        request,
        "people/edit.html",
        {
            "person": person,
            "form": form,
            "choose_photo_again": _photo_needs_choosing_again(request, form),
        },
    )


def _photo_needs_choosing_again(request: HttpRequest, form: PersonForm) -> bool:
    """A good photo is lost when another field needs correcting: say so beside the field."""
    return bool(request.FILES.get("photo")) and form.is_bound and "photo" not in form.errors


def _conflict_page(request: HttpRequest, form: PersonEditForm, saved: Person) -> HttpResponse:
    """Both versions side by side, and the user's own typed values ready to save again."""
    data = request.POST.copy()
    data["version"] = str(saved.version)
    resubmit = PersonEditForm(data, instance=copy.copy(saved), organisation=saved.organisation)
    return render(
        request,
        "people/conflict.html",
        {
            "person": saved,
            "differences": form.differences(saved),
            "photo_chosen": form.cleaned_data.get("photo") is not None,
            "form": resubmit,
        },
        status=409,
    )
