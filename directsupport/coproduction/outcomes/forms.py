"""Forms for recording an outcome's progress and a learning log entry. They only read and tidy
what was typed; the rules (evidence needed, no future days, something learned) are the
services', shown beside the fields by lib.forms.add_service_errors."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms

from directsupport.lib.forms import FilterForm
from directsupport.people.forms import DATE_INPUT_FORMATS
from directsupport.people.models import Person
from directsupport.planning.models import Outcome

from ..models import Progress
from .services import LearningDetails


def _date_field(label: str, help_text: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=help_text,
        error_messages={
            "required": "Enter the date, for example 27/3/2026.",
            "invalid": "Enter a real date, for example 27/3/2026.",
        },
    )


class ProgressForm(forms.Form):
    status = forms.ChoiceField(
        label="How far has it got?",
        choices=Progress.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how far it has got.",
            "invalid_choice": "Choose how far it has got.",
        },
    )
    evidence = forms.CharField(
        label="How do you know?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What happened, and who saw it. For example: “Swam for the whole hour on "
        "Tuesday; Sam and the lifeguard saw it.”",
        error_messages={
            "required": "Say how you know: what happened, who saw it.",
            "max_length": "This is %(show_value)d characters long: keep it to %(limit_value)d "
            "characters or fewer.",
        },
    )
    recorded_on = _date_field("On what day?", "The day this was true. For example, 27/3/2026.")


class LearningForm(forms.Form):
    happened_on = _date_field("When was it?", "For example, 27/3/2026.")
    activity = forms.CharField(
        label="What was the activity?",
        max_length=200,
        help_text="For example: “Tried the 10am swim at the lido”.",
        error_messages={
            "required": "Say what the activity was.",
            "max_length": "Keep the activity to %(limit_value)d characters or fewer (it is "
            "%(show_value)d).",
        },
    )
    who_was_there = forms.CharField(
        label="Who was there?",
        max_length=500,
        error_messages={
            "required": "Say who was there.",
            "max_length": "Keep this to %(limit_value)d characters or fewer (it is "
            "%(show_value)d).",
        },
    )
    what_worked = forms.CharField(
        label="What worked?",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep this to %(limit_value)d characters or fewer."},
    )
    what_did_not = forms.CharField(
        label="What did not work?",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Write what worked, what did not, or both.",
        error_messages={"max_length": "Keep this to %(limit_value)d characters or fewer."},
    )
    outcome = forms.TypedChoiceField(
        label="Which outcome is it about?",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Choose one of the outcomes on the list."},
    )

    def __init__(self, *args: Any, person: Person, outcomes: list[Outcome], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.person = person
        self.outcomes = {outcome.pk: outcome for outcome in outcomes}
        field = cast(forms.TypedChoiceField, self.fields["outcome"])
        field.choices = [("", "None of them"), *((o.pk, o.text) for o in outcomes)]
        self.fields[
            "who_was_there"
        ].help_text = f"For example: “{person.called}, Sam and the swimming teacher”."

    def details(self) -> LearningDetails:
        data = self.cleaned_data
        outcome_pk = data.get("outcome")
        return LearningDetails(
            happened_on=cast(dt.date, data["happened_on"]),
            activity=data["activity"],
            who_was_there=data["who_was_there"],
            what_worked=data["what_worked"],
            what_did_not=data["what_did_not"],
            outcome=self.outcomes.get(outcome_pk) if outcome_pk is not None else None,
        )


class LearningFilterForm(FilterForm):
    outcome = forms.TypedChoiceField(
        label="Show the entries about",
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args: Any, outcomes: list[Outcome], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["outcome"])
        field.choices = [("", "Every outcome"), *((o.pk, o.text) for o in outcomes)]
