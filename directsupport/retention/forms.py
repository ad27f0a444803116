"""Forms for support ending, keep and destroy decisions, and erasure requests."""

from __future__ import annotations

from typing import Any

from django import forms

from directsupport.people.forms import DATE_INPUT_FORMATS

from .holdings import Holding
from .models import REASON_MAX
from .schedule import Target


def _date_field(
    label: str, *, what: str, required: bool = True, help_text: str = ""
) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text or "For example 31/3/2018.",
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": f"Enter {what}, for example 31/3/2018.",
            "invalid": f"Enter {what} as a real date, for example 31/3/2018.",
        },
    )


def _reason_field(label: str, *, asked: str, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": asked,
            "max_length": f"Keep it to {REASON_MAX} characters or fewer.",
        },
    )


class SupportEndedForm(forms.Form):
    support_ended_on = _date_field(
        "Support ended on",
        what="the last day we supported them",
        required=False,
        help_text="The last day we supported them. Leave it empty if we still do. "
        "For example 31/3/2018.",
    )


def _target_choices(items: list[Holding]) -> list[tuple[str, str]]:
    return [(item.target.value, f"{item.rule.title} ({item.rows})") for item in items]


class DestroyForm(forms.Form):
    targets = forms.MultipleChoiceField(
        label="What to destroy",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one kind of record to destroy."},
    )
    reason = _reason_field("Why", asked="Say why these records are being destroyed.")
    confirm = forms.BooleanField(
        label="I understand that destroyed records cannot be brought back",
        error_messages={"required": "Tick the box to confirm they cannot be brought back."},
    )

    def __init__(self, *args: Any, due: list[Holding], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["targets"].choices = _target_choices(due)  # type: ignore[attr-defined]

    def chosen(self) -> list[Target]:
        return [Target(value) for value in self.cleaned_data["targets"]]


class KeepForm(forms.Form):
    target = forms.ChoiceField(
        label="What to keep",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which records to keep."},
    )
    reason = _reason_field(
        "Why they must be kept longer",
        asked="Say why these records must be kept longer.",
    )
    next_review_on = _date_field("Look at them again on", what="the day to look at them again")

    def __init__(self, *args: Any, due: list[Holding], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = _target_choices(due)  # type: ignore[attr-defined]
        self.fields["reason"].help_text = (
            "For example: a complaint or a safeguarding enquiry is still open, or a court case "
            "may need them."
        )


class ErasureRequestForm(forms.Form):
    asked_by = forms.CharField(
        label="Who asked",
        max_length=250,
        help_text="Their name, and who they are to the person if it was not the person.",
        error_messages={"required": "Enter who asked."},
    )
    asked_on = _date_field("When they asked", what="the day they asked")
    what = _reason_field(
        "What they asked to be erased",
        asked="Enter what they asked to be erased, in their words if you can.",
    )


ERASE_CHOICES = [("erase", "Erase"), ("keep", "Keep")]


class ErasureDecisionForm(forms.Form):
    """One erase-or-keep choice and a reason for each kind of record held about the person."""

    def __init__(self, *args: Any, held: list[Holding], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.held = held
        for item in held:
            key = item.target.value
            self.fields[f"{key}-choice"] = forms.ChoiceField(
                label=f"{item.rule.title}: erase or keep?",
                choices=ERASE_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": f"{item.rule.title}: choose erase or keep."},
            )
            self.fields[f"{key}-reason"] = _reason_field(
                f"{item.rule.title}: your reason",
                asked=f"{item.rule.title}: give the reason for your decision.",
            )

    def rows(self) -> list[tuple[Holding, forms.BoundField, forms.BoundField]]:
        return [
            (item, self[f"{item.target.value}-choice"], self[f"{item.target.value}-reason"])
            for item in self.held
        ]

    def decisions(self) -> dict[Target, tuple[bool, str]]:
        return {
            item.target: (
                self.cleaned_data[f"{item.target.value}-choice"] == "erase",
                self.cleaned_data[f"{item.target.value}-reason"],
            )
            for item in self.held
        }
