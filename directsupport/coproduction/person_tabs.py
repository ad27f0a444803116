"""co-production's one tab on every page about a person (the registry is people.person_tabs):
"How it's going" for the person themselves, "How it's going for Dee" for everyone else who may
see it. Its page sums up the person's reviews, feedback, outcomes' progress, learning log and
the decisions about them; every per-person co-production page counts as this tab."""

from __future__ import annotations

from directsupport.accounts.models import User
from directsupport.people.models import Person
from directsupport.people.person_tabs import PersonTab

from .access import PERSON_SIDE_READERS


def _label(viewer: User, person: Person) -> str:
    if person.user_id == viewer.pk:
        return "How it's going"
    return f"How it's going for {person.called}"


def _may_see(viewer: User, person: Person) -> bool:
    # A role check only (it runs on every page about a person); the pages check access fully.
    # Commissioners, suppliers and experts by experience see none of a person's co-production.
    return viewer.role in PERSON_SIDE_READERS


TABS = (
    PersonTab(
        url_name="coproduction:person_overview",
        label=_label,
        order=78,  # after Buying support (76), before Who can see (80)
        may_see=_may_see,
        url_prefixes=(
            "coproduction:person_overview",
            "coproduction:outcome",
            "coproduction:learning",
            "coproduction:review",
            "coproduction:feedback",
            "coproduction:decisions_person",
        ),
    ),
)
