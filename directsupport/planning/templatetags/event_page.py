"""Template tags for a Planning Live event's page (planning/events/detail.html)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from directsupport.lib.page_parts import draw_slot

from ..models import PlanningEvent

register = template.Library()


@register.simple_tag(takes_context=True)
def event_panels(context: template.Context, slot: str, event: PlanningEvent) -> SafeString:
    """``{% event_panels "people_taking_part" event %}``: the panels later apps registered in one
    of the event page's slots (event_panels.py), in order, each with its own access check."""
    return draw_slot("planning", slot, context, event)
