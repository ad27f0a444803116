"""Forms for the person record: the people list filters, the person's details, key dates and
the support team. They validate and normalise; the services in services.py do the writing."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.forms.utils import flatatt
from django.utils import dateformat, timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import OrganisationKind, Role
from directsupport.lib.forms import FilterForm
from directsupport.lib.ids import IdChoiceField, id_formfield

from .models import Area, KeyDate, Person, Stage
from .photos import PreparedPhoto, max_photo_megabytes, prepare_photo

MINE = "mine"
UK_DATE = "j F Y"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%d.%m.%Y"]
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")


# --- The people list ------------------------------------------------------------------------


class QuickSelect(forms.Select):
    """A plain <select> built in Python: the same HTML as forms.Select, without rendering a
    template per option (the coordinator filter can have a hundred options on every list page).
    """

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = {str(v) for v in (value if isinstance(value, list | tuple) else [value])}
        # Plain joins of escaped text: format_html per option was most of the list page's form.
        options = "".join(
            f'<option value="{conditional_escape(str(key))}"'
            f"{' selected' if str(key) in chosen else ''}>{conditional_escape(str(label))}</option>"
            for key, label in self.choices
        )
        # Every value above went through conditional_escape, and flatatt escapes the attributes.
        return mark_safe(f"<select{flatatt(final_attrs)}>{options}</select>")  # noqa: S308


class PeopleFilterForm(FilterForm):
    """Search and filters for the people list (a GET form: every choice is in the address)."""

    q = forms.CharField(
        label="Name",
        required=False,
        max_length=100,
        help_text="First, last or preferred name, or part of one.",
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    area = forms.ChoiceField(
        label="Area",
        required=False,
        widget=QuickSelect,
        error_messages={"invalid_choice": "Choose an area from the list"},
    )
    coordinator = forms.ChoiceField(
        label="Coordinator",
        required=False,
        widget=QuickSelect,
        error_messages={"invalid_choice": "Choose a coordinator from the list"},
    )
    stage = forms.ChoiceField(
        label="Stage",
        required=False,
        choices=[("", "Any stage"), *Stage.choices],
        widget=QuickSelect,
        error_messages={"invalid_choice": "Choose a stage from the list"},
    )

    def __init__(
        self,
        data: Any,
        *,
        user: User,
        areas: Iterable[tuple[int, str]],
        coordinators: Iterable[tuple[int, str]],
    ) -> None:
        """``areas`` and ``coordinators`` are (id, name) pairs the user may filter by."""
        super().__init__(data)
        self.user = user
        cast(forms.ChoiceField, self.fields["area"]).choices = [("", "Any area")] + [
            (str(pk), name) for pk, name in areas
        ]
        coordinator_choices = [(str(pk), name) for pk, name in coordinators]
        mine = (
            [(MINE, "People I coordinate")]
            if any(pk == str(user.pk) for pk, _ in coordinator_choices)
            else []
        )
        cast(forms.ChoiceField, self.fields["coordinator"]).choices = [
            ("", "Any coordinator"),
            *mine,
            *coordinator_choices,
        ]

    @property
    def is_filtered(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.fields)

    def filter(self, people: QuerySet[Person]) -> QuerySet[Person]:
        """The people matching the valid choices; a choice that is not valid is left out."""
        self.is_valid()
        data = self.cleaned_data
        for term in (data.get("q") or "").split():
            people = people.filter(
                Q(first_name__icontains=term)
                | Q(last_name__icontains=term)
                | Q(preferred_name__icontains=term)
            )
        if area := data.get("area"):
            people = people.filter(area_id=int(area))
        if coordinator := data.get("coordinator"):
            people = people.filter(
                coordinator_id=self.user.pk if coordinator == MINE else int(coordinator)
            )
        if stage := data.get("stage"):
            people = people.filter(stage=stage)
        return people


# --- A person's details ---------------------------------------------------------------------

FIELDSETS: list[tuple[str, list[str]]] = [
    ("Their name", ["first_name", "last_name", "preferred_name"]),
    ("About them", ["date_of_birth", "photo", "remove_photo"]),
    ("Where they live", ["address_line_1", "address_line_2", "town", "postcode", "area"]),
    (
        "How they communicate",
        ["communicates_by", "communicate_with_me", "communication_support", "preferred_format"],
    ),
    ("Their support", ["funding_council", "coordinator", "stage", "user"]),
]


@dataclass(frozen=True)
class FieldDifference:
    """One field where the user's typed value and the saved value disagree."""

    name: str
    label: str
    yours: str
    saved: str


