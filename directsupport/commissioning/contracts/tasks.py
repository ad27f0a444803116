"""Background work for contracts (django-tasks): thin, plain values in, a service called."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from .reminders import send_reminders, top_up_open_ended


@task()
def contract_daily(today_iso: str) -> int:
    """The daily contract round for "2026-12-07": reminders before an end or a review, and the
    next months of open-ended contracts planned. How many reminders were sent."""
    today = dt.date.fromisoformat(today_iso)
    sent = send_reminders(today=today)
    top_up_open_ended(today=today)
    return len(sent)
