"""Background work for Individual Service Funds (django-tasks). Tasks are thin: they take plain
values and call a service, so the work is the same in a worker, in tests and in development."""

from __future__ import annotations

from django_tasks import task

from .months.routine import open_month_for_live_funds
from .statements.figures import parse_month
from .statements.services import make_statements


@task()
def make_monthly_statements(month_iso: str) -> int:
    """Make the statements still missing for the month "2026-10" (or any ISO day in it)."""
    month = parse_month(month_iso[:7])
    if month is None:
        raise ValueError(f"Not a month: {month_iso!r}")
    return make_statements(month=month)


@task()
def open_live_months(month_iso: str) -> int:
    """Open the month "2026-10" (allocation, fee, planned support) for every live ISF; how many
    were opened now. Safe to run again: a month already opened is not posted twice."""
    month = parse_month(month_iso[:7])
    if month is None:
        raise ValueError(f"Not a month: {month_iso!r}")
    return open_month_for_live_funds(month=month, actor=None).opened
