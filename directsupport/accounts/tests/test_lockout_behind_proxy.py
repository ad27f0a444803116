"""Lockout and the client's address, with and without a proxy in front (issue 11, point 3).

The address is worked out in one place (lib/http.py client_ip) from the number of proxies we
trust; lockout counts an email from one address, plus a higher limit for one address across
emails; the audit row records the same address lockout counted.
"""

from __future__ import annotations

from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, RequestFactory

from directsupport.accounts.lockout import lockout_key
from directsupport.audit.models import Action, AuditEvent
from directsupport.lib.http import client_ip
from tests.factories import PASSWORD, UserFactory

SIGN_IN = "/account/sign-in/"
PROXY = "10.0.0.2"  # our load balancer, as the app sees it
ATTACKER = "198.51.100.9"
DEE_AT_HOME = "203.0.113.5"
SPOOFED = [f"192.0.2.{n}" for n in range(1, 6)]


def _via_proxy(real: str, claimed: str = "") -> dict[str, Any]:
    """What reaches the app through one proxy: the proxy appends the address it saw."""
    forwarded = f"{claimed}, {real}" if claimed else real
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


def _wrong(client: Client, email: str, **meta: Any) -> int:
    """A wrong password for ``email``; the status code (200 tried again, 429 locked)."""
    response = client.post(SIGN_IN, {"username": email, "password": "not the password"}, **meta)
    return response.status_code


@pytest.fixture
def one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def no_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 0


