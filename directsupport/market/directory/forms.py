"""Forms for the supplier directory: a supplier's entry, its services and each service's
schedules, areas, prices and closure days, and the directory's terms and districts.

They validate and normalise, with a message beside the field that says what to do; the services
in services.py do the writing. Every form keeps what was typed when it is shown again.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.utils import dateformat, timezone

from directsupport.lib.forms import PoundsField
from directsupport.lib.money import format_pence
from directsupport.people.forms import DATE_INPUT_FORMATS
from directsupport.week.forms import TimeOfDayField
from directsupport.week.models import SupportRatio, Weekday

from ..districts import OUTWARD_CODE, BadPostcode, district_for
from ..models import (
    CostUnit,
    CqcRating,
    PostcodeDistrict,
    Service,
    ServiceStatus,
    Supplier,
    SupplierKind,
    TaxonomyTerm,
    WorkerGender,
)

UK_DATE = "j F Y"
# A CQC location ID: "1-" and the location's number (CQC's own format, such as 1-101234567).
CQC_LOCATION_ID = re.compile(r"^1-[0-9]{5,12}$")
MAX_LIST_ITEMS = 20
MAX_ITEM_LENGTH = 50
# Beyond these a price is a typing slip (a weekly or monthly total, an extra zero), not a rate:
# the highest rates for specialist support are a fraction of them.
PRICE_LIMITS = {
    CostUnit.HOUR: 50_000,
    CostUnit.SESSION: 100_000,
    CostUnit.NIGHT: 200_000,
}
ABSURD_PENCE = 10_000_000  # what the pounds field itself accepts before the unit is known
# Room for a postcode typed with extra spaces; anything longer gets the postcode message.
POSTCODE_TYPED_LENGTH = 20
POSTCODE_TOO_LONG = "Type a postcode such as HF3 2AB, or a district such as HF3"


def _date_field(label: str, help_text: str, what: str, *, required: bool) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": f"Enter {what}, for example 1/4/2026.",
            "invalid": f"Enter {what} as a real date, for example 1/4/2026.",
        },
    )


def _whole_number(
    label: str, *, what: str, lowest: int, highest: int, required: bool = False, **kwargs: Any
) -> forms.IntegerField:
    between = f"{what[:1].upper()}{what[1:]} must be a whole number from {lowest} to {highest}"
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=lowest,
        max_value=highest,
        widget=forms.NumberInput(attrs={"class": "input--short"}),
        error_messages={
            "required": f"Enter {what}",
            "invalid": between,
            "min_value": between,
            "max_value": between,
        },
        **kwargs,
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _multiline(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def uk_date(day: dt.date) -> str:
    return dateformat.format(day, UK_DATE)


class TypedListField(forms.CharField):
    """Words typed with commas between them ("Punjabi, Urdu"), cleaned to a list without
    repeats, each tidied to single spaces."""

    def __init__(self, *, what: str, **kwargs: Any) -> None:
        self.what = what
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 1000)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value) or ""
        items: list[str] = []
        seen: set[str] = set()
        for raw in text.split(","):
            item = _one_line(raw)
            if not item or item.casefold() in seen:
                continue
            if len(item) > MAX_ITEM_LENGTH:
                raise forms.ValidationError(
                    f"“{item[:20]}…” is too long: keep each of the {self.what} under "
                    f"{MAX_ITEM_LENGTH} letters, with commas between them"
                )
            seen.add(item.casefold())
            items.append(item)
        if len(items) > MAX_LIST_ITEMS:
            raise forms.ValidationError(
                f"Give at most {MAX_LIST_ITEMS} {self.what}: the ones people ask for most"
            )
        return items


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
        error_messages={"required": "Say what they offer, in a sentence or two"},
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
    cqc_inspected_on = _date_field(
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
        return _one_line(self.cleaned_data["name"])

    def clean_description(self) -> str:
        return _multiline(self.cleaned_data["description"])

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


class TermChoiceField(forms.ModelMultipleChoiceField):
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
        error_messages={"required": "Say what the service is, in a sentence or two"},
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
    travel_radius_km = _whole_number(
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
    capacity_people = _whole_number(
        "Places free now",
        what="places free now",
        lowest=0,
        highest=500,
        required=True,
        help_text="How many more people they can take on (0 if they are full).",
    )
    minimum_age = _whole_number("Youngest age", what="the youngest age", lowest=0, highest=120)
    maximum_age = _whole_number("Oldest age", what="the oldest age", lowest=0, highest=120)
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
        return _one_line(self.cleaned_data["name"])

    def clean_description(self) -> str:
        return _multiline(self.cleaned_data["description"])

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


# --- When, where and at what price --------------------------------------------------------------


class ScheduleForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label="Day",
        choices=Weekday.choices,
        coerce=int,
        error_messages={
            "required": "Choose the day it runs",
            "invalid_choice": "Choose a day from Monday to Sunday",
        },
    )
    opens_at = TimeOfDayField(
        label="Starts at",
        help_text="24-hour clock, like 09:30",
        error_messages={"required": "Enter the time it starts, like 09:30"},
    )
    closes_at = TimeOfDayField(
        label="Ends at",
        help_text="24-hour clock, like 17:45",
        error_messages={"required": "Enter the time it ends, like 17:45"},
    )
    overnight = forms.BooleanField(
        label="Ends the next morning",
        required=False,
        help_text="For waking nights and sleep-ins: the end time is the next day.",
    )
    interval_weeks = forms.TypedChoiceField(
        label="How often",
        choices=[
            (1, "Every week"),
            (2, "Every other week"),
            (3, "Every third week"),
            (4, "Every fourth week"),
        ],
        coerce=int,
        initial=1,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": "Choose how often it runs, from every week to every fourth week"
        },
    )
    valid_from = _date_field(
        "From",
        "The first day it runs, for example 6/4/2026. Needed if it is not every week.",
        "the first day it runs",
        required=False,
    )
    valid_to = _date_field(
        "Until",
        "The last day it runs, if it stops. For example, 20/7/2026.",
        "the last day it runs",
        required=False,
    )
    closed_on_bank_holidays = forms.BooleanField(
        label="Closed on bank holidays", required=False, initial=True
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=200,
        help_text="For example: term time only, meet at the main entrance.",
    )

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        data = self.cleaned_data
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens is not None and closes is not None and not data.get("overnight"):
            if closes == opens:
                self.add_error("closes_at", "It ends when it starts: enter a later end time")
            elif closes < opens:
                self.add_error(
                    "closes_at",
                    f"It ends ({closes:%H:%M}) before it starts ({opens:%H:%M}): enter a later "
                    "end time, or tick 'Ends the next morning' for overnight support",
                )
        starts, ends = data.get("valid_from"), data.get("valid_to")
        if starts is not None and ends is not None and ends < starts:
            self.add_error(
                "valid_to",
                f"It stops ({uk_date(ends)}) before it starts ({uk_date(starts)}): check both "
                "dates",
            )
        weekday, interval = data.get("weekday"), data.get("interval_weeks")
        if interval is not None and interval > 1 and starts is None:
            self.add_error(
                "valid_from",
                "Enter the first day it runs: it says which weeks it is on when it is not "
                "every week",
            )
        # Counting every N weeks starts from a day it runs; a weekly service may start any day.
        if (
            interval is not None
            and interval > 1
            and starts is not None
            and weekday is not None
            and starts.weekday() != weekday
        ):
            day = Weekday(weekday).label
            self.add_error(
                "valid_from",
                f"{uk_date(starts)} is a {Weekday(starts.weekday()).label}, but it runs on "
                f"{day}s: enter a {day}",
            )
        return cleaned


class AreaForm(forms.Form):
    district = forms.CharField(
        label="Postcode district",
        max_length=POSTCODE_TYPED_LENGTH,
        help_text="A district such as HF3, or any postcode in it.",
        widget=forms.TextInput(attrs={"class": "input--short", "autocomplete": "off"}),
        error_messages={
            "required": "Enter the postcode district they cover, such as HF3",
            "max_length": POSTCODE_TOO_LONG,
        },
    )

    def __init__(self, *args: Any, service: Service, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service = service

    def clean_district(self) -> PostcodeDistrict:
        try:
            district = district_for(self.cleaned_data["district"])
        except BadPostcode as problem:
            raise forms.ValidationError(str(problem)) from problem
        if self.service.areas.filter(district=district).exists():
            raise forms.ValidationError(f"{self.service.name} already covers {district.code}")
        return district


class CostOptionForm(forms.Form):
    unit = forms.ChoiceField(
        label="Priced",
        choices=[
            (CostUnit.HOUR, "By the hour"),
            (CostUnit.SESSION, "By the session"),
            (CostUnit.NIGHT, "By the night"),
            (CostUnit.FREE, "Free"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how it is priced, or Free"},
    )
    amount = PoundsField(
        what="the price",
        max_pence=ABSURD_PENCE,
        allow_zero=True,
        required=False,
        label="Price, in pounds and pence",
        help_text="For example, 24.50. Leave empty if it is free.",
    )
    description = forms.CharField(
        label="What the price covers",
        required=False,
        max_length=200,
        help_text="For example: weekday daytime; includes the worker's travel.",
    )
    valid_from = _date_field(
        "Price from",
        "The first day this price applies, for example 1/4/2026.",
        "the first day this price applies",
        required=True,
    )
    valid_to = _date_field(
        "Price until",
        "The last day, if it is known. Leave empty if it has no end date.",
        "the last day this price applies",
        required=False,
    )

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        data = self.cleaned_data
        unit, amount = data.get("unit"), data.get("amount")
        if unit == CostUnit.FREE:
            if amount:
                self.add_error(
                    "amount",
                    f"The price is {format_pence(amount)} but 'Free' is chosen: leave the "
                    "price empty, or choose how it is priced",
                )
            else:
                data["amount"] = 0
        elif unit in PRICE_LIMITS and "amount" not in self.errors:
            per = CostUnit(unit).label
            limit = PRICE_LIMITS[CostUnit(unit)]
            if not amount:
                self.add_error(
                    "amount",
                    f"Enter the price {per}, like 24.50 (choose 'Free' if it costs nothing)",
                )
            elif amount > limit:
                self.add_error(
                    "amount",
                    f"{format_pence(amount)} {per} is more than {format_pence(limit)} {per}, "
                    "far above what support costs: check it is not a weekly or monthly total, "
                    "or a slip of the decimal point",
                )
        starts, ends = data.get("valid_from"), data.get("valid_to")
        if ends is not None:
            if starts is not None and ends < starts:
                self.add_error(
                    "valid_to",
                    f"The price ends ({uk_date(ends)}) before it starts ({uk_date(starts)}): "
                    "check both dates",
                )
            elif ends < timezone.localdate():
                self.add_error(
                    "valid_to",
                    f"This price ended on {uk_date(ends)}: add only prices that apply today or "
                    "later (leave the date empty if it has no end)",
                )
        return cleaned


class ClosureForm(forms.Form):
    on = _date_field("Date", "For example, 24/12/2026.", "the day it is closed", required=True)
    reason = forms.CharField(
        label="Why it is closed",
        max_length=200,
        help_text="For example: Christmas Eve, staff training day, the pool is closed.",
        error_messages={"required": "Say why it is closed that day"},
    )

    def __init__(self, *args: Any, service: Service, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service = service

    def clean_on(self) -> dt.date:
        day = cast(dt.date, self.cleaned_data["on"])
        if self.service.exceptions.filter(on=day).exists():
            raise forms.ValidationError(f"{uk_date(day)} is already a closure day")
        return day

    def clean_reason(self) -> str:
        return _one_line(self.cleaned_data["reason"])


# --- The directory's terms and districts ---------------------------------------------------------


class TermForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=120,
        error_messages={"required": "Enter a name for the kind of support or activity"},
    )
    description = forms.CharField(label="Description", max_length=300, required=False)
    parent = forms.ModelChoiceField(
        label="It is a kind of",
        queryset=TaxonomyTerm.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether it is paid support or an activity",
            "invalid_choice": "Choose whether it is paid support or an activity",
        },
    )

    def __init__(self, *args: Any, renaming: TaxonomyTerm | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.renaming = renaming
        if renaming is not None:
            # Renaming keeps a term where it is: what it links to (needs, services) stays true.
            del self.fields["parent"]
        else:
            cast(
                forms.ModelChoiceField, self.fields["parent"]
            ).queryset = TaxonomyTerm.objects.filter(parent__isnull=True).order_by("name")

    def clean_name(self) -> str:
        name = _one_line(self.cleaned_data["name"])
        others = TaxonomyTerm.objects.filter(name__iexact=name)
        if self.renaming is not None:
            others = others.exclude(pk=self.renaming.pk)
        if others.exists():
            raise forms.ValidationError(f"There is already a term called “{name}”")
        return name


class DistrictForm(forms.Form):
    code = forms.CharField(
        label="District",
        max_length=POSTCODE_TYPED_LENGTH,
        help_text="The first part of a postcode, such as HF8 or E17.",
        widget=forms.TextInput(attrs={"class": "input--short", "autocomplete": "off"}),
        error_messages={
            "required": "Enter the district, such as HF8",
            "max_length": "Type the first part of a postcode, such as HF8 or E17",
        },
    )
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="The place people know it as, such as Hollowfield North.",
        error_messages={"required": "Enter the name of the place"},
    )
    easting_m = _whole_number(
        "Easting of its centre, in metres",
        what="the easting",
        lowest=0,
        highest=700_000,
        required=True,
        help_text="From the Ordnance Survey's National Grid, such as 523400.",
    )
    northing_m = _whole_number(
        "Northing of its centre, in metres",
        what="the northing",
        lowest=0,
        highest=1_300_000,
        required=True,
        help_text="From the Ordnance Survey's National Grid, such as 181200.",
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].upper().split())
        if not OUTWARD_CODE.match(code):
            raise forms.ValidationError(
                f"“{code}” is not a postcode district: type the first part of a postcode, "
                "such as HF8 or E17"
            )
        if PostcodeDistrict.objects.filter(code=code).exists():
            raise forms.ValidationError(f"{code} is already in the directory")
        return code

    def clean_name(self) -> str:
        return _one_line(self.cleaned_data["name"])
