"""Reading a person's feedback for other pages (reviews read what was said since the last one),
and which Plan Book version was in force when something was said."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from directsupport.people.models import Person
from directsupport.planbook.access import published_plan_book_for_summary
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion

from ..models import Feedback


def feedback_for_review(person: Person, *, since: dt.date | None) -> list[Feedback]:
    """Everything said about how things are going for ``person`` on or after ``since`` (a day in
    London time; None: everything), newest first. Callers have already checked access to the
    person (coproduction.access.get_person_for_reviews or get_person_for_feedback)."""
    feedback = Feedback.objects.filter(person=person).select_related("plan_version", "given_by")
    if since is not None:
        start = dt.datetime.combine(since, dt.time.min, tzinfo=timezone.get_current_timezone())
        feedback = feedback.filter(given_at__gte=start)
    return list(feedback.order_by("-given_at", "-id"))


def plan_book_in_force(person: Person, *, at: dt.datetime | None = None) -> PlanBookVersion | None:
    """The Plan Book version in force at ``at`` (None: now): the newest the person agreed and was
    published by then. Now, that is planning's own rule for the version others read
    (``published_plan_book_for_summary``); at a moment in the past (the demo's history), the same
    rule among the versions published by that moment."""
    if at is None:
        return published_plan_book_for_summary(person)
    return (
        PlanBookVersion.objects.filter(
            person=person, status=PlanBookStatus.PUBLISHED, published_at__lte=at
        )
        .order_by("-number")
        .first()
    )
