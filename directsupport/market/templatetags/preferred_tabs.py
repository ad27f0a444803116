"""The sub-navigation of the preferred list's pages: the list, easy read, criteria and (for
those who may see them) applications. A supplier has its own apply page and sees no tabs."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from ..access import can_see_applications, can_see_preferred_list

register = template.Library()

# (url name, label, the URL-name prefixes that belong to the tab, only for application readers)
TABS = (
    ("market:preferred_list", "The preferred list", ("market:preferred_list",), False),
    ("market:preferred_easy_read", "Easy read", ("market:preferred_easy_read",), False),
    ("market:preferred_criteria", "Criteria", ("market:preferred_criteri",), False),
    (
        "market:preferred_applications",
        "Applications",
        (
            "market:preferred_application",
            "market:preferred_propose",
            "market:preferred_assess",
            "market:preferred_panel_view",
            "market:preferred_decide",
        ),
        True,
    ),
)


@register.inclusion_tag("market/preferred/includes/tabs.html", takes_context=True)
def preferred_tabs(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not can_see_preferred_list(user):
        return {"show": False}
    match = getattr(request, "resolver_match", None)
    view_name = (match.view_name or "") if match is not None else ""
    links = []
    for name, label, prefixes, applications_only in TABS:
        if applications_only and not can_see_applications(user):
            continue
        if view_name == name:
            current = "page"
        elif view_name.startswith(prefixes):
            current = "true"
        else:
            current = ""
        links.append({"url": reverse(name), "label": label, "current": current})
    return {"show": True, "links": links}
