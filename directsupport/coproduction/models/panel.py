"""The co-production panel: experts by experience who help design the service, their meetings
(agenda, easy-read papers, attendance, decisions) and the time they are paid for.

Pay is recorded per claim at the rate in force; a warning shows when a member's week comes near
the panel's benefits limit (people on some benefits may earn only so much a week).
"""

from __future__ import annotations

from django.db import models

from .common import now_field, user_field


class Panel(models.Model):
    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="panel"
    )
    name = models.CharField(max_length=150, default="Co-production panel")
    hourly_rate_pence = models.PositiveIntegerField("Hourly rate", default=2000)
    # Permitted earnings for people on some benefits; a member's weekly pay is warned about as it
    # nears this, never stopped by it.
    weekly_limit_pence = models.PositiveIntegerField("Weekly benefits limit", default=18_600)
    warn_at_percent = models.PositiveSmallIntegerField(default=80)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return self.name


class PanelMember(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="members")
    user = models.OneToOneField(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="panel_membership",
    )
    name = models.CharField(max_length=150)
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)
    # Empty: the panel's rate.
    hourly_rate_pence = models.PositiveIntegerField(null=True, blank=True)
    # Empty: the panel's limit. Some members have no limit at all: they say so.
    weekly_limit_pence = models.PositiveIntegerField(null=True, blank=True)
    no_benefits_limit = models.BooleanField(default=False)
    access_needs = models.TextField(blank=True, max_length=1000)

    class Meta:
        ordering = ["panel", "name"]

    def __str__(self) -> str:
        return self.name


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class PanelMeeting(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.CharField(max_length=300)
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    notes = models.TextField("What was said", blank=True, max_length=8000)
    created_by = user_field()
    created_at = now_field()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.title


class ItemPurpose(models.TextChoices):
    INFORMATION = "information", "For information"
    DISCUSSION = "discussion", "To talk about"
    DECISION = "decision", "To decide"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    purpose = models.CharField(
        max_length=12, choices=ItemPurpose.choices, default=ItemPurpose.DISCUSSION
    )
    minutes = models.PositiveSmallIntegerField("Time allowed (minutes)", default=20)

    class Meta:
        ordering = ["meeting", "position", "id"]

    def __str__(self) -> str:
        return self.title


class MeetingPaper(models.Model):
    """A paper for a meeting, stored privately under a random name and served only through an
    access-checked view."""

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="papers")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="papers"
    )
    title = models.CharField(max_length=200)
    easy_read = models.BooleanField(default=True)
    stored_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size_bytes = models.PositiveIntegerField()
    uploaded_by = user_field()
    uploaded_at = now_field()

    class Meta:
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.title


class PaperRead(models.Model):
    """A member has opened a paper (their home page lists the ones still to read)."""

    paper = models.ForeignKey(MeetingPaper, on_delete=models.CASCADE, related_name="reads")
    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="reads")
    read_at = now_field()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["paper", "member"], name="paper_read_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member} read {self.paper}"


class AttendanceStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    ATTENDED = "attended", "Came"
    APOLOGIES = "apologies", "Sent apologies"
    ABSENT = "absent", "Did not come"


class Attendance(models.Model):
    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(PanelMember, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(
        max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.INVITED
    )

    class Meta:
        ordering = ["meeting", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_status_display()}"


class ClaimStatus(models.TextChoices):
    CLAIMED = "claimed", "Claimed"
    APPROVED = "approved", "Approved"
    PAID = "paid", "Paid"
    REFUSED = "refused", "Refused"


CLAIM_TRANSITIONS = {
    ClaimStatus.CLAIMED: frozenset({ClaimStatus.APPROVED, ClaimStatus.REFUSED}),
    ClaimStatus.APPROVED: frozenset({ClaimStatus.PAID, ClaimStatus.CLAIMED}),
    ClaimStatus.PAID: frozenset(),
    ClaimStatus.REFUSED: frozenset({ClaimStatus.CLAIMED}),
}


class TimeClaim(models.Model):
    """Time a member gave: the meeting itself, preparation and travel, in minutes, paid at the
    rate in force when claimed (kept on the claim, so a later rate change alters nothing)."""

    member = models.ForeignKey(PanelMember, on_delete=models.PROTECT, related_name="claims")
    meeting = models.ForeignKey(
        PanelMeeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    worked_on = models.DateField()
    what = models.CharField("What the time was for", max_length=200)
    meeting_minutes = models.PositiveIntegerField(default=0)
    preparation_minutes = models.PositiveIntegerField(default=0)
    travel_minutes = models.PositiveIntegerField(default=0)
    rate_pence = models.PositiveIntegerField()
    amount_pence = models.PositiveIntegerField()
    status = models.CharField(
        max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.CLAIMED
    )
    claimed_by = user_field()
    claimed_at = now_field()
    decided_by = user_field()
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-worked_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rate_pence__gt=0), name="claim_rate_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.what} on {self.worked_on:%d %B %Y}"

    @property
    def total_minutes(self) -> int:
        return self.meeting_minutes + self.preparation_minutes + self.travel_minutes
