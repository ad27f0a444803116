"""Tests of running more than one app server (README "Running more than one app server").

``test_two_servers.py`` talks to two real gunicorn servers that ``.ci/two_servers`` starts
against one PostgreSQL database and one Redis; it is marked ``two_servers`` and skipped unless
DYS_TWO_SERVERS_URLS names them. ``test_cache_settings.py`` runs in the ordinary suite.
"""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "two_servers: needs two running app servers (DYS_TWO_SERVERS_URLS, .ci/two_servers)",
    )
