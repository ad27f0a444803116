"""A contract as a PDF: the full contract, or the easy-read summary for the person. Printed by
``lib/pdf.py`` (tagged PDF/UA, fonts embedded, static files only), as statements are."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.lib.pdf import PdfDetails, render_pdf

from ..models import Contract, ContractParty
from .display import easy_ideas, party_rows

STYLESHEETS = ("css/pdf_base.css", "css/statement_pdf.css")
TEMPLATES = {
    False: "commissioning/contracts/pdf/contract.html",
    True: "commissioning/contracts/pdf/easy_read.html",
}


@dataclass(frozen=True)
class ContractPdf:
    content: bytes
    pages: int
    filename: str


def render_contract_pdf(
    contract: Contract, *, viewer: User, easy: bool, party: ContractParty | None = None
) -> ContractPdf:
    title = (
        f"My contract for {contract.service}"
        if easy
        else f"Contract {contract.reference}: {contract.service}"
    )
    context: dict[str, Any] = {
        "title": title,
        "contract": contract,
        "rows": party_rows(contract, viewer),
        "ideas": easy_ideas(contract, party),
        "provider": contract.organisation,
        "supplier": contract.supplier.organisation,
        "printed": timezone.localdate(),
    }
    rendered = render_pdf(
        TEMPLATES[easy],
        context,
        details=PdfDetails(
            title=title,
            authors=(str(context["provider"].name),),
            description=f"{title} ({contract.reference})",
            keywords=("contract", "Individual Service Fund", *(("easy read",) if easy else ())),
            created=timezone.now().isoformat(timespec="seconds"),
        ),
        stylesheets=STYLESHEETS,
    )
    suffix = "-easy-read" if easy else ""
    return ContractPdf(
        content=rendered.content,
        pages=rendered.pages,
        filename=f"contract-{contract.reference.lower()}{suffix}.pdf",
    )
