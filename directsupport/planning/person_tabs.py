"""planning's tabs on every page about a person (the registry is people.person_tabs)."""

from __future__ import annotations

from directsupport.people.person_tabs import MY_PLANS, PersonTab

from .access import can_see_board, can_see_tools

TABS = (
    PersonTab(
        url_name="planning:board",
        label=lambda viewer, person: "Planning Live",
        order=30,
        may_see=lambda viewer, person: can_see_board(viewer),
        # The board's notes, best guesses, recordings, and the person on a Planning Live day.
        url_prefixes=(
            "planning:board",
            "planning:note",
            "planning:best_guess",
            "planning:recording",
            "planning:participant",
        ),
        own_group=MY_PLANS,
    ),
    PersonTab(
        url_name="planning:tools",
        label=lambda viewer, person: "Plans and tools",
        order=40,
        may_see=lambda viewer, person: can_see_tools(viewer),
        url_prefixes=("planning:tool", "planning:outcome"),
        own_group=MY_PLANS,
    ),
)
