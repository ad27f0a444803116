"""Template tags for the shared layout of every page about a person (people/person_base.html)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from directsupport.people.access import can_see_audit_trail, can_see_circle
from directsupport.people.models import Person

register = template.Library()

# Which tab of the person's pages a URL name belongs to; anything else is part of "About".
SECTION_PREFIXES = (
    ("circle", "circle"),
    ("permission", "permissions"),
    ("easy_read", "easy_read"),
    ("who_looked", "who_looked"),
)


def _section(url_name: str) -> str:
    for prefix, section in SECTION_PREFIXES:
        if url_name.startswith(prefix):
            return section
    return "detail"


@register.inclusion_tag("people/includes/person_nav.html", takes_context=True)
def person_nav(context: template.Context, person: Person) -> dict[str, Any]:
    """The sub-navigation: About, Circle of support, Who can see my information, Easy read,
    Who looked at my information.

    Only tabs the viewer may open are shown (access.py decides).
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    url_name = (match.url_name or "") if match is not None else ""
    # The person reads about "my information"; everyone else about "Dee's information".
    whose = "my" if user is not None and person.user_id == user.pk else f"{person.called}'s"
    tabs = [("detail", "About")]
    if user is not None and can_see_circle(user, person):
        tabs.append(("circle", "Circle of support"))
        tabs.append(("permissions", f"Who can see {whose} information"))
    tabs.append(("easy_read", "Easy read"))
    if user is not None and can_see_audit_trail(user, person):
        tabs.append(("who_looked", f"Who looked at {whose} information"))
    links = []
    for name, label in tabs:
        url = reverse(f"people:{name}", kwargs={"pk": person.pk})
        if url_name == name:
            current = "page"
        elif _section(url_name) == name:
            current = "true"
        else:
            current = ""
        links.append({"label": label, "url": url, "current": current})
    return {"person": person, "links": links}


@register.simple_tag(takes_context=True)
def person_format_class(context: template.Context, person: Person) -> str:
    """The person's chosen format as a body class, when they are looking at their own pages."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or person.user_id != user.pk:
        return ""
    return f"format-{person.preferred_format}"
