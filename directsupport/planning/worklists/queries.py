"""What waits in Planning Live for a member of staff: people with best guesses still to check
(the Plan Books waiting are planbook/worklists). The home page's panel shows the first few
(templatetags/planning_home.py); views.py here shows them all. Who is in them is
``access.planning_work_people``."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from directsupport.people.models import Person

from ..models import NoteStatus


def people_with_guesses(people: QuerySet[Person]) -> QuerySet[Person]:
    """The people with best guesses to check, most guesses first, each with ``guesses``."""
    return (
        people.annotate(
            guesses=Count("capture_notes", filter=Q(capture_notes__status=NoteStatus.BEST_GUESS))
        )
        .filter(guesses__gt=0)
        .order_by("-guesses", "last_name", "first_name", "pk")
    )
