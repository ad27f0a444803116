"""Fixtures for the person record tests: who may do what, test pictures, and a private storage
folder under pytest's tmp_path (so no test writes photos into var/)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from PIL import Image

# Everyone who may look at Dee's page, and everyone who may not (they get a 404).
READERS = [
    "coordinator",
    "manager",
    "worker",
    "sister_user",
    "commissioner",
    "person_user",
    "finance",
    "market_shaper",
]
NO_ACCESS = [
    "other_worker",
    "neighbour_user",
    "other_commissioner",
    "supplier",
    "outsider",
    "expert",
]
EDITORS = ["coordinator", "manager"]
READ_ONLY = [name for name in READERS if name not in EDITORS]


@pytest.fixture(autouse=True)
def private_storage(settings: Any, tmp_path: Any) -> Any:
    """Uploaded photos go to a temporary folder for each test."""
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
def circle(dee, sister, neighbour) -> list[Any]:
    """Dee's circle as a list: her sister (may see and contribute) and neighbour (may not)."""
    return [sister, neighbour]


@pytest.fixture
def everyone(dee, sister, neighbour) -> None:
    """Dee with her circle: her sister may see, her neighbour may not."""


@pytest.fixture
def persona(request: pytest.FixtureRequest, everyone: None) -> Callable[[str], Any]:
    """persona("worker") gives the named persona from tests/personas.py."""
    return request.getfixturevalue


def picture_bytes(
    image_format: str = "JPEG",
    size: tuple[int, int] = (64, 48),
    *,
    colour: tuple[int, int, int] = (200, 80, 40),
    exif: Image.Exif | None = None,
) -> bytes:
    image = Image.new("RGB", size, colour)
    out = io.BytesIO()
    kwargs: dict[str, Any] = {}
    if exif is not None:
        kwargs["exif"] = exif.tobytes()
    image.save(out, image_format, **kwargs)
    return out.getvalue()
