"""Forms for the decision log: recording a decision (who took part as repeated rows of name and
part) and filtering the list. They validate and normalise only; the service decides."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet

from directsupport.lib.decision_feed import Participant
from directsupport.lib.forms import FilterForm
from directsupport.lib.ids import IdChoiceField
from directsupport.people.models import Person

from ..models import Level, ParticipantRole, Source, Topic

PARTICIPANT_ROWS = 8
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PERSON_TOPICS = [(value, label) for value, label in Topic.choices if value != Topic.SERVICE_MODEL]
ABOUT_SERVICE = "service"
ABOUT_PERSON = "person"


def _people_field(people: QuerySet[Person], *, required: bool, label: str) -> IdChoiceField:
    return IdChoiceField(
        label=label,
        queryset=people.order_by("last_name", "first_name", "pk"),
        required=required,
        empty_label="Choose someone" if required else "Everyone",
        error_messages={"invalid_choice": "Choose someone from the list"},
    )


class DecisionForm(forms.Form):
    """A decision typed in. With ``person`` given (the person's own page) the form is about
    them; otherwise it asks whether it is about how the service works or about someone, chosen
    from ``people`` (those the user may see)."""

    about = forms.ChoiceField(
        label="What is the decision about?",
        choices=[
            (ABOUT_SERVICE, "How the service works (no one person)"),
            (ABOUT_PERSON, "One person's plan, money, support or contract"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the decision is about a person"},
    )
    topic = forms.ChoiceField(
        label="For a person: what part of their life it is about",
        choices=[("", "Choose"), *PERSON_TOPICS],
        required=False,
        error_messages={"invalid_choice": "Choose what the decision is about from the list"},
    )
    title = forms.CharField(
        label="What was decided",
        max_length=200,
        error_messages={"required": "Say what was decided"},
    )
    details = forms.CharField(
        label="More about the decision",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )
    reasons = forms.CharField(
        label="Why",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": "Say why it was decided"},
    )
    decided_on = forms.DateField(
        label="Decided on",
        widget=DATE_WIDGET,
        error_messages={
            "required": "Enter the day it was decided",
            "invalid": "Enter the day it was decided as a date, like 2026-12-07",
        },
    )
    person_took_part = forms.ChoiceField(
        label="For a person: did they take part in the decision?",
        choices=[("yes", "Yes, they took part"), ("no", "No, they did not take part")],
        widget=forms.RadioSelect,
        required=False,
    )
    without_person_reason = forms.CharField(
        label="Why the person did not take part",
        help_text="For example: a best-interests decision, because they could not be asked. "
        "This is shown wherever the decision is.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
    person_words = forms.CharField(
        label="What the person said, in their own words",
        help_text="For a decision about how the service works: what the experts by experience "
        "said.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    level = forms.TypedChoiceField(
        label="How far up the ladder of co-production it reached",
        help_text="Leave it to be worked out from who took part, or choose the rung.",
        choices=[("", "Work it out from who took part"), *Level.choices],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Choose a rung of the ladder from the list"},
    )

    def __init__(
        self,
        *args: Any,
        people: QuerySet[Person] | None = None,
        person: Person | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fixed_person = person
        if person is not None:
            del self.fields["about"]
            self.fields["topic"].label = "What part of their life it is about"
            self.fields["person_took_part"].label = f"Did {person.called} take part?"
            self.fields["without_person_reason"].label = f"Why {person.called} did not take part"
        else:
            self.fields["person"] = _people_field(
                people if people is not None else Person.objects.none(),
                required=False,
                label="For a person: who",
            )
            self.order_fields(["about", "person"])
        for row in range(1, PARTICIPANT_ROWS + 1):
            self.fields[f"participant_{row}_name"] = forms.CharField(
                label=f"Name of participant {row}", max_length=200, required=False
            )
            self.fields[f"participant_{row}_role"] = forms.ChoiceField(
                label=f"Part participant {row} took",
                choices=[("", "Choose"), *ParticipantRole.choices],
                required=False,
                error_messages={"invalid_choice": "Choose the part they took from the list"},
            )

    def participant_rows(self) -> list[list[forms.BoundField]]:
        """Each row's name and part, in order."""
        return [
            [self[f"participant_{row}_name"], self[f"participant_{row}_role"]]
            for row in range(1, PARTICIPANT_ROWS + 1)
        ]

    def main_fields(self) -> list[forms.BoundField]:
        return [field for field in self if not field.name.startswith("participant_")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        about_person = self.fixed_person is not None or data.get("about") == ABOUT_PERSON
        if about_person:
            if self.fixed_person is None and not data.get("person") and "person" not in self.errors:
                self.add_error("person", "Choose who the decision is about")
            if not data.get("topic") and "topic" not in self.errors:
                self.add_error("topic", "Choose what part of their life the decision is about")
            if not data.get("person_took_part"):
                self.add_error("person_took_part", "Say whether they took part")
        for row in range(1, PARTICIPANT_ROWS + 1):
            name = (data.get(f"participant_{row}_name") or "").strip()
            role = data.get(f"participant_{row}_role")
            if name and not role and f"participant_{row}_role" not in self.errors:
                self.add_error(f"participant_{row}_role", f"Choose the part {name} took")
            if role and not name:
                self.add_error(f"participant_{row}_name", "Enter the name of who took this part")
        return data

    def about_person(self) -> Person | None:
        if self.fixed_person is not None:
            return self.fixed_person
        if self.cleaned_data.get("about") == ABOUT_PERSON:
            person: Person | None = self.cleaned_data.get("person")
            return person
        return None

    def service_kwargs(self) -> dict[str, Any]:
        """The service's arguments from what was typed (the person and actor come from the
        view)."""
        data = self.cleaned_data
        person = self.about_person()
        participants = [
            Participant(
                name=data[f"participant_{row}_name"].strip(),
                role=data[f"participant_{row}_role"],
            )
            for row in range(1, PARTICIPANT_ROWS + 1)
            if data.get(f"participant_{row}_name", "").strip()
        ]
        return {
            "person": person,
            "topic": data["topic"] if person is not None else Topic.SERVICE_MODEL,
            "title": data["title"],
            "details": data["details"],
            "reasons": data["reasons"],
            "person_words": data["person_words"],
            "decided_on": data["decided_on"],
            "level": data["level"],
            "person_took_part": person is None or data.get("person_took_part") == "yes",
            "without_person_reason": data["without_person_reason"] if person is not None else "",
            "participants": participants,
        }


def field_for(name: str) -> str:
    """Where a service's refusal shows on the form: who took part, beside the first row."""
    return "participant_1_name" if name == "participants" else name


class DecisionFilterForm(FilterForm):
    topic = forms.ChoiceField(
        label="About", choices=[("", "Everything"), *Topic.choices], required=False
    )
    level = forms.TypedChoiceField(
        label="Rung of the ladder",
        choices=[("", "Every rung"), *Level.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    source = forms.ChoiceField(
        label="Where it was decided",
        choices=[("", "Anywhere"), *Source.choices],
        required=False,
    )
    date_from = forms.DateField(
        label="Decided from",
        widget=DATE_WIDGET,
        required=False,
        error_messages={"invalid": "Enter the first day as a date, like 2026-06-01"},
    )
    date_to = forms.DateField(
        label="Decided up to",
        widget=DATE_WIDGET,
        required=False,
        error_messages={"invalid": "Enter the last day as a date, like 2026-12-31"},
    )

    def __init__(self, *args: Any, people: QuerySet[Person] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["person"] = _people_field(people, required=False, label="Person")
            self.order_fields(["topic", "person"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: dt.date | None = data.get("date_from")
        end: dt.date | None = data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The last day must be on or after the first day")
        return data
