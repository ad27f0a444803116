"""Recording the person's choice of a service: by staff (the person's own words, or someone who
chose for them and why), by the person on the standard page, or in easy read; and the search
for a service that is not in the ranked list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from directsupport.lib.forms import (
    FilterForm,
    IfNeededInput,
    IfNeededTextarea,
    RequiredIfRepresentative,
)
from directsupport.lib.ids import IdChoiceField
from directsupport.people.models import Person

from ..models import Service
from .services import NAME_MAX, ON_BEHALF_MAX, REASON_MAX

CHOSEN_BY_PERSON = "person"
CHOSEN_FOR_PERSON = "someone"


class ServiceField(IdChoiceField):
    """The service chosen, carried as a hidden id: any running service in the directory."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            queryset=Service.objects.none(),
            widget=forms.HiddenInput,
            error_messages={
                "required": "Choose a service from the list, or search for one",
                "invalid_choice": "That service is not in the directory now: choose another",
            },
            **kwargs,
        )


class _ChoiceForm(forms.Form):
    """The service is a hidden field: its problems are shown at the top of the form instead."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        for name, field in self.fields.items():
            if field.widget.is_hidden and name in self.errors:
                self.add_error(None, list(self.errors.pop(name)))
        return data


def _reason_field(label: str, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Say why, in the person's own words",
            "max_length": f"Make the reason {REASON_MAX:,} characters or fewer",
        },
    )


class StaffChoiceForm(_ChoiceForm):
    """Staff record the person's choice: their reason in their own words, and who chose (the
    person, or someone for them, with why: a best guess until checked with the person)."""

    service = ServiceField()
    reason = _reason_field("Why this one", "")
    who = forms.ChoiceField(
        label="Who chose",
        widget=forms.RadioSelect,
        error_messages={"required": "Say who chose"},
    )
    chosen_by_name = RequiredIfRepresentative(
        label="Name of who chose for them",
        max_length=NAME_MAX,
        widget=IfNeededInput(attrs={"autocomplete": "off"}),
        error_messages={"max_length": f"Give a name of {NAME_MAX} characters or fewer"},
    )
    on_behalf_reason = RequiredIfRepresentative(
        label="Why they chose for them",
        max_length=ON_BEHALF_MAX,
        widget=IfNeededTextarea(attrs={"rows": 3}),
        error_messages={"max_length": f"Make this {ON_BEHALF_MAX:,} characters or fewer"},
    )

    def __init__(
        self, *args: Any, person: Person, services: QuerySet[Service], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        called = person.called
        service: Any = self.fields["service"]
        service.queryset = services
        reason = self.fields["reason"]
        reason.label = f"Why {called} chose it, in {called}'s own words"
        reason.help_text = "Write what they said, as they said it."
        who: Any = self.fields["who"]
        who.choices = [
            (CHOSEN_BY_PERSON, f"{called} chose it"),
            (CHOSEN_FOR_PERSON, f"Someone chose it for {called}"),
        ]
        self.fields[
            "chosen_by_name"
        ].help_text = "Only if someone chose for them: a family member, an advocate."
        self.fields["on_behalf_reason"].help_text = (
            f"Only if someone chose for them: why {called} could not choose this themselves "
            f"now. It stays a best guess until it is checked with {called}."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("who") == CHOSEN_FOR_PERSON:
            called = self.person.called
            name = data.get("chosen_by_name", "")
            if not name:
                self.add_error("chosen_by_name", f"Give the name of who chose for {called}")
            elif name.lower() in (self.person.display_name.lower(), called.lower()):
                self.add_error(
                    "chosen_by_name", f"That is {called}'s own name: choose '{called} chose it'"
                )
            if not data.get("on_behalf_reason"):
                self.add_error(
                    "on_behalf_reason", f"Say why {called} could not choose this themselves now"
                )
        return data

    def chosen_by(self) -> str:
        if self.cleaned_data["who"] == CHOSEN_BY_PERSON:
            return self.person.display_name
        return str(self.cleaned_data["chosen_by_name"])

    def on_behalf(self) -> str:
        if self.cleaned_data["who"] == CHOSEN_BY_PERSON:
            return ""
        return str(self.cleaned_data["on_behalf_reason"])


class OwnChoiceForm(_ChoiceForm):
    """The person choosing for themselves: the service, and why, in their words."""

    service = ServiceField()
    reason = _reason_field("Why do you choose it?", "You can write it, or say it to someone.")

    def __init__(self, *args: Any, services: QuerySet[Service], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        service: Any = self.fields["service"]
        service.queryset = services
        self.fields["reason"].error_messages["required"] = "Please say why you choose it"


class ServiceSearchForm(FilterForm):
    q = forms.CharField(
        label="Search the directory for another service",
        required=False,
        max_length=100,
        help_text="A supplier's or a service's name, or a word from what it offers.",
    )
