"""Monthly statements: a snapshot of one fund's month, made once the month is over, so what the
person was sent reads the same later. Corrections posted afterwards show on the next one."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class Statement(models.Model):
    fund = models.ForeignKey("funds.Fund", on_delete=models.PROTECT, related_name="statements")
    month = models.DateField(help_text="The first day of the month it covers.")
    figures = models.JSONField()
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["fund", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "month"], name="statement_once_a_month")
        ]

    def __str__(self) -> str:
        return f"{self.fund.reference} {self.month:%B %Y}"
