"""Forms for banking: a pot, banking money or hours into it, and using banked money. They
validate and normalise; services.py does the work."""

from __future__ import annotations

from typing import Any

from django import forms

from directsupport.lib.forms import PoundsField, SubmitOnceForm

from ..hours.forms import LengthField

# A typing slip, not a sum anyone banks.
MAX_AMOUNT_PENCE = 1_000_000_00


class PotForm(forms.Form):
    purpose = forms.CharField(
        label="What is the money for",
        max_length=200,
        help_text="For example: a holiday in Cornwall, the summer festival.",
        error_messages={"required": "Say what the money is being saved for"},
    )
    target = PoundsField(
        what="how much is needed",
        label="How much is needed (£)",
        max_pence=MAX_AMOUNT_PENCE,
        required=False,
    )


BANK_MONEY = "money"
BANK_HOURS = "hours"


class BankForm(SubmitOnceForm):
    what = forms.ChoiceField(
        label="What to bank",
        choices=[(BANK_MONEY, "An amount of money"), (BANK_HOURS, "Hours of support")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose money or hours"},
    )
    amount = PoundsField(
        what="the amount", label="Amount (£)", max_pence=MAX_AMOUNT_PENCE, required=False
    )
    hours = LengthField(
        label="Hours",
        required=False,
        help_text="Like 3, 2.5 or 2:30. Each hour is banked at the personal care daytime rate.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        what = cleaned.get("what")
        if what == BANK_MONEY and cleaned.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", "Enter the amount to bank, like 50.00")
        if what == BANK_HOURS and cleaned.get("hours") is None and "hours" not in self.errors:
            self.add_error("hours", "Enter the hours to bank, like 3 or 2:30")
        return cleaned


USE_TO_SPEND = "spend"
USE_TO_PAY = "pay"


class UseBankedForm(SubmitOnceForm):
    amount = PoundsField(what="the amount", label="Amount (£)", max_pence=MAX_AMOUNT_PENCE)
    how = forms.ChoiceField(
        label="How it is used",
        choices=[
            (USE_TO_SPEND, "Bring it back into the money to spend"),
            (USE_TO_PAY, "Pay someone straight from the banked money"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the money is used"},
    )
    pay_to = forms.CharField(label="Who is paid", max_length=200, required=False)
    description = forms.CharField(label="What for", max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        if cleaned.get("how") == USE_TO_PAY and not (cleaned.get("pay_to") or "").strip():
            self.add_error("pay_to", "Enter who is paid")
        return cleaned
