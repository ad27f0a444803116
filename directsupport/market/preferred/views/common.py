"""What the preferred list's views share: service refusals shown like form errors."""

from __future__ import annotations

from django import forms

from ..services import ApplicationRefused


def add_refusal(form: forms.Form, refused: ApplicationRefused) -> None:
    """The workflow's refusal beside the field it is about, or above the form."""
    field = refused.field if refused.field in form.fields else None
    form.add_error(field, str(refused))
