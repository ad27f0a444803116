"""The decision log: every significant decision about a person (their plan, money, supplier,
contract) or about how the service works (preferred-supplier criteria, the rate card, the block
contract's split), with who took part, what the person said and how far up the co-production
ladder it reached.

Decisions taken elsewhere in the product (a Plan Book signed, an ISF agreement approved, a
supplier chosen, a preferred-list application decided, a review held) arrive through
``lib.decision_feed`` with their participants; ``source`` and ``source_key`` say where from, so
the same decision is never logged twice.
"""

from __future__ import annotations

from django.db import models

from .common import ParticipantRole, now_field, user_field


class Topic(models.TextChoices):
    PLAN = "plan", "Plan Book"
    MONEY = "money", "Money (ISF)"
    SUPPORT = "support", "Support and suppliers"
    CONTRACT = "contract", "Contract"
    REVIEW = "review", "Review"
    SERVICE_MODEL = "service_model", "How the service works"


class Level(models.IntegerChoices):
    """The ladder of co-production (Think Local Act Personal), lowest rung first."""

    COERCION = 1, "Coercion"
    EDUCATING = 2, "Educating"
    INFORMING = 3, "Informing"
    CONSULTATION = 4, "Consultation"
    ENGAGEMENT = 5, "Engagement"
    CO_DESIGN = 6, "Co-design"
    CO_PRODUCTION = 7, "Co-production"


class Source(models.TextChoices):
    RECORDED = "recorded", "Recorded in the decision log"
    PLAN_BOOK = "plan_book", "Plan Book agreed"
    ISF_AGREEMENT = "isf_agreement", "ISF agreement decided"
    SUPPLIER_CHOICE = "supplier_choice", "Supplier chosen"
    PREFERRED_LIST = "preferred_list", "Preferred-list decision"
    PANEL_MEETING = "panel_meeting", "Panel meeting"
    REVIEW = "review", "Review"


class Decision(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="decisions"
    )
    # Empty for a decision about how the service works rather than about one person.
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    topic = models.CharField(max_length=20, choices=Topic.choices)
    title = models.CharField("What was decided", max_length=200)
    details = models.TextField("More about the decision", blank=True, max_length=4000)
    reasons = models.TextField("Why", max_length=4000)
    person_words = models.TextField(
        "What the person said, in their own words", blank=True, max_length=2000
    )
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    decided_on = models.DateField()
    person_took_part = models.BooleanField(default=True)
    # Required when the decision is about a person who did not take part (a best-interests
    # decision, say); shown prominently wherever the decision is.
    without_person_reason = models.TextField(
        "Why the person did not take part", blank=True, max_length=1000
    )
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.RECORDED)
    source_key = models.CharField(max_length=100, blank=True)  # "planning.planbookversion:12"
    meeting = models.ForeignKey(
        "coproduction.PanelMeeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    recorded_by = user_field()
    recorded_at = now_field()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_key"],
                condition=~models.Q(source_key=""),
                name="decision_source_once",
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=7), name="decision_level_1_7"
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "-decided_on"], name="decision_org_day"),
            models.Index(fields=["person", "-decided_on"], name="decision_person_day"),
        ]

    def __str__(self) -> str:
        return self.title


class DecisionParticipant(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="participants")
    user = user_field()
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=ParticipantRole.choices)

    class Meta:
        ordering = ["decision", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"
