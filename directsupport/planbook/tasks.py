"""Background work for Plan Books (django-tasks). Tasks are thin: they take ids and call a
service, so the work is the same in a worker, in tests and in development (where the backend
runs it at once).

django-tasks stores each task's path in the database. These were
``directsupport.planning.tasks.*`` until the Plan Book became its own app; the migration
planbook/0002 renamed the paths of tasks still waiting, so a worker finds them here."""

from __future__ import annotations

from django_tasks import task

# The services are imported inside each task because batch/services.py queues these tasks: a
# module-level import would be circular (the HackSoft styleguide's pattern for tasks).


@task()
def start_plan_book_batch(batch_id: int) -> None:
    """Decide who is in a PlanBookBatch and queue one task per person."""
    from .batch.services import start_batch

    start_batch(batch_id=batch_id)


@task()
def make_batch_plan_book(batch_id: int, person_id: int) -> None:
    """Make one person's PDF for a PlanBookBatch; the last one also makes the zip."""
    from .batch.services import make_one

    make_one(batch_id=batch_id, person_id=person_id)
