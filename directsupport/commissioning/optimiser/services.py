"""Starting an optimiser run, doing it (from its task), and deciding its proposals.

``start_run`` records the run and queues ``tasks.run_optimiser`` for when the transaction
commits; the task calls ``carry_out_run``, which builds the instance from the database
(``build.py``), solves it (``solve.solve``), and writes the report and one Proposal per need met
alone and per pool, saying how far along it is as it goes (``progress_percent`` and
``progress_words``). ``decide_proposal`` accepts or rejects one proposal, audited.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.audit.models import Action
from directsupport.audit.services import record_change
from directsupport.lib.denials import NoAccess
from directsupport.market.models import CostOption, CostUnit, SupportNeed

from ..access import check_may_commission
from ..models import (
    OptimiserRun,
    Pool,
    PoolMember,
    PoolStatus,
    Proposal,
    ProposalKind,
    ProposalStatus,
    RunStatus,
)
from ..pools.proposing import create_pool
from .build import Built, build_instance
from .model import CONFLICT_TITLES, Settings, Solution
from .solve import solve

logger = logging.getLogger(__name__)

DEFAULT_PARAMETERS: dict[str, Any] = {
    "options_per_need": 8,
    "gap_percent": 0.0,
    "time_limit_seconds": 60,
    "include_pools": True,
    "pool_travel_km": 5,
    "pool_size": 3,
    "exclusions": [],
}


def normalised_parameters(parameters: dict[str, Any]) -> dict[str, Any]:
    """The defaults, overridden by what was given; unknown keys are refused."""
    unknown = set(parameters) - set(DEFAULT_PARAMETERS)
    if unknown:
        raise ValidationError(f"Unknown settings: {', '.join(sorted(unknown))}")
    return {**DEFAULT_PARAMETERS, **parameters}


@transaction.atomic
def start_run(
    *,
    actor: User,
    organisation: Organisation,
    parameters: dict[str, Any],
    request: HttpRequest | None = None,
) -> OptimiserRun:
    """Record a run for the provider's borough and queue the work for when this commits.

    ``parameters`` (all optional): ``options_per_need`` (k, 1-50), ``gap_percent`` (0 asks for
    the optimum; 1 stops within 1% of the bound), ``time_limit_seconds``, ``include_pools``,
    ``pool_travel_km``, ``pool_size``, and ``exclusions``: [person id, supplier id] pairs, the
    suppliers each person said no to (the market records none). Market shapers and managers
    of the provider only (NoAccess otherwise)."""
    check_may_commission(actor, what="optimiser runs")
    if organisation.pk != actor.organisation_id:
        raise NoAccess(
            subject_type="commissioning.optimiserrun",
            subject_id="new",
            reason="A run is only for the user's own provider",
        )
    run = OptimiserRun(
        organisation=organisation,
        parameters=normalised_parameters(parameters),
        created_by=actor,
        progress_words="Waiting to start",
    )
    run.full_clean()
    run.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        subject=run,
        summary="Started an optimiser run for the borough",
        changes={"parameters": {"from": None, "to": str(run.parameters)}},
    )
    run_id = run.pk
    from . import tasks

    transaction.on_commit(lambda: tasks.run_optimiser.enqueue(run_id))
    return run


def _progress(run: OptimiserRun, percent: int, words: str) -> None:
    run.progress_percent = max(0, min(100, percent))
    run.progress_words = words[:200]
    OptimiserRun.objects.filter(pk=run.pk).update(
        progress_percent=run.progress_percent, progress_words=run.progress_words
    )


def carry_out_run(*, run_id: int, today: dt.date | None = None) -> OptimiserRun:
    """Build, solve and write the proposals of a queued run. A run already started does
    nothing (a task run twice); a failure is recorded on the run, in words."""
    started = OptimiserRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now()
    )
    run = OptimiserRun.objects.select_related("organisation").get(pk=run_id)
    if not started:
        return run
    try:
        _progress(run, 5, "Reading the needs, the directory and each person's money")
        built = build_instance(
            organisation=Organisation.objects.get(pk=run.organisation_id),
            today=today or timezone.localdate(),
            parameters=run.parameters,
        )
        _progress(run, 10, f"Solving for {len(built.instance.needs):,} needs")
        parameters = run.parameters
        solution = solve(
            built.instance,
            Settings(
                options_per_need=int(parameters["options_per_need"]),
                mip_rel_gap=float(parameters["gap_percent"]) / 100,
                time_limit_seconds=float(parameters["time_limit_seconds"]),
            ),
            progress=lambda percent, words: _progress(run, percent, words),
        )
        _progress(run, 92, "Writing the proposals")
        _write(run, built, solution)
    except Exception as error:  # the run says what went wrong, in words, for staff to see
        logger.exception("Optimiser run %s failed", run_id)
        OptimiserRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED,
            error=f"The run could not finish: {error}"[:500],
            finished_at=timezone.now(),
            progress_words="Failed",
        )
    run.refresh_from_db()
    return run


@transaction.atomic
def _write(run: OptimiserRun, built: Built, solution: Solution) -> None:
    words = built.need_words
    proposals = []
    for assignment in solution.assignments:
        option = assignment.option
        name = built.instance.supplier_names.get(option.supplier_id, "a supplier")
        what = option.label or name
        proposals.append(
            Proposal(
                run=run,
                kind=ProposalKind.ASSIGN,
                need_ids=[assignment.need_id],
                service_id=option.service_id,
                offer_id=option.offer_id,
                pence_a_week=option.pence_a_week,
                alone_pence_a_week=option.pence_a_week,
                explanation=(f"{words.get(assignment.need_id, 'A need')}: {what} ({name})")[:500],
            )
        )
    for pool in solution.pools:
        together = pool.option
        name = built.instance.supplier_names.get(together.supplier_id, "a supplier")
        who = "; ".join(words.get(n, str(n)) for n in pool.need_ids)
        proposals.append(
            Proposal(
                run=run,
                kind=ProposalKind.POOL,
                need_ids=list(pool.need_ids),
                service_id=together.service_id,
                pence_a_week=together.pence_a_week,
                alone_pence_a_week=sum(together.alone),
                explanation=(
                    f"Together, {len(pool.need_ids)} people with one worker from {name}: {who}"
                )[:500],
            )
        )
    for proposal in proposals:
        proposal.full_clean(exclude=["run", "service", "offer"])
    Proposal.objects.bulk_create(proposals)
    conflicts = [
        {
            "need_id": unmet.need_id,
            "need": words.get(unmet.need_id, str(unmet.need_id)),
            "conflicts": [
                {"code": c.code, "title": CONFLICT_TITLES.get(c.code, c.code), "words": c.words}
                for c in unmet.conflicts
            ],
        }
        for unmet in solution.unmet
    ]
    OptimiserRun.objects.filter(pk=run.pk).update(
        status=RunStatus.DONE,
        solver_status=solution.status,
        needs_count=solution.needs_count,
        options_count=solution.options_count,
        cost_pence_a_week=solution.cost_pence_a_week,
        lower_bound_pence_a_week=solution.lower_bound_pence_a_week,
        gap_bp=solution.gap_bp,
        greedy_cost_pence_a_week=solution.greedy_cost_pence_a_week,
        unmet_needs=len(solution.unmet),
        solve_ms=round(solution.solve_seconds * 1000),
        conflicts=conflicts,
        report={
            "greedy_unmet": solution.greedy_unmet,
            "components": solution.components,
            "solved_components": solution.solved_components,
            "truncated_needs": solution.truncated_needs,
            "pools_offered": solution.pools_offered,
            "pools_refused_dearer": solution.pools_refused_dearer,
            "pools_chosen": len(solution.pools),
            "needs_met_alone": len(solution.assignments),
            "unmet_penalty_pence": solution.penalty_pence,
            "pools_skipped": built.pools_skipped,
        },
        progress_percent=100,
        progress_words="Finished",
        finished_at=timezone.now(),
    )


def _pool_for(proposal: Proposal, *, actor: User, request: HttpRequest | None) -> Pool | None:
    """The pool an accepted pool proposal becomes, priced at the proposed service's hourly
    rate in force today; None when a member's need is already in a live pool."""
    needs = list(
        SupportNeed.objects.filter(pk__in=proposal.need_ids).select_related(
            "person", "term", "district"
        )
    )
    live = PoolMember.objects.filter(need__in=needs).exclude(pool__status=PoolStatus.CLOSED)
    if len(needs) < 2 or live.exists() or proposal.service_id is None:
        return None
    today = timezone.localdate()
    rate = (
        CostOption.objects.filter(
            service_id=proposal.service_id, unit=CostUnit.HOUR, valid_from__lte=today
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .order_by("amount_pence")
        .values_list("amount_pence", flat=True)
        .first()
    )
    if rate is None:
        return None
    run = proposal.run
    try:
        with transaction.atomic():
            return create_pool(
                actor=actor,
                organisation=Organisation.objects.get(pk=run.organisation_id),
                needs=needs,
                pence_per_hour=rate,
                max_travel_km=int(run.parameters.get("pool_travel_km", 5)),
                request=request,
            )
    except ValidationError:  # someone would pay more, or already pooled: the decision stands
        return None


@transaction.atomic
def decide_proposal(
    *,
    actor: User,
    proposal: Proposal,
    accept: bool,
    reason: str = "",
    request: HttpRequest | None = None,
) -> Proposal:
    """Accept or reject one proposal, with the reason. A proposal is decided once; deciding it
    again raises ValidationError. Call after ``access.get_run_for_user(..., write=True)``.
    Accepting a pool proposal also proposes the pool (``pools.proposing``: its members asked,
    each with their share and what they would pay alone), unless one of its needs is already
    in a pool still going; the requests for quote and contracts follow on their own pages."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != ProposalStatus.PENDING:
        raise ValidationError("This proposal has already been decided.")
    before = locked.status
    locked.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.REJECTED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.decision_reason = reason.strip()
    if accept and locked.kind == ProposalKind.POOL and locked.pool_id is None:
        locked.pool = _pool_for(locked, actor=actor, request=request)
    locked.full_clean()
    locked.save(update_fields=["status", "decided_by", "decided_at", "decision_reason", "pool"])
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        subject=locked,
        summary=(
            f"{'Accepted' if accept else 'Rejected'} optimiser proposal {locked.pk} "
            f"of run {locked.run_id}"
        ),
        changes={"status": {"from": before, "to": locked.status}},
    )
    return locked
