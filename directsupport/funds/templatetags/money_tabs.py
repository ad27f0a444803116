"""The sub-navigation of a person's money pages: summary, ledger, hours, banked, agreement,
statements. Every reader of a fund may open every tab (funds/access.py); anyone else (a support
worker recording a session) sees no tabs."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from directsupport.people.models import Person

from ..access import can_see_money

register = template.Library()

# (url name, label, the URL-name prefixes that belong to the tab)
TABS = (
    ("funds:money", "Summary", ("funds:money",)),
    ("funds:ledger", "Ledger", ("funds:ledger", "funds:posting", "funds:transaction")),
    ("funds:hours", "Hours", ("funds:hours", "funds:session")),
    ("funds:banked", "Banked", ("funds:banked", "funds:pot", "funds:bank", "funds:use_banked")),
    ("funds:agreement", "Agreement", ("funds:agreement", "funds:review")),
    ("funds:statements", "Statements", ("funds:statement",)),
)


@register.inclusion_tag("funds/includes/money_tabs.html", takes_context=True)
def money_tabs(context: template.Context, person: Person) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not can_see_money(user):
        return {"show": False}
    match = getattr(request, "resolver_match", None)
    view_name = (match.view_name or "") if match is not None else ""
    links = []
    for name, label, prefixes in TABS:
        if view_name == name:
            current = "page"
        elif view_name.startswith(prefixes):
            current = "true"
        else:
            current = ""
        links.append(
            {"url": reverse(name, kwargs={"pk": person.pk}), "label": label, "current": current}
        )
    return {"show": True, "links": links, "person": person}
