"""Money panels for home pages: the money alerts panel on the staff home page (a count of alerts
by kind and the first few people affected, shown only to those who may open the alerts page),
the person's own "My money" panel, and the "Record support given" link for session recorders."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.people.models import Person

from ..access import ALERT_READERS, can_record_agreement, can_record_sessions, funds_for_alerts
from ..agreements.services import open_version_of
from ..alerts.rules import alerts_for, grouped
from ..ledger.balances import fund_balances
from ..models import AgreementStatus, Fund, Statement

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


# --- Integration: the person's own "My money" panel and the support worker's entry point ---------


@register.inclusion_tag("funds/includes/my_money.html", takes_context=True)
def my_money(context: template.Context, person: Person) -> dict[str, Any]:
    """On the person's own page: money to spend now, what is banked, their money this month in
    easy read, and an agreement waiting for their answer. Nothing for anyone else."""
    user = context["request"].user
    if person.user_id != user.pk:
        return {"show": False}
    fund = Fund.objects.filter(person=person).first()
    if fund is None:
        return {"show": False}
    fund.person = person
    today = timezone.localdate()
    latest = Statement.objects.filter(fund=fund).order_by("-month").only("month").first()
    waiting = open_version_of(fund)
    return {
        "show": True,
        "person": person,
        "balances": fund_balances(fund.pk),
        "easy_read_month": f"{(latest.month if latest else today):%Y-%m}",
        "statement_month": latest.month if latest else None,
        "waiting": (
            waiting
            if waiting is not None
            and waiting.status == AgreementStatus.DRAFT
            and can_record_agreement(user, fund)
            else None
        ),
    }


@register.inclusion_tag("funds/includes/record_support_link.html", takes_context=True)
def record_support_link(context: template.Context, person: Person) -> dict[str, Any]:
    """A "Record support given" link on the person's page for whoever may record a session with
    them, support workers included (they see no money, so this is their way in)."""
    user = context["request"].user
    fund = Fund.objects.filter(person=person).first()
    if fund is None or not can_record_sessions(user, fund):
        return {"show": False}
    return {"show": True, "person": person}
