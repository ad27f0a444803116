"""How things are going, in the words of the people supported (and their families and staff):
a picture scale, their own words, or a voice note or picture. Linked to the Plan Book in force
when it was given, and read at reviews."""

from __future__ import annotations

from django.db import models

from directsupport.people.models import private_storage

from .common import now_field, user_field


class FeedbackFrom(models.TextChoices):
    PERSON = "person", "The person"
    FAMILY = "family", "Family or friend"
    STAFF = "staff", "Staff"


class Feeling(models.IntegerChoices):
    """The picture scale, worst first."""

    VERY_UNHAPPY = 1, "Not good at all"
    UNHAPPY = 2, "Not so good"
    OK = 3, "OK"
    HAPPY = 4, "Good"
    VERY_HAPPY = 5, "Really good"


class FeedbackAbout(models.TextChoices):
    GENERAL = "general", "How things are going"
    CHANGE = "change", "A change to my support"
    SUPPORT = "support", "My support and who gives it"
    MONEY = "money", "My money"
    PLAN = "plan", "My Plan Book"


class AttachmentKind(models.TextChoices):
    NONE = "", "None"
    AUDIO = "audio", "Voice note"
    IMAGE = "image", "Picture"


class Feedback(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="feedback")
    given_by = user_field()
    given_by_name = models.CharField(max_length=200)
    from_role = models.CharField(max_length=10, choices=FeedbackFrom.choices)
    about = models.CharField(
        max_length=10, choices=FeedbackAbout.choices, default=FeedbackAbout.GENERAL
    )
    feeling = models.PositiveSmallIntegerField(choices=Feeling.choices, null=True, blank=True)
    words = models.TextField("In your own words", blank=True, max_length=2000)
    # The Plan Book version in force when the feedback was given (empty before the first one).
    plan_version = models.ForeignKey(
        "planbook.PlanBookVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attachment_kind = models.CharField(
        max_length=5, choices=AttachmentKind.choices, blank=True, default=AttachmentKind.NONE
    )
    # A file field (in the private storage, under a random name) rather than plain text, so the
    # subject access export copies the voice note or picture and retention deletes it with the row.
    stored_name = models.FileField(storage=private_storage, max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size_bytes = models.PositiveIntegerField(default=0)
    given_at = now_field()

    class Meta:
        ordering = ["-given_at", "-id"]
        indexes = [models.Index(fields=["person", "-given_at"], name="feedback_person_time")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(feeling__isnull=True) | models.Q(feeling__gte=1, feeling__lte=5),
                name="feedback_feeling_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"Feedback from {self.given_by_name} on {self.given_at:%d %B %Y}"
