"""The demo's programme dashboard: the monthly figures of every month since the programme began
(the earliest Planning Live day, Plan Book, block contract or ISF agreement; about 18 months in
the demo), worked out after everything else in the demo, so they count the panel's decisions,
feedback, outcomes and reviews too. Worked out through the dashboard's own snapshot service, as
the nightly run does."""

from __future__ import annotations

from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.coproduction.dashboard.snapshots import read_series, refresh_provider
from directsupport.coproduction.dashboard.stages import STAGE_KEYS, Stage

STAGE_WORDS = {
    Stage.REVIEWED: "reviewed",
    Stage.CONTRACTED: "contracted",
    Stage.NEEDS_MATCHED: "with needs matched",
    Stage.ISF_LIVE: "with a live ISF",
    Stage.PLAN_AGREED: "with a Plan Book agreed",
    Stage.PLANNING: "planning",
}


def seed_dashboard(*, provider: Organisation, users: dict[str, User]) -> list[str]:
    """Seed through the services; return the summary lines seed_demo prints."""
    today = timezone.localdate()
    written = refresh_provider(provider.pk, today=today)
    series = read_series([(provider.pk, None)], first=None, last=today)
    if not series.months:
        return []
    first, latest = series.months[0], series.months[-1]
    stages = latest.figures.get("stages", {})
    people = sum(stages.values())
    reached = ", ".join(
        f"{stages.get(STAGE_KEYS[stage], 0)} {STAGE_WORDS[stage]}" for stage in reversed(Stage)
    )
    decisions = sum(sum(item.figures.get("decisions", {}).values()) for item in series.months)
    return [
        f"Programme dashboard: {len(series.months)} months of figures "
        f"({first.month:%B %Y} to {latest.month:%B %Y}; {written} monthly snapshots with each "
        f"council's), at /coproduction/programme/",
        f"  {people} people in {latest.month:%B %Y}: {reached}; "
        f"{decisions} decisions over the programme",
    ]
