"""The demo's saved optimiser run: the whole borough, solved as Tom Reilly would start it from
the optimiser page, with its report (cost, LP bound, gap, the greedy baseline's cost) and its
proposals, some decided and some waiting.

The run is carried out here, not left to the background worker: the demo must show a finished
run as soon as it is loaded (the task does the same call; running it twice does nothing).
Tom accepts the first two proposals that meet a need with a supplier and rejects the next
one, with his reasons; the rest wait for a decision. Pool proposals stay waiting: the pools
the demo tells of are already on the pools page.
"""

from __future__ import annotations

import datetime as dt

from directsupport.accounts.models import Organisation, User
from directsupport.commissioning.models import OptimiserRun, ProposalKind
from directsupport.commissioning.optimiser.services import (
    carry_out_run,
    decide_proposal,
    start_run,
)

ACCEPTED = (
    "Agreed with the person's coordinator: the supplier is one they already know.",
    "The person liked this supplier when they met; asking for a quote next.",
)
REJECTED = "The person wants to wait until their review before changing who supports them."


def seed_optimiser_run(*, provider: Organisation, shaper: User, today: dt.date) -> OptimiserRun:
    run = start_run(actor=shaper, organisation=provider, parameters={"time_limit_seconds": 30})
    run = carry_out_run(run_id=run.pk, today=today)
    assigns = list(run.proposals.filter(kind=ProposalKind.ASSIGN).order_by("id")[:3])
    for proposal, reason in zip(assigns, ACCEPTED, strict=False):
        decide_proposal(actor=shaper, proposal=proposal, accept=True, reason=reason)
    if len(assigns) == len(ACCEPTED) + 1:
        decide_proposal(actor=shaper, proposal=assigns[-1], accept=False, reason=REJECTED)
    return run
