"""The programme dashboard's figures, worked out ahead (a person's stage, money, hours, reviews,
outcomes and decisions for each month of the three-year programme), so the dashboard reads one
row per month however many people and ledger entries there are. ``computed_at`` is shown on the
page: how fresh the figures are is never a guess."""

from __future__ import annotations

from django.db import models


class ProgrammeSnapshot(models.Model):
    provider = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    # Empty: every council the provider works for together; otherwise one council's people.
    council = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField()  # the first day of the month
    figures = models.JSONField(default=dict)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["provider", "council", "month"]
        # One row per scope and month. Two partial constraints rather than one with
        # nulls_distinct=False, which SQLite cannot hold: the provider as a whole (no council),
        # and each council's people.
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "month"],
                condition=models.Q(council__isnull=True),
                name="snapshot_once_per_provider_month",
            ),
            models.UniqueConstraint(
                fields=["provider", "council", "month"],
                condition=models.Q(council__isnull=False),
                name="snapshot_once_per_council_month",
            ),
        ]

    def __str__(self) -> str:
        return f"Programme figures for {self.month:%B %Y}"
