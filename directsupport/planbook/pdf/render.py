"""A Plan Book version as a PDF: the standard Plan Book and the easy-read version, or either alone.

It prints the web page's own section templates (``planbook/sections`` and
``easy_sections``), which read only the version's snapshot (``planbook/book/compile.py``), so
the PDF of a published version is the same however the tools change later, and says what the page
says. Every word is the snapshot's text, escaped by the templates; nothing in it is ever markup. The
only files the PDF reads are the version's copy of the person's photo and the graphic recordings
named in the snapshot (``directsupport/lib/pdf.py`` refuses everything else).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.files.storage import storages
from django.utils.text import slugify

from directsupport.lib.pdf import PdfDetails, private_file_url, render_pdf
from directsupport.planning.models import GraphicRecording

from ..models import PlanBookVersion

STYLESHEETS = ("css/pdf_base.css", "css/plan_book_pdf.css")
TEMPLATE = "planbook/pdf/plan_book.html"
PHOTO_KEY = "photo"


class PlanBookPart(StrEnum):
    """Which part of the Plan Book a PDF holds (the ``?part=`` of the download link)."""

    BOTH = "both"
    STANDARD = "standard"
    EASY_READ = "easy-read"

    @classmethod
    def from_query(cls, value: str | None) -> PlanBookPart:
        """The part asked for; anything unknown (or nothing) gets both."""
        try:
            return cls(value or cls.BOTH)
        except ValueError:
            return cls.BOTH

    @property
    def has_standard(self) -> bool:
        return self in (PlanBookPart.BOTH, PlanBookPart.STANDARD)

    @property
    def has_easy_read(self) -> bool:
        return self in (PlanBookPart.BOTH, PlanBookPart.EASY_READ)

    @property
    def words(self) -> str:
        return {
            PlanBookPart.BOTH: "standard and easy read",
            PlanBookPart.STANDARD: "standard",
            PlanBookPart.EASY_READ: "easy read",
        }[self]


@dataclass(frozen=True)
class PlanBookPdf:
    content: bytes
    pages: int
    filename: str


def possessive(name: str) -> str:
    """The name with a typographic apostrophe (U+2019) and "s", as in print."""
    return f"{name}\u2019s"


def _snapshot_person(version: PlanBookVersion) -> dict[str, Any]:
    person = (version.content or {}).get("person")
    return person if isinstance(person, dict) else {}


def plan_book_filename(version: PlanBookVersion, part: PlanBookPart) -> str:
    """'plan-book-dee-okafor-v2.pdf', with '-standard' or '-easy-read' for one part alone."""
    name = slugify(_snapshot_person(version).get("name") or version.person.display_name)
    suffix = "" if part == PlanBookPart.BOTH else f"-{part.value}"
    return f"plan-book-{name or 'person'}-v{version.number}{suffix}.pdf"


def render_plan_book_pdf(
    version: PlanBookVersion, *, part: PlanBookPart = PlanBookPart.BOTH, show_circle: bool
) -> PlanBookPdf:
    """The PDF of one Plan Book version. ``show_circle`` is False for readers who may not see
    the relationship circle (``people.access.can_see_circle``)."""
    files: dict[str, str] = {}
    context = plan_book_context(version, part=part, show_circle=show_circle, files=files)
    person = _snapshot_person(version)
    created = version.compiled_at or version.created_at
    rendered = render_pdf(
        TEMPLATE,
        context,
        details=PdfDetails(
            title=context["document_title"],
            authors=(str(person.get("name") or ""),),
            description=(
                f"{context['book_title']}, version {version.number} "
                f"({version.get_status_display().lower()}), {part.words}"
            ),
            keywords=("Plan Book", "person-centred plan", "easy read"),
            created=created.isoformat(timespec="seconds") if created else None,
        ),
        stylesheets=STYLESHEETS,
        private_files=files,
    )
    return PlanBookPdf(
        content=rendered.content, pages=rendered.pages, filename=plan_book_filename(version, part)
    )


def plan_book_context(
    version: PlanBookVersion, *, part: PlanBookPart, show_circle: bool, files: dict[str, str]
) -> dict[str, Any]:
    """What the print templates (and the Plan Book section includes they use) need. Private
    files the PDF may read are added to ``files``."""
    content: dict[str, Any] = version.content or {}
    person = _snapshot_person(version)
    called = str(person.get("called") or person.get("name") or "")
    book_title = f"{possessive(called)} Plan Book"
    return {
        "version": version,
        "content": content,
        "person": version.person,
        "person_pk": version.person_id,
        "show_circle": show_circle,
        "show_standard": part.has_standard,
        "show_easy_read": part.has_easy_read,
        "called": called,
        "name": str(person.get("name") or ""),
        "book_title": book_title,
        "document_title": f"{book_title}, version {version.number} ({part.words})",
        "status_label": version.get_status_display(),
        # The section includes use these instead of the access-checked picture pages.
        "photo_src": _add_file(files, PHOTO_KEY, str(person.get("photo") or "")),
        "recording_srcs": _recording_srcs(version, content, files),
    }


def _add_file(files: dict[str, str], key: str, name: str) -> str:
    """The PDF's address for a stored private file, or "" when there is none (any more)."""
    if not name or not storages["private"].exists(name):
        return ""
    files[key] = name
    return private_file_url(key)


def _recording_srcs(
    version: PlanBookVersion, content: dict[str, Any], files: dict[str, str]
) -> dict[int, str]:
    """The pictures of the graphic recordings in the snapshot that are still stored, by id
    (one query for them all)."""
    ids = [item.get("id") for item in content.get("recordings") or []]
    images = GraphicRecording.objects.filter(
        person_id=version.person_id, pk__in=[pk for pk in ids if isinstance(pk, int)]
    ).values_list("pk", "image")
    sources = {}
    for pk, name in images:
        if source := _add_file(files, f"recording-{pk}", name):
            sources[pk] = source
    return sources
