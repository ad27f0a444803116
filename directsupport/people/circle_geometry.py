"""Where markers and name labels go on the relationship circle: pure geometry, no database.

Angles are degrees clockwise from 12 o'clock; SVG coordinates have y growing downwards. A quarter
of a ring is a "cell". Markers are spread evenly along their cell (staggered in radius when it is
crowded); each name label then takes the first place beside its marker that touches no other
label, marker or fixed text, shortening the name only when it must. When a ring is too crowded,
wider rings for the crowded ones are tried and the layout showing most of everyone's name wins.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .models import Closeness, Sector

SIZE = 820
CENTRE = SIZE / 2
CENTRE_RADIUS = 62.0
OUTER_RADIUS = 318.0
MARKER_RADIUS = 6.5
# Centre to centre: diamonds and triangles reach 1.3 radii, plus a little air between.
MARKER_SPACING = MARKER_RADIUS * 2.6 + 2
LABEL_FONT = 14.0
# A generous estimate of one character's width: labels are kept apart using this, so erring wide
# keeps real text from touching.
CHAR_WIDTH = LABEL_FONT * 0.6
LABEL_HEIGHT = LABEL_FONT * 1.25
LABEL_GAP = 4.0
LONGEST_LABEL = 20
MINIMUM_RING_WIDTH = 26.0
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "dame", "lady"})

# Where each quarter starts: family top left, friends top right, paid supporters bottom left,
# community bottom right. In reading order, which is also the order markers are placed in.
SECTOR_STARTS: dict[str, float] = {
    Sector.FAMILY: 270,
    Sector.FRIENDS: 0,
    Sector.PAID: 180,
    Sector.COMMUNITY: 90,
}
Band = tuple[float, float]  # inner and outer radius of a ring


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in SVG coordinates (y grows downwards)."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def inside(self, outer: Box) -> bool:
        return (
            self.left >= outer.left
            and self.top >= outer.top
            and self.right <= outer.right
            and self.bottom <= outer.bottom
        )


CANVAS = Box(0, 0, SIZE, SIZE)


class Spot(NamedTuple):
    """A member to place: ``key`` is the caller's, handed back with the placement."""

    key: int
    name: str
    sector: str
    closeness: int


class Placement(NamedTuple):
    key: int
    x: float
    y: float
    label: str  # "" when not even initials fit: the name is then only in the <title>
    label_anchor: str
    label_x: float
    label_y: float
    label_box: Box
    marker_box: Box


class Layout(NamedTuple):
    # (markers touching, markers without a label, characters of names left off): lower is better.
    score: tuple[int, int, int]
    bands: tuple[Band, ...]
    placements: tuple[Placement, ...]


def lay_out(spots: Sequence[Spot], fixed_obstacles: Sequence[Box]) -> Layout:
    """The best layout of these members around text that must not be covered."""
    # Long names are always cut to LONGEST_LABEL: a layout losing no more than that is perfect.
    perfect = (0, 0, sum(dropped(s.name, label_variants(s.name)[0]) for s in spots))
    options = band_options(spots)
    best = _place_spots(spots, options[0], fixed_obstacles)
    for bands in options[1:]:
        if best.score <= perfect:
            break
        layout = _place_spots(spots, bands, fixed_obstacles)
        if layout.score < best.score:
            best = layout
    return best


def sector_span(sector: str) -> tuple[float, float]:
    """Start and end angle of a quarter."""
    start = SECTOR_STARTS[sector]
    return start, start + 90


def point(angle: float, radius: float) -> tuple[float, float]:
    theta = math.radians(angle)
    return CENTRE + radius * math.sin(theta), CENTRE - radius * math.cos(theta)


def angle_of(x: float, y: float) -> float:
    """The angle of a point, 0 to 360."""
    return math.degrees(math.atan2(x - CENTRE, CENTRE - y)) % 360


