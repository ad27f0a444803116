"""Requests for quote, and the offers and counter-offers that answer them.

A request describes the support wanted (what, when, where, for how long, the characteristics
the person asked for) and goes to the suppliers the market shaper chose. What a supplier reads
about the person is only what ``RequestNeed.name_shown`` allows (a first name or an alias unless
the person agreed to more), never health or family details. A pool's request covers each of its
members' needs.

Each invited supplier's offers and the provider's counter-offers form one dated thread per
supplier: a new offer or counter-offer supersedes the one it replies to.
"""

from __future__ import annotations

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models

from .common import now_field, provider_field, user_field


class RequestStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent to suppliers"
    CHOSEN = "chosen", "Offer chosen"
    WITHDRAWN = "withdrawn", "Withdrawn"


REQUEST_TRANSITIONS = {
    RequestStatus.DRAFT: frozenset({RequestStatus.SENT, RequestStatus.WITHDRAWN}),
    RequestStatus.SENT: frozenset({RequestStatus.CHOSEN, RequestStatus.WITHDRAWN}),
    RequestStatus.CHOSEN: frozenset(),
    RequestStatus.WITHDRAWN: frozenset(),
}


class NameShown(models.TextChoices):
    FIRST_NAME = "first_name", "First name only"
    ALIAS = "alias", "An alias"
    FULL_NAME = "full_name", "Full name (the person agreed)"


class QuoteRequest(models.Model):
    organisation = provider_field("quote_requests")
    reference = models.CharField(max_length=20, unique=True)  # RFQ-0001
    pool = models.ForeignKey(
        "commissioning.Pool",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests",
    )
    term = models.ForeignKey("market.TaxonomyTerm", on_delete=models.PROTECT, related_name="+")
    what = models.CharField("What the support is for", max_length=200)
    weekday = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(6)]
    )
    starts_at = models.TimeField(null=True, blank=True)
    ends_at = models.TimeField(null=True, blank=True)
    overnight = models.BooleanField(default=False)
    minutes_a_week = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    starts_on = models.DateField("Support starts")
    ends_on = models.DateField("Support ends", null=True, blank=True)
    district = models.ForeignKey(
        "market.PostcodeDistrict", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(max_length=200, blank=True)
    people_count = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    ratio = models.CharField(max_length=12, blank=True)  # week.SupportRatio
    wanted_skills = models.JSONField(default=list, blank=True)
    wanted_interests = models.JSONField(default=list, blank=True)
    wanted_languages = models.JSONField(default=list, blank=True)
    wanted_gender = models.CharField(max_length=12, blank=True)
    wanted_personality = models.CharField(max_length=300, blank=True)
    # Anything else the supplier should know, written for the supplier to read.
    details = models.TextField(blank=True, validators=[MaxLengthValidator(2000)], max_length=2000)
    respond_by = models.DateField("Reply by")
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.DRAFT
    )
    created_by = user_field()
    created_at = now_field()
    sent_by = user_field(null=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status"], name="rfq_org_status")]

    def __str__(self) -> str:
        return f"{self.reference}: {self.what}"


class RequestNeed(models.Model):
    """A person's need the request asks to meet, and how the person is named to suppliers."""

    request = models.ForeignKey(QuoteRequest, on_delete=models.CASCADE, related_name="needs")
    need = models.ForeignKey(
        "market.SupportNeed", on_delete=models.PROTECT, related_name="quote_requests"
    )
    name_shown = models.CharField(
        max_length=12, choices=NameShown.choices, default=NameShown.FIRST_NAME
    )
    alias = models.CharField(max_length=60, blank=True)
    # Who agreed that the full name is shared (the person, or who said it for them).
    full_name_agreed_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "need"], name="rfq_need_once"),
        ]

    def __str__(self) -> str:
        return f"Need {self.need_id} in {self.request_id}"


class RequestSupplier(models.Model):
    """A supplier the request was sent to; only they may read it and make offers."""

    request = models.ForeignKey(QuoteRequest, on_delete=models.CASCADE, related_name="invited")
    supplier = models.ForeignKey(
        "market.Supplier", on_delete=models.PROTECT, related_name="quote_requests"
    )
    invited_at = now_field()
    declined_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "supplier"], name="rfq_supplier_once"),
        ]

    def __str__(self) -> str:
        return f"Supplier {self.supplier_id} asked in {self.request_id}"


class OfferSide(models.TextChoices):
    SUPPLIER = "supplier", "Offer from the supplier"
    BUYER = "buyer", "Counter-offer for the person"


class OfferStatus(models.TextChoices):
    OPEN = "open", "Open"
    SUPERSEDED = "superseded", "Replaced by a later offer"
    WITHDRAWN = "withdrawn", "Withdrawn"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Not chosen"


class Offer(models.Model):
    request = models.ForeignKey(QuoteRequest, on_delete=models.PROTECT, related_name="offers")
    supplier = models.ForeignKey("market.Supplier", on_delete=models.PROTECT, related_name="offers")
    replies_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    side = models.CharField(max_length=10, choices=OfferSide.choices)
    pence_per_hour = models.PositiveIntegerField("Rate for an hour")
    minutes_a_week = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    starts_on = models.DateField("Can start on")
    cancellation_terms = models.CharField(max_length=500, blank=True)
    travel_terms = models.CharField(max_length=500, blank=True)
    other_terms = models.TextField(
        blank=True, validators=[MaxLengthValidator(2000)], max_length=2000
    )
    message = models.TextField(blank=True, validators=[MaxLengthValidator(2000)], max_length=2000)
    status = models.CharField(max_length=12, choices=OfferStatus.choices, default=OfferStatus.OPEN)
    made_by = user_field()
    made_at = now_field()

    class Meta:
        ordering = ["made_at", "id"]
        indexes = [models.Index(fields=["request", "supplier"], name="offer_thread")]

    def __str__(self) -> str:
        return f"{self.supplier} £{self.pence_per_hour / 100:.2f}/hour"

    @property
    def pence_a_week(self) -> int:
        """The weekly cost, rounded half up to the penny."""
        return (self.pence_per_hour * self.minutes_a_week + 30) // 60


class OfferChoice(models.Model):
    """The person's choice among the offers: the weights used to compare them (quality, fit
    with the person, price; recorded, never lowest price by default), each offer's scores, and
    the person's reason in their own words."""

    request = models.ForeignKey(QuoteRequest, on_delete=models.PROTECT, related_name="choices")
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="choices")
    weight_quality = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    weight_fit = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    weight_price = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    # {offer id: {"quality": 0-5, "fit": 0-5, "price": 0-5, "total": 0-100}}
    scores = models.JSONField(default=dict)
    reason = models.TextField(validators=[MaxLengthValidator(2000)], max_length=2000)
    decided_by = models.CharField(max_length=20)  # people.DecidedBy
    representative_name = models.CharField(max_length=150, blank=True)
    representative_reason = models.TextField(
        blank=True, validators=[MaxLengthValidator(1000)], max_length=1000
    )
    recorded_by = user_field()
    recorded_at = now_field()

    class Meta:
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    weight_quality__lte=100, weight_fit__lte=100, weight_price__lte=100
                ),
                name="offer_choice_weights_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Offer {self.offer_id} chosen for {self.request_id}"
