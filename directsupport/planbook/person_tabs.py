"""The Plan Book's tab on every page about a person (the registry is people.person_tabs)."""

from __future__ import annotations

from directsupport.people.person_tabs import MY_PLANS, PersonTab

from .access import can_see_plan_books

TABS = (
    PersonTab(
        url_name="planbook:plan_book",
        label=lambda viewer, person: "Plan Book",
        order=60,
        may_see=lambda viewer, person: can_see_plan_books(viewer),
        url_prefixes=("planbook:plan_book",),
        own_group=MY_PLANS,
    ),
)
