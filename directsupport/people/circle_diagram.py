"""The relationship circle, drawn on the server as plain data for an inline SVG.

The person is in the middle. Four quarters hold the four kinds of relationship (family top left,
friends top right, paid supporters bottom left, school/work/community bottom right) and four rings
say how close someone is (closest in the middle). Where each member's marker and name go is
worked out in circle_geometry.py; this module turns that into what the template draws, and gives
the same circle in words (the text equivalent).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .circle_geometry import (
    CENTRE,
    CENTRE_RADIUS,
    LABEL_FONT,
    MARKER_RADIUS,
    OUTER_RADIUS,
    SIZE,
    Box,
    Spot,
    angle_of,
    lay_out,
    point,
    ring_number_position,
    sector_span,
    shape_points,
    truncate,
)
from .models import CircleMember, Closeness, Person, Sector

SECTOR_FONT = 16.0
SECTOR_LINE_HEIGHT = 20.0


@dataclass(frozen=True)
class SectorStyle:
    """Where a quarter's label sits and how the quarter is drawn.

    Fills are pale so dark text on them is well above 4.5:1; markers differ by shape as well as
    colour, so nothing depends on seeing colour.
    """

    label_lines: tuple[str, ...]
    corner: tuple[str, str]  # ("top" | "bottom", "left" | "right")
    fill: str
    marker_fill: str
    shape: str


SECTOR_STYLES: dict[str, SectorStyle] = {
    Sector.FAMILY: SectorStyle(("Family",), ("top", "left"), "#fdeadb", "#8a3500", "circle"),
    Sector.FRIENDS: SectorStyle(
        ("Friends and", "unpaid support"), ("top", "right"), "#e2f0dc", "#1d5c26", "square"
    ),
    Sector.PAID: SectorStyle(
        ("Paid", "supporters"), ("bottom", "left"), "#dce7f5", "#1c4a85", "diamond"
    ),
    Sector.COMMUNITY: SectorStyle(
        ("School, work,", "day services", "and community"),
        ("bottom", "right"),
        "#f2e3f4",
        "#6a2c73",
        "triangle",
    ),
}
# Reading order for lists and the description: the order of the Sector choices.
SECTOR_ORDER: tuple[str, ...] = tuple(Sector.values)


@dataclass(frozen=True)
class PlacedMember:
    member_id: int
    name: str
    label: str
    relationship: str
    sector: str
    sector_label: str
    closeness: int
    closeness_label: str
    x: float
    y: float
    shape: str
    shape_points: str
    fill: str
    label_x: float
    label_y: float
    label_anchor: str
    label_box: Box
    marker_box: Box

    @property
    def shortened(self) -> bool:
        return self.label != self.name

    @property
    def radius(self) -> float:
        return math.hypot(self.x - CENTRE, self.y - CENTRE)

    @property
    def angle(self) -> float:
        """Degrees clockwise from 12 o'clock, 0 to 360."""
        return angle_of(self.x, self.y)


@dataclass(frozen=True)
class SectorDrawing:
    key: str
    label: str
    lines: tuple[tuple[str, float], ...]  # (text, baseline y)
    label_x: float
    label_anchor: str
    path: str
    fill: str
    marker_fill: str
    shape: str
    count: int


@dataclass(frozen=True)
class RingDrawing:
    closeness: int
    label: str
    inner_radius: float
    outer_radius: float
    number_x: float
    number_y: float


@dataclass(frozen=True)
class ClosenessGroup:
    closeness: int
    label: str
    members: tuple[CircleMember, ...]


@dataclass(frozen=True)
class SectorGroup:
    """One quarter of the circle for the text equivalent, closest ring first."""

    key: str
    label: str
    shape: str
    rings: tuple[ClosenessGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(ring.members) for ring in self.rings)


@dataclass(frozen=True)
class CircleDiagram:
    size: int
    centre: float
    centre_radius: float
    outer_radius: float
    centre_lines: tuple[tuple[str, float], ...]
    person_name: str
    title: str
    description: str
    sectors: tuple[SectorDrawing, ...]
    rings: tuple[RingDrawing, ...]
    members: tuple[PlacedMember, ...]
    dividers: tuple[tuple[float, float, float, float], ...] = field(default=())
    marker_radius: float = MARKER_RADIUS
    label_font: float = LABEL_FONT
    sector_font: float = SECTOR_FONT


def group_members(members: Iterable[CircleMember]) -> tuple[SectorGroup, ...]:
    """The text equivalent: by quarter (in reading order), then by ring, closest first."""
    members = list(members)
    groups = []
    for sector in SECTOR_ORDER:
        rings = []
        for closeness in Closeness:
            in_ring = tuple(
                sorted(
                    (m for m in members if m.sector == sector and m.closeness == closeness),
                    key=lambda m: m.name.casefold(),
                )
            )
            if in_ring:
                rings.append(ClosenessGroup(int(closeness), closeness.label, in_ring))
        groups.append(
            SectorGroup(
                key=sector,
                label=Sector(sector).label,
                shape=SECTOR_STYLES[sector].shape,
                rings=tuple(rings),
            )
        )
    return tuple(groups)


