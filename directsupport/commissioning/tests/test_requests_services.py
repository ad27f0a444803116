"""Drawing up, sending, withdrawing and declining requests for quote (the services)."""

from __future__ import annotations

from directsupport.commissioning.models import RequestStatus


def test_the_shared_request_is_sent_to_two_suppliers(sent_request) -> None:
    assert sent_request.status == RequestStatus.SENT
    assert sent_request.reference == "RFQ-0001"
    assert sent_request.invited.count() == 2
    assert sent_request.people_count == 1
