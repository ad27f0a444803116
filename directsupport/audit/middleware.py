"""Audits what access.py functions decide: the reads they allow and the refusals they raise."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from directsupport.lib.denials import AuditedDenial

from .denial_limit import flush_finished_minutes, record_denial
from .reads import reads_of


class AuditDenialsMiddleware:
    """One audit row per refusal, with repeats within a minute folded into counts
    (audit/denial_limit.py), so one user cannot grow the log without bound; and one "looked at"
    row per person whose information a successful page read (audit/reads.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The totals of this user's finished minutes of repeated refusals, if any.
        flush_finished_minutes(request)
        with reads_of(request) as reads:
            response = self.get_response(request)
            reads.write_unrecorded(response)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, AuditedDenial):
            record_denial(request, exception)
        return None
