"""The relationship circle's geometry: everyone in their quarter and ring, no label on another."""

from __future__ import annotations

import math
import random

import pytest

from directsupport.people.circle_diagram import (
    SECTOR_STYLES,
    CircleDiagram,
    build_circle_diagram,
    group_members,
)
from directsupport.people.circle_geometry import (
    CANVAS,
    CENTRE,
    MARKER_SPACING,
    label_variants,
    sector_span,
)
from directsupport.people.models import CircleMember, Closeness, Person, Sector

FIRST = ["Ngozi", "Sam", "Priya", "Bob", "Grace", "Marcus", "Aisha", "Tom", "Wei", "Olu", "Kate"]
LAST = ["Okafor", "Patel", "Shah", "Price", "Lee", "Adeyemi-Johnson", "Nguyen", "O'Brien", "Li"]


def dee() -> Person:
    return Person(pk=1, first_name="Adaeze", preferred_name="Dee", last_name="Okafor")


def member(pk: int, name: str, sector: str, closeness: int) -> CircleMember:
    return CircleMember(pk=pk, name=name, relationship="friend", sector=sector, closeness=closeness)


def random_circle(rng: random.Random, count: int) -> list[CircleMember]:
    return [
        member(
            pk,
            f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            rng.choice(Sector.values),
            rng.randint(1, 4),
        )
        for pk in range(1, count + 1)
    ]


def crowded_cell(sector: str, closeness: int, count: int) -> list[CircleMember]:
    return [
        member(pk, f"{FIRST[pk % len(FIRST)]} {LAST[pk % len(LAST)]}", sector, closeness)
        for pk in range(1, count + 1)
    ]


def assert_everyone_in_their_place(diagram: CircleDiagram) -> None:
    """Each marker lies inside its quarter's wedge and its ring's band, clear of the edges."""
    for placed in diagram.members:
        ring = diagram.rings[placed.closeness - 1]
        assert ring.inner_radius < placed.radius < ring.outer_radius, placed
        reach = diagram.marker_radius * 1.3
        assert ring.inner_radius + reach <= placed.radius <= ring.outer_radius - reach, placed
        start, end = sector_span(placed.sector)
        angle = placed.angle if placed.angle >= start else placed.angle + 360
        assert start < angle < end, placed
        # The whole marker stays off the dividing lines, not just its centre.
        distance_to_line = placed.radius * math.sin(math.radians(min(angle - start, end - angle)))
        assert distance_to_line > reach, placed


def assert_nothing_overlaps(diagram: CircleDiagram) -> None:
    members = diagram.members
    for index, first in enumerate(members):
        assert first.label_box.inside(CANVAS) or not first.label
        for second in members[index + 1 :]:
            gap = math.hypot(first.x - second.x, first.y - second.y)
            assert gap >= MARKER_SPACING - 0.2, (first.name, second.name)
            if first.label and second.label:
                assert not first.label_box.overlaps(second.label_box), (first.label, second.label)
        for other in members:
            if other is not first and first.label:
                assert not first.label_box.overlaps(other.marker_box), (first.label, other.name)


def test_an_empty_circle_has_the_person_in_the_middle_and_four_labelled_quarters():
    diagram = build_circle_diagram(dee(), [])

    assert diagram.members == ()
    assert [text for text, _ in diagram.centre_lines] == ["Dee", "Okafor"]
    assert [sector.label for sector in diagram.sectors] == [
        "Family",
        "Friends and unpaid support",
        "Paid supporters",
        "School, work, day services and community",
    ]
    assert [ring.label for ring in diagram.rings] == [
        "Closest to me",
        "Close",
        "Know well",
        "Further out",
    ]
    assert "Nobody has been added" in diagram.description


def test_rings_are_equal_and_closest_is_in_the_middle_when_nobody_is_crowded():
    diagram = build_circle_diagram(dee(), random_circle(random.Random(3), 12))

    widths = [ring.outer_radius - ring.inner_radius for ring in diagram.rings]
    assert max(widths) - min(widths) < 0.01
    radii = [ring.outer_radius for ring in diagram.rings]
    assert radii == sorted(radii)
    assert diagram.rings[0].inner_radius == diagram.centre_radius


def test_one_member_in_each_cell_sits_in_its_quarter_and_ring():
    people = [
        member(pk, f"Person {pk}", sector, closeness)
        for pk, (sector, closeness) in enumerate(
            ((s, c) for s in Sector.values for c in Closeness.values), start=1
        )
    ]

    diagram = build_circle_diagram(dee(), people)

    assert len(diagram.members) == 16
    assert_everyone_in_their_place(diagram)
    assert_nothing_overlaps(diagram)


def test_family_is_top_left_friends_top_right_paid_bottom_left_community_bottom_right():
    people = [member(pk, f"P{pk}", s, 2) for pk, s in enumerate(Sector.values, start=1)]

    placed = {m.sector: m for m in build_circle_diagram(dee(), people).members}

    assert placed[Sector.FAMILY].x < CENTRE and placed[Sector.FAMILY].y < CENTRE
    assert placed[Sector.FRIENDS].x > CENTRE and placed[Sector.FRIENDS].y < CENTRE
    assert placed[Sector.PAID].x < CENTRE and placed[Sector.PAID].y > CENTRE
    assert placed[Sector.COMMUNITY].x > CENTRE and placed[Sector.COMMUNITY].y > CENTRE


