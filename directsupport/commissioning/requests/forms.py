"""Forms for requests for quote: drawing one up from a need (what, when, where, how the person is
named and the suppliers asked), sending, withdrawing, declining, and the list's filter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from directsupport.lib.forms import FilterForm
from directsupport.lib.ids import IdChoiceField, IdMultipleChoiceField
from directsupport.market.models import PostcodeDistrict, Supplier, TaxonomyTerm, WorkerGender
from directsupport.market.needs.forms import LinesField
from directsupport.people.forms import DATE_INPUT_FORMATS
from directsupport.week.forms import TimeOfDayField
from directsupport.week.models import SupportRatio, Weekday

from ..models import NameShown, RequestStatus
from .services import AGREED_BY_MAX, ALIAS_MAX, REASON_MAX

DAY_CHOICES = [("", "No fixed day"), *[(str(value), label) for value, label in Weekday.choices]]
RATIO_CHOICES = [("", "Not said"), *[c for c in SupportRatio.choices if c[0] != "none"]]
GENDER_CHOICES = [("", "No preference"), *WorkerGender.choices]
NAME_CHOICES = [
    (NameShown.FIRST_NAME, "First name only"),
    (NameShown.ALIAS, "An alias (a made-up name)"),
    (NameShown.FULL_NAME, "Full name: the person agreed to share it"),
]


def _date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    example = "21 12 2026"
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text or f"For example, {example}.",
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": f"{label}: enter a date, for example {example}",
            "invalid": f"{label}: enter a real date, for example {example}",
        },
    )


class TermField(IdChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.parent.name.lower()})" if obj.parent_id else obj.name


class SupplierField(IdMultipleChoiceField):
    """Suppliers as checkboxes, each labelled with where the market's ranking put it."""

    def __init__(self, *args: Any, ranks: dict[int, int] | None = None, **kwargs: Any) -> None:
        self.ranks = ranks or {}
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        rank = self.ranks.get(obj.pk)
        fits = f" — ranked {rank} for this need" if rank else ""
        return f"{obj.name} ({obj.base_district.code}){fits}"


REQUEST_FIELDS = (
    "what",
    "term",
    "weekday",
    "starts_at",
    "ends_at",
    "overnight",
    "minutes_a_week",
    "starts_on",
    "ends_on",
    "district",
    "place",
    "ratio",
    "wanted_skills",
    "wanted_interests",
    "wanted_languages",
    "wanted_gender",
    "wanted_personality",
    "details",
    "respond_by",
)


