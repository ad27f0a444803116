"""Forms for pools: a member's answer (the person's own in easy read, or staff recording one),
leaving, closing, and sending an agreed pool out to quote."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from directsupport.lib.forms import IfNeededInput, IfNeededTextarea, RequiredIfRepresentative
from directsupport.lib.ids import IdMultipleChoiceField
from directsupport.market.models import Supplier
from directsupport.people.circle_forms import DECIDER_CHOICES, check_representative_fields
from directsupport.people.forms import DATE_INPUT_FORMATS
from directsupport.people.models import DecidedBy, Person

from .services import WORDS_MAX

YES_NO = [("yes", "Yes"), ("no", "No")]
EXAMPLE_DATE = "21 12 2026"


def _date_field(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=f"For example, {EXAMPLE_DATE}.",
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": f"{label}: enter a date, for example {EXAMPLE_DATE}",
            "invalid": f"{label}: enter a real date, for example {EXAMPLE_DATE}",
        },
    )


def _words_field(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=WORDS_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": f"Keep it to {WORDS_MAX:,} characters (it has %(show_value)d)."
        },
    )


class OwnAnswerForm(forms.Form):
    """The person's own answer, in easy read: yes or no, what they want to say, and, when the
    pool costs them more than alone, whether they are happy to pay more."""

    agrees = forms.ChoiceField(
        label="Do you want to join?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose Yes or No."},
    )
    in_their_words = _words_field("Do you want to say why?")
    agreed_to_pay_more = forms.BooleanField(
        label="Yes, I am happy to pay more to go with other people", required=False
    )

    def __init__(self, *args: Any, pays_more: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pays_more = pays_more
        if not pays_more:
            del self.fields["agreed_to_pay_more"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.pays_more and data.get("agrees") == "yes" and not data.get("agreed_to_pay_more"):
            self.add_error(
                "agreed_to_pay_more",
                "It costs you more in the group. Tick the box if that is all right, or say No.",
            )
        return data

    def answer_kwargs(self) -> dict[str, Any]:
        return {
            "agrees": self.cleaned_data["agrees"] == "yes",
            "decided_by": DecidedBy.PERSON,
            "in_their_words": self.cleaned_data["in_their_words"],
            "agreed_to_pay_more": bool(self.cleaned_data.get("agreed_to_pay_more")),
        }


class StaffAnswerForm(forms.Form):
    """Staff recording a member's answer: what the person said (or their representative, with
    the name and the reason), in their words."""

    agrees = forms.ChoiceField(
        label="Their answer",
        choices=[("yes", "Yes, they want to join"), ("no", "No, they do not want to join")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose their answer."},
    )
    decided_by = forms.ChoiceField(
        label="Who made this decision?",
        choices=DECIDER_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who made this decision."},
    )
    representative_name = RequiredIfRepresentative(
        label="Representative's name",
        max_length=150,
        widget=IfNeededInput(attrs={"autocomplete": "off"}),
        help_text="Only if a representative decided.",
    )
    representative_reason = RequiredIfRepresentative(
        label="Why a representative decided",
        max_length=WORDS_MAX,
        widget=IfNeededTextarea(attrs={"rows": 3}),
        help_text="Only if a representative decided: why the person lacks capacity to make "
        "this decision now (Mental Capacity Act 2005).",
        error_messages={
            "max_length": f"Keep it to {WORDS_MAX:,} characters (it has %(show_value)d)."
        },
    )
    in_their_words = _words_field(
        "What they said, in their words", "Write it as they said it, not a summary."
    )
    agreed_to_pay_more = forms.BooleanField(
        label="They agreed to pay more than buying alone", required=False
    )

    def __init__(self, *args: Any, person: Person, pays_more: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.pays_more = pays_more
        if not pays_more:
            del self.fields["agreed_to_pay_more"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_representative_fields(self, data, self.person)
        if self.pays_more and data.get("agrees") == "yes" and not data.get("agreed_to_pay_more"):
            self.add_error(
                "agreed_to_pay_more",
                f"It costs {self.person.called} more in the pool than alone: record that they "
                "agreed to pay more, or record No",
            )
        return data

    def answer_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "agrees": data["agrees"] == "yes",
            "decided_by": data["decided_by"],
            "representative_name": data["representative_name"],
            "representative_reason": data["representative_reason"],
            "in_their_words": data["in_their_words"],
            "agreed_to_pay_more": bool(data.get("agreed_to_pay_more")),
        }


class LeaveForm(forms.Form):
    left_on = _date_field("Leaving from")
    reason = _words_field("Why they are leaving, in their words")


class CloseForm(forms.Form):
    reason = forms.CharField(
        label="Why the pool is closing",
        max_length=300,
        error_messages={
            "required": "Say why the pool is closing",
            "max_length": "Keep the reason to 300 characters (it has %(show_value)d).",
        },
    )


class SupplierChoiceField(IdMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        district = f" ({obj.base_district.code})" if obj.base_district_id else ""
        return f"{obj.name}{district}"


class QuoteForm(forms.Form):
    """Sending an agreed pool out to quote: to which suppliers, the reply date, the start."""

    suppliers = SupplierChoiceField(
        label="Suppliers to ask",
        queryset=Supplier.objects.none(),  # the pool's directory, set per form
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one supplier"},
    )
    respond_by = _date_field("Reply by")
    starts_on = _date_field("Support to start on")
    ends_on = _date_field("Support to end on (if it ends)", required=False)
    details = forms.CharField(
        label="Anything else suppliers should know",
        required=False,
        max_length=2000,
        help_text="Never health or family details.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep it to 2,000 characters (it has %(show_value)d)."},
    )

    def __init__(self, *args: Any, suppliers: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["suppliers"]
        field.queryset = suppliers