# ---- Finding the client's address ----------------------------------------------------------


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        # No proxy: the header is the client's own words and is ignored.
        (0, "203.0.113.5", "192.0.2.1", "203.0.113.5"),
        (0, "203.0.113.5", "", "203.0.113.5"),
        # One proxy: the right-most entry is what our proxy saw; left of it is made up.
        (1, PROXY, "192.0.2.1, 192.0.2.2, 203.0.113.5", "203.0.113.5"),
        (1, PROXY, "203.0.113.5", "203.0.113.5"),
        # Two proxies: the outer one's entry, one from the right.
        (2, PROXY, "192.0.2.1, 203.0.113.5, 10.0.0.1", "203.0.113.5"),
        # Fewer entries than proxies: never further left than the header goes.
        (2, PROXY, "203.0.113.5", "203.0.113.5"),
        # Reached without the header (a health check inside the network).
        (1, PROXY, "", PROXY),
        # Ports some proxies add are dropped; IPv6 works.
        (1, PROXY, "203.0.113.5:51234", "203.0.113.5"),
        (1, PROXY, "[2001:db8::1]:443", "2001:db8::1"),
        (1, PROXY, "2001:db8::1", "2001:db8::1"),
        # Junk where the address should be: the connection's address, never the junk.
        (1, PROXY, "192.0.2.1, not-an-address", PROXY),
    ],
)
def test_client_address_comes_from_the_trusted_proxy_count(
    settings, trusted, remote, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = trusted
    meta: dict[str, Any] = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/", **meta)
    assert client_ip(request) == expected


def test_lockout_and_audit_use_the_same_address_function():
    assert settings.AXES_CLIENT_IP_CALLABLE == "directsupport.lib.http.client_ip"


# ---- Behind a proxy ------------------------------------------------------------------------


def test_spoofed_addresses_do_not_lock_the_real_user_out_behind_a_proxy(client, dee, one_proxy):
    person = dee.user
    attacker = Client()
    for claimed in SPOOFED:
        _wrong(attacker, person.email, **_via_proxy(ATTACKER, claimed))
    # The attacker, from their real address, is now locked out of Dee's account ...
    locked = attacker.post(
        SIGN_IN, {"username": person.email, "password": PASSWORD}, **_via_proxy(ATTACKER, "1.1.1.1")
    )
    assert locked.status_code == 429
    # ... but Dee, from her own address, signs in.
    response = client.post(
        SIGN_IN, {"username": person.email, "password": PASSWORD}, **_via_proxy(DEE_AT_HOME)
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_five_real_addresses_do_not_lock_the_account_from_a_sixth(client, dee, one_proxy):
    person = dee.user
    for n in range(5):
        _wrong(Client(), person.email, **_via_proxy(f"198.51.100.{n + 20}"))
    response = client.post(
        SIGN_IN, {"username": person.email, "password": PASSWORD}, **_via_proxy(DEE_AT_HOME)
    )
    assert response.status_code == 302


def test_what_is_counted_and_audited_is_the_proxy_s_view_not_the_claim(client, dee, one_proxy):
    person = dee.user
    for claimed in SPOOFED:
        _wrong(client, person.email, **_via_proxy(ATTACKER, claimed))
    attempts = AccessAttempt.objects.all()
    assert {attempt.ip_address for attempt in attempts} == {ATTACKER}
    assert sum(attempt.failures_since_start for attempt in attempts) == 5
    failed = AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED)
    assert failed.count() == 5
    assert set(failed.values_list("ip_address", flat=True)) == {ATTACKER}


def test_the_locked_out_row_records_the_real_address(client, dee, one_proxy):
    person = dee.user
    for claimed in SPOOFED:
        _wrong(client, person.email, **_via_proxy(ATTACKER, claimed))
    client.post(
        SIGN_IN, {"username": person.email, "password": PASSWORD}, **_via_proxy(ATTACKER, "8.8.8.8")
    )
    # The fifth wrong password locks, and so is refused again with the right one.
    rows = AuditEvent.objects.filter(action=Action.LOCKED_OUT)
    assert rows.count() == 2
    for locked in rows:
        assert locked.ip_address == ATTACKER
        assert locked.organisation_id == person.organisation_id
        assert person.email in locked.summary


def test_two_trusted_proxies_count_the_outer_proxy_s_view(client, dee, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    person = dee.user
    for claimed in SPOOFED:
        meta: dict[str, Any] = {
            "REMOTE_ADDR": PROXY,
            "HTTP_X_FORWARDED_FOR": f"{claimed}, {ATTACKER}, 10.0.0.1",
        }
        _wrong(client, person.email, **meta)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    home: dict[str, Any] = {
        "REMOTE_ADDR": PROXY,
        "HTTP_X_FORWARDED_FOR": f"{DEE_AT_HOME}, 10.0.0.1",
    }
    assert (
        Client().post(SIGN_IN, {"username": person.email, "password": PASSWORD}, **home).status_code
        == 302
    )


# ---- Without a proxy -----------------------------------------------------------------------


def test_without_a_proxy_the_forwarded_header_is_ignored(client, dee, no_proxy):
    person = dee.user
    for claimed in SPOOFED:
        _wrong(client, person.email, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=claimed)
    # Claiming yet another address does not give the attacker more tries.
    response = client.post(
        SIGN_IN,
        {"username": person.email, "password": PASSWORD},
        REMOTE_ADDR=ATTACKER,
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert response.status_code == 429
    assert set(
        AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED).values_list("ip_address", flat=True)
    ) == {ATTACKER}
    # Dee, from her own address, is not locked out.
    assert (
        Client()
        .post(SIGN_IN, {"username": person.email, "password": PASSWORD}, REMOTE_ADDR=DEE_AT_HOME)
        .status_code
        == 302
    )


# ---- One address trying many accounts ------------------------------------------------------


@pytest.mark.parametrize("behind_proxy", [False, True])
def test_one_address_trying_many_accounts_is_blocked(client, dee, settings, behind_proxy):
    settings.TRUSTED_PROXY_COUNT = 1 if behind_proxy else 0
    meta: dict[str, Any] = _via_proxy(ATTACKER) if behind_proxy else {"REMOTE_ADDR": ATTACKER}
    limit = settings.LOCKOUT_ADDRESS_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT
    for n in range(limit - 1):
        assert _wrong(client, f"guess{n}@example.org", **meta) == 200
    # The limit-th wrong password, whatever the email, blocks the address.
    assert _wrong(client, f"guess{limit}@example.org", **meta) == 429
    person = dee.user
    response = client.post(SIGN_IN, {"username": person.email, "password": PASSWORD}, **meta)
    assert response.status_code == 429
    assert "too many wrong sign-in tries from this device or network" in response.content.decode()
    blocked = AuditEvent.objects.filter(action=Action.LOCKED_OUT).first()
    assert blocked is not None and blocked.ip_address == ATTACKER
    assert "from this address" in blocked.summary
    # Another address is not blocked.
    other = (
        {**meta, "HTTP_X_FORWARDED_FOR": DEE_AT_HOME}
        if behind_proxy
        else {"REMOTE_ADDR": DEE_AT_HOME}
    )
    assert (
        Client()
        .post(SIGN_IN, {"username": person.email, "password": PASSWORD}, **other)
        .status_code
        == 302
    )


def test_signing_in_to_one_s_own_account_does_not_clear_the_address_count(client, provider):
    """axes would clear every record for the address on success; an attacker holding one real
    account could then guess at others for ever."""
    own = UserFactory.create(organisation=provider, email="mine@example.org")
    meta: dict[str, Any] = {"REMOTE_ADDR": ATTACKER}
    limit = settings.LOCKOUT_ADDRESS_FAILURE_LIMIT
    for n in range(limit - 1):
        _wrong(client, f"guess{n}@example.org", **meta)
    assert client.post(SIGN_IN, {"username": own.email, "password": PASSWORD}, **meta).status_code
    client.logout()
    assert _wrong(client, "one-more@example.org", **meta) == 429


def test_the_account_limit_still_locks_after_five(client, coordinator, no_proxy):
    meta: dict[str, Any] = {"REMOTE_ADDR": ATTACKER}
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _wrong(client, coordinator.email, **meta) == 200
    assert _wrong(client, coordinator.email, **meta) == 429
    assert AccessAttempt.objects.get().username == lockout_key(coordinator.email)
