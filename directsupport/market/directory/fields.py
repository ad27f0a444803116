"""The fields and small helpers the directory's forms share: dates, whole numbers in a range,
lists typed with commas, postcodes, and tidying typed text."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import dateformat

from directsupport.people.forms import DATE_INPUT_FORMATS

UK_DATE = "j F Y"
# A CQC location ID: "1-" and the location's number (CQC's own format, such as 1-101234567).
CQC_LOCATION_ID = re.compile(r"^1-[0-9]{5,12}$")
MAX_LIST_ITEMS = 20
MAX_ITEM_LENGTH = 50
# Room for a postcode typed with extra spaces; anything longer gets the postcode message.
POSTCODE_TYPED_LENGTH = 20
POSTCODE_TOO_LONG = "Type a postcode such as HF3 2AB, or a district such as HF3"


def date_field(label: str, help_text: str, what: str, *, required: bool) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": f"Enter {what}, for example 1/4/2026.",
            "invalid": f"Enter {what} as a real date, for example 1/4/2026.",
        },
    )


def whole_number(
    label: str, *, what: str, lowest: int, highest: int, required: bool = False, **kwargs: Any
) -> forms.IntegerField:
    between = f"{what[:1].upper()}{what[1:]} must be a whole number from {lowest} to {highest}"
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=lowest,
        max_value=highest,
        widget=forms.NumberInput(attrs={"class": "input--short"}),
        error_messages={
            "required": f"Enter {what}",
            "invalid": between,
            "min_value": between,
            "max_value": between,
        },
        **kwargs,
    )


def one_line(text: str) -> str:
    return " ".join(text.split())


def multiline(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def uk_date(day: dt.date) -> str:
    return dateformat.format(day, UK_DATE)


class TypedListField(forms.CharField):
    """Words typed with commas between them ("Punjabi, Urdu"), cleaned to a list without
    repeats, each tidied to single spaces."""

    def __init__(self, *, what: str, **kwargs: Any) -> None:
        self.what = what
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 1000)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value) or ""
        items: list[str] = []
        seen: set[str] = set()
        for raw in text.split(","):
            item = one_line(raw)
            if not item or item.casefold() in seen:
                continue
            if len(item) > MAX_ITEM_LENGTH:
                raise forms.ValidationError(
                    f"“{item[:20]}…” is too long: keep each of the {self.what} under "
                    f"{MAX_ITEM_LENGTH} letters, with commas between them"
                )
            seen.add(item.casefold())
            items.append(item)
        if len(items) > MAX_LIST_ITEMS:
            raise forms.ValidationError(
                f"Give at most {MAX_LIST_ITEMS} {self.what}: the ones people ask for most"
            )
        return items
