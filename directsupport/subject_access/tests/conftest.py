"""Subject access tests: files go to a temporary folder, and Dee has a request from her sister."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from directsupport.subject_access.models import RequestedBy, SubjectAccessRequest
from directsupport.subject_access.services import record_request

RECEIVED = dt.date(2026, 10, 5)


@pytest.fixture(autouse=True)
def private_storage(settings: Any, tmp_path: Any) -> Any:
    """The copies go to a temporary folder for each test, never var/private/."""
    folder = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder), "base_url": None},
        },
    }
    return folder


@pytest.fixture
def dee_request(dee, sister, cousin, neighbour, coordinator) -> SubjectAccessRequest:
    """Dee's sister Ngozi asked, on Dee's behalf, on 5 October 2026."""
    return record_request(
        actor=coordinator,
        person=dee,
        received_on=RECEIVED,
        requested_by=RequestedBy.REPRESENTATIVE,
        representative=sister,
    )
