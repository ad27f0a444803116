"""What was said on a Planning Live day: short notes per question, and the graphic recording."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone

from directsupport.lib.transitions import check_transition
from directsupport.people.models import private_storage

NOTE_MAX_LENGTH = 500


class Question(models.TextChoices):
    """The Planning Live questions, in the order they are asked on the day."""

    ADMIRE = "admire", "What do people like and admire about me?"
    IMPORTANT = "important", "What is important to me?"
    PLACES = "places", "Where do I like to go?"
    TICK = "tick", "What makes me tick?"
    GIFTS = "gifts", "My gifts, talents and contributions"
    RESOURCES = "resources", "Resources I can share"
    FUTURE = "future", "What I want to do in the future"


# "What do people like and admire about me?" asks for other people's view, so it is never a
# guess. Every other question is about the person's own mind: when someone else answers it for
# them, it is a best guess until the person confirms it (Guess, Ask, Write).
OTHERS_VIEW_QUESTIONS = frozenset({Question.ADMIRE})


class Speaker(models.TextChoices):
    PERSON = "person", "The person themselves"
    CIRCLE = "circle", "Someone in their circle"
    OTHER = "other", "Someone else (for example a facilitator)"


class NoteStatus(models.TextChoices):
    OWN_WORDS = "own_words", "In their own words"
    OTHERS_VIEW = "others_view", "What others say"
    BEST_GUESS = "best_guess", "Best guess, not yet checked"
    CONFIRMED = "confirmed", "Best guess, confirmed"
    NOT_AGREED = "not_agreed", "Best guess, not agreed"


NOTE_TRANSITIONS: dict[str, frozenset[str]] = {
    NoteStatus.BEST_GUESS: frozenset({NoteStatus.CONFIRMED, NoteStatus.NOT_AGREED}),
    # The person may change their mind either way.
    NoteStatus.CONFIRMED: frozenset({NoteStatus.NOT_AGREED}),
    NoteStatus.NOT_AGREED: frozenset({NoteStatus.CONFIRMED}),
}


def status_for(*, speaker: str, question: str) -> NoteStatus:
    """The status a new note starts with, from who said it and what was asked."""
    if speaker == Speaker.PERSON:
        return NoteStatus.OWN_WORDS
    if question in OTHERS_VIEW_QUESTIONS:
        return NoteStatus.OTHERS_VIEW
    return NoteStatus.BEST_GUESS


class CaptureNote(models.Model):
    """One short note on a person's quick-capture board, attributed to who said it."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="capture_notes"
    )
    event = models.ForeignKey(
        "planning.PlanningEvent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notes",
        help_text="The Planning Live day it was said at; empty for notes added between events.",
    )
    question = models.CharField(max_length=20, choices=Question.choices)
    text = models.TextField(
        max_length=NOTE_MAX_LENGTH, validators=[MaxLengthValidator(NOTE_MAX_LENGTH)]
    )
    speaker = models.CharField(max_length=10, choices=Speaker.choices)
    speaker_member = models.ForeignKey(
        "people.CircleMember",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="capture_notes",
    )
    # Kept as words so the attribution outlives the member's removal from the circle.
    said_by = models.CharField(max_length=150)
    relationship = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=12, choices=NoteStatus.choices)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    checked_how = models.CharField(
        max_length=200,
        blank=True,
        help_text="How it was checked with the person: 'Dee nodded and said yes, swimming'.",
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["question", "created_at", "id"]
        indexes = [
            models.Index(fields=["person", "question", "created_at"], name="note_person_question"),
            models.Index(fields=["person", "status"], name="note_person_status"),
            models.Index(fields=["event", "person"], name="note_event_person"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[choice.value for choice in NoteStatus]),
                name="note_status_known",
            )
        ]

    def __str__(self) -> str:
        return f"{self.said_by}: {self.text[:40]}"

    @property
    def is_guess(self) -> bool:
        return self.status == NoteStatus.BEST_GUESS

    def set_status(self, status: str, *, by: models.Model, how: str = "") -> None:
        check_transition(NOTE_TRANSITIONS, current=self.status, wanted=status)
        self.status = status
        self.checked_by = by  # type: ignore[assignment]
        self.checked_at = timezone.now()
        self.checked_how = how


class GraphicRecording(models.Model):
    """A photo of the big drawing made of a person's part of the day."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="graphic_recordings"
    )
    event = models.ForeignKey(
        "planning.PlanningEvent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="graphic_recordings",
    )
    image = models.FileField(storage=private_storage, max_length=200)
    description = models.TextField(
        help_text=(
            "What the picture shows, for people who cannot see it: the words and drawings on it."
        ),
        validators=[MaxLengthValidator(2000)],
        max_length=2000,
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"Graphic recording for {self.person}"
