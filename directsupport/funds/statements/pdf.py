"""A monthly statement as a PDF: the full statement, or "Your money this month" in easy read.

A4, Atkinson Hyperlegible embedded, "page x of y" in the footer, tagged PDF/UA (printed by
``directsupport/lib/pdf.py``, which reads static files only).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from directsupport.lib.pdf import PdfDetails, render_pdf

from ..models import Fund
from .display import StatementPage

STYLESHEETS = ("css/pdf_base.css", "css/statement_pdf.css")
TEMPLATES = {
    False: "funds/statements/pdf/statement.html",
    True: "funds/statements/pdf/easy_read.html",
}


@dataclass(frozen=True)
class StatementPdf:
    content: bytes
    pages: int
    filename: str


def statement_filename(fund: Fund, page: StatementPage, *, easy: bool) -> str:
    """'statement-dee-okafor-2026-10.pdf', or '...-easy-read.pdf'."""
    name = slugify(fund.person.display_name) or "person"
    suffix = "-easy-read" if easy else ""
    return f"statement-{name}-{page.month:%Y-%m}{suffix}.pdf"


def render_statement_pdf(fund: Fund, page: StatementPage, *, easy: bool) -> StatementPdf:
    person = fund.person
    title = (
        f"{person.called}\u2019s money in {page.month:%B %Y}"
        if easy
        else f"Statement for {page.month:%B %Y}: {person.display_name}"
    )
    context: dict[str, Any] = {
        "title": title,
        "fund": fund,
        "person": person,
        "page": page,
        "figures": page.figures,
        "sentences": page.easy_sentences(),
        "printed": timezone.localdate(),
    }
    rendered = render_pdf(
        TEMPLATES[easy],
        context,
        details=PdfDetails(
            title=title,
            authors=(person.display_name,),
            description=f"{title} ({fund.reference})",
            keywords=("Individual Service Fund", "statement", *(("easy read",) if easy else ())),
            created=timezone.now().isoformat(timespec="seconds"),
        ),
        stylesheets=STYLESHEETS,
    )
    return StatementPdf(
        content=rendered.content,
        pages=rendered.pages,
        filename=statement_filename(fund, page, easy=easy),
    )
