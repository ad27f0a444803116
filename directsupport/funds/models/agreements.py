"""A person's Individual Service Fund and the three-way agreement (council, person, provider)
that says how it works. Every change to the agreement is a new version with who agreed it."""

from __future__ import annotations

from fractions import Fraction

from django.conf import settings
from django.db import models
from django.utils import timezone

from directsupport.accounts.roles import OrganisationKind
from directsupport.lib.transitions import check_transition

WEEKS_IN_YEAR = 52


class Fund(models.Model):
    """The ring-fenced money held by the provider for one person. Its balances are never stored:
    they are the sums of its ledger entries (``funds/ledger/balances.py``)."""

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="fund")
    provider = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": OrganisationKind.PROVIDER},
    )
    council = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="council_funds",
        limit_choices_to={"kind": OrganisationKind.COMMISSIONER},
    )
    reference = models.CharField(max_length=20, unique=True, help_text="Like ISF-0042.")
    split_line = models.OneToOneField(
        "funds.SplitLine", null=True, blank=True, on_delete=models.PROTECT, related_name="fund"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["reference"]
        indexes = [models.Index(fields=["council"])]

    def __str__(self) -> str:
        return self.reference


class FeeKind(models.TextChoices):
    PERCENT = "percent", "A percentage of the budget"
    AMOUNT = "amount", "A fixed amount each month"


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", "Draft, waiting for the person"
    CHANGES_ASKED = "changes_asked", "The person asked for changes"
    AGREED = "agreed", "Agreed by the person, waiting for the council"
    RETURNED = "returned", "Returned by the council"
    APPROVED = "approved", "In force"
    SUPERSEDED = "superseded", "Replaced by a later version"


AGREEMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    AgreementStatus.DRAFT: frozenset({AgreementStatus.AGREED, AgreementStatus.CHANGES_ASKED}),
    AgreementStatus.AGREED: frozenset({AgreementStatus.APPROVED, AgreementStatus.RETURNED}),
    AgreementStatus.APPROVED: frozenset({AgreementStatus.SUPERSEDED}),
    # Asked-for changes and returns are kept as the record; the next version carries the change.
    AgreementStatus.CHANGES_ASKED: frozenset(),
    AgreementStatus.RETURNED: frozenset(),
    AgreementStatus.SUPERSEDED: frozenset(),
}

OPEN_STATUSES = (AgreementStatus.DRAFT, AgreementStatus.AGREED)


class AgreedBy(models.TextChoices):
    PERSON = "person", "The person agreed it themselves"
    REPRESENTATIVE = "representative", "A representative agreed it (the person lacks capacity)"


class Agreement(models.Model):
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="agreements")
    version = models.PositiveIntegerField()
    status = models.CharField(
        max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    annual_budget_pence = models.PositiveBigIntegerField("Budget for a year")
    starts_on = models.DateField()
    ends_on = models.DateField()
    fee_kind = models.CharField(
        "Management fee", max_length=10, choices=FeeKind.choices, default=FeeKind.PERCENT
    )
    fee_basis_points = models.PositiveIntegerField(
        "Fee percentage (hundredths of a per cent)",
        default=0,
        help_text="800 is 8%. Used when the fee is a percentage.",
    )
    fee_monthly_pence = models.PositiveBigIntegerField(
        "Fee each month", default=0, help_text="Used when the fee is a fixed amount."
    )
    contingency_pence = models.PositiveBigIntegerField(
        "Contingency",
        default=0,
        help_text="Kept back in the fund for the unexpected: illness, a crisis, a broken boiler.",
    )
    bank_max_weeks = models.PositiveSmallIntegerField(
        "Most that may be banked, in weeks of budget", default=4
    )
    bank_hold_weeks = models.PositiveSmallIntegerField(
        "Longest money may stay banked, in weeks", default=12
    )
    overdraft_limit_pence = models.PositiveBigIntegerField(
        "Approved overdraft",
        default=0,
        help_text="How far the fund may go below zero. Approved by the council with the agreement.",
    )
    notice_weeks = models.PositiveSmallIntegerField("Notice period, in weeks", default=4)
    first_review_on = models.DateField("First review")
    review_every_months = models.PositiveSmallIntegerField(
        "Then review at least every (months)", default=12
    )
    change_summary = models.TextField("What changed and why", blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    agreed_by = models.CharField(max_length=20, choices=AgreedBy.choices, blank=True)
    agreed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    representative_name = models.CharField(max_length=150, blank=True)
    representative_reason = models.TextField(
        blank=True,
        help_text="Why the person cannot agree it themselves now (Mental Capacity Act).",
        max_length=2000,
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    person_comment = models.TextField(blank=True, max_length=2000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField("Comments from the council", blank=True, max_length=2000)

    class Meta:
        ordering = ["fund", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "version"], name="agreement_version_once"),
            models.UniqueConstraint(
                fields=["fund"],
                condition=models.Q(status__in=["draft", "agreed"]),
                name="agreement_one_open_version",
            ),
            models.UniqueConstraint(
                fields=["fund"],
                condition=models.Q(status="approved"),
                name="agreement_one_in_force",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="agreement_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(review_every_months__gte=1, review_every_months__lte=12),
                name="agreement_review_at_least_yearly",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fund.reference} agreement v{self.version}"

    def set_status(self, status: str, *, by: models.Model, note: str = "") -> None:
        check_transition(AGREEMENT_TRANSITIONS, current=self.status, wanted=status)
        now = timezone.now()
        if status in (AgreementStatus.AGREED, AgreementStatus.CHANGES_ASKED):
            self.agreed_by_user, self.agreed_at = by, now  # type: ignore[assignment]
            self.person_comment = note
        elif status in (AgreementStatus.APPROVED, AgreementStatus.RETURNED):
            self.decided_by, self.decided_at = by, now  # type: ignore[assignment]
            self.decision_note = note
        self.status = status

    # --- Derived figures (exact fractions; rounded only where shown or posted) ---------------

    @property
    def weekly_budget(self) -> Fraction:
        return Fraction(self.annual_budget_pence, WEEKS_IN_YEAR)

    @property
    def weekly_budget_pence(self) -> int:
        """The weekly budget to the penny, rounded half up (for showing)."""
        return int(self.weekly_budget + Fraction(1, 2))

    @property
    def bank_cap_pence(self) -> int:
        """The most that may be banked: ``bank_max_weeks`` weeks of budget, rounded down."""
        return int(self.weekly_budget * self.bank_max_weeks)

    def fee_for_month_pence(self, allocation_pence: int) -> int:
        """The management fee on one month's allocation, rounded half up to the penny."""
        if self.fee_kind == FeeKind.AMOUNT:
            return int(self.fee_monthly_pence)
        return int(Fraction(allocation_pence * self.fee_basis_points, 10_000) + Fraction(1, 2))


class AgreementReview(models.Model):
    """A review of how the ISF is working, held with the person: the first 6 to 8 weeks after
    it starts, then at least as often as the agreement says. The next one falls due from the
    last held (``funds/agreements/reviews.py``)."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField()
    summary = models.TextField("What was said and decided", max_length=4000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["fund", "-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.fund.reference} review on {self.held_on}"
