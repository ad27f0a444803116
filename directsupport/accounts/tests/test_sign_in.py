"""Signing in with email and password, and what goes wrong."""

import pytest
from django.test import Client
from django.urls import reverse

from directsupport.audit.models import Action, AuditEvent
from tests.factories import PASSWORD

SIGN_IN = "/account/sign-in/"


def test_sign_in_page_is_public_and_clear(client, db):
    response = client.get(SIGN_IN)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>Sign in</h1>" in body
    assert 'autocomplete="username"' in body
    assert 'autocomplete="current-password"' in body


def test_pages_redirect_to_sign_in_when_signed_out(client, db):
    response = client.get("/people/")
    assert response.status_code == 302
    assert response["Location"].startswith(f"{SIGN_IN}?next=/people/")


def test_person_signs_in_without_two_factor_and_lands_on_their_page(client, dee, person_user):
    response = client.post(SIGN_IN, {"username": "DEE@example.org", "password": PASSWORD})
    assert response.status_code == 302
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0] == reverse("people:easy_read", args=[dee.pk])
    assert AuditEvent.objects.filter(actor=person_user, action=Action.SIGN_IN).exists()


def test_staff_sign_in_goes_to_two_factor_before_anything_else(client, coordinator):
    response = client.post(SIGN_IN, {"username": coordinator.email, "password": PASSWORD})
    assert response["Location"] == reverse("accounts:two_factor")
    # Any other page sends them back to the two-factor step.
    assert client.get("/people/")["Location"] == reverse("accounts:two_factor")


def test_wrong_password_keeps_email_shows_clear_message_and_is_logged(client, coordinator):
    response = client.post(SIGN_IN, {"username": coordinator.email, "password": "wrong password!"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "The email address or password is not right" in body
    assert f'value="{coordinator.email}"' in body
    assert "wrong password!" not in body  # the password is never echoed back
    failed = AuditEvent.objects.get(action=Action.SIGN_IN_FAILED)
    assert coordinator.email in failed.summary
    assert failed.ip_address == "127.0.0.1"


def test_next_is_followed_after_sign_in_but_not_to_another_site(client, person_user, dee):
    page = reverse("people:detail", args=[dee.pk])
    response = client.post(
        SIGN_IN, {"username": person_user.email, "password": PASSWORD, "next": page}
    )
    assert response["Location"] == page
    client.logout()
    response = client.post(
        SIGN_IN,
        {"username": person_user.email, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert "evil" not in response["Location"]


def test_deactivated_user_cannot_sign_in(client, coordinator):
    coordinator.is_active = False
    coordinator.save()
    response = client.post(SIGN_IN, {"username": coordinator.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("attempts", [5])
def test_locked_after_five_failures_even_with_the_right_password(client, coordinator, attempts):
    for _ in range(attempts):
        client.post(SIGN_IN, {"username": coordinator.email, "password": "not the password"})
    response = client.post(SIGN_IN, {"username": coordinator.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Account locked for now" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=Action.LOCKED_OUT).exists()


def test_lockout_is_per_username_and_address(client, coordinator, worker):
    for _ in range(5):
        client.post(SIGN_IN, {"username": coordinator.email, "password": "not the password"})
    # Another account from the same address is not locked.
    response = client.post(SIGN_IN, {"username": worker.email, "password": PASSWORD})
    assert response.status_code == 302


def test_sign_out_needs_post_and_ends_the_session(client_for, coordinator):
    client = client_for(coordinator)
    assert client.get("/account/sign-out/").status_code == 200
    assert "_auth_user_id" in client.session
    response = client.post("/account/sign-out/")
    assert response["Location"] == reverse("accounts:login")
    assert client.get("/people/").status_code == 302
    assert AuditEvent.objects.filter(actor=coordinator, action=Action.SIGN_OUT).exists()


def test_old_session_cookie_is_useless_after_sign_out(client_for, coordinator):
    client = client_for(coordinator)
    cookie = client.cookies["sessionid"].value
    client.post("/account/sign-out/")
    attacker = Client()
    attacker.cookies["sessionid"] = cookie
    assert attacker.get("/people/").status_code == 302


def test_changing_the_case_of_the_email_does_not_dodge_the_lockout(client, coordinator):
    spellings = [coordinator.email.upper(), coordinator.email, coordinator.email.title()]
    for attempt in range(5):
        client.post(SIGN_IN, {"username": spellings[attempt % 3], "password": "not the password"})
    response = client.post(SIGN_IN, {"username": coordinator.email, "password": PASSWORD})
    assert response.status_code == 429


def test_failed_sign_ins_reach_the_log_of_the_account_s_organisation(client, coordinator, provider):
    client.post(SIGN_IN, {"username": coordinator.email.upper(), "password": "not it at all"})
    client.post(SIGN_IN, {"username": "nobody@nowhere.example", "password": "not it at all"})
    ours = AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED, organisation=provider)
    assert ours.count() == 1
    assert AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED, organisation=None).count() == 1
