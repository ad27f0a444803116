"""Background work for subject access (django-tasks): making a copy can take a while for
someone with years of records, so it runs in a worker. Tasks are thin: ids in, a service call."""

from __future__ import annotations

from django_tasks import task


@task()
def produce_subject_access_copy(request_id: int, actor_id: int) -> None:
    """Make the ZIP for one SubjectAccessRequest, as the user who asked for it."""
    # Imported here: services queues this task, so a module-level import would be circular.
    from .services import produce_copy

    produce_copy(request_id=request_id, actor_id=actor_id)
