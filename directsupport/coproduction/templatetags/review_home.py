"""Home-page panels (templates/home.html loads them, so accounts never imports coproduction).

- The circle member's home: for each person who shares with them, what the person has shared
  and the meetings coming for that person ("Dee's review on 13 December", "Dee's Planning Live
  day on 16 January"), with the invitations still to answer.
- Staff who run reviews: reviews overdue or due soon for their people (funds' dates), reviews
  asked for and waiting, and reviews held but not completed.

What each panel shows is only what its viewer could open: people from ``people.access``, Plan
Book versions from ``planning.access``, reviews from ``coproduction.access``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import template
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.people.access import people_visible_to
from directsupport.people.models import CircleMember, Person
from directsupport.planbook.access import plan_book_versions_visible_to
from directsupport.planbook.models import PlanBookVersion
from directsupport.planning.models import EventInvitation, EventParticipant

from ..access import REVIEWERS
from ..models import InvitationAnswer, Review, ReviewInvitation, ReviewStatus
from ..reviews.lists import review_lists

register = template.Library()

# The staff panel lists this many of each kind; "see all" leads to the full list.
SHOWN = 5


@dataclass(frozen=True)
class Meeting:
    """One meeting coming for the person, as the circle member reads it."""

    when: dt.datetime | dt.date
    title: str
    where: str
    invitation: ReviewInvitation | None = None
    review: Review | None = None
    invited: bool = False

    @property
    def sort_key(self) -> dt.date:
        return self.when.date() if isinstance(self.when, dt.datetime) else self.when


@dataclass(frozen=True)
class SharedPerson:
    person: Person
    member: CircleMember
    latest_plan_book: PlanBookVersion | None
    meetings: list[Meeting]


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _meetings(person: Person, member: CircleMember, user: User, now: dt.datetime) -> list[Meeting]:
    called = _possessive(person.called)
    today = timezone.localdate()
    found: list[Meeting] = []
    reviews = Review.objects.filter(
        person=person, status=ReviewStatus.SCHEDULED, meets_at__gte=now
    ).prefetch_related("invitations")
    for review in reviews:
        mine = next((i for i in review.invitations.all() if i.user_id == user.pk), None)
        if review.meets_at is None:  # a scheduled review always has its time
            continue
        found.append(
            Meeting(
                when=timezone.localtime(review.meets_at),
                title=f"{called} review",
                where=review.place,
                invitation=mine,
                review=review,
                invited=mine is not None,
            )
        )
    invited_to = set(
        EventInvitation.objects.filter(member=member).values_list("participant_id", flat=True)
    )
    taking_part = EventParticipant.objects.filter(
        person=person, event__date__gte=today
    ).select_related("event")
    for participant in taking_part:
        event = participant.event
        found.append(
            Meeting(
                when=event.date,
                title=f"{called} {event.title}",
                where=event.venue_name,
                invited=participant.pk in invited_to,
            )
        )
    return sorted(found, key=lambda meeting: meeting.sort_key)


@register.inclusion_tag("coproduction/reviews/includes/circle_home.html", takes_context=True)
def circle_reviews_home(context: template.Context) -> dict[str, Any]:
    """The circle member's home: what each person has shared, and meetings coming."""
    user = context["request"].user
    if user.role != Role.CIRCLE or not user.is_active:
        return {"show": False}
    now = timezone.now()
    people = people_visible_to(user).order_by("last_name", "first_name")
    members = {
        member.person_id: member
        for member in CircleMember.objects.filter(user=user, may_see=True, person__in=people)
    }
    shared = []
    for person in people:
        member = members.get(person.pk)
        if member is None:
            continue
        shared.append(
            SharedPerson(
                person=person,
                member=member,
                latest_plan_book=plan_book_versions_visible_to(user, person)
                .order_by("-number")
                .first(),
                meetings=_meetings(person, member, user, now),
            )
        )
    waiting = sum(
        1
        for item in shared
        for meeting in item.meetings
        if meeting.invitation is not None and meeting.invitation.answer == InvitationAnswer.WAITING
    )
    return {"show": True, "shared": shared, "waiting": waiting}


@register.inclusion_tag("coproduction/reviews/includes/staff_home.html", takes_context=True)
def staff_reviews_home(context: template.Context) -> dict[str, Any]:
    """Staff who run reviews: reviews due soon or overdue for their people, asked-for reviews
    waiting, and reviews held but not completed."""
    user = context["request"].user
    if user.role not in REVIEWERS or not user.is_active:
        return {"show": False}
    people = people_visible_to(user)
    coordinator = user.role == Role.COORDINATOR
    if coordinator:
        people = people.filter(coordinator=user)
    lists = review_lists(people, timezone.localdate())
    waiting_due = [row for row in lists["due"] if row["open"] is None]
    return {
        "show": True,
        "coordinator": coordinator,
        "due": waiting_due[:SHOWN],
        "due_count": len(waiting_due),
        "overdue_count": sum(1 for row in waiting_due if row["overdue"]),
        "asked": lists["asked"][:SHOWN],
        "asked_count": len(lists["asked"]),
        "held": lists["held"][:SHOWN],
        "held_count": len(lists["held"]),
        "scheduled_count": len(lists["scheduled"]),
        "shown": SHOWN,
    }
