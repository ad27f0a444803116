"""Template tags for the shared layout of every page about a person (people/person_base.html)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from directsupport.lib.page_parts import draw_slot
from directsupport.lib.urls import reverse
from directsupport.people.access import visible_person_fields
from directsupport.people.models import Person, PreferredFormat
from directsupport.people.person_tabs import (
    EASY_READ,
    PersonTab,
    is_own,
    tab_of,
    tabs_for,
)

register = template.Library()


@register.inclusion_tag("people/includes/person_nav.html", takes_context=True)
def person_nav(context: template.Context, person: Person) -> dict[str, Any]:
    """The sub-navigation: the tabs each app registered in people.person_tabs (About, Circle of
    support, Planning Live, Plans and tools, Perfect Week, Plan Book, Money, Who can see my
    information, Easy read, Who looked at my information, ...) that the viewer may open.

    On the person's own pages related tabs are gathered as one (each tab's ``own_group``), and on
    a page of such a group a second row links to each page in it.

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
    tabs = tabs_for(user, person)

    def link(tab: PersonTab, label: str | None = None) -> dict[str, str]:
        if view_name == tab.url_name:
            current = "page"
        elif section == tab.url_name:
            current = "true"
        else:
            current = ""
        return {
            "label": label or tab.label(user, person),
            "url": reverse(tab.url_name, kwargs={"pk": person.pk}),
            "current": current,
        }

    if not is_own(user, person):
        return {"person": person, "links": [link(tab) for tab in tabs], "own": False}

    links: list[dict[str, str]] = []
    group_links: list[dict[str, str]] = []
    group_label = ""
    done: set[str] = set()
    for tab in tabs:
        group = tab.own_group
        if not group:
            links.append(link(tab))
            continue
        if group in done:
            continue
        done.add(group)
        members = [other for other in tabs if other.own_group == group]
        if len(members) == 1:
            links.append(link(members[0]))
            continue
        rows = [link(member) for member in members]
        opens = _group_opens(person, members)
        in_group = any(row["current"] for row in rows)
        links.append(
            {
                "label": group,
                "url": reverse(opens.url_name, kwargs={"pk": person.pk}),
                "current": ("page" if view_name == opens.url_name else "true") if in_group else "",
            }
        )
        if in_group:
            group_links, group_label = rows, group
    return {
        "person": person,
        "links": links,
        "own": True,
        "group_links": group_links,
        "group_label": group_label,
    }


def _group_opens(person: Person, members: list[PersonTab]) -> PersonTab:
    """The page a group's tab opens: the first, except that About me opens the person's page in
    the format they chose (their easy-read page, unless they read standard print)."""
    if person.preferred_format != PreferredFormat.STANDARD:
        for member in members:
            if member.url_name == EASY_READ:
                return member
    return members[0]


@register.simple_tag(takes_context=True)
def viewer_is(context: template.Context, person: Person) -> bool:
    """Whether the signed-in viewer is the person the page is about: their own pages speak in
    their own voice ("About me") and put what waits for them first."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return is_own(user, person)


@register.simple_tag(takes_context=True)
def person_panels(context: template.Context, slot: str, person: Person) -> SafeString:
    """``{% person_panels "waiting_for_me" person %}``: the panels later apps registered in one of
    people's slots (person_panels.py), in order, each with its own access check."""
    return draw_slot("people", slot, context, person)


class CaptureNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: template.Context) -> str:
        context[self.name] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        return ""


@register.tag
def capture(parser: template.base.Parser, token: template.base.Token) -> CaptureNode:
    """``{% capture as waiting %}...{% endcapture %}``: what the tags inside render (already
    escaped by them), kept to show only when there is something, e.g. what waits for the
    person, gathered from the panels later apps registered (person_panels)."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Use {% capture as name %}...{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


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
