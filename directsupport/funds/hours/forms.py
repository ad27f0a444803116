"""Forms for hours: a support session and a timesheet upload. They validate and normalise;
services.py and timesheets.py do the work."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from directsupport.lib.forms import PoundsField, SubmitOnceForm
from directsupport.lib.money import format_pence
from directsupport.week.forms import TimeOfDayField
from directsupport.week.models import SupportKind, TimeBand
from directsupport.week.pricing import CardFacts, band_at, bank_holidays

from .services import MINUTES_IN_DAY
from .timesheets import MAX_BYTES

LENGTH_MESSAGE = "Enter how long in hours, like 3, 2.5 or 2:30"
_HOURS_AND_MINUTES = re.compile(r"(\d{1,2}):(\d{2})")
PROVIDER = "provider"
SOMEONE_ELSE = "other"

# A typing slip, not a price: no hour of support costs £1,000.
MAX_HOURLY_RATE_PENCE = 1_000_00


def parse_length(text: str) -> int:
    """Hours typed as "3", "2.5" or "2:30" -> minutes (180, 150, 150). ValueError with a message
    to show for anything else, nothing, or more than a day."""
    text = text.strip().lower().removesuffix("hours").removesuffix("hour").strip()
    if match := _HOURS_AND_MINUTES.fullmatch(text):
        if int(match[2]) > 59:
            raise ValueError("Minutes go from 00 to 59: enter how long like 2:30")
        minutes = int(match[1]) * 60 + int(match[2])
    else:
        try:
            hours = Decimal(text)
        except InvalidOperation:
            raise ValueError(LENGTH_MESSAGE) from None
        if not hours.is_finite():
            raise ValueError(LENGTH_MESSAGE)
        exact = hours * 60
        if exact != exact.to_integral_value():
            raise ValueError("Enter a length that comes to whole minutes, like 2.5 or 2:20")
        minutes = int(exact)
    if minutes <= 0:
        raise ValueError("Enter a length of more than 0 hours")
    if minutes > MINUTES_IN_DAY:
        raise ValueError("Enter a length of no more than 24 hours")
    return minutes


class LengthField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("error_messages", {"required": LENGTH_MESSAGE})
        kwargs.setdefault("widget", forms.TextInput(attrs={"class": "input--short"}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> int | None:
        text = super().clean(value)
        if not text and not self.required:
            return None
        try:
            return parse_length(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error


def day_rate_pence(card: CardFacts | None, support_kind: str) -> int | None:
    if card is None:
        return None
    return card.hourly.get((support_kind, TimeBand.DAY))


def band_rate_pence(
    card: CardFacts | None, support_kind: str, day: dt.date, starts_at: dt.time | None
) -> int | None:
    """The card's rate for the band the session starts in (day, evening, night, weekend or bank
    holiday), as the Perfect Week is priced; the weekday daytime rate when the start is unknown.
    A session is charged at one rate: the band it starts in."""
    if card is None:
        return None
    if starts_at is None:
        return day_rate_pence(card, support_kind)
    band = band_at(dt.datetime.combine(day, starts_at), card, bank_holidays(day.year, day.year))
    return card.hourly.get((support_kind, band))


class SessionForm(SubmitOnceForm):
    delivered_on = forms.DateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Enter the date of the session, like 31/01/2026",
            "invalid": "Enter a real date, like 31/01/2026",
        },
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    starts_at = TimeOfDayField(
        label="Start time", error_messages={"required": "Enter the start time, like 09:30"}
    )
    length = LengthField(label="How long", help_text="In hours: for example 3, 2.5 or 2:30.")
    support_kind = forms.ChoiceField(
        label="Kind of support",
        choices=SupportKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of support"},
    )
    supplier = forms.ChoiceField(
        label="Who provided it",
        widget=forms.RadioSelect,
        error_messages={"required": "Say who provided the support"},
    )
    other_supplier = forms.CharField(
        label="Name of the other supplier",
        max_length=200,
        required=False,
        help_text="Only if someone else provided it.",
    )
    worker_name = forms.CharField(label="Support worker's name", max_length=150, required=False)
    hourly_rate = PoundsField(
        what="the hourly rate",
        max_pence=MAX_HOURLY_RATE_PENCE,
        label="Hourly rate (£)",
        required=False,
        help_text="Leave empty to use the rate card's rate for the kind at the time the "
        "session starts (day, evening, night, weekend or bank holiday).",
    )
    notes = forms.CharField(
        label="Notes",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        provider_name: str,
        agreement_starts: dt.date | None,
        today: dt.date,
        card_on: Callable[[dt.date], CardFacts | None],
        shows_money: bool,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {}).setdefault("supplier", PROVIDER)
        super().__init__(*args, **kwargs)
        self.provider_name = provider_name
        self.agreement_starts = agreement_starts
        self.today = today
        self.card_on = card_on
        self.shows_money = shows_money
        supplier_field: Any = self.fields["supplier"]
        supplier_field.choices = [
            (PROVIDER, provider_name),
            (SOMEONE_ELSE, "Someone else (type their name below)"),
        ]
        if not shows_money:
            del self.fields["hourly_rate"]

    def clean_delivered_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["delivered_on"]
        if day > self.today:
            raise forms.ValidationError(
                "The date cannot be in the future: record sessions after them"
            )
        if self.agreement_starts is None:
            raise forms.ValidationError(
                "There is no ISF agreement in force, so no session can be recorded"
            )
        if day < self.agreement_starts:
            raise forms.ValidationError(
                f"The date cannot be before the agreement started on "
                f"{self.agreement_starts:%-d %B %Y}"
            )
        return day

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        if cleaned.get("supplier") == SOMEONE_ELSE:
            other = (cleaned.get("other_supplier") or "").strip()
            if not other:
                self.add_error("other_supplier", "Enter the name of who provided the support")
            cleaned["supplier_name"] = other
        else:
            cleaned["supplier_name"] = self.provider_name
        kind = cleaned.get("support_kind")
        if kind and cleaned.get("hourly_rate") is None:
            # The rate card in force on the day of the session, at the rate of the band the
            # session starts in, as the Perfect Week is priced.
            day = cleaned.get("delivered_on") or self.today
            rate = band_rate_pence(self.card_on(day), kind, day, cleaned.get("starts_at"))
            if rate is None:
                label = SupportKind(kind).label.lower()
                if self.shows_money:
                    self.add_error(
                        "hourly_rate",
                        f"The rate card has no rate for {label} at that time: enter the rate",
                    )
                else:
                    self.add_error(
                        "support_kind",
                        f"The rate card has no hourly rate for {label}: ask the coordinator "
                        "to record this session",
                    )
            cleaned["hourly_rate"] = rate
        return cleaned

    def rate_hints(self) -> list[tuple[str, str]]:
        """Today's day rate of each kind, for the hint beside the rate."""
        card = self.card_on(self.today)
        return [
            (label, format_pence(rate))
            for value, label in SupportKind.choices
            if (rate := day_rate_pence(card, value)) is not None
        ]


class TimesheetUploadForm(forms.Form):
    supplier_name = forms.CharField(
        label="Who sent the timesheet",
        max_length=200,
        help_text="The supplier whose workers gave the support, as it should appear on statements.",
        error_messages={"required": "Enter who sent the timesheet"},
    )
    file = forms.FileField(
        label="Timesheet (a CSV file)",
        help_text=(
            "Columns: person_reference, date, start, hours, support_kind, worker, hourly_rate. "
            f"UTF-8, up to {MAX_BYTES // 1024 // 1024} MB."
        ),
        error_messages={"required": "Choose a CSV file to import", "empty": "The file is empty"},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {MAX_BYTES // 1024 // 1024} MB: "
                "split it into smaller files"
            )
        return upload
