"""Everyone's Plan Book PDFs for a Planning Live event, made in the background (batch/)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from directsupport.people.models import private_storage


class BatchStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Making the Plan Books"
    DONE = "done", "Ready"
    FAILED = "failed", "Something went wrong"


class PlanBookBatch(models.Model):
    """Plan Book PDFs for everyone at an event, made in the background into one zip file."""

    event = models.ForeignKey(
        "planning.PlanningEvent", on_delete=models.CASCADE, related_name="plan_book_batches"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(storage=private_storage, blank=True, max_length=200)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        # planning's table, kept when the Plan Book became its own app.
        db_table = "planning_planbookbatch"

    def __str__(self) -> str:
        return f"Plan Books for {self.event}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)
