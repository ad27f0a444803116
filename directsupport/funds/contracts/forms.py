"""Forms for block contracts and their splits. They check what was typed and keep it;
services.py checks the rules and does the writing.

Hours are typed as people say them ("12.5" or "12:30") and kept as whole minutes; money is typed
in pounds and pence and kept as whole pence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms

from directsupport.accounts.models import Organisation
from directsupport.accounts.roles import OrganisationKind
from directsupport.lib.forms import PoundsField
from directsupport.lib.ids import IdChoiceField
from directsupport.people.forms import DATE_INPUT_FORMATS
from directsupport.people.models import Person

from ..models import BlockContract, SplitMethod

HOURS_IN_A_WEEK = 7 * 24
# Anything above this is a typing slip (an extra digit), not a block contract.
MAX_CONTRACT_PENCE = 100_000_000_00
MAX_SHARE_PENCE = MAX_CONTRACT_PENCE
_DECIMAL_HOURS = re.compile(r"\d{1,3}(?:\.\d{1,2})?|\.\d{1,2}")
_CLOCK_HOURS = re.compile(r"(\d{1,3}):([0-5]\d)")
HOURS_HINT = "Hours a week, like 12.5 or 12:30"


def parse_hours(text: str) -> int:
    """Typed hours a week -> whole minutes: "12.5" and "12:30" are 750, "12" is 720.

    Raises ValueError with a message fit to show beside the box.
    """
    cleaned = text.strip().lower().removesuffix("hours").removesuffix("h").strip()
    clock = _CLOCK_HOURS.fullmatch(cleaned)
    if clock:
        minutes = int(clock[1]) * 60 + int(clock[2])
    elif _DECIMAL_HOURS.fullmatch(cleaned):
        exact = Decimal(cleaned) * 60
        if exact != exact.to_integral_value():
            raise ValueError("Give hours to the minute, like 12.5 or 12:30")
        minutes = int(exact)
    else:
        raise ValueError("Enter hours a week as a number, like 12.5 or 12:30")
    if minutes > HOURS_IN_A_WEEK * 60:
        raise ValueError(f"A week has {HOURS_IN_A_WEEK} hours: enter no more than that")
    return minutes


def typed_hours(minutes: int) -> str:
    """750 -> "12:30", as the box shows saved hours."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def _date_field(label: str, example: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=f"For example, {example}.",
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": f"Enter the day the contract {label.lower().split()[0]}s, for example "
            f"{example}.",
            "invalid": f"Enter a real date, for example {example}.",
        },
    )


@dataclass(frozen=True)
class PersonRow:
    person: Person
    cover: forms.BoundField
    hours: forms.BoundField


class ErrorsBesideFields(forms.Form):
    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        # Tie each message to its box for screen readers (the template shows it beside the box).
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"id_{name}_error"}
                )


