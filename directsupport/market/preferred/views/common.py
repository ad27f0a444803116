"""What the preferred list's views share: service refusals shown like form errors."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from ..services import ApplicationRefused


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """A rule the model checks that the form could not: shown like a form error."""
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            for problem in problems:
                form.add_error(field if field in form.fields else None, problem)
    else:
        for problem in error.messages:
            form.add_error(None, problem)


def add_refusal(form: forms.Form, refused: ApplicationRefused) -> None:
    """The workflow's refusal beside the field it is about, or above the form."""
    field = refused.field if refused.field in form.fields else None
    form.add_error(field, str(refused))
