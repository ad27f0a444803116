"""Fixtures and small files for the panel tests (imported by those modules, so they stay apart
from other concepts' fixtures).

Every test runs on Wednesday 9 December 2026. Willowbrook's panel pays £20.00 an hour with a
weekly limit of £195.00, warning from 80%. Jo (the ``expert`` persona) is a member who signs
in; Pat Green takes part without a sign-in. Both came to the meeting on 25 November; the next
meeting is on 15 December with an easy-read paper; Jo is not invited to a third meeting.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from PIL import Image

from directsupport.accounts.roles import Role
from directsupport.coproduction.models import (
    AttendanceStatus,
    MeetingPaper,
    Panel,
    PanelMeeting,
    PanelMember,
)
from directsupport.coproduction.panel.services import (
    AgendaLine,
    add_member,
    plan_meeting,
    record_attendance,
    set_up_panel,
    upload_paper,
)
from tests.clock import on_day
from tests.factories import UserFactory

TODAY = dt.date(2026, 12, 9)
LONDON = ZoneInfo(settings.TIME_ZONE)
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


def picture_bytes(image_format: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(out, image_format)
    return out.getvalue()


def upload(content: bytes, name: str) -> io.BytesIO:
    file = io.BytesIO(content)
    file.name = name
    return file


@pytest.fixture
def on_today() -> Iterator[None]:
    with on_day(TODAY):
        yield


@pytest.fixture
def private_storage(settings: Any, tmp_path: Any) -> Any:
    """Papers go to a temporary folder for each test."""
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
def persona(request: pytest.FixtureRequest) -> Callable[[str], Any]:
    """persona("finance") gives the named persona from tests/personas.py."""
    return request.getfixturevalue


@pytest.fixture
def panel(provider, coordinator, on_today) -> Panel:
    return set_up_panel(
        actor=coordinator,
        organisation=provider,
        fields={
            "name": "Willowbrook co-production panel",
            "hourly_rate_pence": 2000,
            "weekly_limit_pence": 19_500,
            "warn_at_percent": 80,
        },
    )


@pytest.fixture
def jo(panel, expert, coordinator) -> PanelMember:
    return add_member(
        actor=coordinator,
        panel=panel,
        name="Jo Whitfield",
        joined_on=dt.date(2025, 6, 2),
        user=expert,
        access_needs="Easy-read papers a week before.",
    )


@pytest.fixture
def pat(panel, coordinator) -> PanelMember:
    return add_member(
        actor=coordinator, panel=panel, name="Pat Green", joined_on=dt.date(2025, 6, 2)
    )


@pytest.fixture
def other_expert(provider) -> Any:
    """An expert by experience on the panel but invited to none of these meetings."""
    return UserFactory.create(
        organisation=provider, role=Role.EXPERT, full_name="Amir Haddad", email="amir@example.org"
    )


@pytest.fixture
def amir(panel, other_expert, coordinator) -> PanelMember:
    return add_member(
        actor=coordinator,
        panel=panel,
        name="Amir Haddad",
        joined_on=dt.date(2025, 6, 2),
        user=other_expert,
    )


@pytest.fixture
def held_meeting(panel, jo, pat, coordinator) -> PanelMeeting:
    meeting = plan_meeting(
        actor=coordinator,
        panel=panel,
        title="What good support means for the rate card",
        starts_at=at(dt.date(2026, 11, 25), 10, 30),
        ends_at=at(dt.date(2026, 11, 25), 12, 30),
        place="Willowbrook office, ground floor",
        agenda=[AgendaLine(title="Good support", purpose="decision", minutes=60)],
        invite=[jo, pat],
    )
    return record_attendance(
        actor=coordinator,
        meeting=meeting,
        statuses={jo.pk: AttendanceStatus.ATTENDED, pat.pk: AttendanceStatus.ATTENDED},
        notes="We talked about what good support looks like.",
        held=True,
    )


@pytest.fixture
def coming_meeting(panel, jo, pat, coordinator) -> PanelMeeting:
    return plan_meeting(
        actor=coordinator,
        panel=panel,
        title="How reviews run",
        starts_at=at(dt.date(2026, 12, 15), 10, 30),
        ends_at=at(dt.date(2026, 12, 15), 12, 30),
        place="Hollowfield Community Centre, room 2",
        agenda=[
            AgendaLine(title="How reviews feel", purpose="discussion", minutes=40),
            AgendaLine(title="The review letter", purpose="decision", minutes=30),
        ],
        invite=[jo, pat],
    )


@pytest.fixture
def private_meeting(panel, pat, coordinator) -> PanelMeeting:
    """A meeting Jo is not invited to."""
    return plan_meeting(
        actor=coordinator,
        panel=panel,
        title="Pat's one-to-one catch-up",
        starts_at=at(dt.date(2026, 12, 16), 14),
        ends_at=at(dt.date(2026, 12, 16), 15),
        place="Willowbrook office",
        invite=[pat],
    )


@pytest.fixture
def paper(coming_meeting, coordinator, private_storage) -> MeetingPaper:
    return upload_paper(
        actor=coordinator,
        meeting=coming_meeting,
        upload=upload(TINY_PDF, "reviews.pdf"),
        size=len(TINY_PDF),
        title="How reviews run (easy read)",
        easy_read=True,
    )
