"""week's tab on every page about a person (the registry is people.person_tabs)."""

from __future__ import annotations

from directsupport.people.person_tabs import PersonTab, whose

from .access import can_see_weeks

TABS = (
    PersonTab(
        url_name="week:perfect_week",
        label=lambda viewer, person: f"{whose(viewer, person, capital=True)} Perfect Week",
        order=50,
        may_see=lambda viewer, person: can_see_weeks(viewer),
        url_prefixes=("week:",),
    ),
)
