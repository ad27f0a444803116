"""funds' tab on every page about a person (the registry is people.person_tabs)."""

from __future__ import annotations

from directsupport.people.person_tabs import MY_MONEY_AND_SUPPORT, PersonTab, whose

from .access import can_see_money, can_see_plan_summary

TABS = (
    PersonTab(
        url_name="funds:money",
        label=lambda viewer, person: f"{whose(viewer, person, capital=True)} money",
        order=70,
        # By role, as the tab always was: a commissioner whose council does not pay for this
        # person is refused (404) by the money pages themselves.
        may_see=lambda viewer, person: can_see_money(viewer),
        url_prefixes=("funds:",),
        own_group=MY_MONEY_AND_SUPPORT,
    ),
    PersonTab(
        url_name="funds:plan_summary",
        label=lambda viewer, person: "Plan summary",
        order=65,  # between the Plan Book (60), which commissioners never open, and Money (70)
        may_see=lambda viewer, person: can_see_plan_summary(viewer),
        url_prefixes=("funds:plan_summary",),
        own_group=MY_MONEY_AND_SUPPORT,
    ),
)
