"""Records refused access decisions raised by access.py functions."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from directsupport.lib.denials import AuditedDenial

from .models import Action
from .services import record_request_event


class AuditDenialsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, AuditedDenial):
            record_request_event(
                request,
                action=Action.DENIED,
                person_id=exception.person_id,
                subject_type=exception.subject_type,
                subject_id=exception.subject_id,
                summary=exception.reason,
            )
        return None