class PersonForm(forms.ModelForm):
    """Adding a person: every detail, with choices from the user's own organisation."""

    photo = forms.FileField(
        label="Photo",
        required=False,
        help_text="A JPEG, PNG or WebP picture. Ask the person first.",
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = Person
        # Area, council, coordinator and sign-in refuse an id too large to exist (lib.ids).
        formfield_callback = id_formfield
        fields = [
            "first_name",
            "last_name",
            "preferred_name",
            "date_of_birth",
            "address_line_1",
            "address_line_2",
            "town",
            "postcode",
            "area",
            "communicates_by",
            "communicate_with_me",
            "communication_support",
            "preferred_format",
            "funding_council",
            "coordinator",
            "stage",
            "user",
        ]
        labels = {
            "first_name": "First name",
            "last_name": "Last name",
            "preferred_name": "Preferred name",
            "date_of_birth": "Date of birth",
            "address_line_1": "Address line 1",
            "address_line_2": "Address line 2",
            "town": "Town or city",
            "postcode": "Postcode",
            "area": "Area",
            "funding_council": "Council that funds their support",
            "coordinator": "Coordinator",
            "stage": "Stage",
            "user": "Their own sign-in",
        }
        help_texts = {
            "date_of_birth": "For example, 27/3/1985.",
            "area": "The neighbourhood used to group people.",
            "funding_council": "Commissioners from this council will be able to see the record.",
            "stage": "Where they are on the journey to an Individual Service Fund.",
            "user": "If they sign in to Direct Your Support themselves.",
        }
        error_messages = {
            "first_name": {"required": "Enter their first name."},
            "last_name": {"required": "Enter their last name."},
            "date_of_birth": {"invalid": "Enter a real date of birth, for example 27/3/1985."},
            "postcode": {"max_length": "Enter a full UK postcode, like HF1 2AB."},
            "communicates_by": {
                "max_length": "How they communicate must be 2,000 characters or fewer "
                "(it has %(show_value)d)."
            },
            "communicate_with_me": {
                "max_length": "How to communicate with them must be 2,000 characters or fewer "
                "(it has %(show_value)d)."
            },
            "user": {"unique": "This sign-in already belongs to someone else's record."},
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "preferred_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "postcode": forms.TextInput(attrs={"class": "input--short", "autocomplete": "off"}),
            "communicates_by": forms.Textarea(attrs={"rows": 3}),
            "communicate_with_me": forms.Textarea(attrs={"rows": 3}),
            "preferred_format": forms.RadioSelect,
            "stage": forms.RadioSelect,
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance
        self.fields["photo"].help_text = (
            f"A JPEG, PNG or WebP picture, smaller than {max_photo_megabytes()} MB. "
            "Ask the person if they are happy for you to add it."
        )
        cast(forms.DateField, self.fields["date_of_birth"]).input_formats = DATE_INPUT_FORMATS
        self._choose_from("area", Area.objects.filter(organisation=organisation), "Not chosen")
        self._choose_from(
            "funding_council",
            Organisation.objects.filter(kind=OrganisationKind.COMMISSIONER),
            "Not known yet",
        )
        # A coordinator who has since left stays on the record until someone chooses another.
        self._choose_from(
            "coordinator",
            User.objects.filter(
                Q(is_active=True) | Q(pk=current.coordinator_id or 0),
                organisation=organisation,
                role=Role.COORDINATOR,
            ),
            "No coordinator yet",
        )
        self._choose_from(
            "user",
            User.objects.filter(
                Q(person_record__isnull=True) | Q(person_record=current.pk or 0),
                organisation=organisation,
                role=Role.PERSON,
                is_active=True,
            ),
            "They do not sign in",
        )
        self.fields["preferred_format"].label = "How they like their information"

    def _choose_from(self, name: str, queryset: QuerySet[Any], empty_label: str) -> None:
        field = cast(forms.ModelChoiceField, self.fields[name])
        field.queryset = queryset
        field.empty_label = empty_label

    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in FIELDSETS
        ]

    def clean_first_name(self) -> str:
        return " ".join(self.cleaned_data["first_name"].split())

    def clean_last_name(self) -> str:
        return " ".join(self.cleaned_data["last_name"].split())

    def clean_preferred_name(self) -> str:
        return " ".join(self.cleaned_data["preferred_name"].split())

    def clean_date_of_birth(self) -> dt.date | None:
        born: dt.date | None = self.cleaned_data.get("date_of_birth")
        if born is None:
            return None
        if born > timezone.localdate():
            raise ValidationError("The date of birth must be in the past.")
        if born.year < 1900:
            raise ValidationError("Check the year of birth: it must be 1900 or later.")
        return born

    def clean_postcode(self) -> str:
        raw = " ".join(self.cleaned_data["postcode"].upper().split())
        if not raw:
            return ""
        match = POSTCODE.match(raw)
        if match is None:
            raise ValidationError("Enter a full UK postcode, like HF1 2AB.")
        return f"{match.group(1)} {match.group(2)}"

    def clean_photo(self) -> PreparedPhoto | None:
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        return prepare_photo(upload, size=upload.size)

    def details(self) -> dict[str, Any]:
        """The cleaned values of the record's own fields, for create_person/update_person."""
        return {name: self.cleaned_data[name] for name in self._meta.fields or []}

    def differences(self, saved: Person) -> list[FieldDifference]:
        """What the user typed against what is saved now, for the conflict page."""
        rows = []
        for name, value in self.details().items():
            saved_value = getattr(saved, name)
            if _comparable(value) != _comparable(saved_value):
                rows.append(
                    FieldDifference(
                        name=name,
                        label=str(self.fields[name].label),
                        yours=_shown(self.fields[name], value),
                        saved=_shown(self.fields[name], saved_value),
                    )
                )
        return rows


class PersonEditForm(PersonForm):
    """Changing a person: the same details, the version they started from, and the photo."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    remove_photo = forms.BooleanField(
        label="Remove the photo",
        required=False,
        help_text="Tick this to take the current photo off their record.",
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["photo"].label = "New photo" if self.instance.photo else "Photo"
        if not self.instance.photo:
            del self.fields["remove_photo"]

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        # The version is a hidden field: an error on it would be invisible beside the field.
        if self.errors.pop("version", None):
            self.add_error(
                None, "This page was out of date. Check the details below and save again."
            )
        return cleaned


def _comparable(value: Any) -> Any:
    if isinstance(value, Person | User | Organisation | Area):
        return value.pk
    return value if value is not None else ""


def _shown(field: forms.Field, value: Any) -> str:
    """A value as the user would recognise it: the label of a choice, a UK date, or 'Blank'."""
    if value is None or value == "":
        return "(left blank)"
    if isinstance(value, dt.date):
        return dateformat.format(value, UK_DATE)
    choices = dict(getattr(field, "choices", []) or [])
    if not isinstance(value, Person | User | Organisation | Area) and value in choices:
        return str(choices[value])
    return str(value)


# --- Key dates and the support team -----------------------------------------------------------


class KeyDateForm(forms.ModelForm):
    class Meta:
        model = KeyDate
        fields = ["label", "date", "every_year"]
        labels = {
            "label": "What is the date?",
            "date": "Date",
            "every_year": "It comes round every year",
        }
        help_texts = {
            "label": "For example: Birthday, Mum's birthday, Moved into my flat.",
            "date": "For example, 27/3/2026.",
            "every_year": "Like a birthday. Leave it unticked for a one-off date.",
        }
        error_messages = {
            "label": {"required": "Say what the date is, for example Birthday."},
            "date": {
                "required": "Enter the date.",
                "invalid": "Enter a real date, for example 27/3/2026.",
            },
        }
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.DateField, self.fields["date"]).input_formats = DATE_INPUT_FORMATS
        self.fields["every_year"].initial = True

    def clean_label(self) -> str:
        return " ".join(self.cleaned_data["label"].split())


def assignable_workers(person: Person) -> QuerySet[User]:
    """Support workers of the person's organisation who are not on their team yet."""
    return User.objects.filter(
        organisation_id=person.organisation_id, role=Role.SUPPORT_WORKER, is_active=True
    ).exclude(assignments__person=person)


class AssignWorkerForm(forms.Form):
    worker = IdChoiceField(
        label="Support worker",
        queryset=User.objects.none(),
        empty_label="Choose a support worker",
        error_messages={
            "required": "Choose a support worker to add.",
            "invalid_choice": "Choose a support worker from the list.",
        },
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["worker"]).queryset = assignable_workers(person)
