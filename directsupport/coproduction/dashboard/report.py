"""The programme report for the council's board: the dashboard's charts and tables with how
fresh they are, as a tagged PDF (``lib/pdf.py``; WeasyPrint draws the inline SVG charts)."""

from __future__ import annotations

from django.utils import timezone

from directsupport.lib.pdf import PdfDetails, RenderedPdf, render_pdf

from .reading import Dashboard

PDF_STYLESHEETS = ("css/pdf_base.css",)


def board_report(dashboard: Dashboard) -> RenderedPdf:
    title = f"Programme report: {dashboard.period_words}"
    return render_pdf(
        "coproduction/dashboard/report_pdf.html",
        {"dashboard": dashboard, "title": title, "printed": timezone.localdate()},
        details=PdfDetails(
            title=title,
            description=f"{title}. {dashboard.scope_words}. {dashboard.freshness}",
            keywords=("programme", "Individual Service Funds", "co-production"),
            created=timezone.now().isoformat(timespec="seconds"),
        ),
        stylesheets=PDF_STYLESHEETS,
    )
