"""The money alerts panel on the staff home page: a count of alerts by kind and the first few
people affected, shown only to those who may open the alerts page. (The person's own "My money"
panel and the "Record support given" link are panels on the person's page: person_panels.py.)"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role

from ..access import ALERT_READERS, funds_for_alerts
from ..alerts.rules import alerts_for, grouped

register = template.Library()

# Enough names to see at a glance who needs attention; the alerts page has the rest.
PEOPLE_SHOWN = 5


@register.inclusion_tag("funds/alerts/home_panel.html")
def money_alerts_panel(user: User) -> dict[str, Any]:
    if not user.is_active or user.role not in ALERT_READERS:
        return {"show": False}
    alerts = alerts_for(funds_for_alerts(user), timezone.localdate())
    people: dict[int, str] = {}
    for alert in alerts:
        people.setdefault(alert.person_id, alert.person_name)
    return {
        "show": True,
        "counts": [(group.title, len(group.alerts)) for group in grouped(alerts)],
        "people": list(people.values())[:PEOPLE_SHOWN],
        "more_people": max(0, len(people) - PEOPLE_SHOWN),
        "coordinator": user.role == Role.COORDINATOR,
    }
