"""Plan Book versions waiting for the person's agreement or for publishing, for the people a
member of staff follows (``planning.access.planning_work_people``). The home page's panel shows
the first few (templatetags/planbook_home.py); views.py here shows them all."""

from __future__ import annotations

from django.db.models import QuerySet

from directsupport.people.models import Person

from ..models import PlanBookStatus, PlanBookVersion


def plan_books_waiting(people: QuerySet[Person]) -> QuerySet[PlanBookVersion]:
    """Versions agreed and ready to publish, then those shared and waiting for the person."""
    return (
        PlanBookVersion.objects.filter(
            person__in=people, status__in=[PlanBookStatus.SHARED, PlanBookStatus.AGREED]
        )
        .select_related("person")
        .order_by("status", "person__last_name", "person__first_name", "number", "pk")
    )
