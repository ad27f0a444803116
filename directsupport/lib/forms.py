"""Form rendering in the GOV.UK pattern: label, hint, error beside the field, input kept."""

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.template import engines
from django.template.backends.base import BaseEngine
from django.template.backends.jinja2 import Jinja2
from django.utils.functional import cached_property

from .money import parse_pounds


class GovukFormRenderer(TemplatesSetting):
    """Forms and fields in the GOV.UK pattern, drawn by Jinja2 (templates/forms/*.jinja); each
    widget from Django's own Jinja2 copy of its widget template, which Django keeps the same as
    the Django-template one.

    Every page with a form draws a field group per field and a widget per input and per option
    of a select: in Django templates the people filter alone was a sixth of the people list's
    time. Jinja2 draws the same markup several times quicker (lib/jinja_env.py)."""

    form_template_name = "forms/govuk_form.jinja"
    field_template_name = "forms/govuk_field.jinja"

    def get_template(self, template_name: str) -> Any:
        if template_name.startswith("django/forms/widgets/"):
            return self._widget_engine.get_template(template_name)
        if template_name.endswith(".jinja"):
            return engines["jinja2"].get_template(template_name)
        return super().get_template(template_name)

    @cached_property
    def _widget_engine(self) -> BaseEngine:
        return Jinja2(
            {
                "APP_DIRS": False,
                "DIRS": [Path(forms.__file__).parent / "jinja2"],
                "NAME": "govuk-widgets",
                "OPTIONS": {"environment": "directsupport.lib.jinja_env.widget_environment"},
            }
        )


class FilterForm(forms.Form):
    """A search or filter form: every field is optional, so '(optional)' labels would be noise."""

    every_field_optional = True


class PoundsField(forms.CharField):
    """Pounds and pence typed as text ("32.14", "£1,250.00"), cleaned to whole pence: an int,
    never a float (``lib.money.parse_pounds``).

    Messages name the field: "The hourly rate: enter an amount in pounds and pence, like 32.14".
    £0.00 is refused unless ``allow_zero``; a field that is not required and left empty gives
    None.
    """

    def __init__(
        self, *, what: str, max_pence: int, allow_zero: bool = False, **kwargs: Any
    ) -> None:
        self.what = what
        self.max_pence = max_pence
        self.allow_zero = allow_zero
        asked = f"Enter {what} in pounds and pence, like 32.14"
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"class": "input--short", "inputmode": "decimal"})
        )
        kwargs.setdefault("error_messages", {"required": asked, "max_length": asked})
        super().__init__(**kwargs)

    def clean(self, value: Any) -> int | None:
        text = super().clean(value)
        if not text.strip():
            return None
        named = self.what[:1].upper() + self.what[1:]
        try:
            pence = parse_pounds(text, max_pence=self.max_pence)
        except ValueError as error:
            message = str(error)
            raise forms.ValidationError(f"{named}: {message[:1].lower()}{message[1:]}") from error
        if pence == 0 and not self.allow_zero:
            raise forms.ValidationError(f"{named}: enter more than £0.00")
        return pence


class _NotInsistedOn:
    """A widget the browser must not insist on: its field is needed only for some answers."""

    def use_required_attribute(self, initial: Any) -> bool:
        return False


class IfNeededInput(_NotInsistedOn, forms.TextInput):
    pass


class IfNeededTextarea(_NotInsistedOn, forms.Textarea):
    pass


class IfNeededDateInput(_NotInsistedOn, forms.DateInput):
    """A date picker (``type="date"``, sent as 2026-12-03) for a date needed only for some
    answers."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("attrs", {"type": "date"})
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


class RequiredIfRepresentative(forms.CharField):
    """A representative's name or reason (Mental Capacity Act 2005): needed only when a
    representative decided for the person, which the form's clean() checks.

    Marked required so its label does not say "(optional)", but an empty answer passes here; give
    it an IfNeededInput or IfNeededTextarea so the browser does not insist on it either. What was
    typed is tidied here, so no form repeats that.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=True, **kwargs)

    def to_python(self, value: Any) -> str:
        """A name on one line with single spaces; a reason with its line breaks made alike."""
        text = str(super().to_python(value))
        if isinstance(self.widget, forms.Textarea):
            return text.replace("\r\n", "\n").replace("\r", "\n").strip()
        return " ".join(text.split())

    def validate(self, value: Any) -> None:
        """No check for emptiness here: that depends on who decided."""


FORM_OUT_OF_DATE = (
    "This form is out of date, so nothing was saved. Open the form again and enter the "
    "details once more."
)


def new_form_key() -> str:
    """A fresh key for a form as it is shown (SubmitOnceForm)."""
    return uuid.uuid4().hex


class SubmitOnceForm(forms.Form):
    """A form acted on once however often it is sent (a double click, a retry after a dropped
    connection, the back button): a hidden key made when the form is shown goes with it, and
    the service takes it as its idempotency key, so the second sending finds the first's result.

    A missing or damaged key is said above the form (a hidden field has nowhere to show an
    error beside it), and nothing is saved.
    """

    form_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        initial = dict(kwargs.get("initial") or {})
        initial.setdefault("form_key", new_form_key())
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)

    def clean_form_key(self) -> str:
        value: str = self.cleaned_data.get("form_key", "")
        try:
            uuid.UUID(value)
        except ValueError:
            self.add_error(None, FORM_OUT_OF_DATE)
            return ""
        return value


def add_service_errors(
    form: forms.Form,
    error: ValidationError,
    *,
    field_for: Callable[[str], str] = lambda name: name,
) -> None:
    """A service's refusal shown like a form error: each message beside the field it is about
    (``field_for`` maps a model field's name to the form's, where they differ), the rest above
    the form."""
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            target = field_for(name)
            for problem in problems:
                form.add_error(target if target in form.fields else None, problem)
    else:
        for problem in error.messages:
            form.add_error(None, problem)
