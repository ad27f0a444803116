"""The load generator for bench/run.py: keep-alive clients that sign in like a browser.

Standard library only: http.client connections (one per client, HTTP/1.1 keep-alive), a
cookie jar, CSRF tokens read from forms, and threads started together at a barrier.
"""

from __future__ import annotations

import http.client
import random
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie


class Client:
    """One user's browser: a keep-alive connection, cookies, and CSRF tokens from forms."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection(base, timeout=60)

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            # The server closed an idle keep-alive connection: reconnect once.
            self.connection.close()
            self.connection = http.client.HTTPConnection(self.base, timeout=60)
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        content = response.read()
        for header in response.msg.get_all("Set-Cookie") or []:
            cookie: SimpleCookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        return response.status, {k.lower(): v for k, v in response.getheaders()}, content

    def sign_in(self, email: str, password: str, code: str) -> None:
        _, _, page = self.request("GET", "/account/sign-in/")
        status, headers, _ = self.request(
            "POST",
            "/account/sign-in/",
            {"csrfmiddlewaretoken": csrf_token(page), "username": email, "password": password},
        )
        if status != 302 or not headers.get("location", "").endswith("/account/two-factor/"):
            raise SystemExit(f"Sign-in failed for {email}: {status} {headers.get('location')}")
        _, _, page = self.request("GET", "/account/two-factor/")
        status, headers, _ = self.request(
            "POST", "/account/two-factor/", {"csrfmiddlewaretoken": csrf_token(page), "code": code}
        )
        if status != 302 or headers.get("location") != "/":
            raise SystemExit(f"Two-factor failed for {email}: {status} {headers.get('location')}")

    def close(self) -> None:
        self.connection.close()


def csrf_token(page: bytes) -> str:
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if match is None:
        raise SystemExit("No CSRF token on the sign-in form.")
    return match.group(1).decode()


@dataclass
class Endpoint:
    name: str
    description: str
    paths: list[str]  # one is picked at random per request


@dataclass
class Measurement:
    sent: int = 0
    stopped_early: bool = False
    latencies_ms: list[float] = field(default_factory=list)
    server_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_examples: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, other: Measurement) -> None:
        self.sent += other.sent
        self.stopped_early = self.stopped_early or other.stopped_early
        self.latencies_ms += other.latencies_ms
        self.server_ms += other.server_ms
        self.errors += other.errors
        self.error_examples += other.error_examples[: 5 - len(self.error_examples)]
        self.seconds += other.seconds


SERVER_TIMING = re.compile(r"app;dur=([0-9.]+)")


def drive(
    clients: list[Client], endpoint: Endpoint, requests: int, *, seed: int, max_seconds: float
) -> Measurement:
    """Every client sends `requests` requests at once; the clock runs until the last is done.

    A client stops early after max_seconds, so a very slow page cannot stall the benchmark.
    """
    result = Measurement()
    lock = threading.Lock()
    start = threading.Barrier(len(clients) + 1)

    def work(index: int, client: Client) -> None:
        rng = random.Random(seed * 1000 + index)
        latencies: list[float] = []
        server: list[float] = []
        errors: list[str] = []
        start.wait()
        deadline = time.perf_counter() + max_seconds
        sent = 0
        for _ in range(requests):
            if time.perf_counter() > deadline:
                break
            sent += 1
            path = rng.choice(endpoint.paths)
            began = time.perf_counter()
            try:
                status, headers, _ = client.request("GET", path)
            except (http.client.HTTPException, OSError) as error:
                errors.append(f"{path}: {error!r}")
                continue
            latencies.append((time.perf_counter() - began) * 1000)
            if status != 200:
                errors.append(f"{path}: HTTP {status}")
            if match := SERVER_TIMING.search(headers.get("server-timing", "")):
                server.append(float(match.group(1)))
        with lock:
            result.sent += sent
            result.stopped_early = result.stopped_early or sent < requests
            result.latencies_ms += latencies
            result.server_ms += server
            result.errors += len(errors)
            result.error_examples += errors[: 5 - len(result.error_examples)]

    threads = [
        threading.Thread(target=work, args=(i, client), daemon=True)
        for i, client in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - began
    return result
