"""Checking Open Referral UK documents against the profile's own files in
../shared/standards/oruk-3.0/ (not the product's copies, so a wrong copy cannot hide a wrong
answer): ``assert_valid_oruk`` is the one check every test of the API uses.

Schema names are the compiled files (``service``, ``service_list``, ``service_at_location``,
``service_at_location_list``, ``organization``); ``taxonomy`` and ``taxonomy_term``, for which
the profile compiles no file of their own, are its definitions in
``service_with_definitions.json``; ``api_information`` is the OpenAPI file's answer to ``/``.
With ``page=True`` the payload is one of the profile's pages (the OpenAPI ``Page`` schema, every
one of its fields present) whose ``contents`` are each checked against the schema.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from jsonschema import Draft202012Validator

from directsupport.market.openreferral.validation import format_checker, json_path

STANDARD = Path(settings.BASE_DIR).parent / "shared" / "standards" / "oruk-3.0"
DEFINITIONS = ("taxonomy", "taxonomy_term")


@cache
def _load(name: str) -> dict[str, Any]:
    return dict(json.loads((STANDARD / name).read_text(encoding="utf-8")))


@cache
def _schema(schema_name: str) -> dict[str, Any]:
    if schema_name in DEFINITIONS:
        with_definitions = _load("compiled/service_with_definitions.json")
        return {
            "$ref": f"#/definitions/{schema_name}",
            "definitions": with_definitions["definitions"],
        }
    openapi = _load("openapi.json")
    if schema_name == "api_information":
        root = openapi["paths"]["/"]["get"]["responses"]["200"]
        return dict(root["content"]["application/json"]["schema"])
    if schema_name == "page":
        return dict(openapi["components"]["schemas"]["Page"])
    return _load(f"compiled/{schema_name}.json")


def _errors(payload: Any, schema_name: str, at: tuple[str | int, ...] = ()) -> list[str]:
    validator = Draft202012Validator(_schema(schema_name), format_checker=format_checker())
    return [
        f"{json_path((*at, *error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(payload)
    ]


def assert_valid_oruk(payload: Any, schema_name: str, *, page: bool = False) -> None:
    if page:
        errors = _errors(payload, "page")
        missing = [
            key for key in (*_schema("page")["properties"], "contents") if key not in payload
        ]
        errors += [f"$: the page has no “{key}”" for key in missing]
        for index, item in enumerate(payload.get("contents", [])):
            errors += _errors(item, schema_name, ("contents", index))
    else:
        errors = _errors(payload, schema_name)
    assert not errors, f"Not valid Open Referral UK ({schema_name}):\n" + "\n".join(errors)
