"""Forms for a service's times, districts, prices and closure days: one small page each."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone

from directsupport.lib.forms import IfNeededInput, PoundsField
from directsupport.lib.money import format_pence
from directsupport.week.forms import TimeOfDayField
from directsupport.week.models import Weekday

from ..districts import BadPostcode, district_for
from ..models import CostUnit, PostcodeDistrict, Service
from .fields import POSTCODE_TOO_LONG, POSTCODE_TYPED_LENGTH, date_field, one_line, uk_date

# Beyond these a price is a typing slip (a weekly or monthly total, an extra zero), not a rate:
# the highest rates for specialist support are a fraction of them.
PRICE_LIMITS = {
    CostUnit.HOUR: 50_000,
    CostUnit.SESSION: 100_000,
    CostUnit.NIGHT: 200_000,
}
ABSURD_PENCE = 10_000_000  # what the pounds field itself accepts before the unit is known


# --- When, where and at what price --------------------------------------------------------------


class ScheduleForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label="Day",
        choices=Weekday.choices,
        coerce=int,
        error_messages={
            "required": "Choose the day it runs",
            "invalid_choice": "Choose a day from Monday to Sunday",
        },
    )
    opens_at = TimeOfDayField(
        label="Starts at",
        help_text="24-hour clock, like 09:30",
        error_messages={"required": "Enter the time it starts, like 09:30"},
    )
    closes_at = TimeOfDayField(
        label="Ends at",
        help_text="24-hour clock, like 17:45",
        error_messages={"required": "Enter the time it ends, like 17:45"},
    )
    overnight = forms.BooleanField(
        label="Ends the next morning",
        required=False,
        help_text="For waking nights and sleep-ins: the end time is the next day.",
    )
    interval_weeks = forms.TypedChoiceField(
        label="How often",
        choices=[
            (1, "Every week"),
            (2, "Every other week"),
            (3, "Every third week"),
            (4, "Every fourth week"),
        ],
        coerce=int,
        initial=1,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": "Choose how often it runs, from every week to every fourth week"
        },
    )
    valid_from = date_field(
        "From",
        "The first day it runs, for example 6/4/2026. Needed if it is not every week.",
        "the first day it runs",
        required=False,
    )
    valid_to = date_field(
        "Until",
        "The last day it runs, if it stops. For example, 20/7/2026.",
        "the last day it runs",
        required=False,
    )
    closed_on_bank_holidays = forms.BooleanField(
        label="Closed on bank holidays", required=False, initial=True
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=200,
        help_text="For example: term time only, meet at the main entrance.",
    )

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        data = self.cleaned_data
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens is not None and closes is not None and not data.get("overnight"):
            if closes == opens:
                self.add_error("closes_at", "It ends when it starts: enter a later end time")
            elif closes < opens:
                self.add_error(
                    "closes_at",
                    f"It ends ({closes:%H:%M}) before it starts ({opens:%H:%M}): enter a later "
                    "end time, or tick 'Ends the next morning' for overnight support",
                )
        starts, ends = data.get("valid_from"), data.get("valid_to")
        if starts is not None and ends is not None and ends < starts:
            self.add_error(
                "valid_to",
                f"It stops ({uk_date(ends)}) before it starts ({uk_date(starts)}): check both "
                "dates",
            )
        weekday, interval = data.get("weekday"), data.get("interval_weeks")
        if interval is not None and interval > 1 and starts is None:
            self.add_error(
                "valid_from",
                "Enter the first day it runs: it says which weeks it is on when it is not "
                "every week",
            )
        # Counting every N weeks starts from a day it runs; a weekly service may start any day.
        if (
            interval is not None
            and interval > 1
            and starts is not None
            and weekday is not None
            and starts.weekday() != weekday
        ):
            day = Weekday(weekday).label
            self.add_error(
                "valid_from",
                f"{uk_date(starts)} is a {Weekday(starts.weekday()).label}, but it runs on "
                f"{day}s: enter a {day}",
            )
        return cleaned


class AreaForm(forms.Form):
    district = forms.CharField(
        label="Postcode district",
        max_length=POSTCODE_TYPED_LENGTH,
        help_text="A district such as HF3, or any postcode in it.",
        widget=forms.TextInput(attrs={"class": "input--short", "autocomplete": "off"}),
        error_messages={
            "required": "Enter the postcode district they cover, such as HF3",
            "max_length": POSTCODE_TOO_LONG,
        },
    )

    def __init__(self, *args: Any, service: Service, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service = service

    def clean_district(self) -> PostcodeDistrict:
        try:
            district = district_for(self.cleaned_data["district"])
        except BadPostcode as problem:
            raise forms.ValidationError(str(problem)) from problem
        if self.service.areas.filter(district=district).exists():
            raise forms.ValidationError(f"{self.service.name} already covers {district.code}")
        return district


class PriceField(PoundsField):
    """The price: needed unless the service is free, which the form's clean() checks. Marked
    required so its label does not say "(optional)", but an empty answer passes here (as
    None), and its widget keeps the browser from insisting either."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", IfNeededInput(attrs={"class": "input--short", "inputmode": "decimal"})
        )
        super().__init__(what="the price", max_pence=ABSURD_PENCE, allow_zero=True, **kwargs)

    def validate(self, value: Any) -> None:
        """No check for emptiness here: that depends on how it is priced."""


