"""Borough-wide optimisation runs and the proposals they make.

A run chooses which supplier offer meets which need and which pools to form, at least cost
within each person's choices, exclusions and budget, supplier capacity, pool ratios and travel
limits. It keeps the solver's answer, its cost, the LP lower bound and the gap, a greedy
baseline's cost, and (when nothing can meet a need) which limits conflict. Its proposals are
suggestions that staff and people accept or reject one by one.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models

from .common import now_field, provider_field, user_field


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Finished"
    FAILED = "failed", "Failed"


class OptimiserRun(models.Model):
    organisation = provider_field("optimiser_runs")
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress_percent = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(100)]
    )
    progress_words = models.CharField(max_length=200, blank=True)
    parameters = models.JSONField(default=dict, blank=True)
    solver_status = models.CharField(max_length=40, blank=True)  # "optimal", "infeasible"…
    needs_count = models.PositiveIntegerField(default=0)
    options_count = models.PositiveIntegerField(default=0)
    cost_pence_a_week = models.BigIntegerField(null=True, blank=True)
    lower_bound_pence_a_week = models.BigIntegerField(null=True, blank=True)
    gap_bp = models.PositiveIntegerField(null=True, blank=True)  # (cost - bound) / cost
    greedy_cost_pence_a_week = models.BigIntegerField(null=True, blank=True)
    unmet_needs = models.PositiveIntegerField(default=0)
    solve_ms = models.PositiveIntegerField(null=True, blank=True)
    # Which limits conflict for the needs nobody can meet, in words, per need.
    conflicts = models.JSONField(default=list, blank=True)
    report = models.JSONField(default=dict, blank=True)
    error = models.CharField(max_length=500, blank=True)
    created_by = user_field()
    created_at = now_field()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Optimiser run {self.pk} ({self.status})"


class ProposalKind(models.TextChoices):
    ASSIGN = "assign", "Meet a need with a supplier"
    POOL = "pool", "Buy together"


class ProposalStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class Proposal(models.Model):
    run = models.ForeignKey(OptimiserRun, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(max_length=10, choices=ProposalKind.choices)
    need_ids = models.JSONField(default=list)  # the needs this proposal meets
    service = models.ForeignKey(
        "market.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    offer = models.ForeignKey(
        "commissioning.Offer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pool = models.ForeignKey(
        "commissioning.Pool", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pence_a_week = models.PositiveIntegerField()
    alone_pence_a_week = models.PositiveIntegerField(default=0)
    explanation = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    decided_by = user_field(null=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["run", "id"]

    def __str__(self) -> str:
        return f"{self.kind} proposal {self.pk}"
