"""Everything the product holds about one person, as a ZIP: a readable summary and JSON.

What goes in comes only from the registry of models that hold a person's data
(directsupport/lib/person_records.py), so a model an app adds later is exported as soon as the
app registers it, and the registry test fails until it does. The ZIP holds:

- ``summary.html``: one page a person (or their representative) can read in a browser, a
  section per kind of information in plain words, every row shown;
- ``summary.pdf``: the same page as a PDF, for printing or posting;
- ``data/<app>.<model>.json``: every row of every registered model, every column, as data
  (dates in ISO 8601, money in pence, links as ids) for anyone who wants to re-use it;
- ``files/...``: the photos and graphic recordings the rows name;
- ``manifest.json``: who it is about, when and by whom it was made, and the SHA-256 of each
  file inside, so a copy can be checked later.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any
from uuid import UUID

from django.core.files.storage import storages
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.lib.money import format_pence
from directsupport.lib.pdf import PdfDetails, render_pdf
from directsupport.lib.person_records import PersonRecords, registered
from directsupport.people.models import CircleMember, Person

# The summary PDF is a short printed overview: what the copy holds and the first few entries of
# each part; every entry is in summary.html and the JSON, and the PDF says so. WeasyPrint lays out
# a few pages a second: Dee's every row (about 1,400 entries) took minutes of CPU.
PDF_ROWS_PER_SECTION = 10
# A Plan Book version's content is pages of JSON: the PDF shows the start of long values.
PDF_VALUE_CHARS = 400
MISSING_FILE_NOTE = b"This file was named in the record but is missing."


@dataclass(frozen=True)
class Column:
    """One column of a registered model, as exported."""

    key: str  # the JSON key: the column's attribute name ("fund_id" for a link)
    label: str  # the readable heading ("Fund")
    field: models.Field[Any, Any]


@dataclass
class Section:
    """One registered model's rows about the person."""

    entry: PersonRecords
    columns: list[Column]
    rows: list[dict[str, Any]]  # JSON-ready values, keyed by Column.key
    # Readable (label, value) pairs per row, empty values left out: what the summary shows.
    display_rows: list[list[tuple[str, str]]] = field(default_factory=list)


@dataclass(frozen=True)
class ExportResult:
    """What was written: the sections (for the audit summary) and the files inside the ZIP."""

    sections: list[Section]
    files: dict[str, str]  # name inside the ZIP -> SHA-256 of its content


def collect(person: Person) -> list[Section]:
    """Every registered model's rows for ``person``, in the registry's order."""
    sections = []
    for entry in registered():
        columns = _columns(entry)
        values = entry.rows_for(person.pk).values_list(*(column.key for column in columns))
        rows = [
            {column.key: _json_value(value) for column, value in zip(columns, row, strict=True)}
            for row in values
        ]
        sections.append(Section(entry=entry, columns=columns, rows=rows))
    _add_display_rows(sections)
    return sections


