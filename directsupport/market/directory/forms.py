"""Forms for a supplier's entry and its services: they validate and normalise, with a message
beside the field that says what to do; services.py does the writing. Every form keeps what was
typed when it is shown again. A service's times, districts, prices and closure days have their
forms in part_forms.py; the directory's terms and districts in reference_forms.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.utils import timezone

from directsupport.lib.ids import IdMultipleChoiceField
from directsupport.week.models import SupportRatio

from ..districts import BadPostcode, district_for
from ..models import (
    CqcRating,
    PostcodeDistrict,
    Service,
    ServiceStatus,
    Supplier,
    SupplierKind,
    TaxonomyTerm,
    WorkerGender,
)
from .fields import (
    CQC_LOCATION_ID,
    POSTCODE_TOO_LONG,
    POSTCODE_TYPED_LENGTH,
    TypedListField,
    date_field,
    multiline,
    one_line,
    uk_date,
    whole_number,
)


class VersionForm(forms.Form):
    """A form that edits the supplier's entry, carrying the version it started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        # The version is a hidden field: an error on it would be invisible beside the field.
        if self.errors.pop("version", None):
            self.add_error(
                None, "This page was out of date. Check the details below and save again."
            )
        return cleaned


@dataclass(frozen=True)
class FieldDifference:
    name: str
    label: str
    yours: str
    saved: str


def differences(form: forms.Form, saved: dict[str, Any]) -> list[FieldDifference]:
    """What the user typed against what is saved now, for the conflict page."""
    rows = []
    for name, value in form.cleaned_data.items():
        if name == "version" or name not in saved:
            continue
        field = form.fields[name]
        yours, theirs = _shown(field, value), _shown(field, saved[name])
        if yours != theirs:
            rows.append(FieldDifference(name, str(field.label), yours, theirs))
    return rows


def _shown(field: forms.Field, value: Any) -> str:
    """A value as the user would recognise it: a choice's label, a UK date, or '(left blank)'."""
    if value is None or value == "" or value == []:
        return "(left blank)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.date):
        return uk_date(value)
    if isinstance(value, PostcodeDistrict):
        return value.code
    if isinstance(value, list | tuple) or hasattr(value, "all"):
        items = list(value.all()) if hasattr(value, "all") else list(value)
        choices = dict(getattr(field, "choices", []) or [])
        return ", ".join(sorted(str(choices.get(item, item)) for item in items))
    choices = dict(getattr(field, "choices", []) or [])
    return str(choices.get(value, value))


# --- A supplier's entry ------------------------------------------------------------------------


