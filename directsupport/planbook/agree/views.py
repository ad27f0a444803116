"""Agreeing a shared Plan Book version.

The person, signed in, answers in easy read: "Yes, this is my Plan Book", or "No, I want
changes". No sends the version back to draft (the workflow's own way of asking for changes:
an agreement cannot stand on a version the person wants changed) and keeps their words in the
audit row, which the coordinator sees on the version's page.

Staff record an agreement made elsewhere: the person's own (on paper or in a meeting), or a
representative's, with their name and the Mental Capacity Act reason, both required.

Circle members who may see the version get 403 (they may look, not agree); anyone who may not
see it gets 404 (planbook/access.py: get_version_for_agreement).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view

from ..access import can_agree_own_plan_book, get_version_for_agreement
from ..book.services import (
    EditConflict,
    PlanBookChangeRefused,
    agree,
    ask_for_changes,
)
from ..book.views import STALE, book_context, version_redirect
from ..models import PlanBookStatus, PlanBookVersion
from .forms import PersonAnswerForm, StaffAgreementForm


def plan_book_agree(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    user = request.user
    version = get_version_for_agreement(user, pk, number)
    person = version.person
    by_the_person = can_agree_own_plan_book(user, person)
    coordinator = person.coordinator.full_name if person.coordinator else "your coordinator"
    form: PersonAnswerForm | StaffAgreementForm
    if by_the_person:
        form = PersonAnswerForm(request.POST or None, coordinator=coordinator)
    else:
        form = StaffAgreementForm(request.POST or None, person=person)

    if request.method != "POST":
        record_view(
            request,
            person_id=person.pk,
            subject=version,
            summary=f"Agree Plan Book version {number}",
        )
        form.initial["version"] = version.version
        return _page(request, version, form, by_the_person)

    if version.status != PlanBookStatus.SHARED:
        return _page(request, version, form, by_the_person, status=409)
    if not form.is_valid():
        return _page(request, version, form, by_the_person)
    try:
        if isinstance(form, PersonAnswerForm):
            return _person_answers(request, version, form)
        agree(
            actor=user,
            version=version,
            expected_version=form.cleaned_data["version"],
            request=request,
            **form.agreement(),
        )
    except ValidationError as error:
        # The form checks the same; this is the service's own check, kept for safety.
        for message in error.messages:
            form.add_error(None, message)
        return _page(request, version, form, by_the_person)
    except PlanBookChangeRefused as refused:
        return _page(request, version, form, by_the_person, status=409, refusal=str(refused))
    except EditConflict as conflict:
        conflict.saved.person = person
        return _page(request, conflict.saved, form, by_the_person, status=409, refusal=STALE)
    messages.success(request, f"Recorded: {person.called}'s Plan Book version {number} is agreed.")
    return version_redirect(version)


def _person_answers(
    request: AuthenticatedRequest, version: PlanBookVersion, form: PersonAnswerForm
) -> HttpResponse:
    user = request.user
    person = version.person
    if form.says_yes:
        agree(
            actor=user,
            version=version,
            signed_by="person",
            expected_version=form.cleaned_data["version"],
            request=request,
        )
        messages.success(request, "Thank you. You said yes: this is your Plan Book.")
    else:
        ask_for_changes(
            actor=user, version=version, comment=form.cleaned_data["comment"], request=request
        )
        coordinator = person.coordinator.full_name if person.coordinator else "Your coordinator"
        messages.success(
            request,
            f"Thank you. You asked for changes. {coordinator} will talk with you about them.",
        )
    return version_redirect(version)


def _page(
    request: AuthenticatedRequest,
    version: PlanBookVersion,
    form: PersonAnswerForm | StaffAgreementForm,
    by_the_person: bool,
    *,
    status: int = 200,
    refusal: str = "",
) -> HttpResponse:
    user = request.user
    template = "planbook/agree_person.html" if by_the_person else "planbook/agree_staff.html"
    return render(
        request,
        template,
        {
            **book_context(user, version),
            "form": form,
            "waiting": version.status == PlanBookStatus.SHARED,
            "refusal": refusal,
        },
        status=status,
    )
