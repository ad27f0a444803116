"""Erasure requests ('the right to be forgotten'): recorded, then decided by a manager against
the retention schedule, part by part, with reasons. Never automatic."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view
from directsupport.lib.forms import add_service_errors
from directsupport.people.models import Person

from .access import check_retention_manager, get_erasure_request_for_user, get_person_for_retention
from .forms import ErasureDecisionForm, ErasureRequestForm
from .holdings import holdings
from .models import ErasureRequest, ErasureStatus
from .services import PartDecision, decide_erasure_request, record_erasure_request


def erasure_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_retention_manager(user)
    requests = ErasureRequest.objects.filter(organisation_id=user.organisation_id)
    return render(
        request,
        "retention/erasure_list.html",
        {
            "open": requests.filter(status=ErasureStatus.OPEN),
            "decided": requests.filter(status=ErasureStatus.DECIDED)[:50],
        },
    )


@require_http_methods(["GET", "POST"])
def erasure_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_retention(user, pk)
    if request.method == "POST":
        form = ErasureRequestForm(request.POST)
        if form.is_valid():
            try:
                erasure = record_erasure_request(
                    actor=user, person=person, request=request, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Recorded the request. Nothing has been erased yet.")
                return redirect("retention:erasure", pk=erasure.pk)
    else:
        record_view(
            request, person_id=person.pk, subject=person, summary="Record an erasure request"
        )
        form = ErasureRequestForm(initial={"asked_on": timezone.localdate()})
    return render(request, "retention/erasure_new.html", {"person": person, "form": form})


@require_http_methods(["GET", "POST"])
def erasure_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The request, what is held per kind and whether the law lets it go now, and the decision."""
    user = request.user
    erasure = get_erasure_request_for_user(user, pk)
    person = Person.objects.filter(
        pk=erasure.person_id, organisation_id=user.organisation_id
    ).first()
    today = timezone.localdate()
    held = [item for item in holdings(person) if item.rows] if person is not None else []
    form = ErasureDecisionForm(held=held)
    if request.method == "POST" and erasure.status == ErasureStatus.OPEN and person is not None:
        form = ErasureDecisionForm(request.POST, held=held)
        if form.is_valid():
            try:
                decide_erasure_request(
                    actor=user,
                    erasure=erasure,
                    person=person,
                    decisions={
                        target: PartDecision(erase=erase, reason=reason)
                        for target, (erase, reason) in form.decisions().items()
                    },
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error, field_for=lambda part: f"{part}-choice")
            else:
                messages.success(
                    request,
                    "Decided. The person can be told what was erased and why the rest is kept.",
                )
                return redirect("retention:erasure", pk=erasure.pk)
    elif person is not None:
        record_view(request, person_id=person.pk, subject=erasure, summary="An erasure request")
    return render(
        request,
        "retention/erasure_detail.html",
        {
            "erasure": erasure,
            "person": person,
            "today": today,
            "form": form,
            "rows": [
                (item, item.erasable_now(today), item.law_says(today), choice, reason)
                for item, choice, reason in form.rows()
            ],
            "parts": erasure.parts.all(),
            "destructions": erasure.destructions.all(),
        },
    )
