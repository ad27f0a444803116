"""Background work for the audit app (django-tasks): sealing the hash chains (audit/chain.py)."""

from __future__ import annotations

from django_tasks import task

from .chain import seal_all


@task()
def seal_records(using: str = "default") -> int:
    """Seal every chain's committed rows not yet sealed; how many rows were sealed."""
    return sum(seal_all(using=using).values())
