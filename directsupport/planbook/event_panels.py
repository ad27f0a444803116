"""planbook's panel on a Planning Live event's page (the slot is planning.event_panels):
everyone's Plan Books, the button that makes them and the latest batches, so planning's views
never read a batch."""

from __future__ import annotations

from typing import Any

from django.template import Context

from directsupport.lib.page_parts import PagePart, drawn_with
from directsupport.planning.event_panels import PEOPLE_TAKING_PART
from directsupport.planning.models import PlanningEvent

LATEST = 3


def event_plan_books(context: Context, event: PlanningEvent) -> dict[str, Any]:
    """For those who may plan the event (the event page's own check, its ``can_plan``)."""
    can_plan = context["can_plan"]
    return {
        "event": event,
        "can_plan": can_plan,
        "batches": list(event.plan_book_batches.all()[:LATEST]) if can_plan else [],
    }


PANELS = (
    PagePart(
        slot=PEOPLE_TAKING_PART,
        name="planbook.event_plan_books",
        order=10,
        render=drawn_with("planbook/batch/event_panel.html", event_plan_books),
    ),
)
