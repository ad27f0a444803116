"""Fixtures and small files for the feedback tests (imported by those modules, so they stay apart
from other concepts' fixtures).

Every test runs on Monday 7 December 2026. Dee's Plan Book version 1 was published on 1 June
2026 (``published_book``); uploads go to a temporary private folder (``private_storage``).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import struct
import wave
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from PIL import Image

from directsupport.planbook.models import PlanBookStatus, PlanBookVersion
from tests.clock import on_day

TODAY = dt.date(2026, 12, 7)
PUBLISHED_ON = dt.date(2026, 6, 1)


@pytest.fixture
def on_today() -> Iterator[None]:
    with on_day(TODAY):
        yield


@pytest.fixture
def private_storage(settings: Any, tmp_path: Any) -> Any:
    """Uploads go to a temporary folder for each test."""
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
def everyone(dee, sister, neighbour, cousin) -> None:
    """Dee with her circle: her sister may see and contribute, her cousin may only see, her
    neighbour may not see."""


@pytest.fixture
def persona(request: pytest.FixtureRequest, everyone: None) -> Callable[[str], Any]:
    """persona("worker") gives the named persona from tests/personas.py."""
    return request.getfixturevalue


@pytest.fixture
def published_book(dee, coordinator) -> PlanBookVersion:
    published = dt.datetime.combine(PUBLISHED_ON, dt.time(15), tzinfo=ZoneInfo(settings.TIME_ZONE))
    return PlanBookVersion.objects.create(
        person=dee,
        number=1,
        status=PlanBookStatus.PUBLISHED,
        created_by=coordinator,
        published_by=coordinator,
        published_at=published,
    )


def png_bytes(
    size: tuple[int, int] = (40, 30), colour: tuple[int, int, int] = (40, 120, 200)
) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def jpeg_with_gps() -> bytes:
    """A JPEG whose EXIF says where it was taken (which must never be kept)."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS: latitude
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 80, 40)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def wav_bytes(seconds: float = 0.5, frequency: float = 440.0) -> bytes:
    """A short real WAV file: a tone, as a voice note stands in for in tests."""
    rate = 8000
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        frames = b"".join(
            struct.pack("<h", int(8000 * math.sin(2 * math.pi * frequency * i / rate)))
            for i in range(int(rate * seconds))
        )
        sound.writeframes(frames)
    return out.getvalue()


def upload(content: bytes, name: str) -> io.BytesIO:
    file = io.BytesIO(content)
    file.name = name
    return file
