"""'Keeping their records' on every page about a person, for managers (people.person_tabs)."""

from directsupport.people.person_tabs import MY_INFORMATION, PersonTab, whose

from .access import can_decide_retention

TABS = (
    PersonTab(
        url_name="retention:person",
        label=lambda viewer, person: f"Keeping {whose(viewer, person)} records",
        order=120,  # after Copy of their information (110)
        may_see=lambda viewer, person: can_decide_retention(viewer),
        url_prefixes=("retention:person", "retention:support_ended", "retention:erasure_new"),
        own_group=MY_INFORMATION,
    ),
)