class CostOptionForm(forms.Form):
    unit = forms.ChoiceField(
        label="Priced",
        choices=[
            (CostUnit.HOUR, "By the hour"),
            (CostUnit.SESSION, "By the session"),
            (CostUnit.NIGHT, "By the night"),
            (CostUnit.FREE, "Free"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how it is priced, or Free"},
    )
    amount = PriceField(
        label="Price, in pounds and pence",
        help_text="For example, 24.50. Leave empty if it is free.",
    )
    description = forms.CharField(
        label="What the price covers",
        required=False,
        max_length=200,
        help_text="For example: weekday daytime; includes the worker's travel.",
    )
    valid_from = date_field(
        "Price from",
        "The first day this price applies, for example 1/4/2026.",
        "the first day this price applies",
        required=True,
    )
    valid_to = date_field(
        "Price until",
        "The last day, if it is known. Leave empty if it has no end date.",
        "the last day this price applies",
        required=False,
    )

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        data = self.cleaned_data
        unit, amount = data.get("unit"), data.get("amount")
        if unit == CostUnit.FREE:
            if amount:
                self.add_error(
                    "amount",
                    f"The price is {format_pence(amount)} but 'Free' is chosen: leave the "
                    "price empty, or choose how it is priced",
                )
            else:
                data["amount"] = 0
        elif unit in PRICE_LIMITS and "amount" not in self.errors:
            per = CostUnit(unit).label
            limit = PRICE_LIMITS[CostUnit(unit)]
            if not amount:
                self.add_error(
                    "amount",
                    f"Enter the price {per}, like 24.50 (choose 'Free' if it costs nothing)",
                )
            elif amount > limit:
                self.add_error(
                    "amount",
                    f"{format_pence(amount)} {per} is more than {format_pence(limit)} {per}, "
                    "far above what support costs: check it is not a weekly or monthly total, "
                    "or a slip of the decimal point",
                )
        starts, ends = data.get("valid_from"), data.get("valid_to")
        if ends is not None:
            if starts is not None and ends < starts:
                self.add_error(
                    "valid_to",
                    f"The price ends ({uk_date(ends)}) before it starts ({uk_date(starts)}): "
                    "check both dates",
                )
            elif ends < timezone.localdate():
                self.add_error(
                    "valid_to",
                    f"This price ended on {uk_date(ends)}: add only prices that apply today or "
                    "later (leave the date empty if it has no end)",
                )
        return cleaned


class ClosureForm(forms.Form):
    on = date_field("Date", "For example, 24/12/2026.", "the day it is closed", required=True)
    reason = forms.CharField(
        label="Why it is closed",
        max_length=200,
        help_text="For example: Christmas Eve, staff training day, the pool is closed.",
        error_messages={"required": "Say why it is closed that day"},
    )

    def __init__(self, *args: Any, service: Service, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service = service

    def clean_on(self) -> dt.date:
        day = cast(dt.date, self.cleaned_data["on"])
        if self.service.exceptions.filter(on=day).exists():
            raise forms.ValidationError(f"{uk_date(day)} is already a closure day")
        return day

    def clean_reason(self) -> str:
        return one_line(self.cleaned_data["reason"])
