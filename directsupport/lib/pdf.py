"""Turning a template into a PDF with WeasyPrint: tagged for screen readers, fonts embedded, and
nothing fetched from the network.

Everything a PDF shows comes from two places only: the site's own static files (stylesheets,
fonts, pictures we ship) and private files the caller names one by one (a person's photo, a
graphic recording). Any other address in a template, a stylesheet or a person's words is
refused by the fetcher, so a PDF can never reach out to another server or read another file.

Stylesheets are parsed, and their ``@font-face`` fonts loaded, once per process thread and then
shared by every PDF: loading fonts is the slowest part of a small document. The fonts are
embedded (subset) in every PDF, as PDF/UA requires.
"""

from __future__ import annotations

import mimetypes
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import storages
from django.template.loader import render_to_string
from django.utils._os import safe_join
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

# A made-up address that no network can reach (.invalid is reserved): templates' relative and
# site-absolute links resolve against it, and the fetcher answers for it from local files.
BASE_URL = "https://pdf.invalid/"
PRIVATE_PREFIX = f"{BASE_URL}private/"
# PDF/UA-1: a tagged PDF (headings, lists, tables, figures with their alternative text), with
# the title shown instead of the file name and the document's language declared.
PDF_VARIANT = "pdf/ua-1"
# Static files a PDF may use. Anything else under static/ (scripts, say) is refused.
STATIC_TYPES = frozenset({".css", ".woff", ".woff2", ".ttf", ".otf", ".svg", ".png", ".jpg"})


class RefusedFetch(ValueError):
    """A PDF asked for something other than a static file or a private file it was given."""


@dataclass(frozen=True)
class PdfDetails:
    """What a PDF says about itself: its title (shown by readers instead of the file name),
    language and document information."""

    title: str
    lang: str = "en-GB"
    authors: tuple[str, ...] = ()
    description: str = ""
    keywords: tuple[str, ...] = ()
    created: str | None = None  # W3C date-time, e.g. "2026-03-14T10:00:00+00:00"
    generator: str = "Direct Your Support"


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int


@dataclass
class _Styles:
    font_config: FontConfiguration
    stylesheets: dict[tuple[str, ...], list[CSS]] = field(default_factory=dict)


_local = threading.local()


def private_file_url(key: str) -> str:
    """The address a template uses for a private file passed to render_pdf under ``key``."""
    return f"{PRIVATE_PREFIX}{key}"


class LocalFetcher(URLFetcher):
    """Answers only for static files and the private files named in ``private_files``
    (key -> name in the private storage); refuses every other address."""

    def __init__(self, private_files: Mapping[str, str] | None = None) -> None:
        super().__init__(allowed_protocols=())
        self._private_files = dict(private_files or {})
        self._static_prefix = BASE_URL + settings.STATIC_URL.lstrip("/")

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        address = url.split("#", 1)[0].split("?", 1)[0]
        if address.startswith(self._static_prefix):
            return self._static(url, address.removeprefix(self._static_prefix))
        if address.startswith(PRIVATE_PREFIX):
            return self._private(url, address.removeprefix(PRIVATE_PREFIX))
        raise RefusedFetch(f"A PDF may only use static files and the files given to it: {url}")

    def _static(self, url: str, name: str) -> URLFetcherResponse:
        path = static_file_path(name)
        if path is None:
            raise RefusedFetch(f"No such static file for a PDF: {name}")
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _content_type(name)})

    def _private(self, url: str, key: str) -> URLFetcherResponse:
        name = self._private_files.get(key)
        if not name:
            raise RefusedFetch(f"This PDF was not given a private file called {key!r}")
        with storages["private"].open(name, "rb") as handle:
            body = handle.read()
        return URLFetcherResponse(url, body, {"Content-Type": _content_type(name)})


