"""'Forgotten your password?': a single-use link by email, without revealing who has an account."""

import re

from django.core import mail
from django.core.cache import cache
from django.test import Client

from directsupport.audit.models import AuditEvent

URL = "/account/forgotten-password/"


def setup_function() -> None:
    cache.clear()


def test_a_link_is_emailed_and_sets_a_new_password(client, coordinator):
    response = client.post(URL, {"email": coordinator.email.upper()})
    assert "Check your email" in response.content.decode()
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(\S+)", str(mail.outbox[0].body)).group(1)  # type: ignore[union-attr]
    page = client.get(link, follow=True)
    assert page.status_code == 200
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "a fresh long passphrase", "new_password2": "a fresh long passphrase"},
    )
    coordinator.refresh_from_db()
    assert coordinator.check_password("a fresh long passphrase")
    assert AuditEvent.objects.filter(summary__contains="asked for a link").exists()


def test_the_answer_is_the_same_for_an_unknown_address(client, db):
    response = client.post(URL, {"email": "nobody@nowhere.example"})
    assert "If nobody@nowhere.example has an account" in response.content.decode()
    assert mail.outbox == []


def test_deactivated_accounts_get_no_link(client, coordinator):
    coordinator.is_active = False
    coordinator.save()
    client.post(URL, {"email": coordinator.email})
    assert mail.outbox == []


def test_asking_again_straight_away_sends_no_second_email(client, coordinator):
    client.post(URL, {"email": coordinator.email})
    Client().post(URL, {"email": coordinator.email})
    assert len(mail.outbox) == 1


def test_a_mistyped_address_is_explained_and_kept(client, db):
    response = client.post(URL, {"email": "priya.at.willowbrook"})
    body = response.content.decode()
    assert "Enter an email address like name@example.org." in body
    assert 'value="priya.at.willowbrook"' in body
