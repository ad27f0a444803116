"""The form for what a person shares with the council that funds them. No side effects."""

from __future__ import annotations

from typing import Any

from django import forms

from directsupport.lib.forms import IfNeededInput, IfNeededTextarea, RequiredIfRepresentative

from .circle_forms import DECIDER_CHOICES, YES_NO, check_representative_fields
from .models import COUNCIL_SHAREABLE, DecidedBy, Person

# Each choice as the person is asked it, and as staff tick it.
QUESTIONS: dict[str, tuple[str, str]] = {
    "outcomes": (
        "Can the council see what I want to achieve?",
        "The council may see {called}'s outcomes (what {called} wants to achieve)",
    ),
    "perfect_week": (
        "Can the council see my Perfect Week? They will not see the names of my family and "
        "friends.",
        "The council may see {called}'s Perfect Week (family and friends are not named)",
    ),
    "communication": (
        "Can the council see how to talk with me?",
        "The council may see how to communicate with {called}",
    ),
}


def _yes(value: str) -> bool:
    return value == "yes"


class CouncilSharingForm(forms.Form):
    """A yes or no for each thing the person may share with the council (COUNCIL_SHAREABLE).

    The person answers in easy read; staff tick boxes and say who decided, as on the circle's
    permissions form.
    """

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
        help_text="Only if a representative decided: for example a deputy or an attorney.",
    )
    representative_reason = RequiredIfRepresentative(
        label="Why a representative decided",
        max_length=2000,
        help_text="Only if a representative decided: why the person lacks capacity to make this "
        "decision now (Mental Capacity Act 2005).",
        widget=IfNeededTextarea(attrs={"rows": 4}),
    )

    def __init__(
        self, *args: Any, person: Person, shared: frozenset[str], by_the_person: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.by_the_person = by_the_person
        if by_the_person:
            for name in ("decided_by", "representative_name", "representative_reason"):
                del self.fields[name]
        for kind in COUNCIL_SHAREABLE:
            easy, staff = QUESTIONS[kind]
            if by_the_person:
                self.fields[f"share_{kind}"] = forms.TypedChoiceField(
                    label=easy,
                    choices=YES_NO,
                    coerce=_yes,
                    widget=forms.RadioSelect,
                    initial="yes" if kind in shared else "no",
                    error_messages={"required": "Choose Yes or No."},
                )
            else:
                self.fields[f"share_{kind}"] = forms.BooleanField(
                    label=staff.format(called=person.called),
                    required=False,
                    initial=kind in shared,
                )

    @property
    def share_fields(self) -> list[forms.BoundField]:
        return [self[f"share_{kind}"] for kind in COUNCIL_SHAREABLE]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.by_the_person:
            check_representative_fields(self, data, self.person)
        return data

    def shares(self) -> frozenset[str]:
        return frozenset(
            kind for kind in COUNCIL_SHAREABLE if self.cleaned_data.get(f"share_{kind}")
        )

    def decision(self) -> dict[str, Any]:
        """Keyword arguments for record_council_sharing about who decided."""
        if self.by_the_person:
            return {"decided_by": DecidedBy.PERSON}
        return {
            "decided_by": self.cleaned_data["decided_by"],
            "representative_name": self.cleaned_data["representative_name"],
            "representative_reason": self.cleaned_data["representative_reason"],
        }
