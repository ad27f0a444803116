"""The council's block contract, the people it covers, and how it is split into ISFs.

A split is a proposal: finance chooses a method, sees every person's share, and sends it to the
council; the commissioner approves it (the ISFs are then made) or returns it with a reason.
Shares always add up to the contract's annual value exactly (see ``funds/contracts/split.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from directsupport.accounts.roles import OrganisationKind
from directsupport.lib.transitions import check_transition


class BlockContract(models.Model):
    provider = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="block_contracts",
        limit_choices_to={"kind": OrganisationKind.PROVIDER},
    )
    council = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="council_block_contracts",
        limit_choices_to={"kind": OrganisationKind.COMMISSIONER},
    )
    reference = models.CharField(
        "Contract reference", max_length=60, help_text="The council's reference, like LBW-LD-017."
    )
    title = models.CharField(max_length=200)
    annual_value_pence = models.PositiveBigIntegerField("Annual value")
    starts_on = models.DateField()
    ends_on = models.DateField()
    people: models.ManyToManyField[models.Model, models.Model] = models.ManyToManyField(
        "people.Person", through="CoveredPerson", related_name="block_contracts", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "reference"], name="block_contract_unique_reference"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="block_contract_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"


class CoveredPerson(models.Model):
    """Someone the block contract pays for, with the council's assessed weekly hours."""

    contract = models.ForeignKey(BlockContract, on_delete=models.CASCADE, related_name="covered")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    assessed_weekly_minutes = models.PositiveIntegerField(
        "Assessed hours a week",
        default=0,
        help_text="From the council's assessment of eligible needs (Care Act 2014).",
    )

    class Meta:
        ordering = ["person__last_name", "person__first_name", "person_id"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "person"], name="covered_person_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} under {self.contract.reference}"


class SplitMethod(models.TextChoices):
    ASSESSED_HOURS = "assessed_hours", "In proportion to assessed weekly hours"
    PERFECT_WEEK_COST = "perfect_week_cost", "In proportion to the cost of each Perfect Week"
    ENTERED = "entered", "An amount entered for each person"


class SplitStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for the council's approval"
    APPROVED = "approved", "Approved by the council"
    RETURNED = "returned", "Returned by the council"


SPLIT_TRANSITIONS: dict[str, frozenset[str]] = {
    SplitStatus.DRAFT: frozenset({SplitStatus.SUBMITTED}),
    SplitStatus.SUBMITTED: frozenset({SplitStatus.APPROVED, SplitStatus.RETURNED}),
    # A returned split stays as the record of what was asked; finance makes a new one.
    SplitStatus.RETURNED: frozenset(),
    SplitStatus.APPROVED: frozenset(),
}

REMAINDER_RULE = (
    "Each share is rounded down to the penny; the pennies left over go one at a time to the "
    "people whose shares lost the most in rounding (on a tie, the person added first)."
)


class ContractSplit(models.Model):
    contract = models.ForeignKey(BlockContract, on_delete=models.CASCADE, related_name="splits")
    method = models.CharField(max_length=20, choices=SplitMethod.choices)
    status = models.CharField(max_length=12, choices=SplitStatus.choices, default=SplitStatus.DRAFT)
    remainder_rule = models.TextField(default=REMAINDER_RULE, max_length=1000)
    total_pence = models.PositiveBigIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField("Comments from the council", blank=True, max_length=2000)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # At most one split of a contract is waiting for, or has, the council's approval.
            models.UniqueConstraint(
                fields=["contract"],
                condition=models.Q(status__in=["submitted", "approved"]),
                name="split_one_live_per_contract",
            )
        ]

    def __str__(self) -> str:
        return f"Split of {self.contract.reference} ({self.get_method_display().lower()})"

    def set_status(self, status: str, *, by: models.Model, note: str = "") -> None:
        check_transition(SPLIT_TRANSITIONS, current=self.status, wanted=status)
        now = timezone.now()
        if status == SplitStatus.SUBMITTED:
            self.submitted_by, self.submitted_at = by, now  # type: ignore[assignment]
        else:
            self.decided_by, self.decided_at = by, now  # type: ignore[assignment]
            self.decision_note = note
        self.status = status


class SplitLine(models.Model):
    """One person's share. ``basis`` is what the share is in proportion to: minutes a week,
    the Perfect Week's yearly cost in pence, or the entered pence."""

    split = models.ForeignKey(ContractSplit, on_delete=models.CASCADE, related_name="lines")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    basis = models.PositiveBigIntegerField()
    share_pence = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["person__last_name", "person__first_name", "person_id"]
        constraints = [models.UniqueConstraint(fields=["split", "person"], name="split_line_once")]

    def __str__(self) -> str:
        return f"{self.person}: {self.share_pence}p"
