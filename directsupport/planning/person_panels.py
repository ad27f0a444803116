"""planning's panel on a person's pages (the slots are people.person_panels): on the person's own
pages, with what waits for them, guesses people made about them to check (their Plan Book, to read
or to agree, is planbook's panel)."""

from __future__ import annotations

from typing import Any

from django.template import Context

from directsupport.lib.page_parts import PagePart, drawn_with
from directsupport.people.models import Person
from directsupport.people.person_panels import WAITING_FOR_ME

from .access import can_check_guesses
from .models import NoteStatus


def my_planning(context: Context, person: Person) -> dict[str, Any]:
    user = context["request"].user
    if person.user_id != user.pk or not can_check_guesses(user, person):
        return {"show": False}
    return {
        "show": True,
        "person": person,
        "guesses": person.capture_notes.filter(status=NoteStatus.BEST_GUESS).count(),
    }


PANELS = (
    PagePart(
        slot=WAITING_FOR_ME,
        name="planning.my_planning",
        order=20,  # after coproduction's review invitations (10), before the Plan Book (30)
        render=drawn_with("planning/includes/my_planning.html", my_planning),
    ),
)