def write_zip(
    out: IO[bytes],
    *,
    person: Person,
    sections: list[Section],
    produced_by: User | None,
    produced_at: dt.datetime,
    request_id: int | None,
    with_pdf: bool = True,
) -> ExportResult:
    """Write the ZIP to ``out`` (a file opened for writing bytes)."""
    files: dict[str, str] = {}

    def add(name: str, content: bytes) -> None:
        files[name] = hashlib.sha256(content).hexdigest()
        archive.writestr(name, content)

    context = {
        "row_slice": f":{PDF_ROWS_PER_SECTION}",
        "person": person,
        "sections": sections,
        "produced_by": produced_by,
        "produced_at": produced_at,
    }
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        add(
            "summary.html", render_to_string("subject_access/export/summary.html", context).encode()
        )
        if with_pdf:
            add("summary.pdf", _summary_pdf(person, sections, context))
        for section in sections:
            add(f"data/{section.entry.key}.json", _section_json(section))
        for name, content in _attached_files(sections):
            add(name, content)
        manifest = {
            "about": {"person_id": person.pk, "name": person.display_name},
            "produced_at": produced_at.isoformat(),
            "produced_by": produced_by.full_name if produced_by else "",
            "subject_access_request_id": request_id,
            "sections": [
                {
                    "model": section.entry.key,
                    "label": section.entry.label,
                    "kind": str(section.entry.kind),
                    "rows": len(section.rows),
                }
                for section in sections
            ],
            "files_sha256": files,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    return ExportResult(sections=sections, files=files)


def _columns(entry: PersonRecords) -> list[Column]:
    wanted = set(entry.concrete_field_names())
    return [
        Column(key=field.attname, label=_label(field), field=field)
        for field in entry.model._meta.concrete_fields
        if field.name in wanted
    ]


def _label(field: models.Field[Any, Any]) -> str:
    words = str(field.verbose_name)
    return words[:1].upper() + words[1:]


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def _section_json(section: Section) -> bytes:
    data = {
        "model": section.entry.key,
        "label": section.entry.label,
        "kind": str(section.entry.kind),
        "columns": {column.key: column.label for column in section.columns},
        "rows": section.rows,
    }
    return json.dumps(data, indent=1, ensure_ascii=False).encode()


def _add_display_rows(sections: list[Section]) -> None:
    """Readable values for the summary: names of people for links to them (one query per kind
    of link, not per row), words for choices, pounds for pence, UK dates."""
    names = _names_for_links(sections)
    for section in sections:
        section.display_rows = []
        for row in section.rows:
            pairs = (
                (column.label, _display(column, row[column.key], names))
                for column in section.columns
            )
            section.display_rows.append([(label, shown) for label, shown in pairs if shown])


def _names_for_links(sections: list[Section]) -> dict[type[models.Model], dict[Any, str]]:
    """Names for links to users and circle members, the links a reader needs to understand;
    other links show as 'number 12', which the JSON of that model explains."""
    wanted: dict[type[models.Model], set[Any]] = {User: set(), CircleMember: set()}
    for section in sections:
        for column in section.columns:
            target = column.field.related_model if column.field.is_relation else None
            if target in wanted:
                wanted[target].update(row[column.key] for row in section.rows)  # type: ignore[index]
    users = User.objects.filter(pk__in=wanted[User] - {None}).values_list("pk", "full_name")
    members = CircleMember.objects.filter(pk__in=wanted[CircleMember] - {None}).values_list(
        "pk", "name"
    )
    return {User: dict(users), CircleMember: dict(members)}


def _display(column: Column, value: Any, names: dict[type[models.Model], dict[Any, str]]) -> str:
    field = column.field
    if value is None or value == "":
        return ""
    if field.is_relation:
        target = field.related_model
        known = names.get(target, {})  # type: ignore[arg-type]
        return known.get(value, f"number {value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "Yes" if value else "No"
    if isinstance(field, models.DateTimeField):
        moment = dt.datetime.fromisoformat(value)
        return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")
    if isinstance(field, models.DateField):
        return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
    if isinstance(value, int) and field.name.endswith("pence"):
        return format_pence(value)
    if isinstance(value, dict | list):
        return json.dumps(value, indent=1, ensure_ascii=False)
    return str(value)


def _attached_files(sections: list[Section]) -> Iterable[tuple[str, bytes]]:
    """The private files the rows name (photos, graphic recordings). A missing file is noted in
    the ZIP rather than stopping the export: the rest is still owed to the person."""
    storage = storages["private"]
    for section in sections:
        file_columns = [c for c in section.columns if isinstance(c.field, models.FileField)]
        for row in section.rows:
            for column in file_columns:
                name = row[column.key]
                if not name:
                    continue
                inside = (
                    f"files/{section.entry.key}/{row.get('id', 'row')}-{name.rsplit('/', 1)[-1]}"
                )
                try:
                    with storage.open(name, "rb") as handle:
                        yield inside, handle.read()
                except FileNotFoundError:
                    yield (
                        f"{inside}.missing.txt",
                        b"This file was named in the record but is missing.",
                    )


def _summary_pdf(person: Person, sections: list[Section], context: dict[str, Any]) -> bytes:
    rendered = render_pdf(
        "subject_access/export/summary.html",
        {
            **context,
            "for_pdf": True,
            "pdf_limit": PDF_ROWS_PER_SECTION,
            "pdf_value_chars": PDF_VALUE_CHARS,
        },
        details=PdfDetails(
            title=f"Everything we hold about {person.display_name}",
            created=context["produced_at"].isoformat(),
        ),
    )
    return rendered.content
