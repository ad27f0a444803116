"""The due date: one calendar month after the day the request was received (ICO guidance)."""

from __future__ import annotations

import datetime as dt

import pytest

from directsupport.subject_access.models import RequestStatus, SubjectAccessRequest
from directsupport.subject_access.services import due_date_for


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (dt.date(2026, 3, 3), dt.date(2026, 4, 3)),  # the same day next month
        (dt.date(2026, 1, 31), dt.date(2026, 2, 28)),  # no 31 February: the month's last day
        (dt.date(2028, 1, 31), dt.date(2028, 2, 29)),  # a leap year
        (dt.date(2026, 8, 31), dt.date(2026, 9, 30)),
        (dt.date(2026, 12, 15), dt.date(2027, 1, 15)),  # into the next year
    ],
)
def test_due_one_calendar_month_after_receipt(received, due):
    assert due_date_for(received) == due


def test_overdue_and_due_soon_count_from_the_due_date():
    sar = SubjectAccessRequest(received_on=dt.date(2026, 10, 5), due_on=dt.date(2026, 11, 5))
    assert sar.is_due_soon(dt.date(2026, 10, 29)) and not sar.is_overdue(dt.date(2026, 10, 29))
    assert not sar.is_due_soon(dt.date(2026, 10, 28))
    assert sar.is_due_soon(dt.date(2026, 11, 5)) and not sar.is_overdue(dt.date(2026, 11, 5))
    assert sar.is_overdue(dt.date(2026, 11, 6))
    sar.status = RequestStatus.READY
    assert not sar.is_overdue(dt.date(2026, 11, 6))  # answered: no longer a warning
