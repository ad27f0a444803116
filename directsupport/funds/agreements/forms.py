"""Forms for ISF agreements: drafting a version, the person's answer, staff recording an
answer, the council's decision, and a review held. They parse what was typed; the rules are
terms.terms_problems (shared with the drafting service) and reviews.review_problems.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, cast

from django import forms

from directsupport.lib.forms import (
    IfNeededInput,
    IfNeededTextarea,
    PoundsField,
    RequiredIfRepresentative,
)
from directsupport.lib.money import typed_pounds
from directsupport.people.forms import DATE_INPUT_FORMATS
from directsupport.people.models import Person

from ..models import AgreedBy, Agreement, FeeKind, Fund
from .reviews import SUMMARY_MAX_LENGTH, review_problems
from .terms import TERM_FIELDS, terms_problems

MAX_BUDGET_PENCE = 10_000_000_00  # £10 million a year: anything above is a typing slip
MAX_MONEY_PENCE = 1_000_000_00
TEXT_MAX_LENGTH = 2000
NAME_MAX_LENGTH = 150
_PERCENT = re.compile(r"(?P<whole>\d{1,3})(?:\.(?P<part>\d{1,2}))?")

# Each term's field on the drafting form.
TERM_TO_FIELD = {
    "annual_budget_pence": "annual_budget",
    "starts_on": "starts_on",
    "ends_on": "ends_on",
    "fee_kind": "fee_kind",
    "fee_basis_points": "fee_percent",
    "fee_monthly_pence": "fee_monthly",
    "contingency_pence": "contingency",
    "bank_max_weeks": "bank_max_weeks",
    "bank_hold_weeks": "bank_hold_weeks",
    "overdraft_limit_pence": "overdraft_limit",
    "notice_weeks": "notice_weeks",
    "first_review_on": "first_review_on",
    "review_every_months": "review_every_months",
    "change_summary": "change_summary",
}


def _tidy(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _percent(basis_points: int) -> str:
    whole, rest = divmod(basis_points, 100)
    return str(whole) if not rest else f"{whole}.{rest:02d}".rstrip("0")


def _date_field(label: str, help_text: str, what: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": f"Enter {what}, for example 1/4/2026.",
            "invalid": f"Enter {what} as a real date, for example 1/4/2026.",
        },
    )


class WholeNumberField(forms.IntegerField):
    """A count typed as a whole number; its range is a rule of the terms (terms_problems)."""

    def __init__(self, *, what: str, **kwargs: Any) -> None:
        super().__init__(
            widget=forms.NumberInput(attrs={"class": "input--short"}),
            error_messages={
                "required": f"Enter {what} as a whole number.",
                "invalid": f"Enter {what} as a whole number, like 4.",
            },
            **kwargs,
        )


class DraftForm(forms.Form):
    """The terms of a new version (or of a draft being changed), prefilled from the last."""

    annual_budget = PoundsField(
        label="Budget for a year (£)",
        what="the budget for a year",
        max_pence=MAX_BUDGET_PENCE,
        allow_zero=True,  # terms_problems says what a budget must be
        help_text="The weekly budget is this divided by 52.",
    )
    starts_on = _date_field("Starts on", "For example, 1/4/2026.", "the day it starts")
    ends_on = _date_field("Ends on", "For example, 31/3/2027.", "the day it ends")
    fee_kind = forms.ChoiceField(
        label="The management fee is",
        choices=FeeKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the fee is a percentage or a fixed amount."},
    )
    fee_percent = forms.CharField(
        label="Fee percentage (%)",
        required=False,
        max_length=10,
        help_text="If the fee is a percentage: from 0 to 25, like 8 or 7.5.",
        widget=forms.TextInput(attrs={"class": "input--short", "inputmode": "decimal"}),
    )
    fee_monthly = PoundsField(
        label="Fee each month (£)",
        what="the fee each month",
        max_pence=MAX_MONEY_PENCE,
        allow_zero=True,
        required=False,
        help_text="If the fee is a fixed amount each month, like 200.00.",
    )
    contingency = PoundsField(
        label="Contingency (£)",
        what="the contingency",
        max_pence=MAX_MONEY_PENCE,
        allow_zero=True,
        help_text="Kept back for the unexpected: illness, a crisis, a broken boiler. 0 for none.",
    )
    bank_max_weeks = WholeNumberField(
        label="Most that may be banked, in weeks of budget",
        what="the most that may be banked",
        help_text="From 0 to 12. 0 means no money may be banked.",
    )
    bank_hold_weeks = WholeNumberField(
        label="Longest money may stay banked, in weeks",
        what="how long money may stay banked",
        help_text="From 1 to 52.",
    )
    overdraft_limit = PoundsField(
        label="Approved overdraft (£)",
        what="the approved overdraft",
        max_pence=MAX_MONEY_PENCE,
        allow_zero=True,
        help_text="How far the fund may go below zero. 0 for none.",
    )
    notice_weeks = WholeNumberField(
        label="Notice period, in weeks",
        what="the notice period",
        help_text="From 0 to 26.",
    )
    first_review_on = _date_field(
        "First review", "6 to 8 weeks after the start.", "the day of the first review"
    )
    review_every_months = WholeNumberField(
        label="Then review at least every (months)",
        what="how often to review",
        help_text="From 1 to 12.",
    )
    change_summary = forms.CharField(
        label="What changed and why",
        required=False,
        max_length=TEXT_MAX_LENGTH,
        help_text="In plain words, for the person and the council. Up to 2,000 characters.",
        error_messages={
            "max_length": "Make this 2,000 characters or fewer (it has %(show_value)d)."
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    stamp = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, first_version: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.first_version = first_version
        if first_version:
            self.fields[
                "change_summary"
            ].help_text = "Optional for the first version. Up to 2,000 characters."

    @staticmethod
    def initial_from(agreement: Agreement | None, *, stamp: str = "") -> dict[str, Any]:
        """The last version's terms, to change from (its change summary is its own)."""
        if agreement is None:
            return {"fee_kind": FeeKind.PERCENT, "review_every_months": 12, "notice_weeks": 4}
        return {
            "annual_budget": typed_pounds(agreement.annual_budget_pence),
            "starts_on": agreement.starts_on,
            "ends_on": agreement.ends_on,
            "fee_kind": agreement.fee_kind,
            "fee_percent": _percent(agreement.fee_basis_points),
            "fee_monthly": typed_pounds(agreement.fee_monthly_pence),
            "contingency": typed_pounds(agreement.contingency_pence),
            "bank_max_weeks": agreement.bank_max_weeks,
            "bank_hold_weeks": agreement.bank_hold_weeks,
            "overdraft_limit": typed_pounds(agreement.overdraft_limit_pence),
            "notice_weeks": agreement.notice_weeks,
            "first_review_on": agreement.first_review_on,
            "review_every_months": agreement.review_every_months,
            "stamp": stamp,
        }

    def clean_fee_percent(self) -> int | None:
        text = self.cleaned_data["fee_percent"].strip().removesuffix("%").strip()
        if not text:
            return None
        match = _PERCENT.fullmatch(text)
        if match is None:
            raise forms.ValidationError(
                "Enter the fee as a percentage from 0 to 25, like 8 or 7.5 (up to 2 decimal "
                "places)."
            )
        return int(Decimal(text) * 100)

    def clean_change_summary(self) -> str:
        return _tidy(self.cleaned_data["change_summary"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("fee_kind")
        if (
            kind == FeeKind.PERCENT
            and data.get("fee_percent") is None
            and not self.has_error("fee_percent")
        ):
            self.add_error("fee_percent", "Enter the fee percentage, like 8 or 7.5.")
        if (
            kind == FeeKind.AMOUNT
            and data.get("fee_monthly") in (None, "")
            and not self.has_error("fee_monthly")
        ):
            self.add_error("fee_monthly", "Enter the fee each month, like 200.00.")
        problems = terms_problems(
            self._typed_terms(),
            change_summary=data.get("change_summary", ""),
            first_version=self.first_version,
        )
        for term, message in problems.items():
            field = TERM_TO_FIELD[term]
            if not self.has_error(field):
                self.add_error(field, message)
        return data

    def _typed_terms(self) -> dict[str, Any]:
        """The terms as far as they could be read (None where a box could not)."""
        data = self.cleaned_data
        kind = data.get("fee_kind")
        return {
            "annual_budget_pence": data.get("annual_budget"),
            "starts_on": data.get("starts_on"),
            "ends_on": data.get("ends_on"),
            "fee_kind": kind,
            "fee_basis_points": data.get("fee_percent") if kind == FeeKind.PERCENT else 0,
            "fee_monthly_pence": data.get("fee_monthly") if kind == FeeKind.AMOUNT else 0,
            "contingency_pence": data.get("contingency"),
            "bank_max_weeks": data.get("bank_max_weeks"),
            "bank_hold_weeks": data.get("bank_hold_weeks"),
            "overdraft_limit_pence": data.get("overdraft_limit"),
            "notice_weeks": data.get("notice_weeks"),
            "first_review_on": data.get("first_review_on"),
            "review_every_months": data.get("review_every_months"),
        }

    def terms(self) -> dict[str, Any]:
        """The terms as typed (a valid form), for draft_agreement or change_draft."""
        terms = self._typed_terms()
        if set(terms) != set(TERM_FIELDS) or None in terms.values():
            raise ValueError("terms() is for a valid form")
        return terms


# --- Answers ----------------------------------------------------------------------------------

ANSWER_YES = "yes"
ANSWER_NO = "no"


class PersonAnswerForm(forms.Form):
    """The person's own answer: "Yes, I agree" or "No, I want changes"."""

    answer = forms.ChoiceField(
        choices=[(ANSWER_YES, "Yes"), (ANSWER_NO, "No")],
        error_messages={"required": "Choose Yes or No.", "invalid_choice": "Choose Yes or No."},
    )
    comment = forms.CharField(
        label="What do you want to change?",
        required=False,
        max_length=TEXT_MAX_LENGTH,
        help_text="You can write it here, or tell us.",
        error_messages={
            "max_length": "Please make this shorter: 2,000 letters or fewer (it has "
            "%(show_value)d)."
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    stamp = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_comment(self) -> str:
        return _tidy(self.cleaned_data["comment"])

    @property
    def says_yes(self) -> bool:
        return self.cleaned_data.get("answer") == ANSWER_YES


class StaffAnswerForm(forms.Form):
    """Staff record the answer given: the person's own, or a representative's with their name
    and why the person cannot decide this themselves now."""

    answer = forms.ChoiceField(
        label="What was the answer?",
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the agreement was agreed or changes asked."},
    )
    agreed_by = forms.ChoiceField(
        label="Who answered?",
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who answered: the person or a representative."},
    )
    representative_name = RequiredIfRepresentative(
        label="Representative's name",
        max_length=NAME_MAX_LENGTH,
        help_text="Only if a representative answered: for example a deputy or an attorney.",
        error_messages={"max_length": "The name must be 150 characters or fewer."},
        widget=IfNeededInput(attrs={"autocomplete": "off"}),
    )
    representative_reason = RequiredIfRepresentative(
        label="Why a representative answered",
        max_length=TEXT_MAX_LENGTH,
        help_text="Only if a representative answered: why {called} cannot decide this "
        "themselves now (Mental Capacity Act 2005).",
        error_messages={"max_length": "The reason must be 2,000 characters or fewer."},
        widget=IfNeededTextarea(attrs={"rows": 4}),
    )
    comment = forms.CharField(
        label="Comments",
        required=False,
        max_length=TEXT_MAX_LENGTH,
        help_text="What was said, and any changes asked for.",
        error_messages={"max_length": "Make this 2,000 characters or fewer."},
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    stamp = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        called = person.called
        cast(forms.ChoiceField, self.fields["answer"]).choices = [
            (ANSWER_YES, "Agreed"),
            (ANSWER_NO, "Asked for changes"),
        ]
        cast(forms.ChoiceField, self.fields["agreed_by"]).choices = [
            (AgreedBy.PERSON, f"{called}, themselves"),
            (
                AgreedBy.REPRESENTATIVE,
                f"A representative, because {called} lacks capacity to decide this now",
            ),
        ]
        reason = self.fields["representative_reason"]
        reason.help_text = str(reason.help_text).format(called=called)

    def clean_comment(self) -> str:
        return _tidy(self.cleaned_data["comment"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("agreed_by") == AgreedBy.REPRESENTATIVE:
            if not data.get("representative_name"):
                self.add_error("representative_name", "Enter the name of the representative.")
            if not data.get("representative_reason"):
                self.add_error(
                    "representative_reason",
                    f"Enter why {self.person.called} cannot decide this themselves now "
                    "(Mental Capacity Act 2005).",
                )
        return data


DECISION_APPROVE = "approve"
DECISION_RETURN = "return"


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            (DECISION_APPROVE, "Approve: the agreement comes into force"),
            (DECISION_RETURN, "Return it, saying why"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to approve or return the agreement."},
    )
    note = forms.CharField(
        label="Comments from the council",
        required=False,
        max_length=TEXT_MAX_LENGTH,
        help_text="Needed if you return it: what must change.",
        error_messages={"max_length": "Make this 2,000 characters or fewer."},
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_note(self) -> str:
        return _tidy(self.cleaned_data["note"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == DECISION_RETURN and not data.get("note"):
            self.add_error("note", "Say why the agreement is returned, so it can be put right.")
        return data

    @property
    def approves(self) -> bool:
        return self.cleaned_data.get("decision") == DECISION_APPROVE


class ReviewForm(forms.Form):
    held_on = _date_field("Held on", "For example, 20/5/2026.", "the day the review was held")
    summary = forms.CharField(
        label="What was said and decided",
        max_length=SUMMARY_MAX_LENGTH,
        help_text="Up to 4,000 characters.",
        error_messages={
            "required": "Say what was said and decided at the review.",
            "max_length": "Make this 4,000 characters or fewer (it has %(show_value)d).",
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args: Any, fund: Fund, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fund = fund

    def clean_summary(self) -> str:
        return _tidy(self.cleaned_data["summary"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        held_on: dt.date | None = data.get("held_on")
        if held_on is not None and not self.has_error("held_on"):
            problems = review_problems(
                fund=self.fund, held_on=held_on, summary=data.get("summary") or "x"
            )
            if "held_on" in problems:
                self.add_error("held_on", problems["held_on"])
        return data
