"""Everyone's Plan Books on a Planning Live event's page: the button that makes them and the
latest batches. planning's event page loads this tag, as the person page loads later apps' tabs,
so planning's views never read a batch."""

from __future__ import annotations

from typing import Any

from django import template

from directsupport.planning.models import PlanningEvent

register = template.Library()

LATEST = 3


@register.inclusion_tag("planbook/batch/event_panel.html")
def event_plan_books(event: PlanningEvent, can_plan: bool) -> dict[str, Any]:
    """For those who may plan the event (the event page's own check, get_event_for_user)."""
    return {
        "event": event,
        "can_plan": can_plan,
        "batches": list(event.plan_book_batches.all()[:LATEST]) if can_plan else [],
    }
