"""Forms for a Plan Book version: a draft's words and the workflow buttons, and the version
stamp every change carries (agree/forms.py builds on it). They validate and normalise;
services.py does the writing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms

from directsupport.people.models import Person

from ..models import PlanBookStatus, PlanBookVersion

TEXT_MAX_LENGTH = 2000
COMMENT_MAX_LENGTH = 1000
NAME_MAX_LENGTH = 150


def tidy(text: str) -> str:
    """Line endings made alike and blank lines at either end dropped; the words as typed."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


class VersionStampField(forms.IntegerField):
    """The version of the Plan Book the page was showing (hidden), for spotting stale saves."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            widget=forms.HiddenInput,
            min_value=1,
            error_messages={
                "required": "This page is out of date. Open the Plan Book again and retry.",
                "invalid": "This page is out of date. Open the Plan Book again and retry.",
                "min_value": "This page is out of date. Open the Plan Book again and retry.",
            },
            **kwargs,
        )


class StampedForm(forms.Form):
    """A form carrying the version stamp: a missing or garbled stamp is said at the top (a
    hidden field has no place of its own to show its error)."""

    version = VersionStampField()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.has_error("version"):
            self.add_error(None, self.errors["version"][0])
        return data


@dataclass(frozen=True)
class Difference:
    label: str
    yours: str
    saved: str


class PlanBookTextForm(StampedForm):
    """A draft's introduction and its note of what has changed since the last version."""

    introduction = forms.CharField(
        label="About this Plan Book",
        required=False,
        max_length=TEXT_MAX_LENGTH,
        help_text="A few words from {called}, or about how this Plan Book was made. "
        "Up to 2,000 characters.",
        error_messages={
            "max_length": "About this Plan Book must be 2,000 characters or fewer "
            "(it has %(show_value)d)."
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    changes_summary = forms.CharField(
        label="What has changed since the last version",
        required=False,
        max_length=TEXT_MAX_LENGTH,
        help_text="In plain words, for {called} and the circle. Up to 2,000 characters.",
        error_messages={
            "max_length": "What has changed must be 2,000 characters or fewer "
            "(it has %(show_value)d)."
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    FIELDS = ("introduction", "changes_summary")

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.FIELDS:
            field = self.fields[name]
            field.help_text = str(field.help_text).format(called=person.called)

    def clean_introduction(self) -> str:
        return tidy(self.cleaned_data["introduction"])

    def clean_changes_summary(self) -> str:
        return tidy(self.cleaned_data["changes_summary"])

    def typed(self) -> list[Difference]:
        """What the user typed, to show them when it cannot be saved (nothing is lost)."""
        return [
            Difference(str(self.fields[name].label), self.cleaned_data.get(name, ""), "")
            for name in self.FIELDS
            if self.cleaned_data.get(name)
        ]

    def differences(self, saved: PlanBookVersion) -> list[Difference]:
        """What the user typed beside what is saved now, for the fields that differ."""
        rows = []
        for name in self.FIELDS:
            yours = self.cleaned_data.get(name, "")
            theirs = getattr(saved, name)
            if yours != theirs:
                rows.append(Difference(str(self.fields[name].label), yours, theirs))
        return rows


class VersionStampForm(forms.Form):
    """A button that acts on the version as the page showed it (compile, start)."""

    version = VersionStampField()


STATUS_CHOICES = [
    (PlanBookStatus.SHARED, "Share"),
    (PlanBookStatus.DRAFT, "Back to draft"),
    (PlanBookStatus.PUBLISHED, "Publish"),
]


class StatusForm(forms.Form):
    """Share, back to draft, publish: one button each."""

    status = forms.ChoiceField(
        choices=STATUS_CHOICES,
        error_messages={
            "required": "Choose what to do with this version.",
            "invalid_choice": "Choose share, back to draft or publish.",
        },
    )
    version = VersionStampField()
