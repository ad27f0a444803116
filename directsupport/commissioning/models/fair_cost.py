"""What an hour of support reasonably costs, open book.

A ``FairCostModel`` builds the hourly rate up from the care worker's pay: employer on-costs
(National Insurance, pension, holiday pay), paid travel time and travel costs, training and
supervision, management and overheads, and surplus, each a share of what comes before it as the
Homecare Association's costing does. ``ReferencePrice`` is a published figure staff keep up to
date (the Homecare Association's minimum price for homecare, £32.14 an hour in England for
2025/26, £38.32 in Outer London) shown beside the calculation for comparison.

Shares are basis points (1,000 = 10%); money is integer pence.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models

from .common import now_field, provider_field, user_field


class ReferencePrice(models.Model):
    organisation = provider_field("reference_prices")
    name = models.CharField(max_length=150)
    region = models.CharField(max_length=60)
    pence_per_hour = models.PositiveIntegerField("Price for an hour")
    applies_from = models.DateField()
    applies_to = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True)
    updated_by = user_field(null=True)
    updated_at = now_field()

    class Meta:
        ordering = ["-applies_from", "region"]

    def __str__(self) -> str:
        return f"{self.name} ({self.region})"


class FairCostModel(models.Model):
    organisation = provider_field("fair_cost_models")
    name = models.CharField(max_length=150)
    # The kind of support this build-up is for; empty for the organisation's default.
    term = models.ForeignKey(
        "market.TaxonomyTerm", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pay_pence_per_hour = models.PositiveIntegerField("Care worker pay for an hour")
    employer_ni_bp = models.PositiveIntegerField(
        "Employer National Insurance", validators=[MaxValueValidator(5000)]
    )
    pension_bp = models.PositiveIntegerField("Pension", validators=[MaxValueValidator(5000)])
    holiday_bp = models.PositiveIntegerField("Holiday pay", validators=[MaxValueValidator(5000)])
    travel_minutes_per_hour = models.PositiveSmallIntegerField(
        "Paid travel time for each hour of support, in minutes",
        validators=[MaxValueValidator(60)],
    )
    travel_pence_per_hour = models.PositiveIntegerField("Travel costs for each hour of support")
    training_bp = models.PositiveIntegerField(
        "Training and supervision", validators=[MaxValueValidator(5000)]
    )
    overheads_bp = models.PositiveIntegerField(
        "Management and overheads", validators=[MaxValueValidator(10000)]
    )
    surplus_bp = models.PositiveIntegerField("Surplus", validators=[MaxValueValidator(5000)])
    # How far from the fair rate an offer may be before it is flagged (never refused).
    flag_below_bp = models.PositiveIntegerField(default=1500, validators=[MaxValueValidator(9000)])
    flag_above_bp = models.PositiveIntegerField(default=2500, validators=[MaxValueValidator(20000)])
    version = models.PositiveIntegerField(default=1)
    updated_by = user_field(null=True)
    updated_at = now_field()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
