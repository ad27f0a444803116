"""Records refused access decisions raised by access.py functions."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from directsupport.lib.denials import AuditedDenial

from .denial_limit import flush_finished_minutes, record_denial


class AuditDenialsMiddleware:
    """One audit row per refusal, with repeats within a minute folded into counts
    (audit/denial_limit.py), so one user cannot grow the log without bound."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The totals of this user's finished minutes of repeated refusals, if any.
        flush_finished_minutes(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, AuditedDenial):
            record_denial(request, exception)
        return None
