"""My Perfect Week (and the week as it is now), the provider's rate card, and calendar links.

A week is a live, versioned document like a person-centred tool: its entries change freely and
every save bumps ``Week.version``. The Plan Book freezes it: compiling a Plan Book version
snapshots the entries with their prices and the rate card they were priced with, so an agreed
version keeps its prices however the rate card changes later.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from directsupport.accounts.roles import OrganisationKind


def rule_parts(rule: str) -> dict[str, str]:
    """An iCalendar RRULE's parts by name ("FREQ=WEEKLY;INTERVAL=2" -> {"FREQ": "WEEKLY",
    "INTERVAL": "2"}), upper case. Raises ValueError for a part without a value."""
    parts: dict[str, str] = {}
    for piece in rule.strip().upper().removeprefix("RRULE:").split(";"):
        name, _, value = piece.partition("=")
        if not value:
            raise ValueError(piece)
        parts[name.strip()] = value.strip()
    return parts


# Any of these fixes which days of the month or year a monthly or yearly rule falls on, whatever
# day it is counted from; without one, the rule takes the day from its first date.
_DAYS_IN_PERIOD = ("BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO")


def rule_needs_first_date(rule: str) -> bool:
    """Whether the dates an RRULE gives depend on the day it is counted from, so an entry with it
    needs its own first date: every other week (INTERVAL above 1: which weeks?), a number of
    times (COUNT: from when?), and a monthly or yearly rule that takes its day from the first
    date. Every week, every day, and "the first Saturday of the month" fall on the same dates
    whenever they are counted from. A rule that cannot be read needs one too (to be safe)."""
    if not rule.strip():
        return False
    try:
        parts = rule_parts(rule)
    except ValueError:
        return True
    interval = parts.get("INTERVAL", "1")
    if "COUNT" in parts or not interval.isdigit() or int(interval) > 1:
        return True
    if parts.get("FREQ") in ("MONTHLY", "YEARLY"):
        return not any(name in parts for name in _DAYS_IN_PERIOD)
    return False


class WeekKind(models.TextChoices):
    PERFECT = "perfect", "My Perfect Week"
    CURRENT = "current", "My week now"


class Weekday(models.IntegerChoices):
    """Monday first, as the UK week (and Python's date.weekday()) counts."""

    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class SupportRatio(models.TextChoices):
    NONE = "none", "No paid support"
    ONE_TO_ONE = "one_to_one", "1:1 (one worker with me)"
    TWO_TO_ONE = "two_to_one", "2:1 (two workers with me)"
    SHARED = "shared", "Shared (one worker for several people)"


class SupportKind(models.TextChoices):
    """Kinds of paid support, each priced by the rate card."""

    PERSONAL_CARE = "personal_care", "Personal care"
    COMMUNITY_ACCESS = "community_access", "Community access"
    TRAVEL = "travel", "Travel support"
    DOMESTIC = "domestic", "Help at home (cooking, cleaning, shopping)"
    EMOTIONAL = "emotional", "Emotional and behavioural support"
    WAKING_NIGHT = "waking_night", "Waking night"
    SLEEP_IN = "sleep_in", "Sleep-in"


class Company(models.TextChoices):
    """Who is with the person during an entry."""

    ON_MY_OWN = "on_my_own", "On my own"
    CIRCLE = "circle", "Someone from my circle"
    PAID = "paid", "Paid support"


class Week(models.Model):
    """A person's Perfect Week, or their week as it is now."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="weeks")
    kind = models.CharField(max_length=10, choices=WeekKind.choices)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "kind"], name="week_unique_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.person}"


class WeekEntry(models.Model):
    """Something that happens in the week: when, what, where, with whom, and the support it needs.

    ``ends_at`` is on the same day unless ``overnight`` (then it is the next morning). Without a
    recurrence rule the entry happens every week on ``weekday``; ``recurrence`` is an iCalendar
    RRULE (RFC 5545) such as ``FREQ=WEEKLY;INTERVAL=2;BYDAY=SA`` for every other Saturday.

    ``repeats_from`` is a repeating entry's own first date, the rule's DTSTART: it says which
    Saturdays "every other Saturday" means, so the calendar feed, the price and the planned
    hours all count the same ones (``pricing.occurrences_between``). Needed when the rule's dates
    depend on it (``rule_needs_first_date``); allowed for any rule; never for every week.
    """

    week = models.ForeignKey(Week, on_delete=models.CASCADE, related_name="entries")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    overnight = models.BooleanField(
        "Ends the next morning", default=False, help_text="For overnight support or a sleepover."
    )
    what = models.CharField("What happens", max_length=200)
    place = models.CharField("Where", max_length=200, blank=True)
    company = models.CharField("Who is with me", max_length=12, choices=Company.choices)
    company_member = models.ForeignKey(
        "people.CircleMember",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="week_entries",
    )
    support_ratio = models.CharField(
        "Support needed", max_length=12, choices=SupportRatio.choices, default=SupportRatio.NONE
    )
    support_kind = models.CharField(
        "Kind of support", max_length=20, choices=SupportKind.choices, blank=True
    )
    shared_by = models.PositiveSmallIntegerField(
        "People sharing the support",
        null=True,
        blank=True,
        validators=[MinValueValidator(2)],
        help_text="For shared support: how many people (including me) share one worker.",
    )
    fixed = models.BooleanField(
        "Fixed time",
        default=True,
        help_text="Fixed: it must happen at this time. Otherwise it can move.",
    )
    recurrence = models.CharField(
        "Repeats",
        max_length=200,
        blank=True,
        help_text="Empty for every week; an iCalendar rule for anything else.",
    )
    repeats_from = models.DateField(
        "First date",
        null=True,
        blank=True,
        help_text="For an entry that does not happen every week: the first day it happens.",
    )
    notes = models.TextField(blank=True, validators=[MaxLengthValidator(1000)], max_length=1000)

    class Meta:
        ordering = ["weekday", "starts_at", "id"]
        indexes = [models.Index(fields=["week", "weekday", "starts_at"], name="entry_week_day")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(overnight=True) | models.Q(ends_at__gt=models.F("starts_at")),
                name="entry_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(support_ratio="shared") | models.Q(shared_by__gte=2),
                name="entry_shared_by_two_or_more",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M} {self.what}"

    def clean(self) -> None:
        """A first date only for a repeating entry, on the entry's own day, and always for a
        rule that needs one. (Whether the rule really falls on it is the form's to check: the
        rule is read by the pricing rules, which stand above this module.)"""
        day = Weekday(self.weekday).label if self.weekday in Weekday.values else "its day"
        if self.repeats_from is None:
            if rule_needs_first_date(self.recurrence):
                raise ValidationError(
                    {"repeats_from": "Give the first date it happens: it says which weeks"}
                )
        elif not self.recurrence.strip():
            raise ValidationError(
                {"repeats_from": "Only an entry that does not happen every week has a first date"}
            )
        elif self.repeats_from.weekday() != self.weekday:
            raise ValidationError({"repeats_from": f"The first date must be a {day}"})


class RateCard(models.Model):
    """The provider's hourly rates, from a date. Never changed once in use: a change is a new card
    (``effective_from`` later), so what was priced with the old one can still say so."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="rate_cards",
        limit_choices_to={"kind": OrganisationKind.PROVIDER},
    )
    effective_from = models.DateField()
    # When each band of the day starts; nights run from night_starts to day_starts.
    day_starts = models.TimeField(default="07:00")
    evening_starts = models.TimeField(default="19:00")
    night_starts = models.TimeField(default="22:00")
    sleep_in_pence = models.PositiveIntegerField(
        "Sleep-in, per night", help_text="A fixed amount for each night, in pence."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation", "-effective_from", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "effective_from"], name="rate_card_one_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"Rate card from {self.effective_from:%d %B %Y}"


class TimeBand(models.TextChoices):
    DAY = "day", "Weekday daytime"
    EVENING = "evening", "Weekday evening"
    NIGHT = "night", "Night"
    WEEKEND = "weekend", "Weekend"
    BANK_HOLIDAY = "bank_holiday", "Bank holiday"


class Rate(models.Model):
    """Pence per worker-hour for one kind of support in one band of the week."""

    rate_card = models.ForeignKey(RateCard, on_delete=models.CASCADE, related_name="rates")
    support_kind = models.CharField(max_length=20, choices=SupportKind.choices)
    band = models.CharField(max_length=12, choices=TimeBand.choices)
    pence_per_hour = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["rate_card", "support_kind", "band"], name="rate_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_support_kind_display()}, {self.get_band_display()}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A private, revocable link to a person's Perfect Week as an iCalendar feed."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        help_text="Who the link was made for: the person or a circle member they allow.",
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Calendar link for {self.person} ({self.owner})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
