"""The preferred supplier list: criteria agreed with people supported and commissioners, and
each supplier's application assessed against them, with the co-production panel's view, moving
through an explicit workflow where every step is dated, attributed and given a reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone

from directsupport.lib.transitions import check_transition

from .directory import Supplier

if TYPE_CHECKING:
    from directsupport.accounts.models import User


class CriterionKind(models.TextChoices):
    QUALITY = "quality", "Quality"
    PRICE = "price", "Price within the fair range"
    VALUES = "values", "Values"
    FLEXIBLE_CONTRACTS = "flexible", "ISF-friendly, flexible contracts"
    REFERENCES = "references", "Reference checks"
    OTHER = "other", "Other"


class PreferredCriterion(models.Model):
    """One thing a preferred supplier must show, as agreed (with whom, when)."""

    provider = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="preferred_criteria"
    )
    kind = models.CharField(max_length=20, choices=CriterionKind.choices)
    title = models.CharField(max_length=150)
    description = models.TextField(validators=[MaxLengthValidator(1000)], max_length=1000)
    easy_read = models.CharField("In easy read", max_length=200)
    agreed_on = models.DateField()
    agreed_with = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class ApplicationStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    APPLIED = "applied", "Applied"
    ASSESSING = "assessing", "Being assessed"
    APPROVED = "approved", "On the preferred list"
    DECLINED = "declined", "Declined"
    SUSPENDED = "suspended", "Suspended"
    WITHDRAWN = "withdrawn", "Withdrawn"


APPLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    ApplicationStatus.PROPOSED: frozenset(
        {ApplicationStatus.APPLIED, ApplicationStatus.ASSESSING, ApplicationStatus.WITHDRAWN}
    ),
    ApplicationStatus.APPLIED: frozenset(
        {ApplicationStatus.ASSESSING, ApplicationStatus.WITHDRAWN}
    ),
    ApplicationStatus.ASSESSING: frozenset(
        {ApplicationStatus.APPROVED, ApplicationStatus.DECLINED, ApplicationStatus.WITHDRAWN}
    ),
    # A suspended supplier is reinstated after a fresh look, or leaves the list.
    ApplicationStatus.APPROVED: frozenset(
        {ApplicationStatus.SUSPENDED, ApplicationStatus.WITHDRAWN}
    ),
    ApplicationStatus.SUSPENDED: frozenset(
        {ApplicationStatus.APPROVED, ApplicationStatus.WITHDRAWN}
    ),
    # A declined supplier may apply again: that is a new application.
    ApplicationStatus.DECLINED: frozenset(),
    ApplicationStatus.WITHDRAWN: frozenset(),
}
# Moves that must say why.
REASON_REQUIRED = frozenset(
    {ApplicationStatus.APPROVED, ApplicationStatus.DECLINED, ApplicationStatus.SUSPENDED}
)
# At most one application per supplier and provider is open or approved at a time.
LIVE_STATUSES = frozenset(
    {
        ApplicationStatus.PROPOSED,
        ApplicationStatus.APPLIED,
        ApplicationStatus.ASSESSING,
        ApplicationStatus.APPROVED,
        ApplicationStatus.SUSPENDED,
    }
)


class PreferredApplication(models.Model):
    """A supplier's application to (or proposal for) the provider's preferred list."""

    provider = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="preferred_applications"
    )
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="applications")
    status = models.CharField(max_length=20, choices=ApplicationStatus.choices)
    statement = models.TextField(
        "Why this supplier",
        blank=True,
        validators=[MaxLengthValidator(3000)],
        max_length=3000,
    )
    panel_view = models.TextField(
        "The co-production panel's view",
        blank=True,
        validators=[MaxLengthValidator(3000)],
        max_length=3000,
    )
    panel_view_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    panel_view_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "supplier"],
                condition=models.Q(status__in=sorted(LIVE_STATUSES)),
                name="preferred_one_live_application",
            )
        ]

    def __str__(self) -> str:
        return f"{self.supplier}: {self.get_status_display()}"

    def set_status(self, status: str, *, by: User, reason: str = "") -> ApplicationStep:
        """Moves along APPLICATION_TRANSITIONS; returns the unsaved step recording the move."""
        check_transition(APPLICATION_TRANSITIONS, current=self.status, wanted=status)
        step = ApplicationStep(
            application=self,
            from_status=self.status,
            to_status=status,
            by=by,
            at=timezone.now(),
            reason=reason,
        )
        self.status = status
        self.version += 1
        return step


class ApplicationStep(models.Model):
    """Every move of an application: from, to, who, when and why. Never changed."""

    application = models.ForeignKey(
        PreferredApplication, on_delete=models.CASCADE, related_name="steps"
    )
    from_status = models.CharField(max_length=20, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ApplicationStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True, validators=[MaxLengthValidator(2000)], max_length=2000)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.application}: {self.from_status} to {self.to_status}"


class Assessment(models.TextChoices):
    MET = "met", "Met"
    PARTLY = "partly", "Partly met"
    NOT_MET = "not_met", "Not met"


class CriterionAssessment(models.Model):
    """How an application measures against one criterion, with the evidence."""

    application = models.ForeignKey(
        PreferredApplication, on_delete=models.CASCADE, related_name="assessments"
    )
    criterion = models.ForeignKey(PreferredCriterion, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(max_length=10, choices=Assessment.choices)
    evidence = models.TextField(validators=[MaxLengthValidator(2000)], max_length=2000)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="assessment_once_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.result}"
