"""Makes the named personas (tests/personas.py) available to every test in the project, and lets
transactional tests (live server, real threads) empty the append-only tables between tests."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.core.management.commands import flush

from directsupport.audit.maintenance import audit_maintenance

pytest_plugins = ["tests.personas"]


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Each test starts with an empty cache: a market view counted for one test's people must
    not answer the next test's (the in-process cache outlives a test's database rollback)."""
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _clock_moved_ahead() -> Iterator[None]:
    """``DYS_CLOCK_AHEAD_DAYS=365`` runs the tests with the real clock that many days ahead
    (CI does so for the demo's tests), to prove that a test whose result depends on the day
    freezes the clock rather than reading it."""
    days = int(os.environ.get("DYS_CLOCK_AHEAD_DAYS", "0") or 0)
    if not days:
        yield
        return
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=days), tick=True):
        yield


@pytest.fixture(scope="session", autouse=True)
def _flush_past_the_audit_guard() -> Iterator[None]:
    """Transactional tests empty the database after each test, and audit rows and the ledger
    are append-only.

    The database triggers let only a connection in audit maintenance delete those rows
    (directsupport/audit/maintenance.py: "it exists for test-database flushes"), so the flush,
    and nothing else, runs in maintenance.
    """
    original = flush.Command.handle

    def handle(self: flush.Command, **options: Any) -> None:
        with audit_maintenance(using=options.get("database") or "default"):
            original(self, **options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(flush.Command, "handle", handle)
        yield
