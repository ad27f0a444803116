"""What waits in Planning Live for a member of staff: people with best guesses still to check,
and Plan Book versions waiting for the person's agreement or for publishing. The home page's
panels show the first few (templatetags/planning_home.py); views.py here shows them all.
Who is in them is ``access.planning_work_people``."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from directsupport.people.models import Person

from ..models import NoteStatus, PlanBookStatus, PlanBookVersion


def people_with_guesses(people: QuerySet[Person]) -> QuerySet[Person]:
    """The people with best guesses to check, most guesses first, each with ``guesses``."""
    return (
        people.annotate(
            guesses=Count("capture_notes", filter=Q(capture_notes__status=NoteStatus.BEST_GUESS))
        )
        .filter(guesses__gt=0)
        .order_by("-guesses", "last_name", "first_name", "pk")
    )


def plan_books_waiting(people: QuerySet[Person]) -> QuerySet[PlanBookVersion]:
    """Versions agreed and ready to publish, then those shared and waiting for the person."""
    return (
        PlanBookVersion.objects.filter(
            person__in=people, status__in=[PlanBookStatus.SHARED, PlanBookStatus.AGREED]
        )
        .select_related("person")
        .order_by("status", "person__last_name", "person__first_name", "number", "pk")
    )
