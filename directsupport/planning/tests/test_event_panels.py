"""The panels on a Planning Live event's page that later apps fill (planning/event_panels.py)."""

from __future__ import annotations

from directsupport.lib.page_parts import parts_in
from directsupport.planning.event_panels import PEOPLE_TAKING_PART


def test_the_event_page_shows_everyones_plan_books_under_the_people_taking_part():
    assert [part.name for part in parts_in(PEOPLE_TAKING_PART)] == ["planbook.event_plan_books"]
