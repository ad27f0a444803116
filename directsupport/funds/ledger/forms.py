"""Forms for the ledger pages: filtering the ledger, recording money in or out by hand, and
correcting an entry. They check what was typed; services.py and posting.py check the money.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.dateformat import format as format_date

from directsupport.lib.forms import FilterForm, PoundsField, SubmitOnceForm
from directsupport.people.forms import DATE_INPUT_FORMATS

from ..models import Kind
from .services import HAND_POSTINGS, MAX_DAYS_AHEAD

# Anything above this is a typing slip (an extra digit), not one posting to one person's fund.
MAX_POSTING_PENCE = 100_000_00


def uk_date(day: dt.date) -> str:
    return format_date(day, "j F Y")


class LedgerFilterForm(FilterForm):
    month = forms.ChoiceField(label="Month", required=False)
    kind = forms.ChoiceField(
        label="Kind of entry", required=False, choices=[("", "Any kind"), *Kind.choices]
    )

    def __init__(self, *args: Any, months: list[dt.date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        month_field: Any = self.fields["month"]
        month_field.choices = [
            ("", "Any month"),
            *((f"{month:%Y-%m}", f"{month:%B %Y}") for month in months),
        ]
        month_field.error_messages["invalid_choice"] = "Choose a month from the list."
        kind_field: Any = self.fields["kind"]
        kind_field.error_messages["invalid_choice"] = "Choose a kind of entry from the list."

    # A filter that is not valid is left out (and its message shown); the others still apply.

    def chosen_month(self) -> dt.date | None:
        self.is_valid()
        value = self.cleaned_data.get("month")
        if not value:
            return None
        year, month = value.split("-")
        return dt.date(int(year), int(month), 1)

    def chosen_kind(self) -> str | None:
        self.is_valid()
        return self.cleaned_data.get("kind") or None


class PostingForm(SubmitOnceForm):
    posting = forms.ChoiceField(
        label="What is this?",
        choices=[(value, choice.label) for value, choice in HAND_POSTINGS.items()],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what this is, for example a payment to another supplier.",
            "invalid_choice": "Choose one of the kinds listed.",
        },
    )
    effective_on = forms.DateField(
        label="Date",
        help_text="The day the money belongs to, for example 14/5/2026. It shows on that "
        "month's statement.",
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Enter the date, for example 14/5/2026.",
            "invalid": "Enter a real date, for example 14/5/2026.",
        },
    )
    amount = PoundsField(
        label="Amount (£)",
        what="the amount",
        max_pence=MAX_POSTING_PENCE,
        help_text="In pounds and pence, for example 45.50.",
    )
    description = forms.CharField(
        label="What for",
        max_length=300,
        help_text="In words the person will understand, for example 'Swimming lessons, May'.",
        error_messages={
            "required": "Say what the money is for.",
            "max_length": "Say what the money is for in 300 characters or fewer.",
        },
    )
    counterparty = forms.CharField(
        label="Paid to or received from",
        max_length=200,
        required=False,
        help_text="The supplier or shop. For money to or from the council, leave it empty to "
        "use the council's name.",
        error_messages={"max_length": "Enter the name in 200 characters or fewer."},
    )

    def __init__(
        self, *args: Any, earliest: dt.date | None, latest: dt.date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.earliest = earliest
        self.latest = latest

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        # Tie each message to its box for screen readers (the template shows it beside the box).
        for name in self.errors:
            if name in self.fields and name != "posting":
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"id_{name}_error"}
                )

    def clean_description(self) -> str:
        return " ".join(self.cleaned_data["description"].split())

    def clean_counterparty(self) -> str:
        return " ".join(self.cleaned_data["counterparty"].split())

    def clean_effective_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["effective_on"]
        if day > self.latest:
            raise forms.ValidationError(
                f"The date can be no more than {MAX_DAYS_AHEAD} days ahead: "
                f"{uk_date(self.latest)} at the latest."
            )
        if self.earliest is not None and day < self.earliest:
            raise forms.ValidationError(
                f"The date cannot be before the agreement started on {uk_date(self.earliest)}."
            )
        return day

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        choice = HAND_POSTINGS.get(cleaned.get("posting") or "")
        if choice is not None and choice.counterparty_required and not cleaned.get("counterparty"):
            who = "paid" if choice.takes_money else "sent the refund"
            self.add_error("counterparty", f"Enter who was {who}, for example the supplier.")
        return cleaned


class ReverseForm(SubmitOnceForm):
    reason = forms.CharField(
        label="Why is this being corrected?",
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, 'Paid twice by mistake'. The person sees this on their ledger.",
        error_messages={
            "required": "Say why this entry is being corrected.",
            "max_length": "Say why in 250 characters or fewer.",
        },
    )

    def clean_reason(self) -> str:
        return " ".join(self.cleaned_data["reason"].split())
