"""Hours: support delivered session by session, timesheets imported from suppliers, and money or
hours banked for a purpose. Each delivered session is paid for by one ledger transaction."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from directsupport.week.models import SupportKind


class SessionSource(models.TextChoices):
    RECORDED = "recorded", "Recorded by staff"
    IMPORTED = "imported", "Imported from a timesheet"


class TimesheetImport(models.Model):
    """One supplier's CSV timesheet, imported whole or not at all."""

    provider = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    supplier_name = models.CharField(max_length=200)
    file_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64, unique=True)
    sessions_count = models.PositiveIntegerField()
    total_minutes = models.PositiveBigIntegerField()
    total_pence = models.PositiveBigIntegerField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.supplier_name}: {self.file_name}"


class SupportSession(models.Model):
    fund = models.ForeignKey("funds.Fund", on_delete=models.PROTECT, related_name="sessions")
    delivered_on = models.DateField()
    starts_at = models.TimeField()
    minutes = models.PositiveIntegerField()
    support_kind = models.CharField(max_length=20, choices=SupportKind.choices)
    supplier_name = models.CharField("Who provided it", max_length=200)
    worker_name = models.CharField(max_length=150, blank=True)
    hourly_rate_pence = models.PositiveIntegerField()
    cost_pence = models.PositiveBigIntegerField()
    notes = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=10, choices=SessionSource.choices)
    timesheet = models.ForeignKey(
        TimesheetImport, null=True, blank=True, on_delete=models.PROTECT, related_name="sessions"
    )
    transaction = models.OneToOneField(
        "funds.LedgerTransaction", on_delete=models.PROTECT, related_name="session"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-delivered_on", "-starts_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "delivered_on", "starts_at", "supplier_name"],
                name="support_session_once",
            ),
            models.CheckConstraint(condition=models.Q(minutes__gt=0), name="session_has_minutes"),
        ]
        indexes = [models.Index(fields=["fund", "delivered_on"])]

    def __str__(self) -> str:
        return f"{self.delivered_on} {self.starts_at:%H:%M} {self.supplier_name}"


class BankingPot(models.Model):
    """Something the person is saving for: a holiday, a festival, a course."""

    fund = models.ForeignKey("funds.Fund", on_delete=models.PROTECT, related_name="pots")
    purpose = models.CharField("What it is for", max_length=200)
    target_pence = models.PositiveBigIntegerField("How much is needed", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.purpose
