"""Forms for the Plan Book: a draft's words, workflow buttons, agreeing, comparing versions.

They validate and normalise; services.py does the writing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from django import forms

from directsupport.lib.forms import IfNeededInput, IfNeededTextarea, RequiredIfRepresentative
from directsupport.people.models import Person

from ..models import PlanBookStatus, PlanBookVersion, SignedBy

TEXT_MAX_LENGTH = 2000
COMMENT_MAX_LENGTH = 1000
NAME_MAX_LENGTH = 150


def _tidy(text: str) -> str:
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
        return _tidy(self.cleaned_data["introduction"])

    def clean_changes_summary(self) -> str:
        return _tidy(self.cleaned_data["changes_summary"])

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


# --- Agreeing -------------------------------------------------------------------------------

ANSWER_YES = "yes"
ANSWER_NO = "no"


class PersonAnswerForm(StampedForm):
    """The person's own answer: yes, this is my Plan Book; or no, I want changes."""

    answer = forms.ChoiceField(
        choices=[(ANSWER_YES, "Yes"), (ANSWER_NO, "No")],
        error_messages={
            "required": "Choose Yes or No.",
            "invalid_choice": "Choose Yes or No.",
        },
    )
    comment = forms.CharField(
        label="What do you want to change?",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        help_text="You can write it here, or tell {coordinator}.",
        error_messages={
            "max_length": "Please make this shorter: 1,000 letters or fewer "
            "(it has %(show_value)d)."
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, coordinator: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comment"].help_text = str(self.fields["comment"].help_text).format(
            coordinator=coordinator
        )

    def clean_comment(self) -> str:
        return _tidy(self.cleaned_data["comment"])

    @property
    def says_yes(self) -> bool:
        return self.cleaned_data.get("answer") == ANSWER_YES


HOW_PAPER = "paper"
HOW_MEETING = "meeting"
HOW_REPRESENTATIVE = "representative"


class StaffAgreementForm(StampedForm):
    """Staff record the agreement: the person's own (made on paper or in a meeting), or a
    representative's, with their name and why the person cannot agree it now."""

    how = forms.ChoiceField(
        label="Who agreed this Plan Book?",
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who agreed this Plan Book, and how."},
    )
    representative_name = RequiredIfRepresentative(
        label="Representative's name",
        max_length=NAME_MAX_LENGTH,
        help_text="Only if a representative agreed: for example a deputy, an attorney, or the "
        "person making a best interests decision.",
        error_messages={"max_length": "The name must be 150 characters or fewer."},
        widget=IfNeededInput(attrs={"autocomplete": "off"}),
    )
    representative_reason = RequiredIfRepresentative(
        label="Why a representative agreed it",
        max_length=TEXT_MAX_LENGTH,
        help_text="Only if a representative agreed: why {called} cannot agree it themselves now "
        "(Mental Capacity Act 2005).",
        error_messages={"max_length": "The reason must be 2,000 characters or fewer."},
        widget=IfNeededTextarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        called = person.called
        cast(forms.ChoiceField, self.fields["how"]).choices = [
            (HOW_PAPER, f"{called} agreed it on paper"),
            (HOW_MEETING, f"{called} agreed it in a meeting"),
            (
                HOW_REPRESENTATIVE,
                f"A representative agreed it, because {called} lacks capacity to agree it now",
            ),
        ]
        reason = self.fields["representative_reason"]
        reason.help_text = str(reason.help_text).format(called=called)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("how") == HOW_REPRESENTATIVE:
            if not data.get("representative_name"):
                self.add_error(
                    "representative_name", "Enter the name of the representative who agreed it."
                )
            if not data.get("representative_reason"):
                self.add_error(
                    "representative_reason",
                    f"Enter why {self.person.called} cannot agree it themselves now "
                    "(Mental Capacity Act 2005).",
                )
        return data

    def agreement(self) -> dict[str, Any]:
        """Keyword arguments for services.agree()."""
        how = self.cleaned_data["how"]
        if how == HOW_REPRESENTATIVE:
            return {
                "signed_by": SignedBy.REPRESENTATIVE,
                "representative_name": self.cleaned_data["representative_name"],
                "representative_reason": self.cleaned_data["representative_reason"],
                "how": "",
            }
        return {"signed_by": SignedBy.PERSON, "how": how}


# --- Comparing versions ---------------------------------------------------------------------


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
