"""A Plan Book version as a PDF download: the standard Plan Book and the easy-read version in
one document, or either alone (``?part=standard`` or ``?part=easy-read``).

Whoever may read the version's web page may download its PDF (the same access rule), and the
PDF leaves out the relationship circle for readers who may not see it.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view
from directsupport.people.access import can_see_circle

from ..access import get_plan_book_version_for_user
from .render import PlanBookPart, render_plan_book_pdf


@require_GET
def plan_book_pdf(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    user = request.user
    version = get_plan_book_version_for_user(user, pk, number)
    part = PlanBookPart.from_query(request.GET.get("part"))
    pdf = render_plan_book_pdf(version, part=part, show_circle=can_see_circle(user, version.person))
    record_view(
        request,
        person_id=version.person_id,
        subject=version,
        summary=f"Plan Book version {version.number} as a PDF ({part.words})",
    )
    response = HttpResponse(pdf.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.filename}"'
    # A person's plan: never kept by a shared cache, nor on the device after the download.
    response["Cache-Control"] = "private, no-store"
    return response
