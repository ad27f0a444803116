"""Choosing the support workers on a person's team: the team decides what a worker may see."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.models import User
from directsupport.audit.services import record_view

from ..access import get_person_for_user
from ..forms import AssignWorkerForm
from ..services import assign_support_worker, unassign_support_worker


def support_team(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_user(user, pk, write=True)
    if request.method == "POST":
        form = AssignWorkerForm(request.POST, person=person)
        if form.is_valid():
            worker = form.cleaned_data["worker"]
            try:
                assign_support_worker(actor=user, person=person, worker=worker, request=request)
            except ValidationError as error:
                form.add_error("worker", error.messages)
            else:
                messages.success(
                    request, f"{worker.full_name} is now on {person.called}'s support team."
                )
                return redirect("people:support_team", pk=person.pk)
    else:
        record_view(request, person_id=person.pk, subject=person, summary="Support team page")
        form = AssignWorkerForm(person=person)
    team = [
        assignment.worker
        for assignment in person.assignments.select_related("worker").order_by("worker__full_name")
    ]
    return render(
        request, "people/support_team.html", {"person": person, "team": team, "form": form}
    )


@require_POST
def support_team_remove(request: AuthenticatedRequest, pk: int, worker_pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_user(user, pk, write=True)
    worker = get_object_or_404(User, pk=worker_pk, assignments__person=person)
    unassign_support_worker(actor=user, person=person, worker=worker, request=request)
    messages.success(request, f"{worker.full_name} is no longer on {person.called}'s support team.")
    return redirect("people:support_team", pk=person.pk)
