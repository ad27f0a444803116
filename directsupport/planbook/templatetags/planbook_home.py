"""Plan Books waiting, shown on the staff home page (beside planning's Planning Live panel).
Access comes from planning/access.py, so the panel never shows anything its viewer could not
open. (The person's own Plan Book, waiting for them on their pages, is a panel there:
person_panels.py.)"""

from __future__ import annotations

from typing import Any

from django import template

from directsupport.accounts.roles import Role
from directsupport.planning.access import CLOSE_STAFF, planning_work_people
from directsupport.planning.templatetags.planning_home import SHOWN

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
