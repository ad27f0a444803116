"""Template tags for the shared layout of every page about a person (people/person_base.html)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from directsupport.people.access import visible_person_fields
from directsupport.people.models import Person
from directsupport.people.person_tabs import tab_of, tabs_for

register = template.Library()


@register.inclusion_tag("people/includes/person_nav.html", takes_context=True)
def person_nav(context: template.Context, person: Person) -> dict[str, Any]:
    """The sub-navigation: the tabs each app registered in people.person_tabs (About, Circle of
    support, Planning Live, Plans and tools, Perfect Week, Plan Book, Money, Who can see my
    information, Easy read, Who looked at my information, ...) that the viewer may open.

    The page being read is marked aria-current="page"; the tab a deeper page belongs to (a ledger
    under Money, an outcome under Plans and tools) is marked aria-current="true".
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        # Never the case on a person's page (they are for signed-in users only), and the tabs'
        # access checks need someone to ask about.
        return {"person": person, "links": []}
    match = getattr(request, "resolver_match", None)
    view_name = (match.view_name or "") if match is not None else ""
    section = tab_of(view_name)
    links = []
    for tab in tabs_for(user, person):
        if view_name == tab.url_name:
            current = "page"
        elif section == tab.url_name:
            current = "true"
        else:
            current = ""
        links.append(
            {
                "label": tab.label(user, person),
                "url": reverse(tab.url_name, kwargs={"pk": person.pk}),
                "current": current,
            }
        )
    return {"person": person, "links": links}


@register.simple_tag(takes_context=True)
def person_format_class(context: template.Context, person: Person) -> str:
    """The person's chosen format as a body class, when they are looking at their own pages."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or person.user_id != user.pk:
        return ""
    return f"format-{person.preferred_format}"


@register.simple_tag(takes_context=True)
def person_fields(context: template.Context, person: Person) -> frozenset[str]:
    """The fields of the person's record the viewer may read (people.access decides), for
    ``{% person_fields person as fields %}{% if "address" in fields %}``."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return frozenset()
    return visible_person_fields(user, person)
