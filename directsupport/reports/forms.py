"""Filters for the audit log browser."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from directsupport.audit.models import Action
from directsupport.lib.forms import FilterForm

UK_DATE_FORMATS = [
    "%d/%m/%Y",
    "%d/%m/%y",
    "%d-%m-%Y",
    "%d %m %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%Y-%m-%d",
]
DATE_HINT = "For example, 27/3/2025"


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=UK_DATE_FORMATS,
        help_text=DATE_HINT,
        widget=forms.TextInput(attrs={"class": "input--short", "inputmode": "numeric"}),
        error_messages={"invalid": "Enter a real date, like 27/3/2025."},
    )


class AuditFilterForm(FilterForm):
    who = forms.CharField(
        label="Who",
        help_text="Part of their email address",
        required=False,
        max_length=254,
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    person = forms.CharField(
        label="About whom",
        help_text="A person's name or number",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    action = forms.ChoiceField(
        label="What happened",
        help_text="Looked at, changed, signed in…",
        required=False,
        choices=[("", "Anything"), *Action.choices],
    )
    date_from = _date_field("From")
    date_to = _date_field("To")

    def clean_person(self) -> str:
        return " ".join(self.cleaned_data["person"].split())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start: dt.date | None = cleaned.get("date_from")
        end: dt.date | None = cleaned.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to",
                "The 'To' date must be the same as or after the 'From' date.",
            )
        return cleaned

    def describe(self) -> str:
        """The filters in words, for the export's audit row."""
        if not self.is_valid():
            return "no filters"
        parts = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if value:
                shown = value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else value
                parts.append(f"{field.label}: {shown}")
        return "; ".join(parts) or "no filters"
