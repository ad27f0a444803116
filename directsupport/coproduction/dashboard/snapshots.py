"""Keeping the programme's monthly figures worked out ahead (``ProgrammeSnapshot``), so the
dashboard reads a row a month whatever the size of the programme.

Freshness, the rule the page states:

- the month we are in is worked out again when its figures are more than 15 minutes old (the
  page asks for it in the background and shows the last figures with the time they were worked
  out, never a guess);
- earlier months are worked out once, and again every night (``manage.py programme_snapshots``
  or the task ``refresh_programme``), so a correction dated back into a past month reaches the
  figures by the next morning.

A snapshot is kept for each provider as a whole (``council`` empty) and for each council whose
people it supports, so a commissioner's figures are their council's rows, added up across
providers, and never include anyone else's people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from directsupport.coproduction.models import Decision, OutcomeProgress, ProgrammeSnapshot
from directsupport.funds.models import Agreement, BlockContract
from directsupport.funds.statements.figures import month_start, next_month
from directsupport.people.models import Person
from directsupport.planbook.models import PlanBookVersion
from directsupport.planning.models import PlanningEvent

from .figures import combine, month_figures

FRESH_FOR = dt.timedelta(minutes=15)
FRESHNESS_RULE = "they refresh every 15 minutes"
PROGRAMME_MONTHS = 36  # a three-year programme: never look back further than this
# While a refresh is asked for, don't ask again (a worker may take a while to reach it).
ASKED_FOR_SECONDS = 300

Pair = tuple[int, int | None]  # (provider id, council id or None for the whole provider)


def programme_start(provider_id: int, *, today: dt.date) -> dt.date:
    """The month the programme started for a provider: its first Planning Live day, Plan Book,
    block contract, ISF agreement, logged decision or outcome progress, whichever came first (at
    most three years back; this month when there is nothing yet)."""
    candidates: list[dt.date] = []
    first_event = PlanningEvent.objects.filter(organisation_id=provider_id).aggregate(
        first=Min("date")
    )["first"]
    first_book = PlanBookVersion.objects.filter(person__organisation_id=provider_id).aggregate(
        first=Min("created_at")
    )["first"]
    first_contract = BlockContract.objects.filter(provider_id=provider_id).aggregate(
        first=Min("starts_on")
    )["first"]
    first_agreement = Agreement.objects.filter(fund__provider_id=provider_id).aggregate(
        first=Min("starts_on")
    )["first"]
    first_decision = Decision.objects.filter(organisation_id=provider_id).aggregate(
        first=Min("decided_on")
    )["first"]
    first_progress = OutcomeProgress.objects.filter(
        outcome__person__organisation_id=provider_id
    ).aggregate(first=Min("recorded_on"))["first"]
    found_firsts = (
        first_event,
        first_book,
        first_contract,
        first_agreement,
        first_decision,
        first_progress,
    )
    for found in found_firsts:
        if isinstance(found, dt.datetime):
            candidates.append(timezone.localtime(found).date())
        elif isinstance(found, dt.date):
            candidates.append(found)
    this_month = month_start(today)
    earliest = month_start(min(candidates, default=today))
    floor = _months_back(this_month, PROGRAMME_MONTHS - 1)
    return min(max(earliest, floor), this_month)


def _months_back(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 - count
    return dt.date(index // 12, index % 12 + 1, 1)


def months_from(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], month_start(first)
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months


def councils_of(provider_id: int) -> list[int]:
    """The councils funding the provider's people, each with its own snapshots."""
    return sorted(
        Person.objects.filter(organisation_id=provider_id, funding_council__isnull=False)
        .order_by()
        .values_list("funding_council_id", flat=True)
        .distinct()
    )


