"""Sessions: idle timeout with a keep-alive, a day's limit from sign-in, a new key at two-factor,
password change ending other sessions."""

import datetime as dt
import time

import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from directsupport.accounts.middleware import EXPIRY_GRACE, LAST_SEEN_KEY
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


# ---- A working day from sign-in, however busy ----------------------------------------------


def test_session_ends_ten_hours_after_sign_in_however_busy(client, person_user, dee, settings):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    start = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        response = client.post(
            reverse("accounts:login"), {"username": person_user.email, "password": PASSWORD}
        )
        assert response.status_code == 302
        # Busy all day: a page every 20 minutes, never idle long enough to time out.
        for _ in range(29):
            clock.shift(dt.timedelta(minutes=20))
            assert client.get("/account/").status_code == 200
        clock.shift(dt.timedelta(minutes=20))  # 10 hours after signing in
        response = client.get("/account/")
    assert response["Location"] == f"{reverse('accounts:login')}?timed_out=day"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "signed in 10 hours ago" in page


def test_session_expiry_is_pinned_to_sign_in_not_the_last_request(client, person_user, dee):
    start = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        client.post(
            reverse("accounts:login"), {"username": person_user.email, "password": PASSWORD}
        )
        clock.shift(dt.timedelta(minutes=20))
        assert client.get("/account/").status_code == 200
        session = Session.objects.get(session_key=client.cookies["sessionid"].value)
        # The stored session, and the cookie, end 10 hours after sign-in (and a few minutes'
        # grace so the user is told why), not 10 hours after the latest page.
        assert session.expire_date == start + dt.timedelta(hours=10) + EXPIRY_GRACE
        clock.shift(dt.timedelta(minutes=20))
        assert client.post("/account/keep-alive/").status_code == 204
        session.refresh_from_db()
        assert session.expire_date == start + dt.timedelta(hours=10) + EXPIRY_GRACE


def test_idle_timeout_still_applies_within_the_day(client, person_user, dee, settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    start = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        client.post(
            reverse("accounts:login"), {"username": person_user.email, "password": PASSWORD}
        )
        client.get("/account/")
        clock.shift(dt.timedelta(seconds=601))
        response = client.get("/account/")
    assert response["Location"] == f"{reverse('accounts:login')}?timed_out=1"


# ---- A new session key once two-factor is passed -------------------------------------------


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_session_key_changes_at_the_two_factor_step(client, coordinator):
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    client.post(reverse("accounts:login"), {"username": coordinator.email, "password": PASSWORD})
    before = client.cookies["sessionid"].value
    response = client.post(reverse("accounts:two_factor"), {"code": _code(device)})
    assert response["Location"] == reverse("home")
    after = client.cookies["sessionid"].value
    assert after != before
    assert client.get("/people/").status_code == 200
    # The key from before the second factor no longer works at all.
    assert not Session.objects.filter(session_key=before).exists()
    stale = Client()
    stale.cookies["sessionid"] = before
    response = stale.get("/people/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_session_key_changes_when_two_factor_is_first_set_up(client, coordinator):
    client.post(reverse("accounts:login"), {"username": coordinator.email, "password": PASSWORD})
    client.get(reverse("accounts:two_factor_setup"))
    before = client.cookies["sessionid"].value
    device = TOTPDevice.objects.get(user=coordinator)
    response = client.post(reverse("accounts:two_factor_setup"), {"code": _code(device)})
    assert response["Location"] == reverse("accounts:backup_codes")
    assert client.cookies["sessionid"].value != before
    stale = Client()
    stale.cookies["sessionid"] = before
    assert stale.get("/people/")["Location"].startswith(reverse("accounts:login"))
