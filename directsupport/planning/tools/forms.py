"""The form for changing a person-centred tool, built from its spec (planning/tools/specs.py).

List parts are text boxes with one thing per line, text parts are text boxes, table parts are a
set of rows (a Django formset) with the spec's columns. ``ToolEditor`` puts them together and
gives back content in the spec's exact shape. No side effects: services.py saves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.formsets import BaseFormSet, formset_factory
from django.forms.utils import ErrorDict

from directsupport.people.forms import DATE_INPUT_FORMATS

from .specs import (
    ITEM_MAX_LENGTH,
    MAX_ITEMS,
    TEXT_MAX_LENGTH,
    ListPart,
    Part,
    TablePart,
    TextPart,
    ToolSpec,
)

# Empty rows offered under a chart, to add more without JavaScript.
EXTRA_ROWS = 3
# How much of a line to quote back in an error message.
QUOTE_LENGTH = 40


def _quote(line: str) -> str:
    line = line.strip()
    return line if len(line) <= QUOTE_LENGTH else line[:QUOTE_LENGTH].rstrip() + "…"


class ItemsField(forms.CharField):
    """One short thing per line: blank lines dropped, each line trimmed, each line and the
    number of lines capped. Cleans to a list of strings."""

    widget = forms.Textarea(attrs={"rows": 6})

    def __init__(self, *, part: ListPart, **kwargs: Any) -> None:
        hint = part.hint or "One thing per line."
        super().__init__(label=part.label, help_text=hint, required=False, strip=False, **kwargs)
        self.part = part

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = str(value or "")
        if "\x00" in text:
            raise forms.ValidationError(f"“{self.part.label}” has a character that cannot be kept.")
        lines = text.splitlines()
        errors = [
            f"Line {number} of “{self.part.label}” (“{_quote(line)}”) is {len(line.strip())} "
            f"characters long: keep each line to {ITEM_MAX_LENGTH} characters or fewer."
            for number, line in enumerate(lines, start=1)
            if len(line.strip()) > ITEM_MAX_LENGTH
        ]
        if errors:
            raise forms.ValidationError(errors)
        items = [line.strip() for line in lines if line.strip()]
        if len(items) > MAX_ITEMS:
            raise forms.ValidationError(
                f"“{self.part.label}” has {len(items)} lines: keep it to {MAX_ITEMS} or fewer, "
                "one thing per line."
            )
        return items


class ToolForm(forms.Form):
    """The list and text parts of a tool, and the version the user started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, spec: ToolSpec, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for part in spec.parts:
            if isinstance(part, ListPart):
                self.fields[part.key] = ItemsField(part=part)
            elif isinstance(part, TextPart):
                self.fields[part.key] = forms.CharField(
                    label=part.label,
                    help_text=part.hint,
                    required=False,
                    max_length=TEXT_MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 5}),
                    error_messages={
                        "max_length": f"“{part.label}” is %(show_value)d characters long: keep "
                        "it to %(limit_value)d characters or fewer."
                    },
                )

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        # The version is a hidden field: an error beside it would be invisible.
        if self.errors.pop("version", None):
            self.add_error(
                None,
                "This page was out of date. Open the tool again and make your change once more.",
            )
        return cleaned


