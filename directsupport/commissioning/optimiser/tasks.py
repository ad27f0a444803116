"""Background work for the optimiser (django-tasks): thin, plain values in, a service called."""

from __future__ import annotations

from django_tasks import task

from .services import carry_out_run


@task()
def run_optimiser(run_id: int) -> str:
    """Build, solve and write the proposals of optimiser run ``run_id``."""
    return carry_out_run(run_id=run_id).status
