"""The forms of a contract's pages: drawing it up, agreeing (the person's own easy-read form and
staff recording a decision), notice, ending, a member leaving, and the list's filter. They
validate and tidy input only; the services decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from directsupport.lib.forms import (
    FilterForm,
    IfNeededInput,
    IfNeededTextarea,
    RequiredIfRepresentative,
)
from directsupport.people.circle_forms import check_representative_fields
from directsupport.people.models import DecidedBy, Person

from ..models import ContractStatus, SplitRule

DATE = {"type": "date"}


def _date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages={
            "required": f"Enter {label[:1].lower()}{label[1:]}",
            "invalid": "Enter a real date, like 2027-03-31",
        },
    )


def _text(label: str, *, required: bool = True, help_text: str = "", rows: int = 3) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        max_length=2000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": f"Enter {label[:1].lower()}{label[1:]}",
            "max_length": "Write 2,000 letters or fewer",
        },
    )


class DraftContractForm(forms.Form):
    cancellation_rules = _text(
        "Cancellation rules", help_text="What happens when a session is cancelled, by whom."
    )
    change_rules = _text(
        "How changes are agreed", help_text="Who must agree to a change of times, hours or rate."
    )
    notice_weeks = forms.IntegerField(
        label="Notice to end the contract, in weeks",
        min_value=0,
        max_value=52,
        widget=forms.NumberInput(attrs={"class": "input--short"}),
        error_messages={
            "required": "Enter the weeks of notice, like 4",
            "invalid": "Enter the weeks of notice as a whole number, like 4",
            "min_value": "The notice cannot be less than 0 weeks",
            "max_value": "The notice can be at most 52 weeks",
        },
    )
    ends_on = _date_field(
        "Support ends", required=False, help_text="Leave empty for a contract with no end date."
    )
    absence_rules = _text(
        "When someone is away",
        required=False,
        help_text="For support shared by several people: who pays when one is away.",
    )
    leaving_rules = _text(
        "When someone leaves",
        required=False,
        help_text="For shared support: notice to leave, and how the others' shares change.",
    )
    split_rule = forms.ChoiceField(
        label="How the cost is shared",
        choices=SplitRule.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the cost is shared"},
    )

    def __init__(self, *args: Any, starts_on: dt.date, **kwargs: Any) -> None:
        self.starts_on = starts_on
        super().__init__(*args, **kwargs)

    def clean_ends_on(self) -> dt.date | None:
        ends_on: dt.date | None = self.cleaned_data.get("ends_on")
        if ends_on is not None and ends_on <= self.starts_on:
            raise forms.ValidationError(
                f"The support starts on {self.starts_on:%-d %B %Y}: give a later end date"
            )
        return ends_on


class OwnAgreementForm(forms.Form):
    """The person's own "yes", in easy read."""

    agree = forms.BooleanField(
        label="Yes, I agree to this contract",
        error_messages={"required": "Tick the box to say yes"},
    )
    comment = forms.CharField(
        label="Anything you want to say (you do not have to)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Write 1,000 letters or fewer"},
    )


class RecordAgreementForm(forms.Form):
    """Staff recording what the person, or their representative, decided."""

    decided_by = forms.ChoiceField(
        label="Who decided",
        choices=DecidedBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who made this decision"},
    )
    representative_name = RequiredIfRepresentative(
        label="The representative's name",
        max_length=150,
        widget=IfNeededInput(),
        help_text="Only if a representative decided.",
    )
    representative_reason = RequiredIfRepresentative(
        label="Why a representative decided",
        max_length=1000,
        widget=IfNeededTextarea(attrs={"rows": 3}),
        help_text="Only if a representative decided.",
    )
    comment = forms.CharField(
        label="What the person said, in their words",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Write 1,000 letters or fewer"},
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        self.person = person
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_representative_fields(self, data, self.person)
        return data


class _Reason(forms.Form):
    reason = forms.CharField(
        label="Why",
        max_length=300,
        error_messages={
            "required": "Say why",
            "max_length": "Say why in 300 letters or fewer",
        },
    )


class NoticeForm(_Reason):
    ends_on = _date_field("The last day of support")
    field_order = ["ends_on", "reason"]


class EndForm(_Reason):
    ended_on = _date_field(
        "The last day of support",
        required=False,
        help_text="Leave empty for today, or the end date the notice gave.",
    )
    field_order = ["ended_on", "reason"]


class LeaveForm(_Reason):
    leaves_on = _date_field(
        "Leaves on", help_text="The first day they are no longer in the contract."
    )
    field_order = ["leaves_on", "reason"]


class ContractFilterForm(FilterForm):
    status = forms.ChoiceField(
        label="State",
        required=False,
        choices=[("", "Any state"), *ContractStatus.choices],
    )
