"""Sessions: idle timeout with a keep-alive, password change ending other sessions."""

import time

import time_machine
from django.test import Client
from django.urls import reverse

from directsupport.accounts.middleware import LAST_SEEN_KEY
from tests.factories import PASSWORD


def _age_session(client: Client, seconds: int) -> None:
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - seconds
    session.save()


def test_idle_session_is_signed_out_with_an_explanation(client_for, coordinator, settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    client = client_for(coordinator)
    client.get("/")
    _age_session(client, 601)
    response = client.get("/people/")
    assert response["Location"] == f"{reverse('accounts:login')}?timed_out=1"
    page = client.get(response["Location"]).content.decode()
    assert "signed out because nothing happened" in page
    assert client.get("/people/").status_code == 302


def test_activity_within_the_timeout_keeps_the_session(client_for, coordinator, settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    client = client_for(coordinator)
    client.get("/")
    _age_session(client, 500)
    assert client.get("/people/").status_code == 200


def test_keep_alive_extends_the_session(client_for, coordinator, settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    client = client_for(coordinator)
    client.get("/")
    _age_session(client, 500)
    assert client.post("/account/keep-alive/").status_code == 204
    assert int(time.time()) - client.session[LAST_SEEN_KEY] < 5


def test_pages_carry_the_idle_warning_settings(client_for, coordinator, settings):
    settings.SESSION_IDLE_TIMEOUT = 1800
    # The seconds left count from sign-in: a busy machine must not make them 1799.
    with time_machine.travel(time.time(), tick=False):
        body = client_for(coordinator).get("/").content.decode()
    assert 'data-idle-timeout="1800"' in body
    assert 'id="idle-warning"' in body
    assert "Stay signed in" in body


def test_password_change_ends_other_sessions_but_not_this_one(client_for, coordinator):
    laptop = client_for(coordinator)
    phone = client_for(coordinator)
    response = laptop.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a brand new long passphrase",
            "new_password2": "a brand new long passphrase",
        },
    )
    assert response["Location"] == reverse("accounts:account")
    assert laptop.get("/people/").status_code == 200
    assert phone.get("/people/").status_code == 302


def test_short_or_common_new_password_is_refused_with_reasons(client_for, coordinator):
    client = client_for(coordinator)
    response = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": "password123", "new_password2": "password123"},
    )
    body = response.content.decode()
    assert "too short" in body
    assert "too common" in body
    coordinator.refresh_from_db()
    assert coordinator.check_password(PASSWORD)


def test_password_without_symbols_or_capitals_is_fine(client_for, coordinator):
    client = client_for(coordinator)
    response = client.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "purple elephants dance",
            "new_password2": "purple elephants dance",
        },
    )
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password("purple elephants dance")
