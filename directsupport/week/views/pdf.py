"""A person's Perfect Week as a PDF download (``?size=a4`` or ``?size=a3``, landscape).

Whoever may see the person's weeks may download it (the same access rule as the week page).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view
from directsupport.people.access import can_see_circle

from ..access import get_week_person_for_user
from ..pdf import PaperSize, render_week_pdf


@require_GET
def week_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_week_person_for_user(user, pk)
    size = PaperSize.from_query(request.GET.get("size"))
    pdf = render_week_pdf(person, size=size, show_names=can_see_circle(user, person))
    record_view(
        request,
        person_id=person.pk,
        subject=person,
        summary=f"{person.display_name}'s Perfect Week as a PDF ({size.words})",
    )
    response = HttpResponse(pdf.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
