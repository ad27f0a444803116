"""Forms for the fair-cost build-up and the reference prices: pounds typed as pounds, shares
typed as percentages (9.5 for 9.5%), cleaned to pence and basis points."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from directsupport.lib.forms import PoundsField
from directsupport.lib.ids import IdChoiceField
from directsupport.lib.money import typed_pounds
from directsupport.market.models import TaxonomyTerm

from ..models import FairCostModel, ReferencePrice

_PERCENT = re.compile(r"(?P<whole>\d{1,3})(?:\.(?P<part>\d{1,2}))?")
MAX_PENCE_PER_HOUR = 20_000  # £200 an hour: far beyond any real hourly rate


class PercentField(forms.CharField):
    """A share typed as a percentage ("9.5", "12.07%"), cleaned to basis points (950, 1207)."""

    def __init__(self, *, what: str, max_percent: int, **kwargs: Any) -> None:
        self.what = what
        self.max_percent = max_percent
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"class": "input--short", "inputmode": "decimal"})
        )
        kwargs.setdefault("help_text", "A percentage, like 9.5")
        kwargs.setdefault("error_messages", {"required": self._asked()})
        super().__init__(**kwargs)

    def _asked(self) -> str:
        return f"Enter {self.what} as a percentage, like 9.5"

    def clean(self, value: Any) -> int:
        text = str(super().clean(value)).strip().removesuffix("%").strip()
        match = _PERCENT.fullmatch(text)
        if match is None:
            raise forms.ValidationError(self._asked())
        basis_points = int(match["whole"]) * 100 + int((match["part"] or "0").ljust(2, "0"))
        if basis_points > self.max_percent * 100:
            raise forms.ValidationError(f"Enter {self.what} of no more than {self.max_percent}%")
        return basis_points


def typed_percent(basis_points: int) -> str:
    whole, part = divmod(basis_points, 100)
    return f"{whole}.{part:02d}".rstrip("0").rstrip(".")


class FairCostForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label="Name", max_length=150)
    term = IdChoiceField(
        label="Kind of support",
        queryset=TaxonomyTerm.objects.order_by("name"),
        required=False,
        empty_label="Every kind (the default build-up)",
    )
    pay_pence_per_hour = PoundsField(
        label="Care worker pay for an hour",
        what="the care worker's pay for an hour",
        max_pence=MAX_PENCE_PER_HOUR,
    )
    employer_ni_bp = PercentField(
        label="Employer National Insurance, % of pay",
        what="employer National Insurance",
        max_percent=50,
    )
    pension_bp = PercentField(label="Pension, % of pay", what="the pension", max_percent=50)
    holiday_bp = PercentField(label="Holiday pay, % of pay", what="holiday pay", max_percent=50)
    travel_minutes_per_hour = forms.IntegerField(
        label="Paid travel time for each hour of support, in minutes",
        min_value=0,
        max_value=60,
        error_messages={
            "required": "Enter the minutes of paid travel for each hour, like 15",
            "invalid": "Enter the minutes of paid travel as a whole number, like 15",
            "min_value": "Enter 0 minutes of paid travel or more",
            "max_value": "Enter no more than 60 minutes of paid travel for each hour",
        },
        help_text="Paid at the same rate as support: pay with its on-costs",
    )
    travel_pence_per_hour = PoundsField(
        label="Travel costs for each hour of support",
        what="the travel costs for each hour",
        max_pence=MAX_PENCE_PER_HOUR,
        allow_zero=True,
    )
    training_bp = PercentField(
        label="Training and supervision, % of the care cost",
        what="training and supervision",
        max_percent=50,
    )
    overheads_bp = PercentField(
        label="Management and overheads, % of the care cost and training",
        what="management and overheads",
        max_percent=100,
    )
    surplus_bp = PercentField(
        label="Surplus, % of everything before it", what="the surplus", max_percent=50
    )
    flag_below_bp = PercentField(
        label="Flag offers this far below the fair rate, %",
        what="how far below to flag",
        max_percent=90,
    )
    flag_above_bp = PercentField(
        label="Flag offers this far above the fair rate, %",
        what="how far above to flag",
        max_percent=200,
    )

    @staticmethod
    def initial_for(model: FairCostModel) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "version": model.version,
            "name": model.name,
            "term": model.term_id,
            "pay_pence_per_hour": typed_pounds(model.pay_pence_per_hour),
            "travel_minutes_per_hour": model.travel_minutes_per_hour,
            "travel_pence_per_hour": typed_pounds(model.travel_pence_per_hour),
        }
        for field in (
            "employer_ni_bp",
            "pension_bp",
            "holiday_bp",
            "training_bp",
            "overheads_bp",
            "surplus_bp",
            "flag_below_bp",
            "flag_above_bp",
        ):
            initial[field] = typed_percent(getattr(model, field))
        return initial


class ReferencePriceForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=150,
        help_text="Like: Homecare Association minimum price for homecare 2025/26",
    )
    region = forms.CharField(label="Region", max_length=60, help_text="Like: England")
    pence_per_hour = PoundsField(
        label="Price for an hour", what="the price for an hour", max_pence=MAX_PENCE_PER_HOUR
    )
    applies_from = forms.DateField(
        label="Applies from",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Enter the date the price applies from",
            "invalid": "Enter the date the price applies from as a real date",
        },
    )
    applies_to = forms.DateField(
        label="Applies until",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter the date the price applies until as a real date"},
    )
    source = forms.CharField(label="Where it was published", max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("applies_from"), data.get("applies_to")
        if start and end and end < start:
            self.add_error("applies_to", "The price must apply until a date after it starts")
        return data

    @staticmethod
    def initial_for(price: ReferencePrice) -> dict[str, Any]:
        return {
            "name": price.name,
            "region": price.region,
            "pence_per_hour": typed_pounds(price.pence_per_hour),
            "applies_from": price.applies_from,
            "applies_to": price.applies_to,
            "source": price.source,
        }
