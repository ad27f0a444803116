"""Object ids typed or forged by a visitor: one rule for URLs, form fields and query strings.

Every table's key is a 64-bit integer. A longer number ("/people/99999999999999999999999/")
cannot name anything, but handed to the database it overflows: SQLite raises OverflowError and
PostgreSQL "bigint out of range", so the page answered 500 (issue 11, point 5). Here such a
number is simply no object:

- in a URL the ``<id:pk>`` converter does not match it, so Django answers 404 before any view
  runs (and before anything, such as the audit row of a denial, tries to store it);
- in a form, ``IdChoiceField`` and ``IdMultipleChoiceField`` refuse it as an ordinary "Select a
  valid choice" error; ``id_formfield`` gives a ModelForm's or the back office's relations
  those fields;
- in a query string, ``storable_id`` says whether a value can be looked up at all.

``tests/test_hostile_ids.py`` walks every URL pattern and every model-choice field in every
form, so a new ``<int:pk>`` or a plain ``forms.ModelChoiceField`` fails there.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import register_converter

# The largest key a BigAutoField (and SQLite's INTEGER) can hold.
LARGEST_ID = 2**63 - 1
# Enough digits for LARGEST_ID; anything longer cannot be an id, so the URL regex stops there.
LARGEST_ID_DIGITS = len(str(LARGEST_ID))


def storable_id(value: Any) -> int | None:
    """The id as an int if ``value`` (an int, or digits as text) could be a key, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        if not text.isascii() or not text.isdigit() or len(text) > LARGEST_ID_DIGITS:
            return None
        number = int(text)
    return number if 0 <= number <= LARGEST_ID else None


class ObjectIdConverter:
    """``<id:pk>``: digits that fit a 64-bit key, given to the view as an int.

    A longer or larger number raises ValueError in ``to_python``, which Django treats as "this
    pattern does not match": the answer is the ordinary 404.
    """

    regex = f"[0-9]{{1,{LARGEST_ID_DIGITS}}}"

    def to_python(self, value: str) -> int:
        number = storable_id(value)
        if number is None:
            raise ValueError(f"{value!r} is too large to be an id")
        return number

    def to_url(self, value: Any) -> str:
        number = storable_id(value)
        if number is None:
            raise ValueError(f"{value!r} cannot be an id")
        return str(number)


register_converter(ObjectIdConverter, "id")


def _is_integer_key(queryset: Any, key: str | None) -> bool:
    """Whether the field the choice is looked up by holds integers (a pk, or ``to_field_name``)."""
    if queryset is None:
        return False
    field = queryset.model._meta.pk if key is None else queryset.model._meta.get_field(key)
    while isinstance(field, models.ForeignKey | models.OneToOneField):
        field = field.target_field
    return isinstance(field, models.IntegerField | models.AutoField)


class IdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that refuses a number too large to be a key as an invalid choice."""

    def to_python(self, value: Any) -> Any:
        if (
            value not in self.empty_values
            and not isinstance(value, models.Model)
            and _is_integer_key(self.queryset, self.to_field_name)
            and storable_id(value) is None
        ):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses any number too large to be a key.

    Django checks each value with an ``IN`` query, which (unlike ``=``) sends the overflowing
    number to the database.
    """

    def _check_values(self, value: Any) -> Any:
        if _is_integer_key(self.queryset, self.to_field_name):
            for each in value:
                if isinstance(each, models.Model):
                    continue
                if storable_id(each) is None:
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": each},
                    )
        return super()._check_values(value)  # type: ignore[misc]


def id_formfield(db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """A ModelForm's ``formfield_callback``: relations get the id-safe choice fields."""
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", IdMultipleChoiceField)
    elif isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", IdChoiceField)
    return db_field.formfield(**kwargs)
