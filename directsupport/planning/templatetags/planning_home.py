"""What needs doing in Planning Live, shown where people land: the staff home page and the
person's own easy-read page. Access comes from planning/access.py, so a panel never shows
anything its viewer could not open."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Count
from django.utils import timezone

from directsupport.accounts.roles import Role
from directsupport.people.models import Person

from ..access import CLOSE_STAFF, can_check_guesses, events_visible_to, planning_work_people
from ..models import NoteStatus
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


@register.inclusion_tag("planning/includes/my_planning.html", takes_context=True)
def my_planning(context: template.Context, person: Person) -> dict[str, Any]:
    """On the person's own easy-read page: guesses people made about them to check (their Plan
    Book, to read or to agree, is planbook_home's my_plan_book)."""
    user = context["request"].user
    if person.user_id != user.pk or not can_check_guesses(user, person):
        return {"show": False}
    return {
        "show": True,
        "person": person,
        "guesses": person.capture_notes.filter(status=NoteStatus.BEST_GUESS).count(),
    }
