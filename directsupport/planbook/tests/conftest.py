"""Fixtures for Plan Book tests: planning's (Dee's Planning Live day, her circle, private
storage) and week's (a rate card, Dee's Perfect Week), since a Plan Book compiles both."""

from __future__ import annotations

from directsupport.planning.tests.conftest import (
    BOARD_READERS,
    EDITORS,
    NOT_FOUND_FOR_BOARD,
    add_note,
    everyone,
    persona,
    planning_day,
    private_storage,
)
from directsupport.week.tests.conftest import perfect_week, rate_card

__all__ = [
    "BOARD_READERS",
    "EDITORS",
    "NOT_FOUND_FOR_BOARD",
    "add_note",
    "everyone",
    "perfect_week",
    "persona",
    "planning_day",
    "private_storage",
    "rate_card",
]
