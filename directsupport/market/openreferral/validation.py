"""Checking documents against the Open Referral UK profile's JSON schemas, with the problems
said plainly and placed by JSON path (``$.contents[2].schedules[0].opens_at``).

The schemas are the profile's compiled files, copied into ``standard/`` (see its README). They
are JSON Schema 2020-12 (the OpenAPI file's dialect). Formats are checked too: jsonschema knows
``uuid`` and ``email`` itself; ``date-time`` and ``uri`` are checked here, because the packages
it would use for them are not installed.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

STANDARD_DIR = Path(__file__).resolve().parent / "standard"
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")
_URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
_JSON_TYPES = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "an object",
    "null": "null",
}


@dataclass(frozen=True)
class Problem:
    """Something wrong with a file, where it is (a JSON path) and what, in words."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def json_path(parts: Any) -> str:
    """``["contents", 0, "id"]`` as ``$.contents[0].id``."""
    text = "$"
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


@functools.cache
def standard_file(name: str) -> dict[str, Any]:
    """One of the profile's files in ``standard/``, parsed (``service`` for service.json)."""
    return dict(json.loads((STANDARD_DIR / f"{name}.json").read_text(encoding="utf-8")))


def format_checker() -> FormatChecker:
    checker = FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(instance: object) -> bool:
        # RFC 3339: a date, a time and an offset (2023-03-15T10:30:45.123Z).
        if not isinstance(instance, str):
            return True
        if not _DATE_TIME.match(instance):
            return False
        return dt.datetime.fromisoformat(instance).tzinfo is not None

    @checker.checks("uri")
    def is_uri(instance: object) -> bool:
        return not isinstance(instance, str) or bool(_URI_SCHEME.match(instance))

    return checker


@functools.cache
def validator(schema_name: str) -> Draft202012Validator:
    return Draft202012Validator(standard_file(schema_name), format_checker=format_checker())


def problems_against(
    document: Any, schema_name: str, *, at: tuple[str | int, ...] = ()
) -> Iterator[Problem]:
    """Every way ``document`` fails the named schema, outermost first; ``at`` is where the
    document sits in the file, so paths are the file's own."""
    errors = sorted(validator(schema_name).iter_errors(document), key=lambda e: list(e.path))
    for error in errors:
        yield Problem(json_path((*at, *error.absolute_path)), plain_message(error))


def plain_message(error: ValidationError) -> str:
    """jsonschema's message, in the words a market shaper can act on."""
    instance = error.instance
    if error.validator == "required":
        missing = re.match(r"'(.+)' is a required property", error.message)
        name = missing.group(1) if missing else "a required field"
        return f"“{name}” is missing, and is required here"
    if error.validator == "type":
        wanted = error.validator_value
        wanted_words = (
            " or ".join(_JSON_TYPES.get(str(w), str(w)) for w in wanted)
            if isinstance(wanted, list)
            else _JSON_TYPES.get(str(wanted), str(wanted))
        )
        return f"should be {wanted_words}, not {_json_type_words(instance)}"
    if error.validator == "format":
        return f"“{_shortened(instance)}” is not a valid {error.validator_value}"
    if error.validator == "enum":
        choices = ", ".join(str(choice) for choice in error.validator_value)
        return f"“{_shortened(instance)}” is not one of: {choices}"
    return error.message


def _json_type_words(instance: object) -> str:
    if instance is None:
        return "null"
    if isinstance(instance, bool):
        return "true or false"
    if isinstance(instance, (int, float)):
        return "a number"
    if isinstance(instance, str):
        return "text"
    if isinstance(instance, list):
        return "a list"
    return "an object"


def _shortened(value: object, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
