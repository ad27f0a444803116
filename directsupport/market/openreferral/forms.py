"""The market shaper's import form: the file, and two things a file may not say."""

from __future__ import annotations

from typing import Any

from django import forms

from directsupport.market.districts import BadPostcode, district_for
from directsupport.market.models import PostcodeDistrict, SupplierKind

from .feed import MAX_BYTES


class OpenReferralImportForm(forms.Form):
    file = forms.FileField(
        label="Open Referral UK file (JSON)",
        help_text=(
            "A service, a page of services or an organisation with its services, as an Open "
            f"Referral UK directory gives them. Up to {MAX_BYTES // 1024 // 1024} MB."
        ),
        error_messages={
            "required": "Choose an Open Referral UK file to import",
            "empty": "The file is empty",
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )
    district = forms.CharField(
        label="Postcode district for new suppliers the file does not place",
        required=False,
        max_length=10,
        help_text=(
            "Such as HF3. A new supplier is based where its first venue is; this is used only "
            "for one whose venues have no UK postcode."
        ),
    )
    supplier_kind = forms.ChoiceField(
        label="Kind of supplier, for suppliers new to the directory",
        choices=SupplierKind.choices,
        initial=SupplierKind.COMMUNITY_GROUP,
        widget=forms.RadioSelect,
        help_text="Open Referral UK does not say. You can change each one on its page.",
        error_messages={"required": "Choose what kind of supplier new ones are"},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {MAX_BYTES // 1024 // 1024} MB: "
                "split it into smaller files"
            )
        return upload

    def clean_district(self) -> PostcodeDistrict | None:
        typed = self.cleaned_data["district"].strip()
        if not typed:
            return None
        try:
            return district_for(typed)
        except BadPostcode as problem:
            raise forms.ValidationError(str(problem)) from None
