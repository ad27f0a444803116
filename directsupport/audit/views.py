"""The audit log browser for managers."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .access import audit_log_visible_to


def audit_log(request: HttpRequest) -> HttpResponse:
    events = audit_log_visible_to(request.user).select_related("actor")  # type: ignore[arg-type]
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {"page": page})
