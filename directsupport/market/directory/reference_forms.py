"""Forms for the directory's shared terms and districts."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from directsupport.lib.ids import IdChoiceField

from ..districts import OUTWARD_CODE
from ..models import PostcodeDistrict, TaxonomyTerm
from .fields import POSTCODE_TYPED_LENGTH, one_line, whole_number

# --- The directory's terms and districts ---------------------------------------------------------


class TermForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=120,
        error_messages={"required": "Enter a name for the kind of support or activity"},
    )
    description = forms.CharField(label="Description", max_length=300, required=False)
    parent = IdChoiceField(
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
        name = one_line(self.cleaned_data["name"])
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
    easting_m = whole_number(
        "Easting of its centre, in metres",
        what="the easting",
        lowest=0,
        highest=700_000,
        required=True,
        help_text="From the Ordnance Survey's National Grid, such as 523400.",
    )
    northing_m = whole_number(
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
        return one_line(self.cleaned_data["name"])
