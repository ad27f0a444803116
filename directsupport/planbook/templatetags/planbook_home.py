"""Plan Books waiting, shown where people land: the staff home page (beside planning's Planning
Live panel) and the person's own easy-read page. Access comes from planning/access.py and
planbook/access.py, so a panel never shows anything its viewer could not open."""

from __future__ import annotations

from typing import Any

from django import template

from directsupport.accounts.roles import Role
from directsupport.people.models import Person
from directsupport.planning.access import CLOSE_STAFF, planning_work_people
from directsupport.planning.templatetags.planning_home import SHOWN

from ..access import can_agree_own_plan_book, plan_book_versions_visible_to
from ..models import PlanBookStatus
from ..worklists.queries import plan_books_waiting

register = template.Library()


@register.inclusion_tag("planbook/includes/home_panel.html", takes_context=True)
def plan_books_home(context: template.Context) -> dict[str, Any]:
    """For staff who run Planning Live: Plan Books waiting for agreement or publishing."""
    user = context["request"].user
    if user.role not in CLOSE_STAFF:
        return {"show": False}
    waiting = plan_books_waiting(planning_work_people(user))
    return {
        "show": True,
        "waiting": list(waiting[:SHOWN]),
        "waiting_count": waiting.count(),
        "coordinator": user.role == Role.COORDINATOR,
    }


@register.inclusion_tag("planbook/includes/my_plan_book.html", takes_context=True)
def my_plan_book(context: template.Context, person: Person) -> dict[str, Any]:
    """On the person's own easy-read page: their Plan Book, to read or to agree."""
    user = context["request"].user
    if person.user_id != user.pk:
        return {"show": False}
    latest = plan_book_versions_visible_to(user, person).order_by("-number").first()
    return {
        "show": latest is not None,
        "person": person,
        "latest": latest,
        "to_agree": (
            latest is not None
            and latest.status == PlanBookStatus.SHARED
            and can_agree_own_plan_book(user, person)
        ),
    }