def ring_number_position(band: Band) -> tuple[float, float]:
    """A ring's number sits on the line between Family and Friends, halfway across the ring."""
    x, y = point(0, (band[0] + band[1]) / 2)
    return x, y + 5


def truncate(text: str, limit: int) -> str:
    """Shorten to at most ``limit`` characters, marking the cut with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def label_variants(name: str) -> list[str]:
    """Labels to try, longest first: the name, 'First L.', the first name, then initials.

    Titles ('Dr', 'Mrs') are left out of the short forms: 'Dr J.' tells you nothing.
    """
    name = " ".join(name.split()) or "?"
    words = [w for w in name.split(" ") if w.rstrip(".").casefold() not in TITLES] or [name]
    variants = [truncate(name, LONGEST_LABEL)]
    if len(words) > 1:
        variants.append(truncate(f"{words[0]} {words[-1][0]}.", 14))
    variants.append(truncate(words[0], 10))
    variants.append("".join(word[0] for word in words[:3]).upper())
    unique: list[str] = []
    for variant in variants:
        if variant not in unique:
            unique.append(variant)
    return unique


def dropped(name: str, label: str) -> int:
    """How many characters of the name the label leaves off."""
    return max(0, len(" ".join(name.split())) - len(label.rstrip("….")))


def shape_points(shape: str, x: float, y: float) -> str:
    """Corners of a marker centred on (x, y) for an SVG polygon; empty for a circle."""
    r = MARKER_RADIUS
    if shape == "diamond":
        corners = [(x, y - r * 1.3), (x + r * 1.3, y), (x, y + r * 1.3), (x - r * 1.3, y)]
    elif shape == "triangle":
        corners = [(x, y - r * 1.3), (x + r * 1.2, y + r * 0.9), (x - r * 1.2, y + r * 0.9)]
    elif shape == "square":
        corners = [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]
    else:
        return ""
    return " ".join(f"{px:.1f},{py:.1f}" for px, py in corners)


# ---- Ring widths ----------------------------------------------------------------------------


def band_options(spots: Sequence[Spot]) -> list[tuple[Band, ...]]:
    """Ring widths to try: equal first, then wider rings where a quarter of a ring is crowded.

    Inner rings have shorter arcs, so the same crowd needs more width there.
    """
    options = [_bands_from_weights([1.0, 1.0, 1.0, 1.0])]
    crowd = [
        max(
            (sum(1 for p in spots if p.sector == s and p.closeness == c) for s in SECTOR_STARTS),
            default=0,
        )
        for c in Closeness.values
    ]
    if max(crowd, default=0) <= 4:
        return options
    for power in (0.5, 0.8, 1.1, 1.5, 2.0, 3.0):
        weights = [
            (1 + count / (ring + 1)) ** power if count else 0.0 for ring, count in enumerate(crowd)
        ]
        bands = _bands_from_weights(weights)
        if all(_bands_differ(bands, option) for option in options):
            options.append(bands)
    return options


def _bands_differ(first: Sequence[Band], second: Sequence[Band]) -> bool:
    return any(abs(a[1] - b[1]) > 3 for a, b in zip(first, second, strict=True))


def _bands_from_weights(weights: Sequence[float]) -> tuple[Band, ...]:
    """Split the space between the middle and the edge; every ring keeps a visible minimum."""
    spare = (OUTER_RADIUS - CENTRE_RADIUS) - MINIMUM_RING_WIDTH * len(weights)
    total = sum(weights) or 1.0
    bands = []
    inner = CENTRE_RADIUS
    for weight in weights:
        outer = inner + MINIMUM_RING_WIDTH + spare * weight / total
        bands.append((inner, outer))
        inner = outer
    bands[-1] = (bands[-1][0], OUTER_RADIUS)  # no rounding gap at the edge
    return tuple(bands)


# ---- Markers and labels ---------------------------------------------------------------------


def _place_spots(spots: Sequence[Spot], bands: tuple[Band, ...], fixed: Sequence[Box]) -> Layout:
    """Markers first (so no label covers one), then labels, inner rings first."""
    obstacles = [*fixed, *(_number_box(*ring_number_position(band)) for band in bands)]
    order = _marker_positions(spots, bands)
    points = [(x, y) for _, x, y in order]
    markers = [_marker_box(x, y) for x, y in points]
    crowded = sum(
        1
        for i, (x, y) in enumerate(points)
        for ox, oy in points[i + 1 :]
        if math.hypot(x - ox, y - oy) < MARKER_SPACING
    )
    placed_labels: list[Box] = []
    placements: list[Placement] = []
    unlabelled = 0
    lost = 0
    for index, (spot, x, y) in enumerate(order):
        others = markers[:index] + markers[index + 1 :]
        label, anchor, label_x, label_y, box, fits = _place_label(
            spot.name, x, y, [*obstacles, *others, *placed_labels]
        )
        if not fits:
            # A crowded ring: move the marker to the nearest free spot in its ring and quarter
            # where at least a short label fits.
            band = bands[spot.closeness - 1]
            for spot_x, spot_y in _spare_points(spot.sector, band, (x, y)):
                moved = _marker_box(spot_x, spot_y)
                if any(
                    math.hypot(spot_x - px, spot_y - py) < MARKER_SPACING
                    for j, (px, py) in enumerate(points)
                    if j != index
                ) or any(moved.overlaps(other) for other in [*obstacles, *placed_labels]):
                    continue
                attempt = _place_label(
                    spot.name, spot_x, spot_y, [*obstacles, *others, *placed_labels]
                )
                if attempt[-1]:
                    label, anchor, label_x, label_y, box, fits = attempt
                    x, y = spot_x, spot_y
                    points[index] = (x, y)
                    markers[index] = moved
                    break
        unlabelled += 0 if fits else 1
        lost += dropped(spot.name, label)
        if fits:
            placed_labels.append(box)
        placements.append(
            Placement(spot.key, x, y, label, anchor, label_x, label_y, box, markers[index])
        )
    return Layout((crowded, unlabelled, lost), bands, tuple(placements))


def _marker_positions(
    spots: Sequence[Spot], bands: Sequence[Band]
) -> list[tuple[Spot, float, float]]:
    """Spread each cell evenly; inner rings first (they have least room, so first choice)."""
    positions: list[tuple[Spot, float, float]] = []
    for closeness in Closeness.values:
        for sector in SECTOR_STARTS:
            cell = sorted(
                (s for s in spots if s.sector == sector and s.closeness == closeness),
                key=lambda s: (s.name.casefold(), s.key),
            )
            points = _cell_points(sector, bands[closeness - 1], len(cell))
            positions += [(s, x, y) for s, (x, y) in zip(cell, points, strict=True)]
    return positions


def _cell_points(sector: str, band: Band, count: int) -> list[tuple[float, float]]:
    if count == 0:
        return []
    inner, outer = band
    low = inner + MARKER_RADIUS + 5
    high = outer - MARKER_RADIUS - 5
    middle = (low + high) / 2
    start, end = sector_span(sector)
    # Keep clear of the dividing lines: the padding is a distance, so the angle depends on radius.
    pad = math.degrees(math.asin(min(1.0, (MARKER_RADIUS + 12) / inner)))
    usable = (end - start) - 2 * pad
    step = math.radians(usable) * middle / count
    inner_step = math.radians(usable) * low / count
    # More rows when neighbours along the arc would sit closer than a short label's width, or
    # (on the innermost row, where the arc is shortest) closer than two markers.
    most_rows = max(1, int((high - low) // (MARKER_RADIUS * 2 + 6)) + 1)
    rows = 1
    while rows < most_rows and (step * rows < 70 or inner_step * rows < MARKER_SPACING):
        rows += 1
    if rows == 1:
        radii = [middle]
    else:
        radii = [low + (high - low) * row / (rows - 1) for row in range(rows)]
        # Middle row first, so a ring with few members stays on its middle line.
        radii.sort(key=lambda r: abs(r - middle))
    points = []
    for index in range(count):
        angle = start + pad + usable * (index + 0.5) / count
        radius = radii[index % rows] if count > 1 else middle
        points.append(point(angle, radius))
    return points


def _spare_points(sector: str, band: Band, near: tuple[float, float]) -> list[tuple[float, float]]:
    """Every spot in a ring's quarter a marker could stand on, nearest to ``near`` first."""
    inner, outer = band
    low = inner + MARKER_RADIUS + 5
    high = outer - MARKER_RADIUS - 5
    start, end = sector_span(sector)
    pad = math.degrees(math.asin(min(1.0, (MARKER_RADIUS + 12) / inner)))
    rows = max(1, int((high - low) // (MARKER_SPACING / 2)) + 1)
    spots = []
    for row in range(rows):
        radius = (low + high) / 2 if rows == 1 else low + (high - low) * row / (rows - 1)
        usable = (end - start) - 2 * pad
        count = max(1, int(math.radians(usable) * radius // (MARKER_SPACING / 2)))
        for i in range(count):
            spots.append(point(start + pad + usable * (i + 0.5) / count, radius))
    spots.sort(key=lambda p: math.hypot(p[0] - near[0], p[1] - near[1]))
    return spots


def _marker_box(x: float, y: float) -> Box:
    reach = MARKER_RADIUS + 2
    return Box(x - reach, y - reach, x + reach, y + reach)


def _label_width(text: str) -> float:
    return len(text) * CHAR_WIDTH + 2


def _candidate_labels(text: str, x: float, y: float) -> list[tuple[str, float, float, Box]]:
    """(anchor, text x, baseline y, box) for places beside the marker, outward side first."""
    width = _label_width(text)
    half = LABEL_HEIGHT / 2
    gap = MARKER_RADIUS + LABEL_GAP
    sides = []
    for shift in (0.0, -half, half):
        # Level with the marker, then nudged up or down by half a line.
        baseline = y + shift + LABEL_FONT * 0.35
        top, bottom = y + shift - half, y + shift + half
        right = ("start", x + gap, baseline, Box(x + gap, top, x + gap + width, bottom))
        left = ("end", x - gap, baseline, Box(x - gap - width, top, x - gap, bottom))
        sides.append((right, left) if x >= CENTRE else (left, right))
    below = (
        "middle",
        x,
        y + gap + LABEL_FONT * 0.85,
        Box(x - width / 2, y + gap - 1, x + width / 2, y + gap + LABEL_HEIGHT - 1),
    )
    above = (
        "middle",
        x,
        y - gap - LABEL_FONT * 0.3,
        Box(x - width / 2, y - gap - LABEL_HEIGHT + 1, x + width / 2, y - gap + 1),
    )
    vertical = [below, above] if y >= CENTRE else [above, below]
    outward = [pair[0] for pair in sides]
    inward = [pair[1] for pair in sides]
    return [outward[0], *vertical, *outward[1:], *inward]


def _place_label(
    name: str, x: float, y: float, obstacles: Sequence[Box]
) -> tuple[str, str, float, float, Box, bool]:
    """The longest label that fits somewhere beside the marker without touching anything."""
    variants = label_variants(name)
    for text in variants:
        for anchor, label_x, label_y, box in _candidate_labels(text, x, y):
            padded = Box(box.left - 1, box.top - 1, box.right + 1, box.bottom + 1)
            if box.inside(CANVAS) and not any(padded.overlaps(o) for o in obstacles):
                return text, anchor, label_x, label_y, box, True
    # Nothing fits, not even initials (a very crowded ring): no label rather than text on top of
    # text. The full name is in the marker's <title> and in the list beside the picture.
    return "", "middle", x, y, Box(x, y, x, y), False


def _number_box(x: float, y: float) -> Box:
    return Box(x - 8, y - 14, x + 8, y + 4)
