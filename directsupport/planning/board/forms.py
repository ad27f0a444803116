"""Forms for the quick-capture board, checking best guesses and graphic recordings. No side effects.

Every add form on a board chooses from the same events and circle members, so those are read
once (``BoardChoices``) and passed to all seven: the page's queries stay the same however many
notes and questions it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.dateformat import format as format_date

from directsupport.accounts.models import User
from directsupport.lib.forms import FilterForm
from directsupport.people.models import CircleMember, Person
from directsupport.people.photos import PreparedPhoto, max_photo_megabytes, prepare_photo

from ..models import PlanningEvent, Speaker
from ..models.capture import NOTE_MAX_LENGTH

CHECKED_HOW_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 2000
SOMEONE_ELSE = "other"
MYSELF = "me"
THE_PERSON = "person"
MEMBER_PREFIX = "member-"


def event_label(event: PlanningEvent) -> str:
    return f"{event.title}, {format_date(event.date, 'j F Y')}"


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _length_error(what: str, limit: int, length: int) -> ValidationError:
    return ValidationError(f"{what}: {limit} characters at most (this one has {length})")


@dataclass(frozen=True)
class Attribution:
    """Who said a note, as the board records it."""

    speaker: str
    said_by: str
    relationship: str
    speaker_member: CircleMember | None = None


@dataclass(frozen=True)
class BoardChoices:
    """What the add forms on one board choose from, read once for the whole page."""

    person: Person
    writer: User
    # The Planning Live days the person took part in, up to today, newest first.
    events: list[PlanningEvent]
    default_event: PlanningEvent | None
    # The circle, split into those invited to the default event (offered first) and the rest.
    invited: list[CircleMember]
    others: list[CircleMember]
    # Set when the writer can only add their own words (the person, or a circle member).
    fixed: Attribution | None

    def event_by_value(self, value: str) -> PlanningEvent | None:
        return next((event for event in self.events if str(event.pk) == value), None)

    def member_by_value(self, value: str) -> CircleMember | None:
        members = self.invited + self.others
        return next((m for m in members if f"{MEMBER_PREFIX}{m.pk}" == value), None)


def _event_field(
    events: list[PlanningEvent], *, label: str, none_label: str, initial: PlanningEvent | None
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", none_label)] + [(str(event.pk), event_label(event)) for event in events],
        initial=str(initial.pk) if initial else "",
        error_messages={"invalid_choice": "Choose one of the Planning Live days in the list."},
    )


class NoteForm(forms.Form):
    """One short note under one question, and who said it."""

    text = forms.CharField(
        label="Add a note",
        help_text=f"Short: up to {NOTE_MAX_LENGTH} characters.",
        error_messages={"required": "Write the note before adding it"},
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, question: str, choices: BoardChoices, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{question}-%s")
        super().__init__(*args, **kwargs)
        self.question = question
        self.choices = choices
        called = choices.person.called
        if choices.fixed is None:
            self.fields["speaker"] = forms.ChoiceField(
                label="Who said it?",
                choices=self._speaker_choices(),
                error_messages={"required": "Choose who said it."},
            )
            self.fields["name"] = forms.CharField(
                label="Their name",
                required=False,
                max_length=150,
                error_messages={"max_length": "Keep their name to 150 characters at most."},
            )
            self.fields["relationship"] = forms.CharField(
                label=f"Who they are to {called}",
                required=False,
                max_length=100,
                help_text="For example 'facilitator' or 'friend from college'.",
                error_messages={"max_length": "Keep this to 100 characters at most."},
            )
        self.fields["event"] = _event_field(
            choices.events,
            label="Which Planning Live day?",
            none_label="Not at a Planning Live day",
            initial=choices.default_event,
        )

    def _speaker_choices(self) -> list[Any]:
        person, writer = self.choices.person, self.choices.writer
        choices: list[Any] = [
            ("", "Choose who said it"),
            (THE_PERSON, f"{person.display_name}, in their own words"),
        ]
        event = self.choices.default_event
        if self.choices.invited and event is not None:
            choices.append(
                (f"Invited to {event.title}", [_member_choice(m) for m in self.choices.invited])
            )
        if self.choices.others:
            group = f"Others in {person.called}'s circle" if self.choices.invited else "Circle"
            choices.append((group, [_member_choice(m) for m in self.choices.others]))
        choices.append((MYSELF, f"Me: {writer.full_name}, {writer.get_role_display().lower()}"))
        choices.append((SOMEONE_ELSE, "Someone else (write their name below)"))
        return choices

    def clean_text(self) -> str:
        # Browsers send each line break as two characters; count it as one, as it is shown.
        text: str = self.cleaned_data["text"].replace("\r\n", "\n").replace("\r", "\n")
        if len(text) > NOTE_MAX_LENGTH:
            raise _length_error("Keep notes short", NOTE_MAX_LENGTH, len(text))
        return text

    def clean_name(self) -> str:
        return _one_line(self.cleaned_data.get("name") or "")

    def clean_relationship(self) -> str:
        return _one_line(self.cleaned_data.get("relationship") or "")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("speaker") == SOMEONE_ELSE:
            if not cleaned.get("name") and "name" not in self.errors:
                self.add_error("name", "Write the name of who said it.")
            if not cleaned.get("relationship") and "relationship" not in self.errors:
                self.add_error(
                    "relationship",
                    f"Write who they are to {self.choices.person.called}, "
                    "for example 'facilitator'.",
                )
        return cleaned

    def attribution(self) -> Attribution:
        if self.choices.fixed is not None:
            return self.choices.fixed
        speaker = self.cleaned_data["speaker"]
        person, writer = self.choices.person, self.choices.writer
        if speaker == THE_PERSON:
            return Attribution(speaker=Speaker.PERSON, said_by=person.display_name, relationship="")
        if speaker == MYSELF:
            return Attribution(
                speaker=Speaker.OTHER,
                said_by=writer.full_name,
                relationship=writer.get_role_display().lower(),
            )
        if speaker == SOMEONE_ELSE:
            return Attribution(
                speaker=Speaker.OTHER,
                said_by=self.cleaned_data["name"],
                relationship=self.cleaned_data["relationship"],
            )
        member = self.choices.member_by_value(speaker)
        if member is None:  # cannot happen: the field offers only these members
            raise ValueError(f"Not a speaker on this board: {speaker!r}")
        return Attribution(
            speaker=Speaker.CIRCLE,
            said_by=member.name,
            relationship=member.relationship,
            speaker_member=member,
        )

    def chosen_event(self) -> PlanningEvent | None:
        return self.choices.event_by_value(self.cleaned_data.get("event") or "")


def _member_choice(member: CircleMember) -> tuple[str, str]:
    return (f"{MEMBER_PREFIX}{member.pk}", f"{member.name}, {member.relationship}")


class BoardFilterForm(FilterForm):
    """Which Planning Live day's notes to show (all of them when nothing is chosen)."""

    def __init__(self, *args: Any, events: list[PlanningEvent], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.events = events
        self.fields["event"] = _event_field(
            events,
            label="Show notes from",
            none_label="Every Planning Live day, and notes added in between",
            initial=None,
        )

    def chosen_event(self) -> PlanningEvent | None:
        if not self.is_valid():
            return None
        value = self.cleaned_data.get("event") or ""
        return next((event for event in self.events if str(event.pk) == value), None)


class GuessCheckForm(forms.Form):
    """What the person said when a best guess was checked with them, and how they were asked.

    Staff write how they asked (so anyone can see the guess was really checked); the person
    answering on their own sign-in just says yes or no.
    """

    def __init__(
        self, *args: Any, person: Person, note_pk: int, needs_how: bool, **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", f"note-{note_pk}-%s")
        super().__init__(*args, **kwargs)
        called = person.called
        self.called = called
        self.needs_how = needs_how
        no_answer = f"Choose what {called} said: is the guess right or not?"
        self.fields["answer"] = forms.ChoiceField(
            label=f"What did {called} say?",
            choices=[
                ("yes", f"Yes, {called} says that's right"),
                ("no", f"No, {called} says that's not right"),
            ],
            widget=forms.RadioSelect,
            error_messages={"required": no_answer, "invalid_choice": no_answer},
        )
        if needs_how:
            self.fields["how"] = forms.CharField(
                label=f"How did you ask {called}?",
                error_messages={"required": f"Write how you asked {called}."},
                help_text=(
                    f"For example: 'I showed {called} a photo of the pool and asked; "
                    f"{called} smiled and said yes'."
                ),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean_how(self) -> str:
        how = _one_line(self.cleaned_data["how"])
        if len(how) > CHECKED_HOW_MAX_LENGTH:
            raise _length_error("Keep this short", CHECKED_HOW_MAX_LENGTH, len(how))
        return how

    @property
    def agreed(self) -> bool:
        return bool(self.cleaned_data["answer"] == "yes")


class RecordingForm(forms.Form):
    """A photo of the graphic recording, what it shows in words, and which day it is from."""

    image = forms.FileField(
        label="Photo of the graphic recording",
        error_messages={"required": "Choose a photo of the graphic recording."},
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    description = forms.CharField(
        label="What the picture shows",
        error_messages={
            "required": "Describe what the picture shows, for people who cannot see it"
        },
        help_text=(
            "For people who cannot see it: the words and drawings on it, and how they connect."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args: Any, events: list[PlanningEvent], **kwargs: Any) -> None:
        default = events[0] if events else None
        super().__init__(*args, **kwargs)
        self.events = events
        self.fields[
            "image"
        ].help_text = f"A JPEG, PNG or WebP picture, smaller than {max_photo_megabytes()} MB."
        self.fields["event"] = _event_field(
            events,
            label="Which Planning Live day is it from?",
            none_label="Not from a Planning Live day",
            initial=default,
        )

    def clean_image(self) -> PreparedPhoto:
        upload: IO[bytes] | None = self.cleaned_data.get("image")
        if upload is None:
            raise ValidationError("Choose a photo of the graphic recording.")
        return prepare_photo(upload, size=getattr(upload, "size", None))

    def clean_description(self) -> str:
        raw: str = self.cleaned_data["description"]
        description = raw.replace("\r\n", "\n").replace("\r", "\n")
        if len(description) > DESCRIPTION_MAX_LENGTH:
            raise _length_error(
                "Keep the description short", DESCRIPTION_MAX_LENGTH, len(description)
            )
        return description

    def chosen_event(self) -> PlanningEvent | None:
        value = self.cleaned_data.get("event") or ""
        return next((event for event in self.events if str(event.pk) == value), None)
