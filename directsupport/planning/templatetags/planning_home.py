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

from ..access import (
    CLOSE_STAFF,
    can_agree_own_plan_book,
    can_check_guesses,
    events_visible_to,
    plan_book_versions_visible_to,
    planning_work_people,
)
from ..models import NoteStatus, PlanBookStatus
from ..worklists.queries import people_with_guesses, plan_books_waiting

register = template.Library()

SHOWN = 8


@register.inclusion_tag("planning/includes/home_panel.html", takes_context=True)
def planning_home(context: template.Context) -> dict[str, Any]:
    """For staff who run Planning Live: the next and latest events, people with best guesses
    still to check, and Plan Books waiting for agreement or publishing."""
    user = context["request"].user
    if user.role not in CLOSE_STAFF:
        return {"show": False}
    today = timezone.localdate()
    events = events_visible_to(user).annotate(people=Count("participants", distinct=True))
    people = planning_work_people(user)
    with_guesses = people_with_guesses(people)
    waiting = plan_books_waiting(people)
    return {
        "show": True,
        "upcoming": list(events.filter(date__gte=today).order_by("date")[:3]),
        "recent": list(events.filter(date__lt=today).order_by("-date")[:3]),
        "with_guesses": list(with_guesses[:SHOWN]),
        "with_guesses_count": with_guesses.count(),
        "waiting": list(waiting[:SHOWN]),
        "waiting_count": waiting.count(),
        "coordinator": user.role == Role.COORDINATOR,
    }


@register.inclusion_tag("planning/includes/my_planning.html", takes_context=True)
def my_planning(context: template.Context, person: Person) -> dict[str, Any]:
    """On the person's own easy-read page: guesses people made about them to check, and their
    Plan Book, to read or to agree."""
    user = context["request"].user
    if person.user_id != user.pk:
        return {"show": False}
    latest = plan_book_versions_visible_to(user, person).order_by("-number").first()
    guesses = (
        person.capture_notes.filter(status=NoteStatus.BEST_GUESS).count()
        if can_check_guesses(user, person)
        else 0
    )
    return {
        "show": True,
        "person": person,
        "guesses": guesses,
        "latest": latest,
        "to_agree": (
            latest is not None
            and latest.status == PlanBookStatus.SHARED
            and can_agree_own_plan_book(user, person)
        ),
    }
