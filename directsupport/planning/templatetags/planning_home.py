"""What needs doing in Planning Live, shown on the staff home page. Access comes from
planning/access.py, so the panel never shows anything its viewer could not open. (The guesses
waiting for the person on their own pages are a panel there: person_panels.py.)"""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Count
from django.utils import timezone

from directsupport.accounts.roles import Role

from ..access import CLOSE_STAFF, events_visible_to, planning_work_people
from ..worklists.queries import people_with_guesses

register = template.Library()

SHOWN = 8


@register.inclusion_tag("planning/includes/home_panel.html", takes_context=True)
def planning_home(context: template.Context) -> dict[str, Any]:
    """For staff who run Planning Live: the next and latest events and people with best guesses
    still to check (the Plan Books waiting are planbook_home's)."""
    user = context["request"].user
    if user.role not in CLOSE_STAFF:
        return {"show": False}
    today = timezone.localdate()
    events = events_visible_to(user).annotate(people=Count("participants", distinct=True))
    people = planning_work_people(user)
    with_guesses = people_with_guesses(people)
    return {
        "show": True,
        "upcoming": list(events.filter(date__gte=today).order_by("date")[:3]),
        "recent": list(events.filter(date__lt=today).order_by("-date")[:3]),
        "with_guesses": list(with_guesses[:SHOWN]),
        "with_guesses_count": with_guesses.count(),
        "coordinator": user.role == Role.COORDINATOR,
    }
