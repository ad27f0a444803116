"""'Copy of their information' on every page about a person (people.person_tabs registry)."""

from directsupport.accounts.models import User
from directsupport.people.models import Person
from directsupport.people.person_tabs import MY_INFORMATION, PersonTab, whose

from .access import answers_requests


def _may_see(viewer: User, person: Person) -> bool:
    # Staff who answer requests; the person sees theirs from the request list (a tab with
    # nothing behind it until they ask would only confuse).
    return answers_requests(viewer)


TABS = (
    PersonTab(
        url_name="subject_access:person",
        label=lambda viewer, person: f"Copy of {whose(viewer, person)} information",
        order=110,  # after Who looked (100)
        may_see=_may_see,
        url_prefixes=("subject_access:person",),
        own_group=MY_INFORMATION,
    ),
)