def static_file_path(name: str) -> Path | None:
    """A shipped static file by its name under static/ (``fonts/x.woff``), or None.

    Found as the site serves it: from the source folders (development, tests) or the collected
    STATIC_ROOT (production). Names climbing out of those folders are refused.
    """
    if Path(name).suffix.lower() not in STATIC_TYPES or ".." in Path(name).parts:
        return None
    found = finders.find(name)
    if isinstance(found, str):
        return Path(found)
    if settings.STATIC_ROOT:
        try:
            collected = Path(safe_join(str(settings.STATIC_ROOT), name))
        except SuspiciousFileOperation:
            return None
        if collected.is_file():
            return collected
    return None


def _content_type(name: str) -> str:
    if name.lower().endswith(".woff"):
        return "font/woff"
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _styles_for(stylesheets: tuple[str, ...]) -> tuple[FontConfiguration, list[CSS]]:
    """Parsed stylesheets (static file names) and their fonts, kept for this thread.

    One FontConfiguration per thread: WeasyPrint's font map is not shared safely between
    threads, and within one thread every PDF reuses the fonts loaded the first time.
    """
    styles: _Styles | None = getattr(_local, "styles", None)
    if styles is None:
        styles = _Styles(font_config=FontConfiguration())
        _local.styles = styles
    if stylesheets not in styles.stylesheets:
        fetcher = LocalFetcher()
        parsed = []
        for name in stylesheets:
            path = static_file_path(name)
            if path is None:
                raise RefusedFetch(f"No such stylesheet for a PDF: {name}")
            parsed.append(
                CSS(
                    string=path.read_text(encoding="utf-8"),
                    base_url=f"{BASE_URL}{settings.STATIC_URL.lstrip('/')}{name}",
                    url_fetcher=fetcher,
                    font_config=styles.font_config,
                )
            )
        styles.stylesheets[stylesheets] = parsed
    return styles.font_config, styles.stylesheets[stylesheets]


def render_pdf(
    template_name: str,
    context: Mapping[str, Any],
    *,
    details: PdfDetails,
    stylesheets: Sequence[str] = (),
    private_files: Mapping[str, str] | None = None,
) -> RenderedPdf:
    """Render ``template_name`` to a tagged PDF (PDF/UA-1).

    ``stylesheets`` are static file names (``css/plan_book_pdf.css``); ``private_files`` maps the
    keys a template uses with ``private_file_url`` to names in the private storage. The template
    should declare ``<html lang>`` and ``<title>`` too; ``details`` win over them.
    """
    html = render_to_string(template_name, dict(context))
    font_config, parsed = _styles_for(tuple(stylesheets))
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=LocalFetcher(private_files)).render(
        font_config=font_config, stylesheets=parsed, pdf_variant=PDF_VARIANT, pdf_tags=True
    )
    metadata = document.metadata
    metadata.title = details.title
    metadata.lang = details.lang
    metadata.authors = list(details.authors)
    metadata.description = details.description or None
    metadata.keywords = list(details.keywords)
    metadata.generator = details.generator
    metadata.created = metadata.modified = details.created
    content = document.write_pdf(
        pdf_variant=PDF_VARIANT, pdf_tags=True, finisher=untag_decorative_figures
    )
    return RenderedPdf(content=content, pages=len(document.pages))


def untag_decorative_figures(document: Any, pdf: Any) -> None:
    """Pictures with no text alternative stop being tagged as figures.

    WeasyPrint tags every ``<img>`` and ``<svg>`` as a Figure, taking its words from ``alt`` or
    the SVG's ``<title>``. An icon the page marks decorative (``aria-hidden``, no title) would
    be a Figure with no words, which PDF/UA forbids and screen readers announce as an unnamed
    "graphic". WeasyPrint 70 cannot mark content as an artifact, so such a figure becomes a
    plain Span: still tagged, and passed over in silence.
    """
    for item in pdf.objects:
        if (
            isinstance(item, dict)
            and item.get("Type") == "/StructElem"
            and item.get("S") == "/Figure"
            and "Alt" not in item
        ):
            item["S"] = "/Span"
            item.pop("A", None)