def providers_for_council(council_id: int) -> list[int]:
    return sorted(
        Person.objects.filter(funding_council_id=council_id)
        .order_by()
        .values_list("organisation_id", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class RefreshResult:
    snapshots: int
    months: int
    seconds: float


def refresh(
    *, provider_id: int, council_id: int | None, months: Iterable[dt.date], today: dt.date
) -> int:
    """Work out and keep the figures of ``months`` for one scope; how many were written. Each
    month is written in its own transaction, so a page reading meanwhile sees whole months."""
    written = 0
    for month in months:
        figures = month_figures(
            provider_id=provider_id, council_id=council_id, month=month, today=today
        )
        with transaction.atomic():
            _keep(provider_id, council_id, month, figures)
        written += 1
    return written


def _keep(
    provider_id: int, council_id: int | None, month: dt.date, figures: dict[str, Any]
) -> None:
    """One row per scope and month (the model's constraints), updated in place."""
    snapshot = (
        ProgrammeSnapshot.objects.select_for_update()
        .filter(provider_id=provider_id, council_id=council_id, month=month)
        .order_by("pk")  # not the model's ordering: its join to the council cannot be locked
        .first()
    )
    now = timezone.now()
    if snapshot is None:
        snapshot = ProgrammeSnapshot(
            provider_id=provider_id,
            council_id=council_id,
            month=month,
            figures=figures,
            computed_at=now,
        )
        snapshot.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                snapshot.save()
        except IntegrityError:
            # Another refresh wrote this month first: ours is as new, so it replaces theirs.
            ProgrammeSnapshot.objects.filter(
                provider_id=provider_id, council_id=council_id, month=month
            ).update(figures=figures, computed_at=now)
        return
    snapshot.figures, snapshot.computed_at = figures, now
    snapshot.save(update_fields=["figures", "computed_at"])


def refresh_provider(
    provider_id: int, *, today: dt.date, current_only: bool = False, council_id: int | None = None
) -> int:
    """Every scope of a provider (the whole provider and each council), all months since the
    programme started (the nightly run) or only this month. ``council_id`` limits it to the
    provider as a whole and that council.

    A council's months start when the council's programme started with any provider, so adding
    up a council's rows across providers never leaves a provider's people out of a month."""
    this_month = month_start(today)
    councils = councils_of(provider_id) if council_id is None else [council_id]
    start = programme_start(provider_id, today=today)
    written = 0
    for council in [None, *councils]:
        if current_only:
            months = [this_month]
        else:
            first = start if council is None else min(start, council_start(council, today=today))
            months = months_from(first, this_month)
        written += refresh(provider_id=provider_id, council_id=council, months=months, today=today)
    return written


def council_start(council_id: int, *, today: dt.date) -> dt.date:
    """When the council's programme started: the earliest start of the providers it funds."""
    starts = [
        programme_start(provider, today=today) for provider in providers_for_council(council_id)
    ]
    return min(starts, default=month_start(today))


def refresh_all(*, today: dt.date, current_only: bool = False) -> int:
    """Every provider with people (the nightly run)."""
    providers = Person.objects.order_by().values_list("organisation_id", flat=True).distinct()
    return sum(
        refresh_provider(provider, today=today, current_only=current_only)
        for provider in sorted(set(providers))
    )


# --- Reading (the page) -----------------------------------------------------------------------


@dataclass(frozen=True)
class MonthFigures:
    month: dt.date
    figures: dict[str, Any]
    computed_at: dt.datetime


@dataclass(frozen=True)
class Series:
    months: tuple[MonthFigures, ...]
    first_month: dt.date | None  # the earliest month with figures (the programme's start)

    @property
    def computed_at(self) -> dt.datetime | None:
        """The oldest working-out among the months shown: the page promises no fresher."""
        return min((item.computed_at for item in self.months), default=None)

    @property
    def latest(self) -> MonthFigures | None:
        return self.months[-1] if self.months else None


def read_series(pairs: Sequence[Pair], *, first: dt.date | None, last: dt.date) -> Series:
    """The snapshots of ``pairs`` (added up month by month) from ``first`` (None: from the
    programme's start) to ``last``. One query."""
    rows = _snapshots(pairs).values("month", "figures", "computed_at")
    by_month: dict[dt.date, list[dict[str, Any]]] = {}
    computed: dict[dt.date, dt.datetime] = {}
    for kept in rows.order_by("month", "pk"):
        by_month.setdefault(kept["month"], []).append(kept["figures"])
        earlier = computed.get(kept["month"], kept["computed_at"])
        computed[kept["month"]] = min(earlier, kept["computed_at"])
    first_month = min(by_month, default=None)
    start = first or first_month
    months = tuple(
        MonthFigures(month=month, figures=combine(found), computed_at=computed[month])
        for month, found in sorted(by_month.items())
        if (start is None or month >= start) and month <= last
    )
    return Series(months=months, first_month=first_month)


def _snapshots(pairs: Sequence[Pair]) -> QuerySet[ProgrammeSnapshot]:
    query = Q(pk__in=[])
    for provider_id, council_id in pairs:
        if council_id is None:
            query |= Q(provider_id=provider_id, council__isnull=True)
        else:
            query |= Q(provider_id=provider_id, council_id=council_id)
    return ProgrammeSnapshot.objects.filter(query)


def is_stale(computed_at: dt.datetime | None, *, now: dt.datetime) -> bool:
    return computed_at is None or now - computed_at > FRESH_FOR


def ask_for_fresh_figures(pairs: Sequence[Pair], series: Series, *, now: dt.datetime) -> bool:
    """When this month's figures are missing or older than 15 minutes, ask for them to be
    worked out again in the background (once per scope while the request waits); True when
    asked. Months before the programme's figures exist are all worked out then."""
    this_month = month_start(timezone.localtime(now).date())
    current = [item for item in series.months if item.month == this_month]
    if current and not is_stale(current[0].computed_at, now=now):
        return False
    current_only = bool(series.months)
    asked = False
    for provider_id, council_id in pairs:
        key = f"programme-refresh:{provider_id}:{council_id}:{current_only}"
        if cache.add(key, True, ASKED_FOR_SECONDS):
            _enqueue_on_commit(provider_id, council_id, current_only)
            asked = True
    return asked


def _enqueue_on_commit(provider_id: int, council_id: int | None, current_only: bool) -> None:
    from . import tasks

    transaction.on_commit(
        lambda: tasks.refresh_programme.enqueue(provider_id, council_id, current_only)
    )


def freshness_words(computed_at: dt.datetime | None, *, now: dt.datetime) -> str:
    """'Figures worked out at 14:05 today; they refresh every 15 minutes.'"""
    if computed_at is None:
        return "The figures are being worked out now: look again in a minute."
    local = timezone.localtime(computed_at)
    today = timezone.localtime(now).date()
    if local.date() == today:
        when = f"at {local:%H:%M} today"
    elif local.date() == today - dt.timedelta(days=1):
        when = f"at {local:%H:%M} yesterday"
    else:
        when = f"at {local:%H:%M} on {local.day} {local:%B %Y}"
    return f"Figures worked out {when}; {FRESHNESS_RULE}."
