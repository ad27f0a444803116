"""Form rendering in the GOV.UK pattern: label, hint, error beside the field, input kept."""

from django import forms
from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"


class FilterForm(forms.Form):
    """A search or filter form: every field is optional, so '(optional)' labels would be noise."""

    every_field_optional = True
