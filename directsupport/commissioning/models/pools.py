"""Joint procurement: people whose unmet needs are compatible (the same kind of support,
overlapping times, near enough to each other, a ratio that allows sharing) buying it together.

The system proposes a pool; each member says yes or no (or a representative does, with the
reason); a pool with enough members who agreed goes out as one request for quote and becomes
one contract whose cost is split across the members' ISFs.
"""

from __future__ import annotations

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models

from .common import now_field, provider_field, user_field


class PoolStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    AGREED = "agreed", "Agreed by its members"
    OUT_TO_QUOTE = "out_to_quote", "Out to quote"
    CONTRACTED = "contracted", "Contracted"
    CLOSED = "closed", "Closed"


POOL_TRANSITIONS = {
    PoolStatus.PROPOSED: frozenset({PoolStatus.AGREED, PoolStatus.CLOSED}),
    PoolStatus.AGREED: frozenset({PoolStatus.OUT_TO_QUOTE, PoolStatus.PROPOSED, PoolStatus.CLOSED}),
    PoolStatus.OUT_TO_QUOTE: frozenset(
        {PoolStatus.CONTRACTED, PoolStatus.AGREED, PoolStatus.CLOSED}
    ),
    PoolStatus.CONTRACTED: frozenset({PoolStatus.CLOSED}),
    PoolStatus.CLOSED: frozenset(),
}


class Pool(models.Model):
    organisation = provider_field("pools")
    reference = models.CharField(max_length=20, unique=True)  # POOL-001
    title = models.CharField(max_length=200)
    term = models.ForeignKey("market.TaxonomyTerm", on_delete=models.PROTECT, related_name="+")
    weekday = models.PositiveSmallIntegerField(validators=[MaxValueValidator(6)])
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    district = models.ForeignKey(
        "market.PostcodeDistrict", on_delete=models.PROTECT, related_name="+"
    )
    max_travel_km = models.PositiveSmallIntegerField(default=5)
    workers = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    people_max = models.PositiveSmallIntegerField(validators=[MinValueValidator(2)])
    # The estimate the proposal was made with: an hour of support, and a week for one person
    # alone against their share in the pool.
    estimate_pence_per_hour = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=14, choices=PoolStatus.choices, default=PoolStatus.PROPOSED
    )
    proposed_by = user_field(null=True)  # empty when the system proposed it
    created_at = now_field()
    closed_reason = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["weekday", "starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"


class MemberStatus(models.TextChoices):
    ASKED = "asked", "Asked"
    AGREED = "agreed", "Said yes"
    DECLINED = "declined", "Said no"
    LEFT = "left", "Left"


class PoolMember(models.Model):
    pool = models.ForeignKey(Pool, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="pool_memberships"
    )
    need = models.ForeignKey(
        "market.SupportNeed", on_delete=models.PROTECT, related_name="pool_memberships"
    )
    status = models.CharField(
        max_length=10, choices=MemberStatus.choices, default=MemberStatus.ASKED
    )
    alone_pence_a_week = models.PositiveIntegerField(default=0)
    pooled_pence_a_week = models.PositiveIntegerField(default=0)
    # A member may agree to pay more than alone (for company, say): recorded, never assumed.
    agreed_to_pay_more = models.BooleanField(default=False)
    answered_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.CharField(max_length=20, blank=True)  # people.DecidedBy
    representative_name = models.CharField(max_length=150, blank=True)
    representative_reason = models.TextField(
        blank=True, validators=[MaxLengthValidator(1000)], max_length=1000
    )
    in_their_words = models.TextField(
        blank=True, validators=[MaxLengthValidator(1000)], max_length=1000
    )
    recorded_by = user_field(null=True)
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["pool", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pool", "need"], name="pool_need_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.pool_id}"
