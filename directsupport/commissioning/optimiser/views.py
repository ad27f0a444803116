"""The optimiser's pages: runs with the start form, one run's report with its proposals, and
deciding a proposal. Thin: access (``commissioning.access``), a service, a template."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.lib.denials import NoAccess, ReadOnly

from ..access import (
    can_commission,
    check_may_read_commissioning,
    get_run_for_user,
    runs_visible_to,
)
from ..models import Proposal, RunStatus
from .forms import DecideForm, RunForm
from .services import decide_proposal, start_run

RUNS_SHOWN = 50


@require_http_methods(["GET", "POST"])
def run_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_read_commissioning(user, what="optimiser runs")
    form = RunForm(organisation=user.organisation)
    if request.method == "POST":
        if not can_commission(user):
            raise ReadOnly(
                subject_type="commissioning.optimiserrun",
                subject_id="new",
                reason="Read-only access: tried to start an optimiser run",
            )
        form = RunForm(request.POST, organisation=user.organisation)
        if form.is_valid():
            run = start_run(
                actor=user,
                organisation=user.organisation,
                parameters=form.parameters(),
                request=request,
            )
            return redirect("commissioning:run_detail", run_pk=run.pk)
    runs = runs_visible_to(user).select_related("created_by")[:RUNS_SHOWN]
    return render(
        request,
        "commissioning/optimiser/run_list.html",
        {"runs": runs, "form": form, "may_start": can_commission(user)},
        status=400 if form.errors else 200,
    )


def _report(request: AuthenticatedRequest, run_pk: int, **extra: Any) -> HttpResponse:
    user = request.user
    run = get_run_for_user(user, run_pk)
    proposals = list(run.proposals.select_related("service", "offer", "decided_by"))
    context = {
        "run": run,
        "proposals": proposals,
        "running": run.status in (RunStatus.QUEUED, RunStatus.RUNNING),
        "may_decide": can_commission(user),
        "saving": (
            run.greedy_cost_pence_a_week - run.cost_pence_a_week
            if run.greedy_cost_pence_a_week is not None and run.cost_pence_a_week is not None
            else None
        ),
        "gap_percent": run.gap_bp / 100 if run.gap_bp is not None else None,
        **extra,
    }
    status = 400 if extra.get("decide_form") is not None else 200
    return render(request, "commissioning/optimiser/run_detail.html", context, status=status)


def run_detail(request: AuthenticatedRequest, run_pk: int) -> HttpResponse:
    return _report(request, run_pk)


@require_POST
def run_proposal_decide(
    request: AuthenticatedRequest, run_pk: int, proposal_pk: int
) -> HttpResponse:
    user = request.user
    run = get_run_for_user(user, run_pk, write=True)
    proposal = Proposal.objects.filter(run=run, pk=proposal_pk).first()
    if proposal is None:
        raise NoAccess(
            subject_type="commissioning.proposal",
            subject_id=proposal_pk,
            reason="No such proposal in this optimiser run",
        )
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            decide_proposal(
                actor=user,
                proposal=proposal,
                accept=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            url = reverse("commissioning:run_detail", kwargs={"run_pk": run_pk})
            return redirect(f"{url}#proposal-{proposal.pk}")
    return _report(request, run_pk, decide_form=form, decided_proposal=proposal)
