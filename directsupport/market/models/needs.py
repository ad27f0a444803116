"""A person's support needs, how they want to commission each, and the supplier they chose.

Needs are drawn from the person's Perfect Week (each entry that needs paid support) and their
outcomes (each that needs something bought, such as "learn to swim"); the coordinator refines
them with the person. A need drawn from the week keeps a link to its entry, so redrawing after
the week changes updates it rather than adding a second one.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from .directory import PostcodeDistrict, Service, TaxonomyTerm


class NeedSource(models.TextChoices):
    WEEK = "week", "My Perfect Week"
    OUTCOME = "outcome", "An outcome in my plan"
    ADDED = "added", "Added with the person"


class Commissioning(models.TextChoices):
    """How the person wants this need met."""

    PROVIDER = "provider", "By my provider, from my ISF"
    OTHER_SUPPLIER = "other_supplier", "By another supplier, paid from my ISF"
    DIRECT_PAYMENT = "direct_payment", "With a direct payment"
    OWN_PA = "own_pa", "By employing my own personal assistant"
    FREE_COMMUNITY = "free_community", "By a free community activity"
    JOINT = "joint", "Together with other people"


class NeedStatus(models.TextChoices):
    OPEN = "open", "Looking for support"
    CHOSEN = "chosen", "Supplier chosen"
    MET = "met", "Met"
    WITHDRAWN = "withdrawn", "No longer needed"


# The needs the market is asked to meet: still open, and not ones the person wants their own
# provider to deliver within the ISF (the provider is not in its own directory: its rota meets
# those). One rule for the market shaper's home, the market view and its gaps.
LOOKING_FOR_SUPPORT = models.Q(status=NeedStatus.OPEN) & ~models.Q(
    commissioning=Commissioning.PROVIDER
)


class SupportNeed(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="needs")
    source = models.CharField(max_length=10, choices=NeedSource.choices)
    week_entry = models.OneToOneField(
        "week.WeekEntry", null=True, blank=True, on_delete=models.SET_NULL, related_name="need"
    )
    outcome = models.ForeignKey(
        "planning.Outcome", null=True, blank=True, on_delete=models.SET_NULL, related_name="needs"
    )
    what = models.CharField("What the support is for", max_length=200)
    term = models.ForeignKey(TaxonomyTerm, on_delete=models.PROTECT, related_name="needs")
    # When: one weekday and times (a flexible need may move), repeating like the week's entry.
    weekday = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(6)]
    )
    starts_at = models.TimeField(null=True, blank=True)
    ends_at = models.TimeField(null=True, blank=True)
    overnight = models.BooleanField(default=False)
    fixed = models.BooleanField(default=True)
    recurrence = models.CharField(max_length=200, blank=True)
    minutes_a_week = models.PositiveIntegerField(default=0)
    # Where: the district the support happens in (home or the place named).
    place = models.CharField(max_length=200, blank=True)
    district = models.ForeignKey(
        PostcodeDistrict, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ratio = models.CharField(max_length=12, blank=True)  # week.SupportRatio
    shared_by = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(2)]
    )
    # What the person asked for in who supports them (matching-support characteristics).
    wanted_skills = models.JSONField(default=list, blank=True)
    wanted_interests = models.JSONField(default=list, blank=True)
    wanted_languages = models.JSONField(default=list, blank=True)
    wanted_gender = models.CharField(max_length=12, blank=True)  # directory.WorkerGender
    wanted_personality = models.CharField(max_length=300, blank=True)
    # How the person wants to commission it (empty until they say).
    commissioning = models.CharField(max_length=20, choices=Commissioning.choices, blank=True)
    commissioning_said_by = models.CharField(max_length=150, blank=True)
    commissioning_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    commissioning_recorded_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    notes = models.TextField(blank=True, validators=[MaxLengthValidator(1000)], max_length=1000)
    # The fields the coordinator changed by hand with the person: redrawing keeps these and
    # redraws the rest (market/needs/drawing.py says which fields may be refined).
    refined_fields = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["weekday", "starts_at", "id"]
        indexes = [models.Index(fields=["person", "status"], name="need_person_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weekday__isnull=True)
                | models.Q(overnight=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="need_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.what

    @property
    def looking_for_support(self) -> bool:
        """LOOKING_FOR_SUPPORT for one need already in memory."""
        return self.status == NeedStatus.OPEN and self.commissioning != Commissioning.PROVIDER


class SupplierChoice(models.Model):
    """The person's choice of a service for a need, with their reason in their words, where it
    stood in the ranking, and who recorded it. The newest choice is the one in force; earlier
    ones stay as the record of what changed."""

    need = models.ForeignKey(SupportNeed, on_delete=models.CASCADE, related_name="choices")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="choices")
    rank_when_chosen = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.TextField(validators=[MaxLengthValidator(2000)], max_length=2000)
    chosen_by = models.CharField(max_length=150)  # the person, or who said it for them
    on_behalf_reason = models.TextField(
        blank=True, validators=[MaxLengthValidator(1000)], max_length=1000
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.need}: {self.service}"
