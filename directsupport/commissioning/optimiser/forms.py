"""The optimiser's forms: starting a run, and deciding one proposal. Validation only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from directsupport.accounts.models import Organisation
from directsupport.market.models import Supplier
from directsupport.people.models import Person

from .model import DEFAULT_OPTIONS_PER_NEED


class RunForm(forms.Form):
    gap_percent = forms.DecimalField(
        label="Stop when within this percentage of the best possible",
        help_text="0 finds the best plan and proves it; 1 stops within 1% (quicker for a city).",
        min_value=Decimal(0),
        max_value=Decimal(10),
        decimal_places=2,
        initial=Decimal(0),
        error_messages={
            "required": "Enter a percentage from 0 to 10",
            "invalid": "Enter a percentage from 0 to 10, such as 1",
            "min_value": "Enter a percentage from 0 to 10",
            "max_value": "Enter a percentage from 0 to 10",
        },
    )
    time_limit_seconds = forms.IntegerField(
        label="Longest time to spend, in seconds",
        min_value=1,
        max_value=600,
        initial=60,
        error_messages={
            "required": "Enter a number of seconds from 1 to 600",
            "invalid": "Enter a whole number of seconds from 1 to 600",
            "min_value": "Enter a number of seconds from 1 to 600",
            "max_value": "Enter a number of seconds from 1 to 600",
        },
    )
    options_per_need = forms.IntegerField(
        label="Options to weigh for each need",
        help_text="The cheapest ones that can meet it. More is slower but never worse.",
        min_value=1,
        max_value=50,
        initial=DEFAULT_OPTIONS_PER_NEED,
        error_messages={
            "required": "Enter a number from 1 to 50",
            "invalid": "Enter a whole number from 1 to 50",
            "min_value": "Enter a number from 1 to 50",
            "max_value": "Enter a number from 1 to 50",
        },
    )
    include_pools = forms.BooleanField(
        label="Look for people who could buy support together", required=False, initial=True
    )
    pool_travel_km = forms.IntegerField(
        label="Furthest apart people in a pool may live, in km",
        min_value=1,
        max_value=50,
        initial=5,
        error_messages={
            "required": "Enter a distance from 1 to 50 km",
            "invalid": "Enter a whole number of km from 1 to 50",
            "min_value": "Enter a distance from 1 to 50 km",
            "max_value": "Enter a distance from 1 to 50 km",
        },
    )
    pool_size = forms.IntegerField(
        label="Most people in a pool",
        min_value=2,
        max_value=10,
        initial=3,
        error_messages={
            "required": "Enter a number from 2 to 10",
            "invalid": "Enter a whole number from 2 to 10",
            "min_value": "Enter a number from 2 to 10",
            "max_value": "Enter a number from 2 to 10",
        },
    )
    exclusions = forms.CharField(
        label="Suppliers people said no to",
        help_text=(
            "One a line: the person's number, a comma, then the supplier's name, such as "
            "“12, Anchor Swim CIC”. The run never offers them that supplier."
        ),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Keep the list under 5,000 characters"},
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_exclusions(self) -> list[list[int]]:
        text = self.cleaned_data.get("exclusions") or ""
        pairs: list[list[int]] = []
        problems: list[str] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            person_text, comma, supplier_name = line.partition(",")
            person = None
            if person_text.strip().isdigit():
                person = Person.objects.filter(
                    pk=int(person_text.strip()), organisation=self.organisation
                ).first()
            supplier = (
                Supplier.objects.filter(
                    directory_owner=self.organisation,
                    organisation__name__iexact=supplier_name.strip(),
                ).first()
                if comma
                else None
            )
            if person is None:
                problems.append(f"Line {number}: no person numbered “{person_text.strip()}”")
            elif supplier is None:
                problems.append(
                    f"Line {number}: no supplier called “{supplier_name.strip()}” in the directory"
                )
            else:
                pairs.append([person.pk, supplier.pk])
        if problems:
            raise forms.ValidationError(problems)
        return pairs

    def parameters(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "gap_percent": float(data["gap_percent"]),
            "time_limit_seconds": data["time_limit_seconds"],
            "options_per_need": data["options_per_need"],
            "include_pools": data["include_pools"],
            "pool_travel_km": data["pool_travel_km"],
            "pool_size": data["pool_size"],
            "exclusions": data["exclusions"],
        }


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("accept", "Accept"), ("reject", "Reject")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose accept or reject",
            "invalid_choice": "Choose accept or reject",
        },
    )
    reason = forms.CharField(
        label="Why",
        max_length=300,
        required=False,
        error_messages={"max_length": "Keep the reason under 300 characters"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Say why you reject it")
        return data
