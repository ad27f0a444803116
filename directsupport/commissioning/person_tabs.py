"""commissioning's tab on every page about a person (the registry is people.person_tabs):
"My contracts" for the person, "Buying Dee's support" for everyone else who may see it."""

from __future__ import annotations

from directsupport.accounts.models import User
from directsupport.people.models import Person
from directsupport.people.person_tabs import MY_MONEY_AND_SUPPORT, PersonTab, whose

from .access import can_see_person_commissioning


def _label(viewer: User, person: Person) -> str:
    if person.user_id == viewer.pk:
        return "My contracts"
    return f"Buying {whose(viewer, person)} support"


TABS = (
    PersonTab(
        url_name="commissioning:overview_person",
        label=_label,
        order=76,  # just after the support tab (75) it follows on from
        may_see=lambda viewer, person: can_see_person_commissioning(viewer),
        url_prefixes=("commissioning:overview_person",),
        own_group=MY_MONEY_AND_SUPPORT,
    ),
)
