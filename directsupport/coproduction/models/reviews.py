"""Reviews held with the person and their circle: the first 6 to 8 weeks after a plan starts,
then at least every 12 months, and whenever the person asks.

When each falls due is funds' answer (``funds.agreements.reviews.next_review_due``): a review
completed here records funds' ``AgreementReview``, so the "reviews due" alert and this page read
one list.
A review looks at working / not working from each perspective, the 4 plus 1 questions, a short
outcome survey (POET-style), outcomes' progress and the money together; it never changes a budget
by itself, and produces the next Plan Book version and updated actions.
"""

from __future__ import annotations

from django.db import models

from .common import ParticipantRole, now_field, user_field


class ReviewKind(models.TextChoices):
    FIRST = "first", "First review (6 to 8 weeks after the plan starts)"
    YEARLY = "yearly", "Yearly review"
    ASKED = "asked", "Asked for by the person"


class ReviewStatus(models.TextChoices):
    # The person (or someone for them) asked; staff arrange the day and send the invitations.
    ASKED = "asked", "Asked for, to be arranged"
    SCHEDULED = "scheduled", "Invitations sent"
    HELD = "held", "Held, being written up"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


REVIEW_TRANSITIONS: dict[str, frozenset[str]] = {
    ReviewStatus.ASKED: frozenset({ReviewStatus.SCHEDULED, ReviewStatus.CANCELLED}),
    ReviewStatus.SCHEDULED: frozenset({ReviewStatus.HELD, ReviewStatus.CANCELLED}),
    ReviewStatus.HELD: frozenset({ReviewStatus.COMPLETED, ReviewStatus.SCHEDULED}),
    ReviewStatus.COMPLETED: frozenset(),
    ReviewStatus.CANCELLED: frozenset(),
}


class Review(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="reviews")
    fund = models.ForeignKey(
        "funds.Fund", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=ReviewKind.choices)
    due_on = models.DateField()
    # Empty only while an asked-for review waits to be arranged.
    meets_at = models.DateTimeField(null=True, blank=True)
    place = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.SCHEDULED
    )
    # When the person asked for it, in their words.
    asked_because = models.TextField(blank=True, max_length=2000)
    # The 4 plus 1 questions.
    tried = models.TextField("What have we tried?", blank=True, max_length=4000)
    learned = models.TextField("What have we learned?", blank=True, max_length=4000)
    pleased = models.TextField("What are we pleased about?", blank=True, max_length=4000)
    concerned = models.TextField("What are we concerned about?", blank=True, max_length=4000)
    next_steps = models.TextField("What next?", blank=True, max_length=4000)
    money_notes = models.TextField("What we said about the money", blank=True, max_length=2000)
    # Required when the person's own view is not recorded; shown wherever the review is.
    without_person_reason = models.TextField(
        "Why the person's own view is not here", blank=True, max_length=1000
    )
    held_on = models.DateField(null=True, blank=True)
    agreement_review = models.OneToOneField(
        "funds.AgreementReview",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coproduction_review",
    )
    next_plan_version = models.ForeignKey(
        "planbook.PlanBookVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = user_field()
    created_at = now_field()
    completed_by = user_field()
    completed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-meets_at", "-id"]
        indexes = [models.Index(fields=["person", "status"], name="review_person_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.person}"


class InvitationAnswer(models.TextChoices):
    WAITING = "waiting", "Not answered yet"
    COMING = "coming", "Coming"
    NOT_COMING = "not_coming", "Not coming"


class ReviewInvitation(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="invitations")
    user = user_field()
    circle_member = models.ForeignKey(
        "people.CircleMember", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=ParticipantRole.choices)
    answer = models.CharField(
        max_length=10, choices=InvitationAnswer.choices, default=InvitationAnswer.WAITING
    )
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["review", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class Perspective(models.Model):
    """Working / not working, from one point of view (the person, family, staff...)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="perspectives")
    whose = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=ParticipantRole.choices)
    working = models.TextField("What is working", blank=True, max_length=4000)
    not_working = models.TextField("What is not working", blank=True, max_length=4000)

    class Meta:
        ordering = ["review", "id"]

    def __str__(self) -> str:
        return f"{self.whose}'s view"


class SurveyQuestion(models.TextChoices):
    """A short outcome survey in the spirit of POET (the Personal Outcomes Evaluation Tool)."""

    DOING_MORE = "doing_more", "Doing more of what matters to me"
    CHOICE = "choice", "Choice and control over my support"
    RELATIONSHIPS = "relationships", "Relationships with people who matter to me"
    HEALTH = "health", "My health"
    MONEY = "money", "Having enough money and knowing about it"


class SurveyAnswer(models.IntegerChoices):
    MUCH_WORSE = 1, "A lot worse"
    WORSE = 2, "A bit worse"
    SAME = 3, "No change"
    BETTER = 4, "A bit better"
    MUCH_BETTER = 5, "A lot better"


class SurveyResponse(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="survey")
    question = models.CharField(max_length=20, choices=SurveyQuestion.choices)
    answer = models.PositiveSmallIntegerField(choices=SurveyAnswer.choices)
    comment = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["review", "id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "question"], name="survey_once_per_question"),
            models.CheckConstraint(
                condition=models.Q(answer__gte=1, answer__lte=5), name="survey_answer_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_question_display()}: {self.get_answer_display()}"
