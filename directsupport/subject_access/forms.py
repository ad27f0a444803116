"""Recording a subject access request as it was received."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from directsupport.lib.ids import IdChoiceField
from directsupport.people.forms import DATE_INPUT_FORMATS
from directsupport.people.models import CircleMember, Person

from .models import RequestedBy


class RequestForm(forms.Form):
    received_on = forms.DateField(
        label="When did the request reach us?",
        help_text="The month to answer in starts from this day. For example 3/11/2026.",
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Enter the day the request reached us, for example 3/11/2026.",
            "invalid": "Enter the day the request reached us as a real date, for example "
            "3/11/2026.",
        },
    )
    requested_by = forms.ChoiceField(
        label="Who asked?",
        choices=RequestedBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say who asked: the person, or someone on their behalf."},
    )
    representative = IdChoiceField(
        label="Who in their circle asked for them?",
        help_text="They will be able to download the copy too. Leave empty if it was someone "
        "outside the circle, and write their name below.",
        queryset=CircleMember.objects.none(),
        required=False,
        empty_label="Nobody in the circle",
    )
    requester_name = forms.CharField(
        label="Name of who asked, if not in the circle",
        help_text="For example, their solicitor or advocate.",
        max_length=200,
        required=False,
    )
    notes = forms.CharField(
        label="Notes",
        help_text="How the request came in, anything agreed about it.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        representative: Any = self.fields["representative"]
        representative.queryset = person.circle.order_by("name")
        representative.error_messages["invalid_choice"] = (
            "Choose someone from this person's circle."
        )

    def clean_received_on(self) -> dt.date:
        received_on: dt.date = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise forms.ValidationError("The day the request reached us cannot be in the future.")
        return received_on

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        by = cleaned.get("requested_by")
        representative = cleaned.get("representative")
        name = (cleaned.get("requester_name") or "").strip()
        if by == RequestedBy.PERSON and representative is not None:
            self.add_error(
                "representative",
                "The person asked for themselves, so leave 'who in their circle' empty.",
            )
        if by == RequestedBy.REPRESENTATIVE and representative is None and not name:
            self.add_error(
                "requester_name",
                "Choose who in the circle asked, or write the name of who asked.",
            )
        cleaned["requester_name"] = name
        return cleaned
