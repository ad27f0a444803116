"""Reading outcomes' progress for other pages (reviews, the dashboard, the person's tab)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import OuterRef, QuerySet, Subquery

from directsupport.planning.models import Outcome

from ..models import OutcomeProgress


def _latest_first(progress: QuerySet[OutcomeProgress]) -> QuerySet[OutcomeProgress]:
    """The order that decides which record is an outcome's latest: the day it describes, then the
    order it was recorded (two on one day: the later one stands)."""
    return progress.order_by("-recorded_on", "-id")


def latest_progress(outcomes: Iterable[Outcome] | QuerySet[Outcome]) -> dict[int, OutcomeProgress]:
    """Each outcome's latest progress, by outcome id, in one query (outcomes with none recorded
    are left out). ``outcomes`` may be a queryset (used as a subquery) or outcomes in hand."""
    if isinstance(outcomes, QuerySet):
        wanted: object = outcomes.values("pk")
    else:
        wanted = [outcome.pk for outcome in outcomes]
        if not wanted:
            return {}
    newest = _latest_first(OutcomeProgress.objects.filter(outcome=OuterRef("outcome"))).values(
        "pk"
    )[:1]
    rows = OutcomeProgress.objects.filter(outcome__in=wanted, pk=Subquery(newest)).select_related(
        "recorded_by"
    )
    return {row.outcome_id: row for row in rows}


def progress_history(outcomes: Iterable[Outcome]) -> dict[int, list[OutcomeProgress]]:
    """Every outcome's progress, oldest first (the timeline reads left to right), in one query."""
    ids = [outcome.pk for outcome in outcomes]
    history: dict[int, list[OutcomeProgress]] = {pk: [] for pk in ids}
    rows = (
        OutcomeProgress.objects.filter(outcome_id__in=ids)
        .select_related("recorded_by", "review")
        .order_by("recorded_on", "id")
    )
    for row in rows:
        history[row.outcome_id].append(row)
    return history