class CoveredPeopleForm(ErrorsBesideFields):
    """A checkbox for each of the provider's people, with their assessed hours a week."""

    def __init__(
        self,
        *args: Any,
        people: Sequence[Person],
        council: Organisation | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.people = list(people)
        self.fixed_council = council
        for person in self.people:
            self.fields[f"cover_{person.pk}"] = forms.BooleanField(
                label=f"Covered: {person.display_name}", required=False
            )
            self.fields[f"hours_{person.pk}"] = forms.CharField(
                label=f"Assessed hours a week for {person.display_name}",
                required=False,
                max_length=12,
                widget=forms.TextInput(attrs={"class": "input--short", "inputmode": "decimal"}),
            )

    @staticmethod
    def initial_from(covered: dict[int, int]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for person_id, minutes in covered.items():
            initial[f"cover_{person_id}"] = True
            initial[f"hours_{person_id}"] = typed_hours(minutes)
        return initial

    def people_rows(self) -> list[PersonRow]:
        return [
            PersonRow(person, self[f"cover_{person.pk}"], self[f"hours_{person.pk}"])
            for person in self.people
        ]

    def funding_council(self) -> Organisation | None:
        return self.fixed_council

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        council = self.funding_council()
        for person in self.people:
            if not self.cleaned_data.get(f"cover_{person.pk}"):
                continue
            hours_name = f"hours_{person.pk}"
            typed = self.cleaned_data.get(hours_name, "")
            if not typed:
                self.add_error(
                    hours_name, f"Enter the assessed hours a week for {person.display_name}"
                )
            else:
                try:
                    self.cleaned_data[hours_name] = parse_hours(typed)
                except ValueError as error:
                    self.add_error(hours_name, f"{person.display_name}: {error}")
            if council is not None and person.funding_council_id != council.pk:
                self.add_error(
                    f"cover_{person.pk}",
                    f"{person.display_name} is not funded by {council.name}, so cannot be "
                    "covered by its contract",
                )
        return cleaned

    def covered(self) -> list[tuple[Person, int]]:
        return [
            (person, self.cleaned_data[f"hours_{person.pk}"])
            for person in self.people
            if self.cleaned_data.get(f"cover_{person.pk}")
        ]


class ContractForm(CoveredPeopleForm):
    council = IdChoiceField(
        label="Council",
        queryset=Organisation.objects.filter(kind=OrganisationKind.COMMISSIONER),
        empty_label="Choose the council",
        error_messages={"required": "Choose the council the contract is with"},
    )
    reference = forms.CharField(
        label="Contract reference",
        max_length=60,
        help_text="The council's reference, like LBW-LD-017.",
        error_messages={"required": "Enter the council's reference for the contract"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="What the contract is for, like Supported living, learning disabilities.",
        error_messages={"required": "Enter a title for the contract"},
    )
    annual_value = PoundsField(
        label="Annual value (£)",
        what="the annual value",
        max_pence=MAX_CONTRACT_PENCE,
        help_text="What the council pays in a year, in pounds and pence, like 1,800,000.00.",
    )
    starts_on = _date_field("Starts on", "1/4/2026")
    ends_on = _date_field("Ends on", "31/3/2027")

    field_order = ["council", "reference", "title", "annual_value", "starts_on", "ends_on"]

    def funding_council(self) -> Organisation | None:
        chosen: Organisation | None = self.cleaned_data.get("council")
        return chosen

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        starts: dt.date | None = self.cleaned_data.get("starts_on")
        ends: dt.date | None = self.cleaned_data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", "The contract must end after the day it starts")
        return cleaned

    def contract_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.field_order]


class SplitForm(ErrorsBesideFields):
    """How to split: a method, and an amount for each person when amounts are entered."""

    method = forms.ChoiceField(
        label="How should the contract be shared out?",
        choices=SplitMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how to split the contract"},
    )

    def __init__(
        self, *args: Any, contract: BlockContract, people: Sequence[Person], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.contract = contract
        self.people = list(people)
        for person in self.people:
            self.fields[f"amount_{person.pk}"] = PoundsField(
                label=f"Amount for {person.display_name} (£ a year)",
                what=f"the amount for {person.display_name}",
                max_pence=MAX_SHARE_PENCE,
                required=False,
                widget=forms.TextInput(attrs={"class": "input--short", "inputmode": "decimal"}),
            )

    def amount_fields(self) -> list[tuple[Person, forms.BoundField]]:
        return [(person, self[f"amount_{person.pk}"]) for person in self.people]

    def entered(self) -> dict[int, int] | None:
        if self.cleaned_data.get("method") != SplitMethod.ENTERED:
            return None
        return {
            person.pk: amount
            for person in self.people
            if (amount := self.cleaned_data.get(f"amount_{person.pk}"))
        }


class DecideSplitForm(ErrorsBesideFields):
    note = forms.CharField(
        label="Comments for finance",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed if you return the split: say what should change.",
    )
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("return", "Return")], widget=forms.HiddenInput
    )

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == "approve"

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if (
            self.cleaned_data.get("decision") == "return"
            and not self.cleaned_data.get("note", "").strip()
        ):
            self.add_error("note", "Say why the split is returned, so finance can change it")
        return cleaned
