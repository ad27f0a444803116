"""A person's request for a copy of everything held about them (UK GDPR Article 15)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from directsupport.lib.transitions import check_transition
from directsupport.people.models import private_storage


class RequestedBy(models.TextChoices):
    PERSON = "person", "The person themselves"
    REPRESENTATIVE = "representative", "Someone on their behalf"


class RequestStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    PRODUCING = "producing", "Being put together"
    READY = "ready", "Ready to give them"
    FAILED = "failed", "Could not be put together"


# A copy can be made again (say the person asks again before it is given, or it failed).
REQUEST_TRANSITIONS: dict[str, frozenset[str]] = {
    RequestStatus.RECEIVED: frozenset({RequestStatus.PRODUCING}),
    RequestStatus.PRODUCING: frozenset({RequestStatus.READY, RequestStatus.FAILED}),
    RequestStatus.READY: frozenset({RequestStatus.PRODUCING}),
    RequestStatus.FAILED: frozenset({RequestStatus.PRODUCING}),
}

# How many days before the due date the request list starts warning.
DUE_SOON_DAYS = 7


class SubjectAccessRequest(models.Model):
    """One request: when it came, who asked, when it is due, and the copy made for it."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="subject_access_requests"
    )
    received_on = models.DateField(help_text="The day the request reached the provider.")
    due_on = models.DateField(help_text="One calendar month after it was received.")
    requested_by = models.CharField(max_length=20, choices=RequestedBy.choices)
    # Their chosen representative in the circle: they may download the copy too.
    representative = models.ForeignKey(
        "people.CircleMember",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subject_access_requests",
    )
    requester_name = models.CharField(
        max_length=200, blank=True, help_text="Who asked, if not the person or their circle."
    )
    notes = models.TextField(max_length=2000, blank=True)
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    status_changed_at = models.DateTimeField(default=timezone.now)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    produced_at = models.DateTimeField(null=True, blank=True)
    produced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(storage=private_storage, blank=True, max_length=200)
    file_sha256 = models.CharField(max_length=64, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="sar_status_due")]

    def __str__(self) -> str:
        return f"Subject access request received {self.received_on:%d/%m/%Y}"

    def set_status(self, wanted: str, *, by: object) -> None:
        """Move along REQUEST_TRANSITIONS (IllegalTransition otherwise); the caller saves."""
        check_transition(REQUEST_TRANSITIONS, current=self.status, wanted=wanted)
        self.status = wanted
        self.status_changed_at = timezone.now()
        self.status_changed_by = by  # type: ignore[assignment]

    @property
    def is_answered(self) -> bool:
        return self.status == RequestStatus.READY

    def days_left(self, today: dt.date) -> int:
        """Days until it is due: negative once overdue."""
        return (self.due_on - today).days

    def is_overdue(self, today: dt.date) -> bool:
        return not self.is_answered and today > self.due_on

    def is_due_soon(self, today: dt.date) -> bool:
        return not self.is_answered and 0 <= self.days_left(today) <= DUE_SOON_DAYS
