"""The reviews staff act on, for a set of people: due (funds' dates), arranged, held but not
completed, and asked for. The list page and the staff home panel both read this."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from directsupport.people.models import Person

from ..models import Review, ReviewStatus
from .due import due_soon_or_overdue, dues_for
from .services import OPEN_STATUSES


def review_lists(people: QuerySet[Person], today: dt.date) -> dict[str, Any]:
    """Reviews due (funds' answer), arranged, held but not completed, and asked for, for
    ``people``: what the list page and the staff home panel show."""
    reviews = Review.objects.filter(person__in=people, status__in=OPEN_STATUSES).select_related(
        "person"
    )
    by_status: dict[str, list[Review]] = {status: [] for status in OPEN_STATUSES}
    for review in reviews.order_by("meets_at", "due_on", "id"):
        by_status[review.status].append(review)
    open_by_person = {review.person_id: review for review in reviews}
    due = [
        {"due": item, "overdue": item.overdue(today), "open": open_by_person.get(item.person.pk)}
        for item in due_soon_or_overdue(dues_for(people, today), today)
    ]
    return {
        "due": due,
        "overdue_count": sum(1 for row in due if row["overdue"]),
        "scheduled": by_status[ReviewStatus.SCHEDULED],
        "held": by_status[ReviewStatus.HELD],
        "asked": by_status[ReviewStatus.ASKED],
        "today": today,
    }
