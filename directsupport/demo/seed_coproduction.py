"""Co-production's part of the demo: an 18-month history of the programme told through the
services, in the order each part needs the last: the panel (its meetings take decisions), the
decision log (service-model decisions, and the decisions taken elsewhere in the demo), feedback
and outcomes' progress (which reviews read), reviews, and last the dashboard's monthly figures,
which count all of it."""

from __future__ import annotations

from directsupport.accounts.models import Organisation, User

from .seed_coproduction_dashboard import seed_dashboard
from .seed_coproduction_decisions import seed_decisions
from .seed_coproduction_feedback import seed_feedback
from .seed_coproduction_outcomes import seed_outcomes
from .seed_coproduction_panel import seed_panel
from .seed_coproduction_reviews import seed_reviews


def seed_coproduction(*, provider: Organisation, users: dict[str, User]) -> list[str]:
    lines: list[str] = []
    for seed in (seed_panel, seed_decisions, seed_feedback, seed_outcomes, seed_reviews):
        lines += seed(provider=provider, users=users)
    lines += seed_dashboard(provider=provider, users=users)
    return lines