class SupplierForm(forms.Form):
    """Adding a supplier to the directory, or changing its entry (with ``version``)."""

    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text=(
            "The name people know them by. If the ledger already pays them, use the same name "
            "and the entry joins their existing record."
        ),
        error_messages={"required": "Enter the supplier's name"},
    )
    kind = forms.ChoiceField(
        label="Kind of supplier",
        choices=SupplierKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of supplier they are"},
    )
    description = forms.CharField(
        label="What they offer",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="In plain words, for people choosing support: who they are and what they do.",
        error_messages={
            "required": "Say what they offer, in a sentence or two",
            "max_length": "What they offer must be 2,000 characters or fewer "
            "(it has %(show_value)d).",
        },
    )
    base_district = forms.CharField(
        label="Where they are based",
        max_length=POSTCODE_TYPED_LENGTH,
        help_text="A postcode or postcode district, such as HF3 2AB or HF3.",
        widget=forms.TextInput(attrs={"class": "input--short", "autocomplete": "off"}),
        error_messages={
            "required": "Enter the postcode or district they are based in",
            "max_length": POSTCODE_TOO_LONG,
        },
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.org"},
    )
    phone = forms.CharField(label="Phone number", required=False, max_length=30)
    website = forms.URLField(
        label="Website",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a website address like https://example.org"},
    )
    cqc_location_id = forms.CharField(
        label="CQC location ID",
        required=False,
        max_length=20,
        help_text="For registered care (personal care is regulated), such as 1-101234567.",
        widget=forms.TextInput(attrs={"class": "input--short"}),
    )
    cqc_rating = forms.ChoiceField(
        label="CQC rating",
        required=False,
        choices=[("", "Not registered with the CQC"), *CqcRating.choices],
    )
    cqc_inspected_on = date_field(
        "Date of the last CQC inspection",
        "For example, 14/3/2025.",
        "the date of the last inspection",
        required=False,
    )
    accreditations = forms.CharField(
        label="Other accreditations",
        required=False,
        max_length=300,
        help_text="For example: Investors in People, Autism Accreditation, DBS-checked staff.",
    )
    languages = TypedListField(
        what="languages",
        label="Languages their workers speak",
        help_text="With commas between them: English, Punjabi, British Sign Language.",
    )
    skills = TypedListField(
        what="skills",
        label="Skills",
        help_text="With commas between them: Makaton, autism, epilepsy, driving.",
    )
    interests = TypedListField(
        what="interests",
        label="Interests their workers share",
        help_text="With commas between them: music, football, gardening.",
    )
    worker_genders = forms.MultipleChoiceField(
        label="Workers available",
        required=False,
        choices=WorkerGender.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="So someone who wants a woman or a man to support them can find them.",
    )
    published = forms.BooleanField(
        label="Publish this entry",
        required=False,
        initial=True,
        help_text="Published entries are shared with other directories (Open Referral UK).",
    )

    def clean_name(self) -> str:
        return one_line(self.cleaned_data["name"])

    def clean_description(self) -> str:
        return multiline(self.cleaned_data["description"])

    def clean_base_district(self) -> PostcodeDistrict:
        try:
            return district_for(self.cleaned_data["base_district"])
        except BadPostcode as problem:
            raise forms.ValidationError(str(problem)) from problem

    def clean_cqc_location_id(self) -> str:
        text = "".join(self.cleaned_data["cqc_location_id"].split())
        if text and not CQC_LOCATION_ID.match(text):
            raise forms.ValidationError(
                f"“{text}” is not a CQC location ID: they start 1- and then numbers, such as "
                "1-101234567 (find it on the CQC's page for the location)"
            )
        return text

    def clean_cqc_inspected_on(self) -> dt.date | None:
        day = self.cleaned_data["cqc_inspected_on"]
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError(
                "The inspection date is in the future: enter the date of the last inspection"
            )
        return cast(dt.date | None, day)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        data = self.cleaned_data
        if (
            (data.get("cqc_rating") or data.get("cqc_inspected_on"))
            and not data.get("cqc_location_id")
            and "cqc_location_id" not in self.errors
        ):
            self.add_error(
                "cqc_location_id",
                "Enter the CQC location ID as well as the rating or inspection date",
            )
        return cleaned

    def details(self) -> dict[str, Any]:
        """The entry's own fields, for create_supplier and update_supplier (not its name)."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("name", "version")
        }

    @staticmethod
    def initial_for(supplier: Supplier) -> dict[str, Any]:
        return {
            "version": supplier.version,
            "name": supplier.name,
            "kind": supplier.kind,
            "description": supplier.description,
            "base_district": supplier.base_district.code,
            "email": supplier.email,
            "phone": supplier.phone,
            "website": supplier.website,
            "cqc_location_id": supplier.cqc_location_id,
            "cqc_rating": supplier.cqc_rating,
            "cqc_inspected_on": supplier.cqc_inspected_on,
            "accreditations": supplier.accreditations,
            "languages": supplier.languages,
            "skills": supplier.skills,
            "interests": supplier.interests,
            "worker_genders": supplier.worker_genders,
            "published": supplier.published,
        }


class SupplierEditForm(VersionForm, SupplierForm):
    pass


# --- A service ---------------------------------------------------------------------------------


class TermChoiceField(IdMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        term = cast(TaxonomyTerm, obj)
        return f"{term.parent.name}: {term.name}" if term.parent_id and term.parent else term.name


class ServiceForm(forms.Form):
    name = forms.CharField(
        label="Name of the service",
        max_length=200,
        help_text="For example: Community support, Saturday swimming club, Waking nights.",
        error_messages={"required": "Enter a name for the service"},
    )
    description = forms.CharField(
        label="What it is",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Say what the service is, in a sentence or two",
            "max_length": "What it is must be 2,000 characters or fewer (it has %(show_value)d).",
        },
    )
    terms = TermChoiceField(
        label="Kinds of support or activity",
        queryset=TaxonomyTerm.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose every kind it offers: this is how people's needs find it.",
        error_messages={
            "required": "Choose at least one kind of support or activity",
            "invalid_choice": "Choose kinds of support from the list",
            "invalid_pk_value": "Choose kinds of support from the list",
        },
    )
    status = forms.ChoiceField(label="Status", choices=ServiceStatus.choices)
    travel_radius_km = whole_number(
        "How far their workers travel, in km",
        what="the distance they travel",
        lowest=0,
        highest=100,
        help_text="From where they are based. Leave empty if they only work in the districts "
        "you list for the service.",
    )
    ratios = forms.MultipleChoiceField(
        label="Support they can give",
        required=False,
        choices=[c for c in SupportRatio.choices if c[0] != SupportRatio.NONE],
        widget=forms.CheckboxSelectMultiple,
    )
    capacity_people = whole_number(
        "Places free now",
        what="places free now",
        lowest=0,
        highest=500,
        required=True,
        help_text="How many more people they can take on (0 if they are full).",
    )
    minimum_age = whole_number("Youngest age", what="the youngest age", lowest=0, highest=120)
    maximum_age = whole_number("Oldest age", what="the oldest age", lowest=0, highest=120)
    published = forms.BooleanField(
        label="Publish this service",
        required=False,
        initial=True,
        help_text="Published services are shared with other directories (Open Referral UK).",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(TermChoiceField, self.fields["terms"]).queryset = (
            TaxonomyTerm.objects.filter(parent__isnull=False)
            .select_related("parent")
            .order_by("parent__name", "name")
        )

    def clean_name(self) -> str:
        return one_line(self.cleaned_data["name"])

    def clean_description(self) -> str:
        return multiline(self.cleaned_data["description"])

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        youngest, oldest = (
            self.cleaned_data.get("minimum_age"),
            self.cleaned_data.get("maximum_age"),
        )
        if youngest is not None and oldest is not None and youngest > oldest:
            self.add_error(
                "maximum_age",
                f"The oldest age ({oldest}) is below the youngest ({youngest}): "
                "check which way round they go",
            )
        return cleaned

    def details(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}

    @staticmethod
    def initial_for(service: Service, version: int) -> dict[str, Any]:
        return {
            "version": version,
            "name": service.name,
            "description": service.description,
            "terms": list(service.terms.all()),
            "status": service.status,
            "travel_radius_km": service.travel_radius_km,
            "ratios": service.ratios,
            "capacity_people": service.capacity_people,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "published": service.published,
        }


class ServiceEditForm(VersionForm, ServiceForm):
    pass
