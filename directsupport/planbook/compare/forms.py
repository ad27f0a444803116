"""Choosing two versions of a Plan Book to compare."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms


class CompareForm(forms.Form):
    """Which two versions to compare (a GET form: both numbers are in the address)."""

    every_field_optional = True

    def __init__(self, *args: Any, numbers: Sequence[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(n, f"Version {n}") for n in sorted(numbers)]
        for name, label in (("from", "Compare version"), ("to", "with version")):
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                choices=choices,
                coerce=int,
                error_messages={
                    "required": "Choose a version to compare.",
                    "invalid_choice": "Choose one of the versions in the list.",
                },
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("from") is not None and data.get("from") == data.get("to"):
            self.add_error("to", "Choose two different versions to compare.")
        return data
