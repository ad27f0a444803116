"""reviews' panel on a person's pages (the slots are people.person_panels): on the person's own
pages, with what waits for them, reviews of theirs still to come that they are invited to and
have not said yet whether they are coming (the same "still to answer" as the circle member's
home counts)."""

from __future__ import annotations

from typing import Any

from django.template import Context
from django.utils import timezone

from directsupport.lib.page_parts import PagePart, drawn_with
from directsupport.people.models import Person
from directsupport.people.person_panels import WAITING_FOR_ME

from ..access import PERSON_SIDE_READERS
from ..models import InvitationAnswer, ReviewInvitation, ReviewStatus


def my_review_invitations(context: Context, person: Person) -> dict[str, Any]:
    user = context["request"].user
    if person.user_id != user.pk or user.role not in PERSON_SIDE_READERS:
        return {"show": False}
    invitations = (
        ReviewInvitation.objects.filter(
            user=user,
            answer=InvitationAnswer.WAITING,
            review__person=person,
            review__status=ReviewStatus.SCHEDULED,
            review__meets_at__gte=timezone.now(),
        )
        .select_related("review")
        .order_by("review__meets_at", "pk")
    )
    return {"show": True, "person": person, "invitations": list(invitations)}


PANELS = (
    PagePart(
        slot=WAITING_FOR_ME,
        name="coproduction.my_review_invitations",
        order=10,  # first: a meeting has a date
        render=drawn_with(
            "coproduction/reviews/includes/my_invitations.html", my_review_invitations
        ),
    ),
)
