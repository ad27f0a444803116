"""Outcomes followed over time and what was learned along the way.

The outcomes themselves are planning's (``planning.Outcome``, written with the person); here each
gains dated progress with evidence, and the person gains a learning log that feeds reviews.
"""

from __future__ import annotations

from django.db import models

from .common import now_field, user_field


class Progress(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    STARTED = "started", "Started"
    PARTLY = "partly", "Partly achieved"
    ACHIEVED = "achieved", "Achieved"


class OutcomeProgress(models.Model):
    outcome = models.ForeignKey(
        "planning.Outcome", on_delete=models.CASCADE, related_name="progress"
    )
    status = models.CharField(max_length=12, choices=Progress.choices)
    evidence = models.TextField("How we know", max_length=2000)
    recorded_on = models.DateField()
    review = models.ForeignKey(
        "coproduction.Review",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcome_progress",
    )
    recorded_by = user_field()
    recorded_at = now_field()

    class Meta:
        ordering = ["outcome", "-recorded_on", "-id"]
        indexes = [models.Index(fields=["outcome", "-recorded_on"], name="progress_outcome_day")]

    def __str__(self) -> str:
        return f"{self.get_status_display()} on {self.recorded_on:%d %B %Y}"


class LearningLogEntry(models.Model):
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="learning_log"
    )
    happened_on = models.DateField()
    activity = models.CharField(max_length=200)
    who_was_there = models.CharField(max_length=500)
    what_worked = models.TextField("What worked", blank=True, max_length=4000)
    what_did_not = models.TextField("What did not work", blank=True, max_length=4000)
    outcome = models.ForeignKey(
        "planning.Outcome", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = user_field()
    recorded_at = now_field()

    class Meta:
        ordering = ["person", "-happened_on", "-id"]
        indexes = [models.Index(fields=["person", "-happened_on"], name="learning_person_day")]

    def __str__(self) -> str:
        return f"{self.activity} on {self.happened_on:%d %B %Y}"
