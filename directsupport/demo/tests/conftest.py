"""The demo seeded once per test module, then rolled back (the modules in seeded/ share one seeding
for their whole package; see seeded/conftest.py).

Each test still runs in its own savepoint (pytest-django's ``db``), nested inside the module's
transaction, so a test that signs in or re-seeds leaves nothing behind for the next one.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from directsupport.demo.credentials import DEMO_PASSWORD
from directsupport.demo.story import story_moment


def on_the_story_day() -> Iterator[None]:
    """The demo is loaded, and every test of it runs, on the story's day (demo/story.py), so the
    figures are the same whatever day the suite runs. The clock ticks from there: sign-ins and
    sessions see time pass as usual."""
    with time_machine.travel(story_moment(), tick=True):
        yield


def private_storage_in(tmp_path_factory) -> Iterator[Path]:
    """Graphic recordings the demo draws go to a temporary folder, set before the demo is
    seeded, so tests never write into var/private/."""
    folder = tmp_path_factory.mktemp("private")
    storages = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder), "base_url": None},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        yield folder


def seed_in_a_transaction(django_db_blocker) -> Iterator[str]:
    """Runs seed_demo inside a transaction rolled back afterwards; yields what it printed."""
    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        try:
            out = StringIO()
            call_command("seed_demo", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)


@pytest.fixture(scope="module", autouse=True)
def _story_clock() -> Iterator[None]:
    yield from on_the_story_day()


@pytest.fixture(scope="module", autouse=True)
def _private_storage(tmp_path_factory) -> Iterator[Path]:
    yield from private_storage_in(tmp_path_factory)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The demo, seeded once for the module (seeded/conftest.py seeds once for its package)."""
    yield from seed_in_a_transaction(django_db_blocker)


@pytest.fixture
def demo(seeded, db) -> str:
    """The seeded demo inside this test's own savepoint."""
    return seeded


def sign_in_through_pages(email: str, code: str | None = None) -> tuple[Client, str]:
    """Signs in with the real pages; returns the client and where it ended up."""
    client = Client()
    response = client.post("/account/sign-in/", {"username": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, response.content[:500]
    if code is not None:
        assert response["Location"] == "/account/two-factor/"
        response = client.post("/account/two-factor/", {"code": code})
        assert response.status_code == 302, response.content[:2000]
    return client, response["Location"]
