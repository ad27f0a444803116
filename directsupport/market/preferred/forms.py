"""Forms for the preferred supplier list: a criterion, proposing a supplier, a supplier's
application, an assessment, the panel's view and a decision. They tidy and check what was
typed; the workflow's rules (which moves, reasons, what approval needs) are the services'.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from directsupport.lib.forms import IfNeededTextarea
from directsupport.lib.ids import IdChoiceField
from directsupport.people.forms import DATE_INPUT_FORMATS

from ..models import Assessment, CriterionKind, PreferredCriterion, Supplier
from .services import DECISION_STATUSES, REASON_REQUIRED, decisions_from


def _tidy(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _text(
    label: str, *, max_length: int, required_message: str, rows: int = 4, **kwargs: Any
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": required_message,
            "max_length": f"Make this {max_length:,} characters or fewer.",
        },
        **kwargs,
    )


class _Tidied(forms.Form):
    """Text typed into any field loses stray spaces and Windows line ends."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, value in list(data.items()):
            if isinstance(value, str):
                data[name] = _tidy(value)
        return data


class CriterionForm(_Tidied):
    kind = forms.ChoiceField(
        label="What it is about",
        choices=CriterionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the criterion is about."},
    )
    title = forms.CharField(
        label="Name",
        max_length=150,
        help_text="Short, such as 'Good quality support'.",
        error_messages={
            "required": "Enter a name for the criterion.",
            "max_length": "Make the name 150 characters or fewer.",
        },
    )
    description = _text(
        "What a supplier must show",
        max_length=1000,
        required_message="Say what a supplier must show to meet it.",
    )
    easy_read = forms.CharField(
        label="In easy read",
        max_length=200,
        help_text="One or two short sentences for people supported, such as 'They give good "
        "support. People are happy with them.'",
        error_messages={
            "required": "Write the criterion in easy read: one or two short sentences.",
            "max_length": "Keep the easy-read words to 200 characters or fewer.",
        },
    )
    agreed_on = forms.DateField(
        label="Agreed on",
        help_text="For example, 12/3/2026.",
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Enter the day it was agreed, for example 12/3/2026.",
            "invalid": "Enter the day it was agreed as a real date, for example 12/3/2026.",
        },
    )
    agreed_with = forms.CharField(
        label="Agreed with",
        max_length=300,
        help_text="Who agreed it: for example, 'The co-production panel and Hollowfield "
        "Council's commissioners'.",
        error_messages={
            "required": "Say who agreed it: people supported, the panel, the council.",
            "max_length": "Make this 300 characters or fewer.",
        },
    )
    active = forms.BooleanField(
        label="Applications are assessed against it",
        required=False,
        initial=True,
        help_text="Untick to stop using it. Past assessments against it are kept.",
    )

    def __init__(self, *args: Any, new: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if new:  # a new criterion is used from the start
            del self.fields["active"]

    @staticmethod
    def initial_for(criterion: PreferredCriterion) -> dict[str, Any]:
        return {
            "kind": criterion.kind,
            "title": criterion.title,
            "description": criterion.description,
            "easy_read": criterion.easy_read,
            "agreed_on": criterion.agreed_on,
            "agreed_with": criterion.agreed_with,
            "active": criterion.active,
        }


class ProposeForm(_Tidied):
    supplier = IdChoiceField(
        label="Supplier",
        queryset=Supplier.objects.none(),
        empty_label="Choose a supplier",
        error_messages={
            "required": "Choose the supplier to propose.",
            "invalid_choice": "Choose a supplier from the list: that one cannot be proposed now.",
        },
    )
    why = _text(
        "Why propose them",
        max_length=2000,
        required_message="Say why this supplier is proposed.",
        help_text="What people have said about them, and what they could offer.",
    )

    def __init__(self, *args: Any, suppliers: QuerySet[Supplier], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["supplier"]).queryset = suppliers


class ApplyForm(_Tidied):
    statement = _text(
        "Why you should be on the preferred list",
        max_length=3000,
        rows=10,
        required_message="Say why you should be on the preferred list: how you meet each "
        "criterion.",
        help_text="Say how you meet each criterion above, with examples. Up to 3,000 characters.",
    )


class AssessForm(_Tidied):
    version = forms.IntegerField(widget=forms.HiddenInput)
    result = forms.ChoiceField(
        label="Does the supplier meet it?",
        choices=Assessment.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose met, partly met or not met."},
    )
    evidence = _text(
        "Evidence",
        max_length=2000,
        required_message="Give the evidence for this: what you saw, read or were told.",
        help_text="What you saw, read or were told, and by whom. Up to 2,000 characters.",
    )


class PanelViewForm(_Tidied):
    version = forms.IntegerField(widget=forms.HiddenInput)
    view = _text(
        "The panel's view",
        max_length=3000,
        rows=8,
        required_message="Write the panel's view.",
        help_text="In the panel's own words: what it thinks, and why. Up to 3,000 characters.",
    )


class _DecisionField(forms.ChoiceField):
    """Shows the decisions open from the status the page was drawn at, but accepts any decision:
    if the application moved on meanwhile, the service says so in words (a conflict, or why that
    move is not possible now) instead of 'not one of the choices'."""

    def valid_value(self, value: Any) -> bool:
        return value in DECISION_STATUSES


class _NeededForSomeDecisions(forms.CharField):
    """Marked required, so its label does not say '(optional)', though only some decisions need
    it: an empty reason passes here and clean() asks for one where the decision needs it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=True, **kwargs)

    def validate(self, value: Any) -> None:
        """No check for emptiness here: that depends on the decision."""


class DecisionForm(_Tidied):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = _DecisionField(
        label="Your decision",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a decision.",
            "invalid_choice": "Choose one of the decisions listed.",
        },
    )
    reason = _NeededForSomeDecisions(
        label="Reason",
        max_length=2000,
        widget=IfNeededTextarea(attrs={"rows": 4}),
        error_messages={"max_length": "Make the reason 2,000 characters or fewer."},
        help_text="Needed to approve, reinstate, decline or suspend. The supplier sees it.",
    )

    def __init__(self, *args: Any, current: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = decisions_from(current)
        self.current = current

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("status") in REASON_REQUIRED and not data.get("reason"):
            self.add_error("reason", "Give the reason for this decision: the supplier sees it.")
        return data