def build_circle_diagram(person: Person, members: Sequence[CircleMember]) -> CircleDiagram:
    """Lay out the person's circle. Members with an unknown sector or ring are left off."""
    members = [m for m in members if m.sector in SECTOR_STYLES and m.closeness in Closeness.values]
    centre_lines = _centre_lines(person)
    sectors = _sector_drawings(members)
    layout = lay_out(
        [Spot(index, m.name, m.sector, m.closeness) for index, m in enumerate(members)],
        [_centre_box(centre_lines), *(_sector_label_box(s) for s in sectors)],
    )
    rings = []
    for closeness, band in zip(Closeness, layout.bands, strict=True):
        number_x, number_y = ring_number_position(band)
        rings.append(RingDrawing(int(closeness), closeness.label, *band, number_x, number_y))
    placed = []
    for placement in layout.placements:
        member = members[placement.key]
        style = SECTOR_STYLES[member.sector]
        placed.append(
            PlacedMember(
                # Unsaved members (in tests) get negative ids so every marker has its own.
                member_id=member.pk if member.pk is not None else -placement.key - 1,
                name=member.name,
                label=placement.label,
                relationship=member.relationship,
                sector=member.sector,
                sector_label=Sector(member.sector).label,
                closeness=member.closeness,
                closeness_label=Closeness(member.closeness).label,
                x=round(placement.x, 1),
                y=round(placement.y, 1),
                shape=style.shape,
                shape_points=shape_points(style.shape, placement.x, placement.y),
                fill=style.marker_fill,
                label_x=round(placement.label_x, 1),
                label_y=round(placement.label_y, 1),
                label_anchor=placement.label_anchor,
                label_box=placement.label_box,
                marker_box=placement.marker_box,
            )
        )
    return CircleDiagram(
        size=SIZE,
        centre=CENTRE,
        centre_radius=CENTRE_RADIUS,
        outer_radius=OUTER_RADIUS,
        centre_lines=centre_lines,
        person_name=person.display_name,
        title=f"{person.display_name}'s circle of support",
        description=_description(person, members),
        sectors=sectors,
        rings=tuple(rings),
        members=tuple(placed),
        dividers=(
            (CENTRE, CENTRE - OUTER_RADIUS, CENTRE, CENTRE - CENTRE_RADIUS),
            (CENTRE, CENTRE + CENTRE_RADIUS, CENTRE, CENTRE + OUTER_RADIUS),
            (CENTRE - OUTER_RADIUS, CENTRE, CENTRE - CENTRE_RADIUS, CENTRE),
            (CENTRE + CENTRE_RADIUS, CENTRE, CENTRE + OUTER_RADIUS, CENTRE),
        ),
    )


# ---- Drawing helpers ------------------------------------------------------------------------


def _centre_lines(person: Person) -> tuple[tuple[str, float], ...]:
    first = truncate(person.called, 11)
    last = truncate(person.last_name, 11)
    return ((first, CENTRE - 3), (last, CENTRE + 17))


def _centre_box(lines: tuple[tuple[str, float], ...]) -> Box:
    width = max(len(text) for text, _ in lines) * 16 * 0.62
    return Box(CENTRE - width / 2, CENTRE - 20, CENTRE + width / 2, CENTRE + 22)


def _sector_drawings(members: Sequence[CircleMember]) -> tuple[SectorDrawing, ...]:
    drawings = []
    for sector in SECTOR_ORDER:
        style = SECTOR_STYLES[sector]
        start, end = sector_span(sector)
        vertical, horizontal = style.corner
        margin = 14.0
        if vertical == "top":
            first_baseline = margin + SECTOR_FONT
        else:
            first_baseline = SIZE - margin - (len(style.label_lines) - 1) * SECTOR_LINE_HEIGHT - 4
        lines = tuple(
            (text, first_baseline + i * SECTOR_LINE_HEIGHT)
            for i, text in enumerate(style.label_lines)
        )
        drawings.append(
            SectorDrawing(
                key=sector,
                label=Sector(sector).label,
                lines=lines,
                label_x=margin if horizontal == "left" else SIZE - margin,
                label_anchor="start" if horizontal == "left" else "end",
                path=_wedge_path(start, end, CENTRE_RADIUS, OUTER_RADIUS),
                fill=style.fill,
                marker_fill=style.marker_fill,
                shape=style.shape,
                count=sum(1 for m in members if m.sector == sector),
            )
        )
    return tuple(drawings)


def _sector_label_box(sector: SectorDrawing) -> Box:
    width = max(len(text) for text, _ in sector.lines) * SECTOR_FONT * 0.62
    top = sector.lines[0][1] - SECTOR_FONT
    bottom = sector.lines[-1][1] + 5
    if sector.label_anchor == "start":
        return Box(sector.label_x, top, sector.label_x + width, bottom)
    return Box(sector.label_x - width, top, sector.label_x, bottom)


def _wedge_path(start: float, end: float, inner: float, outer: float) -> str:
    ox1, oy1 = point(start, outer)
    ox2, oy2 = point(end, outer)
    ix2, iy2 = point(end, inner)
    ix1, iy1 = point(start, inner)
    return (
        f"M {ox1:.1f} {oy1:.1f} A {outer:.1f} {outer:.1f} 0 0 1 {ox2:.1f} {oy2:.1f} "
        f"L {ix2:.1f} {iy2:.1f} A {inner:.1f} {inner:.1f} 0 0 0 {ix1:.1f} {iy1:.1f} Z"
    )


def _description(person: Person, members: Sequence[CircleMember]) -> str:
    if not members:
        return (
            f"A relationship circle with {person.display_name} in the middle. "
            "Nobody has been added to the circle yet."
        )
    parts = []
    for sector in SECTOR_ORDER:
        count = sum(1 for m in members if m.sector == sector)
        people = "person" if count == 1 else "people"
        parts.append(f"{Sector(sector).label}: {count} {people}")
    total = len(members)
    return (
        f"A relationship circle with {person.display_name} in the middle and "
        f"{total} {'person' if total == 1 else 'people'} around them, in four parts. "
        + "; ".join(parts)
        + ". Rings show how close each person is, closest in the middle. "
        "The list next to the picture gives the same information in words."
    )
