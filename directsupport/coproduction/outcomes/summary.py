"""What the person's co-production tab sums up: one small block per part (reviews, feedback,
outcomes' progress, the learning log, decisions), each read straight from its model with a
handful of queries, and a link to its page only when that page exists."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.commissioning.overview.links import link_to
from directsupport.people.models import Person
from directsupport.planning.models import Outcome

from ..access import decisions_visible_to
from ..models import Decision, Feedback, LearningLogEntry, Progress, Review, ReviewStatus
from ..reviews.due import ReviewDue, due_for
from .queries import latest_progress

# Still to happen: asked for (being arranged) or arranged. A review already held and being
# written up is in the past, so it is said separately, never as "my next review".
UPCOMING = (ReviewStatus.ASKED, ReviewStatus.SCHEDULED)


@dataclass(frozen=True)
class ReviewsPart:
    url: str
    count: int
    due: ReviewDue | None
    upcoming: Review | None
    being_written_up: Review | None
    last_completed: Review | None


@dataclass(frozen=True)
class FeedbackPart:
    url: str
    count: int
    latest: Feedback | None


@dataclass(frozen=True)
class OutcomesPart:
    url: str
    count: int
    achieved: int
    # (status label, how many outcomes are there now), in the order of the steps.
    by_step: list[tuple[str, int]] = field(default_factory=list)


@dataclass(frozen=True)
class LearningPart:
    url: str
    count: int
    latest: LearningLogEntry | None


@dataclass(frozen=True)
class DecisionsPart:
    url: str
    count: int
    latest: Decision | None


@dataclass(frozen=True)
class Overview:
    reviews: ReviewsPart
    feedback: FeedbackPart
    outcomes: OutcomesPart
    learning: LearningPart
    decisions: DecisionsPart


def _reviews(person: Person, today: dt.date) -> ReviewsPart:
    reviews = Review.objects.filter(person=person)
    return ReviewsPart(
        url=link_to("coproduction:reviews_person", pk=person.pk),
        count=reviews.exclude(status=ReviewStatus.CANCELLED).count(),
        due=due_for(person, today),
        upcoming=reviews.filter(status__in=UPCOMING).order_by("due_on", "id").first(),
        being_written_up=reviews.filter(status=ReviewStatus.HELD).order_by("-held_on").first(),
        last_completed=reviews.filter(status=ReviewStatus.COMPLETED)
        .order_by("-held_on", "-id")
        .first(),
    )


def _outcomes(person: Person) -> OutcomesPart:
    outcomes = Outcome.objects.filter(person=person)
    latest = latest_progress(outcomes)
    steps = Counter(progress.status for progress in latest.values())
    count = outcomes.count()
    steps[Progress.NOT_STARTED] += count - len(latest)
    return OutcomesPart(
        url=link_to("coproduction:outcomes_person", pk=person.pk),
        count=count,
        achieved=outcomes.filter(achieved_on__isnull=False).count(),
        by_step=[(label, steps[value]) for value, label in Progress.choices if steps[value]],
    )


def overview_for(user: User, person: Person) -> Overview:
    """Callers have checked the user may see the person's co-production side
    (access.get_person_for_outcomes)."""
    today = timezone.localdate()
    feedback = Feedback.objects.filter(person=person)
    learning = LearningLogEntry.objects.filter(person=person)
    decisions = decisions_visible_to(user).filter(person=person)
    return Overview(
        reviews=_reviews(person, today),
        feedback=FeedbackPart(
            url=link_to("coproduction:feedback_person", pk=person.pk),
            count=feedback.count(),
            latest=feedback.order_by("-given_at", "-id").first(),
        ),
        outcomes=_outcomes(person),
        learning=LearningPart(
            url=link_to("coproduction:learning_log", pk=person.pk),
            count=learning.count(),
            latest=learning.order_by("-happened_on", "-id").first(),
        ),
        decisions=DecisionsPart(
            url=link_to("coproduction:decisions_person", pk=person.pk),
            count=decisions.count(),
            latest=decisions.order_by("-decided_on", "-id").first(),
        ),
    )
