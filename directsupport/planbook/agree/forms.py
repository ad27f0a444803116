"""The person's own answer to their Plan Book, and staff recording an agreement."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from directsupport.lib.forms import IfNeededInput, IfNeededTextarea, RequiredIfRepresentative
from directsupport.people.models import Person

from ..book.forms import COMMENT_MAX_LENGTH, NAME_MAX_LENGTH, TEXT_MAX_LENGTH, StampedForm, tidy
from ..models import SignedBy

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
        return tidy(self.cleaned_data["comment"])

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
