"""A person's Perfect Week as a printable PDF: a landscape picture timetable (a column per day,
a picture and a few words per entry) and the same week as a list for screen readers.

A4 or A3, both landscape, so it can go on a wall or a fridge. Printed by
``directsupport/lib/pdf.py`` (tagged PDF/UA, fonts embedded, static files only). It shows what
happens, where, when, with whom and the support needed: no costs and no notes, so it can be
left out where anyone can read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils import timezone
from django.utils.text import slugify

from directsupport.lib.pdf import PdfDetails, render_pdf
from directsupport.people.models import Person

from .display import by_day
from .models import Week, WeekKind

STYLESHEETS = ("css/pdf_base.css", "css/week_pdf.css")
TEMPLATE = "week/pdf/perfect_week.html"


class PaperSize(StrEnum):
    """The paper the PDF is laid out for (the ``?size=`` of the download link)."""

    A4 = "a4"
    A3 = "a3"

    @classmethod
    def from_query(cls, value: str | None) -> PaperSize:
        """The size asked for; anything unknown (or nothing) gets A4."""
        try:
            return cls((value or cls.A4).lower())
        except ValueError:
            return cls.A4

    @property
    def words(self) -> str:
        return f"{self.value.upper()} landscape"


@dataclass(frozen=True)
class WeekPdf:
    content: bytes
    pages: int
    filename: str


def week_filename(person: Person) -> str:
    """'perfect-week-dee-okafor.pdf'."""
    return f"perfect-week-{slugify(person.display_name) or 'person'}.pdf"


def render_week_pdf(person: Person, *, show_names: bool, size: PaperSize = PaperSize.A4) -> WeekPdf:
    """The PDF of ``person``'s Perfect Week as it is now. ``show_names`` is False for readers
    who may not see the relationship circle (``people.access.can_see_circle``)."""
    week = Week.objects.filter(person=person, kind=WeekKind.PERFECT).first()
    entries = list(week.entries.select_related("company_member")) if week else []
    title = f"{person.called}\u2019s Perfect Week"
    updated = week.updated_at if week else None
    rendered = render_pdf(
        TEMPLATE,
        {
            "title": title,
            "person": person,
            "days": by_day(entries),
            "has_entries": bool(entries),
            "size": size,
            "show_names": show_names,
            "updated": updated,
            "printed": timezone.localdate(),
        },
        details=PdfDetails(
            title=title,
            authors=(person.display_name,),
            description=f"{title}: a picture timetable, {size.words}",
            keywords=("Perfect Week", "timetable", "easy read"),
            created=timezone.now().isoformat(timespec="seconds"),
        ),
        stylesheets=STYLESHEETS,
    )
    return WeekPdf(content=rendered.content, pages=rendered.pages, filename=week_filename(person))
