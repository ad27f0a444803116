"""The Plan Book: versions compiled from the tools, agreed by the person, then published.

A version's ``content`` is a snapshot (see ``planbook/book/compile.py`` for its shape) taken
when the draft is compiled, so a shared, agreed or published version reads the same however the
tools change later. Published versions are never changed: the next version starts from the last.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from directsupport.lib.transitions import check_transition


class PlanBookStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SHARED = "shared", "Shared with the circle"
    AGREED = "agreed", "Agreed by the person"
    PUBLISHED = "published", "Published"


PLAN_BOOK_TRANSITIONS: dict[str, frozenset[str]] = {
    PlanBookStatus.DRAFT: frozenset({PlanBookStatus.SHARED}),
    # Back to draft when the circle or the person asks for changes; agreement is then cleared.
    PlanBookStatus.SHARED: frozenset({PlanBookStatus.DRAFT, PlanBookStatus.AGREED}),
    PlanBookStatus.AGREED: frozenset({PlanBookStatus.DRAFT, PlanBookStatus.PUBLISHED}),
    PlanBookStatus.PUBLISHED: frozenset(),
}


class SignedBy(models.TextChoices):
    PERSON = "person", "The person agreed it themselves"
    REPRESENTATIVE = "representative", "A representative agreed it (the person lacks capacity)"


class PlanBookVersion(models.Model):
    """One version of a person's Plan Book."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="plan_book_versions"
    )
    number = models.PositiveIntegerField()
    status = models.CharField(
        max_length=12, choices=PlanBookStatus.choices, default=PlanBookStatus.DRAFT
    )
    introduction = models.TextField(
        "About this Plan Book",
        blank=True,
        max_length=2000,
        help_text="A few words from the person, or about how this Plan Book was made.",
    )
    changes_summary = models.TextField(
        "What has changed since the last version", blank=True, max_length=2000
    )
    content = models.JSONField(default=dict)
    compiled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.CharField(max_length=20, choices=SignedBy.choices, blank=True)
    signed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    representative_name = models.CharField(max_length=150, blank=True)
    representative_reason = models.TextField(
        blank=True,
        help_text="Why the person cannot agree it themselves now (Mental Capacity Act 2005).",
        max_length=2000,
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["person", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["person", "number"], name="plan_book_number_unique"),
            # One version in progress at a time: the next starts when the last is published.
            models.UniqueConstraint(
                fields=["person"],
                condition=~models.Q(status="published"),
                name="plan_book_one_open_version",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "shared", "agreed", "published"]),
                name="plan_book_status_known",
            ),
        ]
        indexes = [models.Index(fields=["status", "person"], name="plan_book_status_person")]
        # The table planning made before the Plan Book became its own app: the move changed
        # no data (planbook/migrations/0001_initial.py).
        db_table = "planning_planbookversion"

    def __str__(self) -> str:
        return f"Plan Book for {self.person}, version {self.number}"

    @property
    def is_published(self) -> bool:
        return self.status == PlanBookStatus.PUBLISHED

    @property
    def is_editable(self) -> bool:
        return self.status == PlanBookStatus.DRAFT

    def set_status(self, status: str, *, by: models.Model) -> None:
        """Move along the workflow; raises IllegalTransition for any other move."""
        check_transition(PLAN_BOOK_TRANSITIONS, current=self.status, wanted=status)
        now = timezone.now()
        if status == PlanBookStatus.SHARED:
            self.shared_by, self.shared_at = by, now  # type: ignore[assignment]
        elif status == PlanBookStatus.PUBLISHED:
            self.published_by, self.published_at = by, now  # type: ignore[assignment]
        elif status == PlanBookStatus.DRAFT:
            self.shared_by = self.shared_at = None
            self.signed_by = self.representative_name = self.representative_reason = ""
            self.signed_by_user = self.signed_at = None
        self.status = status
