"""A Planning Live event: the day, its venue, who runs it, and the people taking part."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from directsupport.accounts.roles import OrganisationKind
from directsupport.lib.transitions import check_transition


class Phase(models.TextChoices):
    """The five phases of Planning Live, in order. An event and each person move through them."""

    PRE_PLANNING = "pre_planning", "Pre-planning"
    DISCOVERY = "discovery", "Discovery"
    POSITIVE_CHANGE = "positive_change", "Positive change"
    OUTCOMES = "outcomes", "Outcomes and actions"
    SUPPORTS = "supports", "Supports and spending plan"

    @classmethod
    def ordered(cls) -> list[Phase]:
        return list(cls)

    @classmethod
    def position(cls, value: str) -> int:
        """1 for pre-planning .. 5 for supports and spending plan."""
        return [phase.value for phase in cls].index(value) + 1


# One step forward, or one step back to put right something moved too soon.
PHASE_TRANSITIONS: dict[str, frozenset[str]] = {}
_phases = [phase.value for phase in Phase]
for _index, _phase in enumerate(_phases):
    PHASE_TRANSITIONS[_phase] = frozenset(
        _phases[max(_index - 1, 0) : _index] + _phases[_index + 1 : _index + 2]
    )


class PlanningEvent(models.Model):
    """A Planning Live day: several people, each with their circle, planning together."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="planning_events",
        limit_choices_to={"kind": OrganisationKind.PROVIDER},
    )
    title = models.CharField(max_length=150)
    date = models.DateField()
    starts_at = models.TimeField(default="10:00")
    ends_at = models.TimeField(default="15:30")
    venue_name = models.CharField("Venue", max_length=150)
    venue_address = models.CharField("Venue address", max_length=300)
    venue_access = models.TextField(
        "Access at the venue",
        help_text=(
            "Step-free access, accessible toilets, hearing loop, quiet room, parking, "
            "how to get there by bus or train."
        ),
        max_length=2000,
    )
    facilitators: models.ManyToManyField[models.Model, models.Model] = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="facilitated_events", blank=True
    )
    recorder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recorded_events",
        help_text="Who makes the graphic recording and keeps the notes.",
    )
    phase = models.CharField(max_length=20, choices=Phase.choices, default=Phase.PRE_PLANNING)
    phase_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    phase_changed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["organisation", "date"], name="event_org_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d %B %Y})"

    def set_phase(self, phase: str, *, by: models.Model) -> None:
        """Move the event on (or back) one phase; raises IllegalTransition otherwise."""
        check_transition(PHASE_TRANSITIONS, current=self.phase, wanted=phase)
        self.phase = phase
        self.phase_changed_by = by  # type: ignore[assignment]
        self.phase_changed_at = timezone.now()


class EventParticipant(models.Model):
    """A person taking part in an event, and how far through the phases they have got."""

    event = models.ForeignKey(PlanningEvent, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="planning_participations"
    )
    phase = models.CharField(
        "How far they have got",
        max_length=20,
        choices=Phase.choices,
        default=Phase.PRE_PLANNING,
    )
    phase_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    phase_changed_at = models.DateTimeField(null=True, blank=True)
    # The person agreed who from their circle is invited (or a representative did, with why).
    invitations_agreed_by = models.CharField(max_length=20, blank=True)
    invitations_representative = models.CharField(max_length=150, blank=True)
    invitations_reason = models.TextField(blank=True, max_length=2000)
    invitations_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invitations_recorded_at = models.DateTimeField(null=True, blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person__last_name", "person__first_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="participant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.event}"

    def set_phase(self, phase: str, *, by: models.Model) -> None:
        check_transition(PHASE_TRANSITIONS, current=self.phase, wanted=phase)
        self.phase = phase
        self.phase_changed_by = by  # type: ignore[assignment]
        self.phase_changed_at = timezone.now()


class EventInvitation(models.Model):
    """A circle member the person has agreed to invite to their part of the day."""

    participant = models.ForeignKey(
        EventParticipant, on_delete=models.CASCADE, related_name="invitations"
    )
    member = models.ForeignKey(
        "people.CircleMember", on_delete=models.CASCADE, related_name="event_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["member__closeness", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "member"], name="invitation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.member.name} invited to {self.participant}"
