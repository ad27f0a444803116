"""The dashboard's filters: the period (from month, to month) and, for the provider's staff, one
council's people. Validation only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

ALL_COUNCILS = ""


def _month_choices(months: list[dt.date]) -> list[tuple[str, str]]:
    return [(f"{month:%Y-%m}", f"{month:%B %Y}") for month in months]


class PeriodForm(forms.Form):
    start = forms.ChoiceField(label="From the start of")
    end = forms.ChoiceField(label="To the end of")
    council = forms.ChoiceField(label="Council", required=False)

    def __init__(
        self,
        data: Any,
        *,
        months: list[dt.date],
        councils: list[tuple[int, str]] | None,
    ) -> None:
        if data is not None and months:
            # A month left out means the programme so far at that end (a link with the council
            # only, say), never an error.
            data = data.copy()
            data.setdefault("start", f"{months[0]:%Y-%m}")
            data.setdefault("end", f"{months[-1]:%Y-%m}")
        super().__init__(data)
        self.months = months
        choices = _month_choices(months)
        for name, initial in (("start", months[:1]), ("end", months[-1:])):
            field = self.fields[name]
            field.choices = choices  # type: ignore[attr-defined]
            field.initial = f"{initial[0]:%Y-%m}" if initial else None
        if councils is None:
            del self.fields["council"]
        else:
            self.fields["council"].choices = [  # type: ignore[attr-defined]
                (ALL_COUNCILS, "Every council"),
                *((str(pk), name) for pk, name in councils),
            ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error(
                "end",
                "The \u2018to\u2019 month must be the same as or after the \u2018from\u2019 month.",
            )
        return cleaned

    def period(self) -> tuple[dt.date, dt.date] | None:
        """The months chosen (the programme so far for any left out), or None when there are no
        figures yet. A form with errors shows the programme so far."""
        if not self.months:
            return None
        start, end = self.months[0], self.months[-1]
        if self.is_bound and self.is_valid():
            start = dt.date.fromisoformat(self.cleaned_data["start"] + "-01")
            end = dt.date.fromisoformat(self.cleaned_data["end"] + "-01")
        return start, end

    def council_id(self) -> int | None:
        if "council" not in self.fields or not self.is_bound or not self.is_valid():
            return None
        chosen = self.cleaned_data.get("council") or ""
        return int(chosen) if chosen else None
