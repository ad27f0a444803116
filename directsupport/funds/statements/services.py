"""Making the monthly statements: a snapshot of each fund's month, once the month is over.

A statement is made once per fund and month (the database refuses a second), so running this
again, or from two workers at once, makes only the ones still missing. A fund gets a statement
for a month once it had begun by the month's end (its first ledger entry is on or before it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from directsupport.audit.models import Action
from directsupport.audit.services import record_change

from ..models import LedgerEntry, Statement
from .figures import StatementFigures, month_figures, month_start, next_month

# Funds worked out together: large enough to be few queries, small enough to keep each IN list
# well inside every database's limit on parameters.
CHUNK = 2000


class MonthNotOver(ValueError):
    """Statements are only made for months that have ended."""


def make_statements(
    *, month: dt.date, fund_ids: Iterable[int] | None = None, actor: Any = None
) -> int:
    """Make the statements still missing for ``month`` (any day in it); how many were made."""
    start = month_start(month)
    if start >= month_start(timezone.localdate()):
        raise MonthNotOver(f"{start:%B %Y} is not over yet, so it has no statement.")
    end = next_month(start)
    begun = LedgerEntry.objects.filter(effective_on__lt=end)
    if fund_ids is not None:
        begun = begun.filter(fund_id__in=list(fund_ids))
    candidates = set(begun.values_list("fund_id", flat=True).distinct())
    already = set(
        Statement.objects.filter(month=start, fund_id__in=candidates).values_list(
            "fund_id", flat=True
        )
    )
    wanted = sorted(candidates - already)
    made = 0
    for index in range(0, len(wanted), CHUNK):
        chunk = wanted[index : index + CHUNK]
        figures = month_figures(chunk, start)
        with transaction.atomic():
            created = Statement.objects.bulk_create(
                [
                    Statement(fund_id=fund_id, month=start, figures=figures[fund_id].to_json())
                    for fund_id in chunk
                ],
                ignore_conflicts=True,
            )
        made += len(created)
    if made:
        record_change(
            None,
            actor=actor,
            action=Action.CREATE,
            subject_type="funds.statement",
            subject_id=start.isoformat(),
            summary=f"Made {made} monthly statements for {start:%B %Y}",
        )
    return made


def statement_figures(statement: Statement) -> StatementFigures:
    return StatementFigures.from_json(statement.figures)