@pytest.mark.parametrize("seed", range(40))
def test_random_circles_of_up_to_thirty_are_placed_and_fully_labelled(seed):
    rng = random.Random(seed)
    people = random_circle(rng, rng.randint(0, 30))

    diagram = build_circle_diagram(dee(), people)

    assert len(diagram.members) == len(people)
    assert_everyone_in_their_place(diagram)
    assert_nothing_overlaps(diagram)
    assert all(placed.label for placed in diagram.members)


@pytest.mark.parametrize("sector", Sector.values)
@pytest.mark.parametrize("closeness", Closeness.values)
def test_twenty_people_in_one_ring_of_one_quarter_stay_legible(sector, closeness):
    diagram = build_circle_diagram(dee(), crowded_cell(sector, closeness, 20))

    assert_everyone_in_their_place(diagram)
    assert_nothing_overlaps(diagram)
    assert all(placed.label for placed in diagram.members)
    # Spread out: not all on one line (the radius is staggered) and over most of the quarter.
    assert len({round(p.radius) for p in diagram.members}) > 1
    angles = [
        p.angle if p.angle >= sector_span(sector)[0] else p.angle + 360 for p in diagram.members
    ]
    assert max(angles) - min(angles) > 45


@pytest.mark.parametrize("sector", Sector.values)
def test_thirty_people_closest_in_one_quarter_never_overlap(sector):
    diagram = build_circle_diagram(dee(), crowded_cell(sector, Closeness.CLOSEST, 30))

    assert_everyone_in_their_place(diagram)
    assert_nothing_overlaps(diagram)
    # Almost everyone keeps a label; anyone who cannot has their name in the <title> and list.
    assert sum(1 for placed in diagram.members if placed.label) >= 26


def test_a_crowded_ring_is_made_wider_and_the_rings_keep_their_order():
    diagram = build_circle_diagram(dee(), crowded_cell(Sector.PAID, Closeness.CLOSE, 20))

    widths = [ring.outer_radius - ring.inner_radius for ring in diagram.rings]
    assert widths[1] == max(widths)
    assert [r.inner_radius for r in diagram.rings[1:]] == [
        r.outer_radius for r in diagram.rings[:-1]
    ]
    assert diagram.rings[-1].outer_radius == diagram.outer_radius


def test_long_names_are_shortened_in_the_label_but_kept_whole():
    name = "Bartholomew Montgomery-Fitzwilliam"
    diagram = build_circle_diagram(dee(), [member(1, name, Sector.FAMILY, 2)])

    placed = diagram.members[0]
    assert placed.name == name
    assert placed.label.endswith("…")
    assert len(placed.label) <= 20
    assert placed.shortened


def test_short_forms_of_a_name_leave_out_titles():
    assert label_variants("Dr Helen Morgan") == ["Dr Helen Morgan", "Helen M.", "Helen", "HM"]
    assert label_variants("Ngozi Okafor")[1:] == ["Ngozi O.", "Ngozi", "NO"]


def test_each_quarter_has_its_own_marker_shape_so_colour_is_not_needed():
    shapes = {style.shape for style in SECTOR_STYLES.values()}

    assert len(shapes) == 4


def relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("sector", Sector.values)
def test_text_on_each_quarter_has_at_least_4_5_to_1_contrast(sector):
    style = SECTOR_STYLES[sector]

    assert contrast("#0b0c0c", style.fill) >= 4.5
    # Markers are graphics: at least 3:1 against the quarter they sit in.
    assert contrast(style.marker_fill, style.fill) >= 3


def test_the_text_equivalent_groups_by_quarter_then_ring_closest_first():
    people = [
        member(1, "Zara", Sector.FAMILY, 3),
        member(2, "Ngozi", Sector.FAMILY, 1),
        member(3, "Abe", Sector.FAMILY, 1),
        member(4, "Sam", Sector.PAID, 2),
    ]

    groups = group_members(people)

    family = groups[0]
    assert family.label == "Family"
    assert [(ring.label, [m.name for m in ring.members]) for ring in family.rings] == [
        ("Closest to me", ["Abe", "Ngozi"]),
        ("Know well", ["Zara"]),
    ]
    assert family.count == 3
    assert groups[1].rings == ()
    assert [m.name for m in groups[2].rings[0].members] == ["Sam"]


def test_the_description_counts_each_quarter():
    diagram = build_circle_diagram(
        dee(), [member(1, "Ngozi", Sector.FAMILY, 1), member(2, "Sam", Sector.PAID, 1)]
    )

    assert "2 people" in diagram.description
    assert "Family: 1 person" in diagram.description
    assert "Friends and unpaid support: 0 people" in diagram.description


def test_drawn_circles_never_push_throttle_counts_out_of_the_cache():
    """Each drawn circle is kept in the 'fragments' cache, not the default one that holds the
    throttles and refusal counts (whose local copy keeps only 300 entries)."""
    from django.core.cache import cache, caches

    from directsupport.people.models import Person
    from directsupport.people.templatetags.circle_tags import circle_figure

    cache.set("throttle-under-test", 3, 600)
    for pk in range(1, 401):
        html = circle_figure(Person(pk=pk, first_name=f"Person {pk}", last_name="Test"), [])
        assert "<svg" in html
    assert cache.get("throttle-under-test") == 3
    assert len(caches["fragments"]._cache) >= 400  # type: ignore[attr-defined]
