"""Template tags for the relationship circle: the picture, its words, and what members may do."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django import template
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from directsupport.lib.jinja_env import draw_part
from directsupport.people.circle_diagram import (
    SECTOR_ORDER,
    SECTOR_STYLES,
    build_circle_diagram,
    group_members,
)
from directsupport.people.circle_geometry import shape_points
from directsupport.people.models import CircleMember, Closeness, Person, Sector

register = template.Library()


# Drawing the circle is a third of the person page's work, and circles change rarely: keep the
# drawn SVG, keyed by everything that appears in it, so a change to any of it draws afresh.
CIRCLE_FIGURE_CACHE_SECONDS = 60 * 60


@register.simple_tag
def circle_figure(person: Person, members: Iterable[CircleMember]) -> str:
    """The relationship circle as an inline SVG (role="img", title, description) with its key."""
    members = list(members)
    drawn = repr(
        (
            person.pk,
            person.display_name,
            [(m.pk, m.name, m.relationship, m.sector, m.closeness) for m in members],
        )
    )
    key = "circle-figure:" + hashlib.sha256(drawn.encode()).hexdigest()
    fragments = caches["fragments"]
    html = fragments.get(key)
    if html is None:
        html = render_to_string(
            "people/circle_figure.jinja", _figure_context(person, members), using="jinja2"
        )
        fragments.set(key, html, CIRCLE_FIGURE_CACHE_SECONDS)
    # Drawn by Jinja2 (people/jinja2/people/circle_figure.jinja), which escaped what it drew.
    return mark_safe(html)  # noqa: S308


def _figure_context(person: Person, members: list[CircleMember]) -> dict[str, Any]:
    return {
        "diagram": build_circle_diagram(person, members),
        "svg_id": f"circle-{person.pk}",
        "key_sectors": [
            {
                "label": Sector(sector).label,
                "shape": SECTOR_STYLES[sector].shape,
                "points": shape_points(SECTOR_STYLES[sector].shape, 10, 10),
                "fill": SECTOR_STYLES[sector].marker_fill,
            }
            for sector in SECTOR_ORDER
        ],
        "key_rings": [{"number": int(c), "label": c.label} for c in Closeness],
    }


@register.simple_tag
def circle_in_words(
    person: Person, members: Iterable[CircleMember], heading_level: int = 3
) -> SafeString:
    """The same circle in words: each quarter, closest ring first (the picture's equivalent),
    drawn by Jinja2 (people/jinja2/people/circle_in_words.jinja)."""
    return draw_part(
        "people/circle_in_words.jinja",
        {"groups": group_members(members), "heading": f"h{heading_level}"},
    )


@register.filter
def member_may(member: CircleMember) -> list[str]:
    """What the person lets this member do, in words (never shown by colour alone)."""
    if not member.may_see:
        return ["Cannot see my information"]
    allowed = ["May see my information"]
    if member.may_contribute:
        allowed.append("May add to my plans")
    return allowed
