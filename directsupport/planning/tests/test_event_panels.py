"""The panels on a Planning Live event's page that later apps fill (planning/event_panels.py)."""

from __future__ import annotations

from directsupport.lib.page_parts import parts_in
from directsupport.planning.event_panels import SLOTS


def test_the_event_page_shows_everyones_plan_books_under_the_people_taking_part():
    assert {name: [part.name for part in parts_in(slot)] for name, slot in SLOTS.items()} == {
        "people_taking_part": ["planbook.event_plan_books"],
    }
