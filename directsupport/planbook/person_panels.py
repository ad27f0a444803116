"""planbook's panel on a person's pages (the slots are people.person_panels): on the person's own
pages, with what waits for them, their Plan Book to read or to agree."""

from __future__ import annotations

from typing import Any

from django.template import Context

from directsupport.lib.page_parts import PagePart, drawn_with
from directsupport.people.models import Person
from directsupport.people.person_panels import WAITING_FOR_ME

from .access import can_agree_own_plan_book, plan_book_versions_visible_to
from .models import PlanBookStatus


def my_plan_book(context: Context, person: Person) -> dict[str, Any]:
    user = context["request"].user
    if person.user_id != user.pk:
        return {"show": False}
    latest = plan_book_versions_visible_to(user, person).order_by("-number").first()
    return {
        "show": latest is not None,
        "person": person,
        "latest": latest,
        "to_agree": (
            latest is not None
            and latest.status == PlanBookStatus.SHARED
            and can_agree_own_plan_book(user, person)
        ),
    }


PANELS = (
    PagePart(
        slot=WAITING_FOR_ME,
        name="planbook.my_plan_book",
        order=30,  # after the reviews (10) and the guesses (20) waiting for them
        render=drawn_with("planbook/includes/my_plan_book.html", my_plan_book),
    ),
)
