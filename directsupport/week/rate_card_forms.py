"""The form for a new rate card: from when, the bands of the day, the sleep-in amount, and an
hourly rate for every kind of support in every band. It checks what was typed;
rate_card_services.py checks the rules and does the writing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone

from directsupport.lib.forms import PoundsField
from directsupport.lib.money import typed_pounds
from directsupport.people.forms import DATE_INPUT_FORMATS

from .models import RateCard, SupportKind, TimeBand
from .pricing import BANDS, HOURLY_KINDS
from .rate_card_services import BandTimes

TIME_INPUT_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S"]
# Anything above these is a typing slip (an extra digit), not a rate.
MAX_HOURLY_PENCE = 250_00
MAX_SLEEP_IN_PENCE = 1_000_00
YEARS_AHEAD = 2


def rate_field_name(kind: str, band: str) -> str:
    return f"rate_{kind}_{band}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _time_field(label: str, example: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        help_text=f"For example, {example}.",
        input_formats=TIME_INPUT_FORMATS,
        widget=forms.TimeInput(attrs={"type": "time", "class": "input--short"}, format="%H:%M"),
        error_messages={
            "required": f"Enter when {label.lower()}, for example {example}.",
            "invalid": f"Enter when {label.lower()} as hours and minutes, for example {example}.",
        },
    )


@dataclass(frozen=True)
class RateCell:
    band_label: str
    field: forms.BoundField


@dataclass(frozen=True)
class RateFormRow:
    label: str
    cells: list[RateCell]


class RateCardForm(forms.Form):
    effective_from = forms.DateField(
        label="Starts on",
        help_text="The first day these rates apply, for example 1/4/2026. Prices already worked "
        "out keep the card they were worked out with.",
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Enter the day the new rates start, for example 1/4/2026.",
            "invalid": "Enter a real date, for example 1/4/2026.",
        },
    )
    day_starts = _time_field("Daytime starts", "07:00")
    evening_starts = _time_field("Evening starts", "19:00")
    night_starts = _time_field("Night starts", "22:00")
    sleep_in = PoundsField(
        label="Sleep-in, for each night (£)",
        what="the sleep-in amount",
        max_pence=MAX_SLEEP_IN_PENCE,
        help_text="A fixed amount for each night, whatever its length. For example, 95.00.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in HOURLY_KINDS:
            for band in BANDS:
                what = (
                    f"the {TimeBand(band).label.lower()} rate for {SupportKind(kind).label.lower()}"
                )
                self.fields[rate_field_name(kind, band)] = PoundsField(
                    label=f"{SupportKind(kind).label}, {TimeBand(band).label.lower()} (£ an hour)",
                    what=what,
                    max_pence=MAX_HOURLY_PENCE,
                )

    @staticmethod
    def initial_from(card: RateCard | None) -> dict[str, Any]:
        """Today, and the current card's bands and rates to change from (if there is one)."""
        initial: dict[str, Any] = {"effective_from": timezone.localdate()}
        if card is None:
            initial.update(
                {"day_starts": "07:00", "evening_starts": "19:00", "night_starts": "22:00"}
            )
            return initial
        initial.update(
            {
                "day_starts": card.day_starts,
                "evening_starts": card.evening_starts,
                "night_starts": card.night_starts,
                "sleep_in": typed_pounds(card.sleep_in_pence),
            }
        )
        for rate in card.rates.all():
            initial[rate_field_name(rate.support_kind, rate.band)] = typed_pounds(
                rate.pence_per_hour
            )
        return initial

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        # Tie each message to its box for screen readers (the template shows it beside the box).
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"id_{name}_error"}
                )

    def clean_effective_from(self) -> dt.date:
        date: dt.date = self.cleaned_data["effective_from"]
        today = timezone.localdate()
        if date.year < 2000 or date.year > today.year + YEARS_AHEAD:
            raise forms.ValidationError(
                f"Check the year: a rate card can start up to {YEARS_AHEAD} years ahead."
            )
        return date

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        day, evening, night = (
            self.cleaned_data.get(n) for n in ("day_starts", "evening_starts", "night_starts")
        )
        if (
            day is not None
            and evening is not None
            and night is not None
            and not day < evening < night
        ):
            self.add_error(
                "evening_starts",
                "Daytime, evening and night must start in that order in the day, for example "
                "07:00, 19:00 and 22:00.",
            )
        return cleaned

    def rate_rows(self) -> list[RateFormRow]:
        return [
            RateFormRow(
                label=SupportKind(kind).label,
                cells=[
                    RateCell(
                        band_label=TimeBand(band).label, field=self[rate_field_name(kind, band)]
                    )
                    for band in BANDS
                ],
            )
            for kind in HOURLY_KINDS
        ]

    def bands(self) -> BandTimes:
        return BandTimes(
            day_starts=self.cleaned_data["day_starts"],
            evening_starts=self.cleaned_data["evening_starts"],
            night_starts=self.cleaned_data["night_starts"],
        )

    def hourly(self) -> dict[tuple[str, str], int]:
        return {
            (kind, band): self.cleaned_data[rate_field_name(kind, band)]
            for kind in HOURLY_KINDS
            for band in BANDS
        }