class TableRowForm(forms.Form):
    """One row of a chart. Every column is optional here: a row that is left empty is dropped,
    and a row with anything typed must have its required columns (checked in clean())."""

    def __init__(
        self, *args: Any, part: TablePart, row_number: int, can_remove: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.part = part
        self.row_number = row_number
        where = f"Row {row_number}"
        for column in part.columns:
            field: forms.Field
            if column.choices:
                choices = list(column.choices)
                if "" not in dict(choices):
                    choices.insert(0, ("", "Choose"))
                field = forms.ChoiceField(
                    choices=choices,
                    error_messages={
                        "invalid_choice": f"{where}: choose “{column.label}” from the list."
                    },
                )
            elif column.is_date:
                field = forms.DateField(
                    input_formats=DATE_INPUT_FORMATS,
                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                    help_text="For example, 27/3/2026.",
                    error_messages={
                        "invalid": f"{where}: enter a real date for “{column.label}”, for "
                        "example 27/3/2026."
                    },
                )
            else:
                field = forms.CharField(
                    max_length=ITEM_MAX_LENGTH,
                    error_messages={
                        "max_length": f"{where}: “{column.label}” is %(show_value)d characters "
                        "long: keep it to %(limit_value)d characters or fewer."
                    },
                )
            field.required = False
            field.label = column.label
            self.fields[column.key] = field
        if can_remove:
            self.fields["remove"] = forms.BooleanField(label="Remove this row", required=False)

    @property
    def anchor(self) -> str:
        return row_anchor(self.part, self.row_number)

    @property
    def every_field_optional(self) -> bool:
        """The renderer's '(optional)' labels would mislead: required columns are required
        once anything is typed in the row (the hint above the chart says which)."""
        return True

    def is_removed(self) -> bool:
        if "remove" not in self.fields or not self.is_bound:
            return False
        widget = self.fields["remove"].widget
        return bool(widget.value_from_datadict(self.data, self.files, self.add_prefix("remove")))

    def full_clean(self) -> None:
        # A row being removed is not checked: a mistake in it should not stop its removal.
        if self.is_removed():
            self._errors = ErrorDict()
            self.cleaned_data = {"remove": True}
            return
        super().full_clean()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.row():
            return cleaned
        for column in self.part.columns:
            if column.required and not cleaned.get(column.key) and column.key not in self.errors:
                self.add_error(
                    column.key,
                    f"Row {self.row_number}: fill in “{column.label}”, or empty the whole row.",
                )
        return cleaned

    def row(self) -> dict[str, str]:
        """The row as stored (every column, dates as ISO strings), or {} for an empty row."""
        cleaned = getattr(self, "cleaned_data", {})
        if cleaned.get("remove"):
            return {}
        row = {column.key: _as_text(cleaned.get(column.key)) for column in self.part.columns}
        return row if any(row.values()) else {}


def _as_text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return (value or "").strip()


class BaseTableFormSet(BaseFormSet):
    default_error_messages = {
        "too_many_forms": f"Keep the chart to {MAX_ITEMS} rows or fewer.",
    }

    def __init__(self, *args: Any, part: TablePart, **kwargs: Any) -> None:
        self.part = part
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        # The blank template form (index None) is never shown; new rows cannot be removed.
        return {
            "part": self.part,
            "row_number": (index or 0) + 1,
            "can_remove": index is not None and index < self.initial_form_count(),
        }

    def rows(self) -> list[dict[str, str]]:
        return [row for form in self.forms if (row := cast(TableRowForm, form).row())]


# formset_factory makes a subclass of the formset given; the stubs only know BaseFormSet.
TableFormSet = cast(
    type[BaseTableFormSet],
    formset_factory(
        TableRowForm,
        formset=BaseTableFormSet,
        extra=EXTRA_ROWS,
        max_num=MAX_ITEMS,
        validate_max=True,
        absolute_max=MAX_ITEMS + EXTRA_ROWS,
    ),
)


def row_anchor(part: Part, row_number: int) -> str:
    return f"part-{part.key}-row-{row_number}"


@dataclass(frozen=True)
class EditorPart:
    """One part of the form, in the spec's order: a field for list and text parts, a set of
    rows for a table part."""

    part: Part
    field: forms.BoundField | None = None
    rows: BaseTableFormSet | None = None

    @property
    def anchor(self) -> str:
        return f"part-{self.part.key}"

    @property
    def required_columns(self) -> str:
        """'About' or 'Support wanted and Skills needed': what every filled row needs."""
        if not isinstance(self.part, TablePart):
            return ""
        labels = [f"“{column.label}”" for column in self.part.columns if column.required]
        return " and ".join([", ".join(labels[:-1]), labels[-1]] if len(labels) > 1 else labels)


class ToolEditor:
    """The whole form for one tool: a ToolForm and a TableFormSet per table part."""

    def __init__(
        self,
        spec: ToolSpec,
        data: Any = None,
        *,
        content: dict[str, Any] | None = None,
        version: int = 0,
    ) -> None:
        self.spec = spec
        content = content or spec.empty_content()
        initial = {
            part.key: content.get(part.key)
            for part in spec.parts
            if not isinstance(part, TablePart)
        }
        self.form = ToolForm(data, spec=spec, initial={**initial, "version": version})
        self.tables: dict[str, BaseTableFormSet] = {
            part.key: TableFormSet(
                data, prefix=part.key, initial=content.get(part.key) or [], part=part
            )
            for part in spec.parts
            if isinstance(part, TablePart)
        }

    def is_valid(self) -> bool:
        results = [self.form.is_valid(), *(rows.is_valid() for rows in self.tables.values())]
        return all(results)

    @property
    def version(self) -> int:
        return int(self.form.cleaned_data["version"])

    def content(self) -> dict[str, Any]:
        """What was typed, in the spec's shape (call after is_valid())."""
        return {
            part.key: (
                self.tables[part.key].rows()
                if isinstance(part, TablePart)
                else self.form.cleaned_data[part.key]
            )
            for part in self.spec.parts
        }

    def parts(self) -> Iterator[EditorPart]:
        for part in self.spec.parts:
            if isinstance(part, TablePart):
                yield EditorPart(part, rows=self.tables[part.key])
            else:
                yield EditorPart(part, field=self.form[part.key])

    def add_error(self, message: str) -> None:
        self.form.add_error(None, message)

    @property
    def has_errors(self) -> bool:
        return bool(self.error_links())

    def error_links(self) -> list[tuple[str, str]]:
        """Every error on the page as (link target, message), in page order, for the error
        summary at the top."""
        links = [("", str(error)) for error in self.form.non_field_errors()]
        for editor_part in self.parts():
            if editor_part.field is not None:
                links += [
                    (editor_part.field.id_for_label, str(error))
                    for error in editor_part.field.errors
                ]
            elif editor_part.rows is not None and editor_part.rows.is_bound:
                links += [
                    (editor_part.anchor, str(error)) for error in editor_part.rows.non_form_errors()
                ]
                for row in editor_part.rows.forms:
                    for name, errors in row.errors.items():
                        target = (
                            row_anchor(editor_part.part, cast(TableRowForm, row).row_number)
                            if name == NON_FIELD_ERRORS
                            else row[name].id_for_label
                        )
                        links += [(target, str(error)) for error in errors]
        return links
