"""The daily retention review (django-tasks): thin, it calls review.py."""

from __future__ import annotations

from django_tasks import task

from .review import run_review_everywhere


@task()
def review_retention() -> int:
    """List, for every provider, whose records have passed their retention period (noted as a
    run each manager sees on the review page); how many kinds of record are due in all."""
    found = run_review_everywhere()
    return sum(len(entry.due) for entries in found.values() for entry in entries)
