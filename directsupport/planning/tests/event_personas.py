"""Who may do what with Planning Live events, for the event tests (not a test module itself).

Dee's Planning Live day (the ``planning_day`` fixture) is facilitated by Sam (``worker``), who
supports Dee: he sees the event and Dee's place at it, read only.
"""

from __future__ import annotations

import re

from directsupport.planning.models import EventParticipant, PlanningEvent

PLANNERS = ["coordinator", "manager"]
# Nobody else runs a Planning Live day: they get "not found" for the list and every event.
NOT_FOUND_FOR_EVENTS = [
    "finance",
    "market_shaper",
    "commissioner",
    "other_commissioner",
    "supplier",
    "expert",
    "person_user",
    "sister_user",
    "cousin_user",
    "neighbour_user",
]
# Also not found for one event: a support worker not on it, and a coordinator elsewhere.
NOT_FOUND_FOR_EVENT = [*NOT_FOUND_FOR_EVENTS, "other_worker", "outsider"]


def found(pattern: str, text: str) -> str:
    match = re.search(pattern, text, re.S)
    assert match is not None, f"{pattern!r} not found"
    return match.group(0)


def event_url(event: PlanningEvent, tail: str = "") -> str:
    return f"/planning/events/{event.pk}/{tail}"


def place_url(participant: EventParticipant, tail: str = "") -> str:
    return f"/planning/events/{participant.event_id}/people/{participant.pk}/{tail}"
