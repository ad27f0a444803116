"""The circle of support: the relationship circle, changing who is in it, and who may see what."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view
from directsupport.lib.forms import add_service_errors

from ..access import (
    can_decide_circle_permissions,
    can_edit_person,
    can_see_circle_contacts,
    get_circle_member_for_user,
    get_circle_person_for_user,
    get_person_for_permissions,
)
from ..circle_forms import CircleMemberForm, ConsentForm
from ..circle_services import (
    ConsentConflict,
    add_circle_member,
    latest_decision_id,
    record_consent,
    remove_circle_member,
    update_circle_member,
)
from ..models import CircleMember, ConsentDecision, Person

CONSENT_HISTORY_LENGTH = 30


def _members(person: Person) -> list[CircleMember]:
    """Everyone in the circle, closest first, in one query however many there are."""
    return list(person.circle.select_related("user").order_by("closeness", "name", "pk"))


def circle(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_circle_person_for_user(user, pk)
    record_view(request, person_id=person.pk, subject=person, summary="Circle of support")
    return render(
        request,
        "people/circle.html",
        {
            "person": person,
            "members": _members(person),
            "can_see_contacts": can_see_circle_contacts(user, person),
            "can_edit": can_edit_person(user, person),
        },
    )


def circle_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_circle_person_for_user(user, pk, write=True)
    form = CircleMemberForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            member = add_circle_member(
                actor=user, person=person, request=request, **form.member_details()
            )
        except ValidationError as error:
            add_service_errors(form, error, field_for=_circle_field)
        else:
            messages.success(
                request,
                f"{member.name} is now in {person.called}'s circle. They cannot see "
                f"{person.called}'s information until {person.called} says they may.",
            )
            return redirect("people:circle", pk=person.pk)
    return render(request, "people/circle_member_form.html", {"person": person, "form": form})


def circle_edit(request: AuthenticatedRequest, pk: int, member_pk: int) -> HttpResponse:
    user = request.user
    member = get_circle_member_for_user(user, pk, member_pk, write=True)
    person = member.person
    form = CircleMemberForm(request.POST or None, person=person, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            update_circle_member(
                actor=user, member=member, request=request, **form.member_details()
            )
        except ValidationError as error:
            add_service_errors(form, error, field_for=_circle_field)
        else:
            messages.success(request, f"{form.cleaned_data['name']}'s details are saved.")
            return redirect("people:circle", pk=person.pk)
    if request.method != "POST":
        record_view(
            request, person_id=person.pk, subject=member, summary="Change circle member page"
        )
    return render(
        request,
        "people/circle_member_form.html",
        {"person": person, "form": form, "member": member},
    )


def circle_remove(request: AuthenticatedRequest, pk: int, member_pk: int) -> HttpResponse:
    """A confirm page (GET), then the removal itself (POST)."""
    user = request.user
    member = get_circle_member_for_user(user, pk, member_pk, write=True)
    person = member.person
    if request.method == "POST":
        remove_circle_member(actor=user, member=member, request=request)
        messages.success(request, f"{member.name} is no longer in {person.called}'s circle.")
        return redirect("people:circle", pk=person.pk)
    record_view(request, person_id=person.pk, subject=member, summary="Remove circle member page")
    return render(request, "people/circle_member_remove.html", {"person": person, "member": member})


def _circle_field(name: str) -> str:
    """A circle member's user is typed as their sign-in email."""
    return {"user": "login_email"}.get(name, name)


# --- Who can see my information -------------------------------------------------------------


def permissions(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Who in the circle may see and add to the person's information.

    The person decides (the page is in easy read for them); staff who edit the record may
    record a decision, saying who made it. Everyone else who may see the circle sees it
    read-only, and a POST from them is refused (403).
    """
    user = request.user
    if request.method == "POST":
        person = get_person_for_permissions(user, pk)
    else:
        person = get_circle_person_for_user(user, pk)
    members = _members(person)
    may_decide = can_decide_circle_permissions(user, person)
    by_the_person = person.user_id is not None and person.user_id == user.pk
    form = None
    if may_decide:
        form = ConsentForm(
            request.POST or None,
            person=person,
            members=members,
            by_the_person=by_the_person,
            initial={"based_on_decision": latest_decision_id(person)},
        )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            decisions = record_consent(
                actor=user,
                person=person,
                choices=form.choices(),
                based_on_decision=form.cleaned_data["based_on_decision"],
                request=request,
                **form.decision(),
            )
        except ConsentConflict as conflict:
            form = _conflicted_form(form, request.POST, conflict.latest_decision_id)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(request, _saved_message(person, len(decisions), by_the_person))
            return redirect("people:permissions", pk=person.pk)
    if request.method != "POST":
        record_view(
            request, person_id=person.pk, subject=person, summary="Who can see my information"
        )
    history = (
        ConsentDecision.objects.filter(person=person)
        .select_related("recorded_by")
        .order_by("-recorded_at", "-id")[:CONSENT_HISTORY_LENGTH]
    )
    template = "people/permissions_easy_read.html" if by_the_person else "people/permissions.html"
    return render(
        request,
        template,
        {
            "person": person,
            "members": members,
            "form": form,
            "history": list(history),
        },
    )


def _conflicted_form(form: ConsentForm, data: QueryDict, latest: int) -> ConsentForm:
    """The user's answers kept, marked as based on the newest decision, with a clear warning."""
    fresh = data.copy()
    fresh["based_on_decision"] = str(latest)
    conflicted = ConsentForm(
        fresh, person=form.person, members=form.members, by_the_person=form.by_the_person
    )
    conflicted.is_valid()
    conflicted.add_error(
        None,
        "Someone else changed who can see this information while you had the page open. "
        "Your answers are below: check them against the list of changes, then save again.",
    )
    return conflicted


def _saved_message(person: Person, changed: int, by_the_person: bool) -> str:
    if changed == 0:
        return "Nothing was changed." if not by_the_person else "You did not change anything."
    if by_the_person:
        return "Thank you. Your choices are saved."
    people = "person" if changed == 1 else "people"
    return f"Saved. What {changed} {people} in {person.called}'s circle may do has changed."
