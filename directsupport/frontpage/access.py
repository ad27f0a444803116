"""Who sees what on the home page.

Every signed-in user has a home page; it changes nothing. A person supported lands on their own
page instead (in the format they chose). Everyone else sees how many people they may see (the
rule is people.access.people_visible_to) and, for a coordinator, the first of the people they
coordinate; each app's panel below decides its own contents in its own access.py.
"""

from __future__ import annotations

from django.db.models import QuerySet

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.people.access import people_visible_to
from directsupport.people.models import Person


def own_person(user: User) -> Person | None:
    """The person a person supported is, when the signed-in user is one; None for everyone else."""
    if user.role != Role.PERSON:
        return None
    return people_visible_to(user).first()


def people_on_home(user: User) -> QuerySet[Person]:
    """The people the home page counts for this user."""
    return people_visible_to(user)


def coordinated_by(user: User) -> QuerySet[Person] | None:
    """A coordinator's own people, by name; None for other roles."""
    if user.role != Role.COORDINATOR:
        return None
    return (
        people_visible_to(user).filter(coordinator=user).order_by("last_name", "first_name", "pk")
    )
