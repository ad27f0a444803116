"""Template tags for the relationship circle: the picture, its words, and what members may do."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from directsupport.people.circle_diagram import (
    SECTOR_ORDER,
    SECTOR_STYLES,
    build_circle_diagram,
    group_members,
)
from directsupport.people.circle_geometry import shape_points
from directsupport.people.models import CircleMember, Closeness, Person, Sector

register = template.Library()


@register.inclusion_tag("people/circle_figure.html")
def circle_figure(person: Person, members: Iterable[CircleMember]) -> dict[str, Any]:
    """The relationship circle as an inline SVG (role="img", title, description) with its key."""
    return {
        "diagram": build_circle_diagram(person, list(members)),
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


@register.inclusion_tag("people/circle_in_words.html")
def circle_in_words(
    person: Person, members: Iterable[CircleMember], heading_level: int = 3
) -> dict[str, Any]:
    """The same circle in words: each quarter, closest ring first (the picture's equivalent)."""
    return {"person": person, "groups": group_members(members), "heading": f"h{heading_level}"}


@register.filter
def member_may(member: CircleMember) -> list[str]:
    """What the person lets this member do, in words (never shown by colour alone)."""
    if not member.may_see:
        return ["Cannot see my information"]
    allowed = ["May see my information"]
    if member.may_contribute:
        allowed.append("May add to my plans")
    return allowed
