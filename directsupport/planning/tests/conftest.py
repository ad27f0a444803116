"""Fixtures for Planning Live and Plan Book tests: Dee's Planning Live day, private storage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from directsupport.planning.models import (
    CaptureNote,
    EventInvitation,
    EventParticipant,
    NoteStatus,
    PlanningEvent,
    Question,
    Speaker,
)

# Who may look at Dee's capture board, tools and Plan Book, and who gets 404.
BOARD_READERS = ["coordinator", "manager", "worker", "person_user", "sister_user", "cousin_user"]
NOT_FOUND_FOR_BOARD = [
    "other_worker",
    "neighbour_user",
    "commissioner",
    "other_commissioner",
    "finance",
    "market_shaper",
    "supplier",
    "outsider",
    "expert",
]
EDITORS = ["coordinator", "manager"]


@pytest.fixture(autouse=True)
def private_storage(settings: Any, tmp_path: Any) -> Any:
    """Uploads and generated files go to a temporary folder for each test."""
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
def everyone(dee, sister, cousin, neighbour) -> None:
    """Dee with her circle: her sister may contribute, her cousin may only see, her neighbour
    may not see."""


@pytest.fixture
def persona(request: pytest.FixtureRequest, everyone: None) -> Callable[[str], Any]:
    """persona("worker") gives the named persona from tests/personas.py."""
    return request.getfixturevalue


@pytest.fixture
def planning_day(provider, coordinator, worker, dee, sister) -> PlanningEvent:
    """Spring Planning Live at the Hollowfield Community Centre: Dee takes part, with her sister
    invited; Sam (her support worker) facilitates and Priya records."""
    event = PlanningEvent.objects.create(
        organisation=provider,
        title="Spring Planning Live",
        date=dt.date(2026, 3, 14),
        venue_name="Hollowfield Community Centre",
        venue_address="12 Mill Lane, London N17 4AB",
        venue_access="Step-free entrance and accessible toilet. Quiet room upstairs (lift).",
        recorder=coordinator,
        created_by=coordinator,
    )
    event.facilitators.add(worker)
    participant = EventParticipant.objects.create(event=event, person=dee)
    EventInvitation.objects.create(participant=participant, member=sister, invited_by=coordinator)
    return event


def add_note(
    person: Any,
    *,
    text: str,
    question: str = Question.IMPORTANT,
    speaker: str = Speaker.PERSON,
    said_by: str = "Dee Okafor",
    relationship: str = "",
    event: PlanningEvent | None = None,
    status: str | None = None,
) -> CaptureNote:
    """A note on the board, straight into the database (for tests that are not about adding)."""
    if status is None:
        status = NoteStatus.OWN_WORDS if speaker == Speaker.PERSON else NoteStatus.BEST_GUESS
    return CaptureNote.objects.create(
        person=person,
        event=event,
        question=question,
        text=text,
        speaker=speaker,
        said_by=said_by,
        relationship=relationship,
        status=status,
    )
