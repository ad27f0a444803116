"""market's tab on every page about a person (the registry is people.person_tabs): "My support"
for the person, "Dee's support" for everyone else who may see their needs."""

from __future__ import annotations

from directsupport.people.person_tabs import MY_MONEY_AND_SUPPORT, PersonTab, whose

from .access import can_see_needs

TABS = (
    PersonTab(
        url_name="market:support",
        label=lambda viewer, person: f"{whose(viewer, person, capital=True)} support",
        order=75,  # between Money (70) and Who can see (80)
        may_see=lambda viewer, person: can_see_needs(viewer),
        # The support page, its easy read, the needs' own pages and finding support for one.
        url_prefixes=("market:support", "market:need", "market:match"),
        own_group=MY_MONEY_AND_SUPPORT,
    ),
)
