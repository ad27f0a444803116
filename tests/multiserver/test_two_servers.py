"""Two real app servers, one PostgreSQL database, one Redis: what one server knows, the other
knows too. `.ci/two_servers` starts two gunicorns on their own ports, sets up the data
(tests/multiserver/setup_two_servers.py) and runs this file with

  DYS_TWO_SERVERS_URLS=http://127.0.0.1:PORT_A,http://127.0.0.1:PORT_B
  DYS_TWO_SERVERS_SETUP=<the set-up's JSON file>

Without them (the ordinary `make test`) every test here is skipped. Everything goes through the
servers' real pages, as a browser would: sign-in, two-factor with a backup code, the ledger's
"Record money in or out" form.
"""

from __future__ import annotations

import json
import os
import re
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from bench.load import Client, csrf_token

SERVERS = [url.strip() for url in os.environ.get("DYS_TWO_SERVERS_URLS", "").split(",") if url]

pytestmark = [
    pytest.mark.two_servers,
    pytest.mark.skipif(
        len(SERVERS) != 2, reason="DYS_TWO_SERVERS_URLS does not name two servers (.ci/two_servers)"
    ),
]

TO_SPEND = re.compile(r" has (\N{MINUS SIGN}?)£([\d,]+)\.(\d\d) to spend now\.")
FORM_KEY = re.compile(r'name="form_key" value="([^"]+)"')
EFFECTIVE_ON = re.compile(r'name="effective_on" value="([^"]+)"')
TRANSACTION = re.compile(r"^/funds/people/\d+/ledger/\d+/$")
REFUSED = "Nothing was posted."


@dataclass(frozen=True)
class Setup:
    password: str
    finance_email: str
    finance_backup_codes: list[str]
    lockout_email: str
    ten_postings_person: int
    posting_pence: int
    postings_that_fit: int
    replay_person: int


@pytest.fixture(scope="module")
def setup() -> Setup:
    return Setup(**json.loads(Path(os.environ["DYS_TWO_SERVERS_SETUP"]).read_text()))


@pytest.fixture(scope="module")
def backup_codes(setup: Setup) -> Iterator[str]:
    """Each sign-in takes the next single-use code."""
    return iter(setup.finance_backup_codes)


def on(server: int, cookies: dict[str, str] | None = None) -> Client:
    """A browser talking to server 0 or 1, carrying a copy of ``cookies``."""
    client = Client(urlsplit(SERVERS[server]).netloc)
    client.cookies = dict(cookies or {})
    return client


def signed_in(server: int, setup: Setup, backup_codes: Iterator[str]) -> Client:
    client = on(server)
    client.sign_in(setup.finance_email, setup.password, next(backup_codes))
    return client


def to_spend_pence(client: Client, person: int) -> int:
    status, _, page = client.request("GET", f"/funds/people/{person}/ledger/new/")
    assert status == 200
    found = TO_SPEND.search(page.decode())
    assert found, "no 'to spend now' on the Record money page"
    sign, pounds, pence = found.groups()
    value = int(pounds.replace(",", "")) * 100 + int(pence)
    return -value if sign else value


def posting_form(client: Client, person: int, *, amount_pence: int) -> dict[str, str]:
    """The Record money form as the server gives it (its CSRF token and single-use key), filled
    in as a payment to a supplier."""
    status, _, page = client.request("GET", f"/funds/people/{person}/ledger/new/")
    assert status == 200
    text = page.decode()
    form_key = FORM_KEY.search(text)
    effective_on = EFFECTIVE_ON.search(text)
    assert form_key and effective_on
    return {
        "csrfmiddlewaretoken": csrf_token(page),
        "form_key": form_key.group(1),
        "posting": "supplier_payment",
        "effective_on": effective_on.group(1),
        "amount": f"{amount_pence // 100}.{amount_pence % 100:02d}",
        "description": f"Two-server test {uuid.uuid4().hex[:8]}",
        "counterparty": "Two-server test supplier",
    }


