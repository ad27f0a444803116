"""The append-only audit log: who did what to whose information, when, and from where."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Action(models.TextChoices):
    VIEW = "view", "Looked at"
    CREATE = "create", "Added"
    UPDATE = "update", "Changed"
    DELETE = "delete", "Removed"
    EXPORT = "export", "Exported"
    DENIED = "denied", "Was refused access to"
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Failed to sign in"
    LOCKED_OUT = "locked_out", "Was locked out"
    SIGN_OUT = "sign_out", "Signed out"
    TWO_FACTOR = "two_factor", "Two-factor"


class AuditEvent(models.Model):
    """One row per event. Never updated or deleted: database triggers enforce it."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Snapshots: what the actor was at the time, even if their role changes later.
    actor_label = models.CharField(max_length=254, blank=True)
    actor_role = models.CharField(max_length=20, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The person supported whose information this is about (kept as a plain id so the log
    # outlives any record it mentions).
    person_id = models.BigIntegerField(null=True, blank=True)
    subject_type = models.CharField(max_length=60, blank=True)
    subject_id = models.CharField(max_length=60, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    summary = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    path = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["person_id", "-at"], name="audit_person_at"),
            models.Index(fields=["organisation", "-at"], name="audit_org_at"),
            models.Index(fields=["actor", "-at"], name="audit_actor_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.summary}"


class RecordSeal(models.Model):
    """One link of a hash chain over an append-only table (see audit/chain.py).

    A seal covers the ids ``first_id``..``last_id`` of its chain's table (the range follows on
    from the previous seal's), less ``gaps`` (spans of ids with no committed row when sealed,
    left open for a late commit), plus ``late_ids`` (ids in earlier gaps whose row has since
    arrived). ``closed_gaps`` are open gaps given up on: no row came within the grace period.
    ``row_hashes`` holds the SHA-256 of each covered row, late ids first, then the range in id
    order, so a check can name the exact row that changed. ``digest`` is the SHA-256 of every
    other field, the row hashes and the previous seal's digest. Never updated or deleted.
    """

    chain = models.CharField(max_length=40)
    sequence = models.PositiveIntegerField()
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    row_count = models.PositiveIntegerField()
    # Spans of ids are [first, last] pairs, both included.
    gaps = models.JSONField(default=list)
    late_ids = models.JSONField(default=list)
    closed_gaps = models.JSONField(default=list)
    # Gaps still waiting for a late row after this seal: [[first, last, first seen (ISO)], ...].
    open_gaps = models.JSONField(default=list)
    fields = models.JSONField(help_text="The columns each row hash covers, in order.")
    row_hashes = models.BinaryField()
    previous_digest = models.CharField(max_length=64)
    digest = models.CharField(max_length=64)
    sealed_at = models.DateTimeField()

    class Meta:
        ordering = ["chain", "sequence"]
        constraints = [
            # Two sealers racing for the same link: the second one's insert fails.
            models.UniqueConstraint(fields=["chain", "sequence"], name="record_seal_one_per_link")
        ]

    def __str__(self) -> str:
        return f"{self.chain} seal {self.sequence}: ids {self.first_id}-{self.last_id}"


class DestroyedRecord(models.Model):
    """The hash of a chained row destroyed under the retention schedule (never its content), so
    the chain it was sealed in stays verifiable. Written by ``chain.forget_rows`` in the same
    transaction as the delete. Never updated or deleted."""

    chain = models.CharField(max_length=40)
    row_id = models.BigIntegerField()
    row_hash = models.CharField(max_length=64)
    destroyed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["chain", "row_id"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "row_id"], name="destroyed_record_once")
        ]

    def __str__(self) -> str:
        return f"{self.chain} row {self.row_id} destroyed {self.destroyed_at:%Y-%m-%d}"
