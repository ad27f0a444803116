"""The rules of joint procurement on plain values: which needs can share a worker, and what
each member pays against buying alone."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from directsupport.commissioning.pools.compatibility import (
    PlainNeed,
    Point,
    TooManyGroups,
    alone_cost,
    candidate_groups,
    compatible,
    distance_km,
    group_minutes,
    max_group_size,
    overlap_minutes,
    pooled_cost_per_person,
    session_minutes,
)

SWIMMING = 7
COOKING = 8
TUESDAY = 1
HF1 = Point(521_000, 180_000)
HF4 = Point(524_000, 180_000)  # 3 km east
FAR = Point(540_000, 180_000)  # 19 km east


def swim(pk: int, person: int | None = None, **changes) -> PlainNeed:
    """Swimming on Tuesday 18:00-20:00 in HF1, one worker for three people."""
    need = PlainNeed(
        pk=pk,
        person_id=person if person is not None else pk,
        term_id=SWIMMING,
        weekday=TUESDAY,
        starts_at=dt.time(18),
        ends_at=dt.time(20),
        district=HF1,
        ratio="shared",
        shared_by=3,
    )
    return replace(need, **changes)


def test_distance_is_straight_line_kilometres() -> None:
    assert distance_km(HF1, HF4) == 3
    assert distance_km(Point(0, 0), Point(3000, 4000)) == 5


def test_overlap_counts_shared_minutes_on_the_same_day_only() -> None:
    assert overlap_minutes(swim(1), swim(2, starts_at=dt.time(19), ends_at=dt.time(21))) == 60
    assert overlap_minutes(swim(1), swim(2, weekday=2)) == 0
    assert overlap_minutes(swim(1), swim(2, starts_at=dt.time(20), ends_at=dt.time(21))) == 0
    assert overlap_minutes(swim(1), swim(2, starts_at=None, ends_at=None)) == 0


def test_compatible_needs_share_kind_day_most_of_the_time_place_and_ratio() -> None:
    assert compatible(swim(1), swim(2), max_travel_km=5)
    assert compatible(swim(1), swim(2, district=HF4), max_travel_km=5)


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"term_id": COOKING}, "a different kind of support"),
        ({"weekday": 3}, "a different day"),
        ({"starts_at": dt.time(19), "ends_at": dt.time(21)}, "only half the session overlaps"),
        ({"district": FAR}, "too far away"),
        ({"district": None}, "no place known"),
        ({"ratio": "one_to_one", "shared_by": None}, "wants a worker to themselves"),
        ({"ratio": "two_to_one", "shared_by": None}, "needs two workers"),
        ({"ratio": "shared", "shared_by": None}, "shared but with nobody stated"),
        ({"overnight": True}, "overnight support is not pooled"),
        ({"person_id": 1}, "the same person"),
    ],
)
def test_incompatible_needs(changes: dict, why: str) -> None:
    assert not compatible(swim(1), swim(2, **changes), max_travel_km=5), why


def test_most_of_the_session_means_more_than_half_of_each() -> None:
    # 18:00-20:00 against 18:30-20:00: 90 of 120 and 90 of 90 minutes.
    assert compatible(swim(1), swim(2, starts_at=dt.time(18, 30)), max_travel_km=5)
    # 18:00-20:00 against 17:00-21:00: 120 of 240 minutes is only half of the longer one.
    assert not compatible(
        swim(1), swim(2, starts_at=dt.time(17), ends_at=dt.time(21)), max_travel_km=5
    )


def test_group_size_follows_the_strictest_ratio() -> None:
    assert max_group_size([swim(1), swim(2)]) == 3
    assert max_group_size([swim(1), swim(2, shared_by=2)]) == 2
    assert max_group_size([swim(1), swim(2, ratio="one_to_one")]) == 1


def test_candidate_groups_are_every_compatible_group_within_the_ratios() -> None:
    needs = [swim(1), swim(2), swim(3), swim(4, shared_by=2), swim(5, district=FAR)]
    groups = candidate_groups(needs, max_travel_km=5, max_size=4)
    assert groups == [
        (1, 2),
        (1, 3),
        (1, 4),
        (2, 3),
        (2, 4),
        (3, 4),
        (1, 2, 3),
    ]


def test_candidate_groups_respect_max_size_and_limit() -> None:
    needs = [swim(pk, shared_by=10) for pk in range(1, 9)]
    assert all(len(group) <= 3 for group in candidate_groups(needs, max_travel_km=5, max_size=3))
    with pytest.raises(TooManyGroups):
        candidate_groups(needs, max_travel_km=5, max_size=8, limit=10)


def test_one_persons_two_needs_are_never_grouped() -> None:
    assert (
        candidate_groups([swim(1, person=9), swim(2, person=9)], max_travel_km=5, max_size=3) == []
    )


# No deadline: the machine is shared, and a slow example is not a wrong one.
@settings(deadline=None)
@given(
    needs=st.lists(
        st.builds(
            swim,
            pk=st.integers(1, 10_000),
            term_id=st.sampled_from([SWIMMING, COOKING]),
            weekday=st.integers(0, 1),
            starts_at=st.sampled_from([dt.time(17), dt.time(18), dt.time(18, 30)]),
            district=st.sampled_from([HF1, HF4, FAR]),
            shared_by=st.integers(2, 4),
        ),
        max_size=8,
        unique_by=lambda need: need.pk,
    )
)
def test_every_candidate_group_is_pairwise_compatible_and_fits_every_ratio(needs) -> None:
    by_id = {need.pk: need for need in needs}
    groups = candidate_groups(needs, max_travel_km=5, max_size=4)
    assert len(groups) == len(set(groups))
    for group in groups:
        members = [by_id[pk] for pk in group]
        assert 2 <= len(group) <= min(4, max_group_size(members))
        assert all(compatible(a, b, max_travel_km=5) for a, b in itertools.combinations(members, 2))


def test_costs_round_up_to_the_whole_penny() -> None:
    assert alone_cost(3214, 120) == 6428
    assert alone_cost(3214, 45) == 2411  # 2410.5 rounds up
    assert pooled_cost_per_person(3214, 120, 1, 3) == 2143  # 2142.67 rounds up
    with pytest.raises(ValueError):
        pooled_cost_per_person(3214, 120, 1, 0)
    with pytest.raises(ValueError):
        alone_cost(-1, 60)


# No deadline: the machine is shared, and a slow example is not a wrong one.
@settings(deadline=None)
@given(
    pence_per_hour=st.integers(0, 100_000),
    minutes=st.integers(0, 24 * 60),
    workers=st.integers(1, 4),
    extra_members=st.integers(0, 10),
)
def test_pooling_never_costs_a_member_more_than_alone(
    pence_per_hour: int, minutes: int, workers: int, extra_members: int
) -> None:
    members = workers + extra_members
    share = pooled_cost_per_person(pence_per_hour, minutes, workers, members)
    assert share <= alone_cost(pence_per_hour, minutes)
    # The shares together cover the whole cost, and overshoot by less than a penny each.
    whole = pence_per_hour * minutes * workers
    assert share * members * 60 >= whole
    assert (share * members - members) * 60 < whole or whole == 0


# No deadline: the machine is shared, and a slow example is not a wrong one.
@settings(deadline=None)
@given(
    needs=st.lists(
        st.builds(
            swim,
            pk=st.integers(1, 10_000),
            starts_at=st.sampled_from([dt.time(17), dt.time(17, 40), dt.time(18), dt.time(18, 30)]),
            ends_at=st.sampled_from([dt.time(19), dt.time(19, 20), dt.time(20), dt.time(21)]),
            shared_by=st.integers(2, 4),
        ),
        max_size=6,
        unique_by=lambda need: need.pk,
    ),
    pence_per_hour=st.integers(1, 10_000),
)
def test_no_member_of_a_candidate_group_pays_more_than_alone(needs, pence_per_hour) -> None:
    """One worker split equally over the group's whole session (earliest start to latest end)
    never costs anyone more than their own session alone, given most of each session is
    shared."""
    by_id = {need.pk: need for need in needs}
    for group in candidate_groups(needs, max_travel_km=5, max_size=4):
        members = [by_id[pk] for pk in group]
        minutes = group_minutes(members)
        for need in members:
            share = pooled_cost_per_person(pence_per_hour, minutes, 1, len(members))
            assert share <= alone_cost(pence_per_hour, session_minutes(need))