def post_all_at_once(
    requests: list[tuple[Client, str, dict[str, str]]],
) -> list[tuple[int, dict[str, str], bytes]]:
    """Send every request at the same moment, each from its own thread and connection."""
    start = threading.Barrier(len(requests))
    answers: list[Any] = [None] * len(requests)

    def send(index: int, client: Client, path: str, form: dict[str, str]) -> None:
        start.wait()
        answers[index] = client.request("POST", path, form)

    threads = [
        threading.Thread(target=send, args=(index, *request))
        for index, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(answer is not None for answer in answers), "a posting got no answer"
    return answers


def test_a_sign_in_on_one_server_is_valid_on_the_other(setup, backup_codes):
    first = signed_in(0, setup, backup_codes)
    second = on(1, first.cookies)

    status, _, page = second.request("GET", "/")
    assert status == 200
    assert b"Sign out" in page
    assert b"Bench Finance" in page

    # Signing out on the second ends the session on the first too.
    status, _, page = second.request("GET", "/")
    second.request("POST", "/account/sign-out/", {"csrfmiddlewaretoken": csrf_token(page)})
    status, headers, _ = first.request("GET", "/")
    assert status == 302
    assert headers["location"].startswith("/account/sign-in/")


def test_a_lockout_earned_on_one_server_holds_on_the_other(setup):
    first, second = on(0), on(1)
    for _ in range(5):  # AXES_FAILURE_LIMIT wrong passwords, all on the first server
        _, _, page = first.request("GET", "/account/sign-in/")
        status, _, _ = first.request(
            "POST",
            "/account/sign-in/",
            {
                "csrfmiddlewaretoken": csrf_token(page),
                "username": setup.lockout_email,
                "password": "not the password",
            },
        )
        assert status in (200, 429)

    # The right password, on the second server: still locked out.
    _, _, page = second.request("GET", "/account/sign-in/")
    status, _, page = second.request(
        "POST",
        "/account/sign-in/",
        {
            "csrfmiddlewaretoken": csrf_token(page),
            "username": setup.lockout_email,
            "password": setup.password,
        },
    )
    assert status == 429
    assert b"Too many" in page or b"too many" in page


def test_a_postings_idempotency_key_holds_across_both_servers(setup, backup_codes):
    first = signed_in(0, setup, backup_codes)
    before = to_spend_pence(first, setup.replay_person)
    form = posting_form(first, setup.replay_person, amount_pence=1_23)
    path = f"/funds/people/{setup.replay_person}/ledger/new/"

    # The same form (same key) submitted three times to each server, all at once: a double
    # click, a retry after a timeout, landing on whichever server the balancer picks.
    answers = post_all_at_once(
        [(on(server, first.cookies), path, form) for server in (0, 1) for _ in range(3)]
    )

    assert [status for status, _, _ in answers] == [302] * 6
    locations = {headers["location"] for _, headers, _ in answers}
    assert len(locations) == 1, f"posted more than once: {locations}"
    assert TRANSACTION.match(locations.pop())
    assert to_spend_pence(on(1, first.cookies), setup.replay_person) == before - 1_23


def test_twenty_postings_split_across_both_servers_against_money_for_ten_post_ten(
    setup, backup_codes
):
    first = signed_in(0, setup, backup_codes)
    person = setup.ten_postings_person
    before = to_spend_pence(first, person)
    path = f"/funds/people/{person}/ledger/new/"
    requests = []
    for number in range(2 * setup.postings_that_fit):
        client = on(number % 2, first.cookies)  # every other one to each server
        # Each its own form, with its own key: twenty different payments.
        form = posting_form(client, person, amount_pence=setup.posting_pence)
        requests.append((client, path, form))

    answers = post_all_at_once(requests)

    posted = [answer for answer in answers if answer[0] == 302]
    refused = [answer for answer in answers if answer[0] == 200]
    assert len(posted) == setup.postings_that_fit
    assert len(refused) == setup.postings_that_fit
    assert len({headers["location"] for _, headers, _ in posted}) == setup.postings_that_fit
    assert all(REFUSED in page.decode() for _, _, page in refused)
    after = to_spend_pence(on(1, first.cookies), person)
    assert after == before - setup.postings_that_fit * setup.posting_pence
