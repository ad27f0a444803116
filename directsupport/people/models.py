"""People supported, their communication needs, key dates and circles of support."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from directsupport.accounts.roles import OrganisationKind


def private_storage():  # type: ignore[no-untyped-def]
    return storages["private"]


class Area(models.Model):
    """A neighbourhood or ward of the borough, used to group and filter people."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="areas"
    )
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="area_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Stage(models.TextChoices):
    """Where the person is on the three-year journey from block contract to ISF."""

    GETTING_STARTED = "getting_started", "Getting started"
    PLANNING = "planning", "Planning (Planning Live and Plan Book)"
    MARKET_SHAPING = "market_shaping", "Finding the right support"
    ISF_LIVE = "isf_live", "Living with an ISF"


class PreferredFormat(models.TextChoices):
    """The Accessible Information Standard's 'format' choice, as the person made it."""

    EASY_READ = "easy_read", "Easy read"
    STANDARD = "standard", "Standard"
    LARGE_PRINT = "large_print", "Large print"
    READ_ALOUD = "read_aloud", "Read aloud to me"


class Person(models.Model):
    """Someone supported by the provider: the holder of an Individual Service Fund."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="people",
        limit_choices_to={"kind": OrganisationKind.PROVIDER},
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person_record",
        help_text="The person's own sign-in, if they have one.",
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(
        max_length=100, blank=True, help_text="What they like to be called."
    )
    photo = models.FileField(storage=private_storage, blank=True, max_length=200)
    date_of_birth = models.DateField(null=True, blank=True)
    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True, default="London")
    postcode = models.CharField(max_length=10, blank=True)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT)
    funding_council = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funded_people",
        limit_choices_to={"kind": OrganisationKind.COMMISSIONER},
        help_text="The council that funds their support.",
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_people",
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.GETTING_STARTED)
    # When the provider stopped supporting them: the day retention periods count from (the
    # Records Management Code keeps care records 8 years after support ends). Set only by a
    # manager through people/support_end.py, which audits it.
    support_ended_on = models.DateField(
        "Support ended on",
        null=True,
        blank=True,
        help_text="The last day the provider supported them. Empty while they are supported.",
    )

    # Communication needs (Accessible Information Standard).
    communicates_by = models.TextField(
        "How I communicate",
        blank=True,
        help_text="For example: speaks in short sentences, uses Makaton signs, points to photos.",
        max_length=2000,
    )
    communicate_with_me = models.TextField(
        "How to communicate with me",
        blank=True,
        help_text="For example: one question at a time, give me time to answer, show me pictures.",
        max_length=2000,
    )
    communication_support = models.CharField(
        "Support I need to communicate",
        max_length=200,
        blank=True,
        help_text="For example: a BSL interpreter, a Makaton signer, an advocate.",
    )
    preferred_format = models.CharField(
        "How I like my information",
        max_length=20,
        choices=PreferredFormat.choices,
        default=PreferredFormat.EASY_READ,
    )

    support_workers: models.ManyToManyField[models.Model, models.Model] = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="SupportAssignment",
        related_name="assigned_people",
        blank=True,
    )

    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "people"
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            # Covers the name search (every name column) and the list's order, so searching
            # and paging 10,000 people reads one index, not the table.
            models.Index(
                fields=["organisation", "last_name", "first_name", "id", "preferred_name"],
                name="person_org_name",
            ),
            models.Index(fields=["organisation", "stage"], name="person_org_stage"),
            models.Index(fields=["funding_council", "last_name"], name="person_council_name"),
            # The people list's area and coordinator filters read these without the table.
            models.Index(fields=["organisation", "area"], name="person_org_area"),
            models.Index(fields=["organisation", "coordinator"], name="person_org_coordinator"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name they like, with their family name: 'Dee Okafor' for Adaeze Okafor."""
        return f"{self.preferred_name or self.first_name} {self.last_name}"

    @property
    def called(self) -> str:
        return self.preferred_name or self.first_name

    @property
    def full_legal_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day: dt.date) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def has_communication_needs(self) -> bool:
        return bool(self.communicates_by or self.communicate_with_me or self.communication_support)


class KeyDate(models.Model):
    """A date that matters to the person: a birthday, an anniversary, a review."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="key_dates")
    label = models.CharField(max_length=120)
    date = models.DateField()
    every_year = models.BooleanField(default=True)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.label} ({self.date:%d %B})"

    def next_occurrence(self, today: dt.date) -> dt.date | None:
        if not self.every_year:
            return self.date if self.date >= today else None
        for year in (today.year, today.year + 1):
            try:
                candidate = self.date.replace(year=year)
            except ValueError:  # 29 February in a year without one: keep it on the 28th.
                candidate = self.date.replace(year=year, day=28)
            if candidate >= today:
                return candidate
        return None


class SupportAssignment(models.Model):
    """A support worker assigned to a person: the only people a support worker may see."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assignments")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "worker"], name="assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.worker} supports {self.person}"


