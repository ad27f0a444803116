"""Background work for the programme dashboard (django-tasks): thin, plain values in, the
snapshot service does the work."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from .snapshots import refresh_all, refresh_provider


@task()
def refresh_programme(provider_id: int, council_id: int | None, current_only: bool) -> int:
    """Work out a provider's figures again (as a whole and for ``council_id``, or every council
    when None): this month only, or every month since the programme started."""
    return refresh_provider(
        provider_id, today=timezone.localdate(), current_only=current_only, council_id=council_id
    )


@task()
def refresh_every_programme() -> int:
    """The nightly run: every provider's figures, every month since their programme started."""
    return refresh_all(today=timezone.localdate())