class RequestForm(forms.Form):
    """A new request for quote for one person's need. The initial values come from the need
    (``services.request_from_need``); the suppliers offered are the provider's directory, those
    the market's ranking puts first listed first."""

    what = forms.CharField(
        label="What the support is for",
        max_length=200,
        help_text="Suppliers read this. Say what the support is, not why it is needed.",
        error_messages={"required": "Say what the support is for"},
    )
    weekday = forms.TypedChoiceField(
        label="Day", choices=DAY_CHOICES, coerce=int, empty_value=None, required=False
    )
    starts_at = TimeOfDayField(
        label="Starts at", required=False, help_text="24-hour clock, like 18:00"
    )
    ends_at = TimeOfDayField(label="Ends at", required=False, help_text="24-hour clock, like 20:00")
    overnight = forms.BooleanField(label="Ends the next morning", required=False)
    minutes_a_week = forms.IntegerField(
        label="Minutes of support a week",
        min_value=1,
        max_value=7 * 24 * 60,
        help_text="For example, 120 for two hours.",
        error_messages={
            "required": "Say how many minutes of support a week",
            "min_value": "Minutes a week must be at least 1",
            "max_value": "Minutes a week cannot be more than there are in a week (10,080)",
            "invalid": "Minutes a week: enter a whole number, like 120",
        },
    )
    starts_on = _date_field("Support starts")
    ends_on = _date_field(
        "Support ends",
        required=False,
        help_text="Leave empty if it carries on. For example, 31 12 2027.",
    )
    district = IdChoiceField(
        label="Postcode district",
        queryset=PostcodeDistrict.objects.order_by("code"),
        required=False,
        empty_label="Not said",
    )
    place = forms.CharField(
        label="Place",
        max_length=200,
        required=False,
        help_text="A public place such as a leisure centre. Never the person's home address.",
    )
    ratio = forms.ChoiceField(label="Workers", choices=RATIO_CHOICES, required=False)
    wanted_skills = LinesField(label="Skills wanted", what="skills", help_text="One per line.")
    wanted_interests = LinesField(
        label="Shared interests wanted", what="interests", help_text="One per line."
    )
    wanted_languages = LinesField(
        label="Languages wanted", what="languages", help_text="One per line."
    )
    wanted_gender = forms.ChoiceField(label="Workers", choices=GENDER_CHOICES, required=False)
    wanted_personality = forms.CharField(label="Personality wanted", max_length=300, required=False)
    details = forms.CharField(
        label="Anything else suppliers should know",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Suppliers read this. Never write health, family or address details here.",
    )
    respond_by = _date_field("Reply by")
    name_shown = forms.ChoiceField(
        label="How suppliers see the person's name",
        choices=NAME_CHOICES,
        initial=NameShown.FIRST_NAME,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how suppliers see the person's name"},
    )
    alias = forms.CharField(
        label="Alias",
        max_length=ALIAS_MAX,
        required=False,
        help_text="Only if you chose an alias: the name suppliers will see.",
    )
    full_name_agreed_by = forms.CharField(
        label="Who agreed to share the full name",
        max_length=AGREED_BY_MAX,
        required=False,
        help_text="Only for the full name: the person, or who agreed for them.",
    )

    def __init__(
        self,
        *args: Any,
        suppliers: QuerySet[Supplier],
        ranks: dict[int, int] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["term"] = TermField(
            label="Kind of support or activity",
            queryset=TaxonomyTerm.objects.filter(parent__isnull=False)
            .select_related("parent")
            .order_by("parent__name", "name"),
            empty_label="Choose a kind",
            error_messages={"required": "Choose the kind of support or activity"},
        )
        self.fields["suppliers"] = SupplierField(
            label="Suppliers to ask",
            queryset=suppliers,
            ranks=ranks,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text="Those ranked for this need come first. You can send it once at least "
            "one is chosen.",
        )
        self.order_fields(["what", "term"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if (starts is None) != (ends is None):
            name = "ends_at" if ends is None else "starts_at"
            if name not in self.errors:
                self.add_error(name, "Give both a start and an end time, or neither")
        alias_missing = not data.get("alias", "").strip() and "alias" not in self.errors
        if data.get("name_shown") == NameShown.ALIAS and alias_missing:
            self.add_error("alias", "Give the alias suppliers will see")
        return data

    def request_fields(self) -> dict[str, Any]:
        """The cleaned values that ``services.create_request`` takes."""
        return {name: self.cleaned_data.get(name) for name in REQUEST_FIELDS} | {
            "place": self.cleaned_data.get("place") or "",
            "ratio": self.cleaned_data.get("ratio") or "",
            "wanted_gender": self.cleaned_data.get("wanted_gender") or "",
        }


class ReasonForm(forms.Form):
    """Withdrawing a request (staff) or declining one (a supplier): a reason, which the other
    side reads."""

    reason = forms.CharField(
        label="Why",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Say why",
            "max_length": f"Make the reason {REASON_MAX} characters or fewer",
        },
    )

    def __init__(self, *args: Any, label: str = "Why", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].error_messages["required"] = f"{label}: say why"


class InviteForm(forms.Form):
    """Asking more suppliers, from the request's page."""

    def __init__(self, *args: Any, suppliers: QuerySet[Supplier], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["suppliers"] = SupplierField(
            label="Suppliers to ask",
            queryset=suppliers,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": "Choose at least one supplier to ask"},
        )


class RequestFilterForm(FilterForm):
    status = forms.ChoiceField(
        label="Status", choices=[("", "Any"), *RequestStatus.choices], required=False
    )