class Sector(models.TextChoices):
    """The four quarters of a relationship circle."""

    FAMILY = "family", "Family"
    FRIENDS = "friends", "Friends and unpaid support"
    PAID = "paid", "Paid supporters"
    COMMUNITY = "community", "School, work, day services and community"


class Closeness(models.IntegerChoices):
    """Rings of the relationship circle, closest in the middle."""

    CLOSEST = 1, "Closest to me"
    CLOSE = 2, "Close"
    FRIENDLY = 3, "Know well"
    FURTHER = 4, "Further out"


class CircleMember(models.Model):
    """Someone in the person's circle of support."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="circle")
    name = models.CharField(max_length=150)
    relationship = models.CharField(
        max_length=100, help_text="In the person's words: 'my sister', 'my keyworker'."
    )
    sector = models.CharField(max_length=20, choices=Sector.choices)
    closeness = models.PositiveSmallIntegerField(
        choices=Closeness.choices,
        default=Closeness.CLOSE,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    address = models.CharField(max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="circle_memberships",
        help_text="Their sign-in, if they have one.",
    )
    # What the person has agreed this member may do; changed only through a ConsentDecision.
    may_see = models.BooleanField(default=False)
    may_contribute = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["closeness", "name"]
        indexes = [models.Index(fields=["user", "may_see"], name="circle_user_may_see")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closeness__gte=1, closeness__lte=4), name="circle_closeness_1_4"
            ),
            models.CheckConstraint(
                condition=~models.Q(may_contribute=True, may_see=False),
                name="circle_contribute_needs_see",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.relationship})"


class DecidedBy(models.TextChoices):
    PERSON = "person", "The person decided"
    REPRESENTATIVE = "representative", "A representative decided (the person lacks capacity)"


class ConsentDecision(models.Model):
    """Who in the circle may see or contribute, as decided by the person or their representative.

    Append-only history; the member's ``may_see``/``may_contribute`` are the latest decision.
    The history belongs to the person and outlives a member's removal from the circle, so it
    keeps the member's name as it was.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consent_decisions")
    member = models.ForeignKey(
        CircleMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    member_name = models.CharField(max_length=150)
    may_see = models.BooleanField()
    may_contribute = models.BooleanField()
    decided_by = models.CharField(max_length=20, choices=DecidedBy.choices)
    representative_name = models.CharField(max_length=150, blank=True)
    representative_reason = models.TextField(
        blank=True,
        help_text="Why the person cannot make this decision now (Mental Capacity Act 2005).",
        max_length=2000,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.member_name}: see={self.may_see}, contribute={self.may_contribute}"

    def attach_to(self, member: CircleMember) -> None:
        """Say whose decision this is: the member, their person, and the name they had."""
        self.member = member
        self.person = member.person
        self.member_name = member.name


class CouncilSharingDecision(models.Model):
    """What the person agrees to share with the council that funds them, beyond the minimum.

    The council always sees the minimum it needs to pay for support: the person's name, area,
    stage, coordinator and their ISF money. Everything else here is the person's choice (or a
    representative's, when the person lacks capacity for it); no decision means the minimum.
    Append-only: the newest decision is what is shared now, and the history stays.
    Which page shows which of these is decided in the apps' access.py, reading ``shared_now``.
    """

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="council_sharing_decisions"
    )
    share_outcomes = models.BooleanField("What I want to achieve (my outcomes)", default=False)
    share_perfect_week = models.BooleanField(
        "My Perfect Week, without the names of my family and friends", default=False
    )
    share_communication = models.BooleanField("How to communicate with me", default=False)
    decided_by = models.CharField(max_length=20, choices=DecidedBy.choices)
    representative_name = models.CharField(max_length=150, blank=True)
    representative_reason = models.TextField(
        blank=True,
        max_length=2000,
        validators=[MaxLengthValidator(2000)],
        help_text="Why the person cannot make this decision now (Mental Capacity Act 2005).",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["person", "-id"], name="council_sharing_latest")]

    def __str__(self) -> str:
        return f"{self.person_id}: shares {', '.join(self.shared) or 'the minimum'}"

    @property
    def shared(self) -> list[str]:
        """The names of what is shared beyond the minimum, e.g. ["outcomes"]."""
        return [kind for kind in COUNCIL_SHAREABLE if getattr(self, f"share_{kind}")]

    @classmethod
    def shared_now(cls, person: Person) -> frozenset[str]:
        """What ``person`` shares with their council today: the newest decision's choices, or
        nothing beyond the minimum when they have not decided."""
        latest = cls.objects.filter(person=person).order_by("-id").first()
        return frozenset(latest.shared) if latest else frozenset()


# What a person may choose to share with their council, in the order the page asks.
COUNCIL_SHAREABLE = ("outcomes", "perfect_week", "communication")
