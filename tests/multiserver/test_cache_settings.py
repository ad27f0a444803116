"""The cache switch: without REDIS_URL each process keeps its own cache (one machine, as
before); with it every process shares one Redis, so throttles and counts hold across servers.

Each check runs ``manage.py shell`` in its own process, as two app servers would be, in the
development profile (the test profile ignores REDIS_URL, so the suite never shares a cache).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
# A Redis database number of its own, so these tests never meet a developer's cache.
TEST_REDIS_URL = os.environ.get("DYS_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


def _redis_answers(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), 1):
            return True
    except OSError:
        return False


needs_redis = pytest.mark.skipif(
    not _redis_answers(TEST_REDIS_URL), reason=f"no Redis answering at {TEST_REDIS_URL}"
)


def _in_a_process(code: str, *, redis_url: str | None, tmp_path: Path) -> str:
    """Run ``code`` in a fresh Django process and return what it printed."""
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_ENV": "development",
        "DJANGO_VAR_DIR": str(tmp_path),
    }
    if redis_url is not None:
        env["REDIS_URL"] = redis_url
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip().splitlines()[-1]


BACKEND = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"


def test_without_redis_url_each_process_keeps_its_own_cache(tmp_path):
    assert _in_a_process(BACKEND, redis_url=None, tmp_path=tmp_path) == (
        "django.core.cache.backends.locmem.LocMemCache"
    )
    key = f"throttle-{uuid.uuid4()}"
    add = f"from django.core.cache import cache; print(cache.add({key!r}, 1, 60))"
    # Two processes: each is first, because neither sees the other's note.
    assert _in_a_process(add, redis_url=None, tmp_path=tmp_path) == "True"
    assert _in_a_process(add, redis_url=None, tmp_path=tmp_path) == "True"


def test_redis_url_must_be_a_redis_address(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_ENV": "development",
        "DJANGO_VAR_DIR": str(tmp_path),
        "REDIS_URL": "127.0.0.1:6379",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "REDIS_URL must be a redis://" in result.stderr


def test_the_test_profile_keeps_its_own_cache_whatever_redis_url_says(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_ENV": "test",
        "DJANGO_VAR_DIR": str(tmp_path),
        "REDIS_URL": TEST_REDIS_URL,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", BACKEND],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "django.core.cache.backends.locmem.LocMemCache"


@needs_redis
def test_with_redis_url_every_process_shares_one_cache(tmp_path):
    assert _in_a_process(BACKEND, redis_url=TEST_REDIS_URL, tmp_path=tmp_path) == (
        "django.core.cache.backends.redis.RedisCache"
    )
    key = f"throttle-{uuid.uuid4()}"
    add = f"from django.core.cache import cache; print(cache.add({key!r}, 1, 60))"
    # The second process finds the first one's note: a throttle counts across servers.
    assert _in_a_process(add, redis_url=TEST_REDIS_URL, tmp_path=tmp_path) == "True"
    assert _in_a_process(add, redis_url=TEST_REDIS_URL, tmp_path=tmp_path) == "False"


@needs_redis
def test_with_redis_url_the_forgotten_password_throttle_holds_across_processes(tmp_path):
    """The real throttle's key, through the real cache, from two processes."""
    user_pk = uuid.uuid4().int % 10**9
    code = (
        "from django.core.cache import cache\n"
        "from directsupport.accounts import services\n"
        f"print(cache.add(f'forgotten-password:{user_pk}', True, "
        "services.FORGOTTEN_PASSWORD_INTERVAL_SECONDS))"
    )
    assert _in_a_process(code, redis_url=TEST_REDIS_URL, tmp_path=tmp_path) == "True"
    assert _in_a_process(code, redis_url=TEST_REDIS_URL, tmp_path=tmp_path) == "False"


@needs_redis
def test_with_redis_url_refusal_counts_add_up_across_processes(tmp_path):
    """audit/denial_limit.py counts with cache.add + cache.incr: shared, the counts add up."""
    key = f"denials-{uuid.uuid4()}"
    bump = (
        "from django.core.cache import cache\n"
        f"cache.add({key!r}, 0, 60)\n"
        f"print(cache.incr({key!r}))"
    )
    assert _in_a_process(bump, redis_url=TEST_REDIS_URL, tmp_path=tmp_path) == "1"
    assert _in_a_process(bump, redis_url=TEST_REDIS_URL, tmp_path=tmp_path) == "2"
