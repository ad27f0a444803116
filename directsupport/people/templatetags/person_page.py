"""Template tags for the shared layout of every page about a person (people/person_base.html)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from directsupport.funds.access import can_see_money
from directsupport.people.access import can_see_audit_trail, can_see_circle
from directsupport.people.models import Person
from directsupport.planning.access import can_see_board, can_see_plan_books, can_see_tools
from directsupport.week.access import can_see_weeks

register = template.Library()

# Which tab of the person's pages a URL name (with its namespace) belongs to; anything else is
# part of "About".
SECTION_PREFIXES = (
    ("people:circle", "people:circle"),
    ("people:permission", "people:permissions"),
    ("people:easy_read", "people:easy_read"),
    ("people:who_looked", "people:who_looked"),
    ("planning:board", "planning:board"),
    ("planning:note", "planning:board"),
    ("planning:best_guess", "planning:board"),
    ("planning:recording", "planning:board"),
    ("planning:participant", "planning:board"),
    ("planning:tool", "planning:tools"),
    ("planning:outcome", "planning:tools"),
    ("planning:plan_book", "planning:plan_book"),
    ("week:", "week:perfect_week"),
    ("funds:", "funds:money"),
)


def _section(view_name: str) -> str:
    for prefix, section in SECTION_PREFIXES:
        if view_name.startswith(prefix):
            return section
    return "people:detail"


@register.inclusion_tag("people/includes/person_nav.html", takes_context=True)
def person_nav(context: template.Context, person: Person) -> dict[str, Any]:
    """The sub-navigation: About, Circle of support, Planning Live, Plans and tools, Perfect Week,
    Plan Book, Money, Who can see my information, Easy read, Who looked at my information.

    Only tabs the viewer may open are shown (access.py decides).
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    view_name = (match.view_name or "") if match is not None else ""
    # The person reads about "my information"; everyone else about "Dee's information".
    whose = "my" if user is not None and person.user_id == user.pk else f"{person.called}'s"
    tabs = [("people:detail", "About")]
    if user is not None and can_see_circle(user, person):
        tabs.append(("people:circle", "Circle of support"))
    if user is not None and can_see_board(user):
        tabs.append(("planning:board", "Planning Live"))
    if user is not None and can_see_tools(user):
        tabs.append(("planning:tools", "Plans and tools"))
    if user is not None and can_see_weeks(user):
        tabs.append(("week:perfect_week", f"{whose.capitalize()} Perfect Week"))
    if user is not None and can_see_plan_books(user):
        tabs.append(("planning:plan_book", "Plan Book"))
    if user is not None and can_see_money(user):
        tabs.append(("funds:money", f"{whose.capitalize()} money"))
    if user is not None and can_see_circle(user, person):
        tabs.append(("people:permissions", f"Who can see {whose} information"))
    tabs.append(("people:easy_read", "Easy read"))
    if user is not None and can_see_audit_trail(user, person):
        tabs.append(("people:who_looked", f"Who looked at {whose} information"))
    links = []
    for name, label in tabs:
        url = reverse(name, kwargs={"pk": person.pk})
        if view_name == name:
            current = "page"
        elif _section(view_name) == name:
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
