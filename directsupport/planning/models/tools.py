"""The person-centred tools, each a structured, versioned section, and outcomes with actions.

A tool's content is JSON shaped by its spec in ``planning/tools/specs.py``; the spec, not the
database, says what parts a tool has, so a form, the Plan Book and the PDF all read one shape.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone


class ToolKind(models.TextChoices):
    """The tools, in the order they appear in the Plan Book."""

    ONE_PAGE_PROFILE = "one_page_profile", "One-page profile"
    IMPORTANT_TO_FOR = "important_to_for", "Important to me and important for me"
    GOOD_DAY_BAD_DAY = "good_day_bad_day", "Good day and bad day"
    WORKING_NOT_WORKING = "working_not_working", "What is working and not working"
    COMMUNICATION_CHART = "communication_chart", "Communication chart"
    DECISION_MAKING = "decision_making", "Decision-making agreement"
    COMMUNITY_MAP = "community_map", "Community map"
    MATCHING_SUPPORT = "matching_support", "Matching support"


class ToolSection(models.Model):
    """The current content of one tool for one person. Every save is also kept as a revision."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="tools")
    kind = models.CharField(max_length=30, choices=ToolKind.choices)
    content = models.JSONField(default=dict)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person", "kind"]
        constraints = [models.UniqueConstraint(fields=["person", "kind"], name="tool_unique_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.person}"


class ToolRevision(models.Model):
    """What a tool said at one version: who saved it and when. Never changed after."""

    section = models.ForeignKey(ToolSection, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    content = models.JSONField(default=dict)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["section", "version"], name="tool_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.section} v{self.version}"


class Outcome(models.Model):
    """An aspiration turned into something to achieve, linked to where it came from."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="outcomes")
    text = models.CharField(
        "The outcome",
        max_length=300,
        help_text="In the person's words: 'I want to swim in the sea at Brighton next summer'.",
    )
    # Where the outcome came from: a note from a Planning Live day, or a tool. The words are kept
    # as well, so the link still reads when the note is later put right.
    source_note = models.ForeignKey(
        "planning.CaptureNote",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcomes",
    )
    source_tool = models.CharField(max_length=30, blank=True)
    source_text = models.TextField(blank=True, validators=[MaxLengthValidator(500)], max_length=500)
    achieved_on = models.DateField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class OutcomeAction(models.Model):
    """A step towards an outcome: what, who, by when."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="actions")
    what = models.CharField(max_length=300)
    who = models.CharField(max_length=150)
    by_when = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["by_when", "id"]

    def __str__(self) -> str:
        return f"{self.what} ({self.who}, by {self.by_when:%d %B %Y})"
