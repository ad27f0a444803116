"""A contract for support: an accepted offer written down, agreed by the person (or each person
in a pool) and accepted by the supplier, then active until it ends.

Parties: each person via their ISF (``ContractParty``, with their share of the cost), the
provider that holds the ISFs (``organisation``) and the supplier. A pool's contract has several
parties; their shares follow the recorded ``split_rule`` and every change to them is kept as a
``ShareChange`` from a stated date, so the ledger postings can be traced and reconciled.
"""

from __future__ import annotations

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models

from .common import now_field, provider_field, user_field


class ContractStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AGREED = "agreed", "Agreed"
    ACTIVE = "active", "Active"
    ENDING = "ending", "Ending (notice given)"
    ENDED = "ended", "Ended"


CONTRACT_TRANSITIONS = {
    ContractStatus.DRAFT: frozenset({ContractStatus.AGREED, ContractStatus.ENDED}),
    ContractStatus.AGREED: frozenset({ContractStatus.ACTIVE, ContractStatus.ENDED}),
    ContractStatus.ACTIVE: frozenset({ContractStatus.ENDING, ContractStatus.ENDED}),
    ContractStatus.ENDING: frozenset({ContractStatus.ENDED, ContractStatus.ACTIVE}),
    ContractStatus.ENDED: frozenset(),
}


class SplitRule(models.TextChoices):
    EQUAL = "equal", "Shared equally between the people in it"
    BY_HOURS = "by_hours", "In proportion to each person's hours"


class Contract(models.Model):
    organisation = provider_field("support_contracts")
    reference = models.CharField(max_length=20, unique=True)  # CON-0001
    supplier = models.ForeignKey(
        "market.Supplier", on_delete=models.PROTECT, related_name="contracts"
    )
    request = models.ForeignKey(
        "commissioning.QuoteRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    offer = models.OneToOneField(
        "commissioning.Offer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contract",
    )
    pool = models.ForeignKey(
        "commissioning.Pool",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    term = models.ForeignKey("market.TaxonomyTerm", on_delete=models.PROTECT, related_name="+")
    service = models.CharField("The support", max_length=200)
    description = models.TextField(
        blank=True, validators=[MaxLengthValidator(2000)], max_length=2000
    )
    weekday = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(6)]
    )
    starts_at = models.TimeField(null=True, blank=True)
    ends_at = models.TimeField(null=True, blank=True)
    overnight = models.BooleanField(default=False)
    schedule = models.CharField("When", max_length=300, blank=True)
    minutes_a_week = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    pence_per_hour = models.PositiveIntegerField("Rate for an hour")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    notice_weeks = models.PositiveSmallIntegerField(default=4, validators=[MaxValueValidator(52)])
    cancellation_rules = models.TextField(validators=[MaxLengthValidator(2000)], max_length=2000)
    change_rules = models.TextField(
        "How changes are agreed", validators=[MaxLengthValidator(2000)], max_length=2000
    )
    travel_terms = models.CharField(max_length=500, blank=True)
    # Pools: what happens when someone is away, or leaves, and how the cost is split.
    absence_rules = models.TextField(
        blank=True, validators=[MaxLengthValidator(2000)], max_length=2000
    )
    leaving_rules = models.TextField(
        blank=True, validators=[MaxLengthValidator(2000)], max_length=2000
    )
    split_rule = models.CharField(max_length=10, choices=SplitRule.choices, default=SplitRule.EQUAL)
    status = models.CharField(
        max_length=10, choices=ContractStatus.choices, default=ContractStatus.DRAFT
    )
    supplier_accepted_at = models.DateTimeField(null=True, blank=True)
    supplier_accepted_by = user_field(null=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    notice_given_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=300, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_by = user_field()
    created_at = now_field()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status"], name="contract_org_status"),
            models.Index(fields=["supplier", "status"], name="contract_supplier_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gt=models.F("starts_on")),
                name="contract_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.service}"

    @property
    def pence_a_week(self) -> int:
        """The weekly cost of the whole contract, rounded half up to the penny."""
        return (self.pence_per_hour * self.minutes_a_week + 30) // 60


class ContractParty(models.Model):
    """One person in a contract, paying from their ISF; their share is in basis points of the
    contract's cost (10,000 for a contract with one person)."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="parties")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="support_contracts"
    )
    fund = models.ForeignKey(
        "funds.Fund", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    need = models.ForeignKey(
        "market.SupportNeed",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contract_parties",
    )
    minutes_a_week = models.PositiveIntegerField(default=0)
    share_bp = models.PositiveIntegerField(validators=[MaxValueValidator(10000)])
    joins_on = models.DateField()
    leaves_on = models.DateField(null=True, blank=True)
    leave_reason = models.CharField(max_length=300, blank=True)
    agreed_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.CharField(max_length=20, blank=True)  # people.DecidedBy
    representative_name = models.CharField(max_length=150, blank=True)
    representative_reason = models.TextField(
        blank=True, validators=[MaxLengthValidator(1000)], max_length=1000
    )
    person_comment = models.TextField(
        blank=True, validators=[MaxLengthValidator(1000)], max_length=1000
    )
    agreement_recorded_by = user_field(null=True)

    class Meta:
        ordering = ["contract", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "person"], name="contract_party_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.contract_id}"


class ShareChange(models.Model):
    """The shares in force from a date: written when a contract starts and whenever someone
    joins or leaves, so each month's postings can be recomputed and checked."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="share_changes")
    effective_from = models.DateField()
    shares = models.JSONField()  # {person id: basis points}
    reason = models.CharField(max_length=300)
    recorded_by = user_field()
    recorded_at = now_field()

    class Meta:
        ordering = ["contract", "effective_from", "id"]

    def __str__(self) -> str:
        return f"Shares of {self.contract_id} from {self.effective_from}"


class ContractReminder(models.Model):
    """A reminder sent before a contract's renewal or end, once per contract and kind."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20)  # "ends_soon", "review"
    due_on = models.DateField()
    sent_at = now_field()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "kind", "due_on"], name="contract_reminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.contract_id} on {self.due_on}"
