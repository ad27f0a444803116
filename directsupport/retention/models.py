"""Retention decisions, the destruction log, erasure requests and the daily review's runs.

People are referred to by a plain id (``person_id``), never a foreign key: these rows are what
remains after a person's records are destroyed, and must outlive them. They hold no content
from the destroyed records: what kind, how many rows, when, why and by whom.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from .schedule import RULES, Target

TARGET_CHOICES = [(target.value, rule.title) for target, rule in RULES.items()]
REASON_MAX = 2000


class KeepDecision(models.Model):
    """A manager decided to keep records past their retention period, why, and until when
    they are looked at again."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    person_id = models.BigIntegerField()
    target = models.CharField(max_length=20, choices=TARGET_CHOICES)
    reason = models.TextField(max_length=REASON_MAX)
    next_review_on = models.DateField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["organisation", "person_id", "target", "-next_review_on"])]

    def __str__(self) -> str:
        return f"Keep {self.target} of person {self.person_id} until {self.next_review_on}"


class DestructionLog(models.Model):
    """What was destroyed, never what it said: kind, rows per table, whose, when, why, by whom."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    person_id = models.BigIntegerField()
    target = models.CharField(max_length=20, choices=TARGET_CHOICES)
    rows_destroyed = models.PositiveIntegerField()
    # {"funds.ledgerentry": 240, ...}: table names and counts only.
    rows_by_table = models.JSONField(default=dict)
    reason = models.TextField(max_length=REASON_MAX)
    kept_until = models.DateField(null=True, blank=True)
    destroyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    destroyed_by_label = models.CharField(max_length=254)
    destroyed_at = models.DateTimeField(default=timezone.now)
    erasure_request = models.ForeignKey(
        "retention.ErasureRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="destructions",
    )

    class Meta:
        ordering = ["-destroyed_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-destroyed_at"])]

    def __str__(self) -> str:
        return f"{self.rows_destroyed} {self.target} rows of person {self.person_id}"

    @property
    def title(self) -> str:
        return RULES[Target(self.target)].title


class ErasureStatus(models.TextChoices):
    OPEN = "open", "Waiting for a manager's decision"
    DECIDED = "decided", "Decided"


class ErasureRequest(models.Model):
    """Someone asked for a person's information to be erased ('the right to be forgotten').
    Never acted on automatically: a manager decides each part against the schedule."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    person_id = models.BigIntegerField()
    person_name = models.CharField(
        max_length=250, help_text="Their name when asked, so the request outlives the record."
    )
    asked_by = models.CharField("Who asked", max_length=250)
    asked_on = models.DateField("When they asked")
    what = models.TextField("What they asked to be erased", max_length=REASON_MAX)
    status = models.CharField(
        max_length=10, choices=ErasureStatus.choices, default=ErasureStatus.OPEN
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_on", "-id"]
        indexes = [models.Index(fields=["organisation", "status", "-asked_on"])]

    def __str__(self) -> str:
        return f"Erasure request {self.pk} for person {self.person_id}"


class ErasurePart(models.Model):
    """The manager's decision on one kind of record in an erasure request, with the law's
    answer at the time it was made."""

    request = models.ForeignKey(ErasureRequest, on_delete=models.PROTECT, related_name="parts")
    target = models.CharField(max_length=20, choices=TARGET_CHOICES)
    erase = models.BooleanField()
    reason = models.TextField(max_length=REASON_MAX)
    allowed_now = models.BooleanField(help_text="Whether the schedule let it be erased then.")
    kept_until = models.DateField(null=True, blank=True)
    rows_held = models.PositiveIntegerField()

    class Meta:
        ordering = ["request", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "target"], name="erasure_part_once"),
            models.CheckConstraint(
                condition=~models.Q(erase=True, allowed_now=False),
                name="erasure_part_only_when_allowed",
            ),
        ]

    def __str__(self) -> str:
        return f"{'Erase' if self.erase else 'Keep'} {self.target}"

    @property
    def title(self) -> str:
        return RULES[Target(self.target)].title


class ReviewRun(models.Model):
    """One run of the daily retention review for an organisation: when, and how much was due."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    ran_at = models.DateTimeField(default=timezone.now)
    reviewed_on = models.DateField()
    people_due = models.PositiveIntegerField()
    items_due = models.PositiveIntegerField()

    class Meta:
        ordering = ["-ran_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-ran_at"])]

    def __str__(self) -> str:
        return f"Review {self.reviewed_on}: {self.items_due} due"
