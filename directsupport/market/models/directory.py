"""The supplier directory: who provides what kind of support, where, when, at what price, with
what quality, and the characteristics people can match on.

It follows Open Referral UK (HSDS 3.0), so it can be published and imported in that shape: a
supplier is an HSDS ``organization`` (it *is* the accounts ``Organisation`` of kind supplier,
the same row the ledger's supplier payments name, never a second list), a ``Service`` is an HSDS
``service`` with its ``schedules``, ``service_areas``, ``cost_options`` and taxonomy
``attributes``. Each published object keeps a stable UUID, as the standard's ids are.

Only what a supplier chose to publish (``Supplier.published`` and ``Service.published``) ever
leaves through the Open Referral API.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone


class PostcodeDistrict(models.Model):
    """A postcode district (the outward code, such as ``HF3`` or ``E17``) and the grid point of
    its centre, in metres east and north (British National Grid), so distances between a
    person's home and a supplier are plain arithmetic, without a map service."""

    code = models.CharField(max_length=4, unique=True)
    name = models.CharField(max_length=100)
    easting_m = models.PositiveIntegerField()
    northing_m = models.PositiveIntegerField()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} ({self.name})"


class TaxonomyTerm(models.Model):
    """A kind of support or activity, from the provider's own vocabulary (Open Referral UK's
    ``taxonomy_term``). ``support_kind`` links a term to the Perfect Week's kind of paid support
    (week.SupportKind), so a week's need finds services of that kind."""

    VOCABULARY = "direct-your-support"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    description = models.CharField(max_length=300, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    vocabulary = models.CharField(max_length=60, default=VOCABULARY)
    support_kind = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SupplierKind(models.TextChoices):
    REGISTERED_PROVIDER = "registered_provider", "Registered care provider"
    MICRO_ENTERPRISE = "micro_enterprise", "Community micro-enterprise"
    PERSONAL_ASSISTANT = "personal_assistant", "Personal assistant"
    COMMUNITY_GROUP = "community_group", "Community group"
    FREE_ACTIVITY = "free_activity", "Free community activity"


class CqcRating(models.TextChoices):
    """The Care Quality Commission's overall ratings, best first."""

    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"
    NOT_YET_RATED = "not_yet_rated", "Registered, not yet rated"


class WorkerGender(models.TextChoices):
    WOMEN = "women", "Women"
    MEN = "men", "Men"
    NON_BINARY = "non_binary", "Non-binary workers"


class Supplier(models.Model):
    """A directory entry: the supplier organisation's profile. Kept by the market shaper, or by
    the supplier's own users for their own entry."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="supplier"
    )
    # The provider whose market shaper keeps this directory.
    directory_owner = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="directory_entries"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=30, choices=SupplierKind.choices)
    description = models.TextField(validators=[MaxLengthValidator(2000)], max_length=2000)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    website = models.URLField(blank=True)
    base_district = models.ForeignKey(
        PostcodeDistrict, on_delete=models.PROTECT, related_name="suppliers_based"
    )
    # Quality: CQC registration where the support is regulated (personal care), other marks.
    cqc_location_id = models.CharField("CQC location ID", max_length=20, blank=True)
    cqc_rating = models.CharField(
        "CQC rating", max_length=30, choices=CqcRating.choices, blank=True
    )
    cqc_inspected_on = models.DateField("CQC inspection date", null=True, blank=True)
    accreditations = models.CharField(max_length=300, blank=True)
    # What people can match on.
    languages = models.JSONField(default=list, blank=True)  # names, such as "Punjabi"
    skills = models.JSONField(default=list, blank=True)  # "Makaton", "autism", "swimming"
    interests = models.JSONField(default=list, blank=True)  # "music", "football", "gardening"
    worker_genders = models.JSONField(default=list, blank=True)  # WorkerGender values
    # Only a published entry appears in the Open Referral API.
    published = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return self.organisation.name

    @property
    def name(self) -> str:
        return self.organisation.name


class ServiceStatus(models.TextChoices):
    """Open Referral UK's service statuses."""

    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    DEFUNCT = "defunct", "Defunct"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"


class Service(models.Model):
    """Something a supplier offers: one or more kinds of support or activity, where and when,
    at what price, for how many people."""

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="services")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField(validators=[MaxLengthValidator(2000)], max_length=2000)
    status = models.CharField(
        max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    terms = models.ManyToManyField(TaxonomyTerm, related_name="services")
    # Where: the districts it covers, and/or how far its workers travel from its base.
    travel_radius_km = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    # Ratios it can offer: 1:1, 2:1, shared (week.SupportRatio values).
    ratios = models.JSONField(default=list, blank=True)
    # People it can take on now (places, or hours a week for support by the hour).
    capacity_people = models.PositiveSmallIntegerField(
        "Places free now", default=0, validators=[MaxValueValidator(500)]
    )
    minimum_age = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    published = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["supplier__organisation__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.supplier})"


class ServiceArea(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="areas")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    district = models.ForeignKey(PostcodeDistrict, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "district"], name="service_area_once")
        ]

    def __str__(self) -> str:
        return f"{self.service.name}: {self.district.code}"


class Schedule(models.Model):
    """When a service runs: weekly on one day (an iCalendar rule, as Open Referral's schedule
    is), between two times, optionally every N weeks from ``valid_from``, between dates."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    weekday = models.PositiveSmallIntegerField(validators=[MaxValueValidator(6)])  # Monday 0
    opens_at = models.TimeField()
    closes_at = models.TimeField()
    # Past midnight (a waking night 22:00 to 07:00).
    overnight = models.BooleanField(default=False)
    interval_weeks = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    closed_on_bank_holidays = models.BooleanField(default=True)
    notes = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["weekday", "opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(overnight=True) | models.Q(closes_at__gt=models.F("opens_at")),
                name="schedule_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.service.name}: day {self.weekday} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"
        )


class ScheduleException(models.Model):
    """A day a service does not run (or runs differently), beyond bank holidays."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="exceptions")
    on = models.DateField()
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["on"]
        constraints = [
            models.UniqueConstraint(fields=["service", "on"], name="schedule_exception_once")
        ]

    def __str__(self) -> str:
        return f"{self.service.name}: closed {self.on}"


class CostUnit(models.TextChoices):
    HOUR = "hour", "an hour"
    SESSION = "session", "a session"
    NIGHT = "night", "a night"
    FREE = "free", "free"


class CostOption(models.Model):
    """A price, in pence, per hour, session or night, valid between two dates."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.CharField(max_length=10, choices=CostUnit.choices)
    amount_pence = models.PositiveIntegerField(default=0)
    description = models.CharField(max_length=200, blank=True)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["valid_from", "unit"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="cost_option_valid_to_after_from",
            ),
            models.CheckConstraint(
                condition=~models.Q(unit="free") | models.Q(amount_pence=0),
                name="cost_option_free_costs_nothing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service.name}: {self.amount_pence}p {self.get_unit_display()}"


class Location(models.Model):
    """A place where a supplier delivers a service (a day centre, a pool, a hall): Open Referral
    UK's ``location``. Support delivered at the person's home needs none."""

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="locations")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    address_1 = models.CharField(max_length=200)
    city = models.CharField(max_length=100, default="London")
    postcode = models.CharField(max_length=10)
    district = models.ForeignKey(PostcodeDistrict, on_delete=models.PROTECT, related_name="+")
    accessibility = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ServiceAtLocation(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="services_at")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="service_at_location_once")
        ]

    def __str__(self) -> str:
        return f"{self.service.name} at {self.location.name}"
