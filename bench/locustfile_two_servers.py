"""Locust users for bench/multi_server_load.py: a mix of roles browsing two app servers.

Each simulated user signs in through the real sign-in and two-factor pages (a bench backup code
of its own), then browses what its role would, with think time between pages. Every other user
talks to the other server, as a load balancer would share them out. The people each user opens
are the ones its own people list (or home page) links to, so every page is one it may see.

Read from the environment (bench/multi_server_load.py sets them):
  DYS_LOAD_SERVERS      comma-separated base URLs of the servers
  DYS_LOAD_CODE_OFFSET  the first bench backup code this run may use (codes are single-use)
  DYS_LOAD_SAMPLES      where to write every measured request as JSON when Locust quits
  DYS_LOAD_USERS        how many users Locust starts (the clock starts when all have signed in)
  DYS_LOAD_SECONDS      how long to measure once they have
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import sys
import time
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import gevent
from locust import HttpUser, between, events, task
from locust.env import Environment

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.accounts import (
    BENCH_PASSWORD,
    bench_backup_codes,
    bench_email,
)

SERVERS = [url for url in os.environ.get("DYS_LOAD_SERVERS", "").split(",") if url]
CODE_OFFSET = int(os.environ.get("DYS_LOAD_CODE_OFFSET", "0"))
SAMPLES_PATH = os.environ.get("DYS_LOAD_SAMPLES", "")
# Someone reading a page before the next: 3 to 7 seconds (5 on average).
THINK_SECONDS = (3, 7)
SIGN_IN = "sign-in"
SEARCH_TERMS = ("an", "ali", "mo", "el", "pat", "ra", "son", "ch", "ka", "li")
PERSON_LINK = re.compile(r'href="/people/(\d+)/"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

USERS = int(os.environ.get("DYS_LOAD_USERS", "0"))
MEASURE_SECONDS = float(os.environ.get("DYS_LOAD_SECONDS", "60"))

_next_user = itertools.count()
_next_code: dict[str, itertools.count[int]] = {}
_arrived = itertools.count(1)
# (seconds since the measurement began, or -1 before it, request name, milliseconds, failed).
# The measurement begins once every user has signed in (or failed to), so the sign-ins' password
# hashing is not part of it, and ends MEASURE_SECONDS later; the sign-ins are named SIGN_IN.
samples: list[tuple[float, str, float, bool]] = []
measuring_since: list[float] = []
user_errors: list[str] = []


@events.request.add_listener
def _record(name: str, response_time: float, exception: BaseException | None, **_: Any) -> None:
    at = time.monotonic() - measuring_since[0] if measuring_since else -1.0
    samples.append((at, name, response_time, exception is not None))


def _one_more_arrived(environment: Environment) -> None:
    """Every user calls this once signed in (or failed to): the last starts the clock, and the
    run stops MEASURE_SECONDS later."""
    if next(_arrived) == USERS:
        measuring_since.append(time.monotonic())
        runner = environment.runner
        if runner is not None:
            gevent.spawn_later(MEASURE_SECONDS, runner.quit)


@events.user_error.add_listener
def _count_user_error(user_instance: Any, exception: BaseException, tb: Any, **_: Any) -> None:
    """A user that failed outside a request (could not sign in): counted, never hidden."""
    user_errors.append(f"{type(user_instance).__name__}: {exception}")


@events.quitting.add_listener
def _write_samples(environment: Environment, **_: Any) -> None:
    if SAMPLES_PATH:
        Path(SAMPLES_PATH).write_text(json.dumps({"samples": samples, "user_errors": user_errors}))


class SignedInUser(HttpUser):
    """One person at a browser: signs in as the bench user of ``role``, then browses."""

    abstract = True
    role: ClassVar[str] = ""
    wait_time = between(*THINK_SECONDS)
    host = SERVERS[0] if SERVERS else "http://127.0.0.1:8000"

    def on_start(self) -> None:
        self.client.base_url = SERVERS[next(_next_user) % len(SERVERS)] if SERVERS else self.host
        try:
            self.sign_in()
            self.people = self.visible_people()
        finally:
            _one_more_arrived(self.environment)

    def sign_in(self) -> None:
        codes = _next_code.setdefault(self.role, itertools.count(CODE_OFFSET))
        page = self.client.get("/account/sign-in/", name=SIGN_IN)
        answer = self.client.post(
            "/account/sign-in/",
            {
                "csrfmiddlewaretoken": csrf(page.text),
                "username": bench_email(self.role),
                "password": BENCH_PASSWORD,
            },
            name=SIGN_IN,
        )
        if answer.url and answer.url.endswith("/account/two-factor/"):
            code = bench_backup_codes()[next(codes)]
            answer = self.client.post(
                "/account/two-factor/",
                {"csrfmiddlewaretoken": csrf(answer.text), "code": code},
                name=SIGN_IN,
            )
        self.landing = urlsplit(answer.url or "").path
        if self.landing in ("", "/account/sign-in/", "/account/two-factor/"):
            raise RuntimeError(f"{self.role} could not sign in: ended at {answer.url}")

    def page(self, path: str, name: str) -> str:
        """GET a page as a signed-in browser would; anything but 200 (a redirect to the sign-in
        page included) counts as an error."""
        with self.client.get(
            path, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                where = response.headers.get("Location", "")
                response.failure(f"HTTP {response.status_code} {where}".strip())
            return str(response.text)

    def visible_people(self) -> list[str]:
        return PERSON_LINK.findall(self.page("/people/", "/people/"))

    def person(self) -> str:
        return random.choice(self.people) if self.people else "0"

    @task(2)
    def home(self) -> None:
        self.open_home()

    def open_home(self) -> None:
        self.page("/", "/")


class Coordinator(SignedInUser):
    role = "coordinator"
    weight = 3

    @task(2)
    def people_list(self) -> None:
        self.page("/people/", "/people/")

    @task(1)
    def search(self) -> None:
        self.page(f"/people/?q={random.choice(SEARCH_TERMS)}", "/people/?q=[term]")

    @task(3)
    def person_page(self) -> None:
        self.page(f"/people/{self.person()}/", "/people/[id]/")

    @task(2)
    def perfect_week(self) -> None:
        self.page(f"/week/people/{self.person()}/", "/week/people/[id]/")


class SupportWorker(SignedInUser):
    role = "support_worker"
    weight = 2

    @task(3)
    def person_page(self) -> None:
        self.page(f"/people/{self.person()}/", "/people/[id]/")

    @task(2)
    def perfect_week(self) -> None:
        self.page(f"/week/people/{self.person()}/", "/week/people/[id]/")


class Finance(SignedInUser):
    role = "finance"
    weight = 2

    @task(2)
    def money(self) -> None:
        self.page(f"/funds/people/{self.person()}/", "/funds/people/[id]/")

    @task(3)
    def ledger(self) -> None:
        self.page(f"/funds/people/{self.person()}/ledger/", "/funds/people/[id]/ledger/")


class Manager(SignedInUser):
    role = "manager"
    weight = 1

    @task(2)
    def people_list(self) -> None:
        self.page("/people/", "/people/")

    @task(2)
    def person_page(self) -> None:
        self.page(f"/people/{self.person()}/", "/people/[id]/")


class Commissioner(SignedInUser):
    role = "commissioner"
    weight = 1

    @task(2)
    def people_list(self) -> None:
        self.page("/people/", "/people/")

    @task(2)
    def money(self) -> None:
        self.page(f"/funds/people/{self.person()}/", "/funds/people/[id]/")


class Person(SignedInUser):
    """The person supported: their own pages, found from their home page."""

    role = "person"
    weight = 1

    def visible_people(self) -> list[str]:
        """Signing in lands the person on their own easy-read page: /people/<id>/easy-read/."""
        return re.findall(r"^/people/(\d+)/", self.landing)

    def open_home(self) -> None:
        """A person's home is their own easy-read page (the sign-in landed there)."""
        self.own_page()

    @task(3)
    def own_page(self) -> None:
        self.page(f"/people/{self.person()}/easy-read/", "/people/[id]/easy-read/")

    @task(2)
    def own_week(self) -> None:
        self.page(f"/week/people/{self.person()}/", "/week/people/[id]/")


def csrf(page: str) -> str:
    found = CSRF.search(page)
    return found.group(1) if found else ""
