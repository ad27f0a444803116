"""A manager adds a user; the user gets an email and chooses their own password from the link."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action, AuditEvent
from tests.factories import UserFactory

NEW_USER = {
    "full_name": "Ada Brown",
    "email": "Ada.Brown@Willowbrook.example",
    "role": "coordinator",
}
GOOD_PASSWORD = "plum kettle harbour lantern"


@pytest.fixture
def other_manager(other_provider) -> User:
    return UserFactory.create(
        organisation=other_provider, role=Role.MANAGER, email="rita@othercare.example"
    )


def _link_from(message: mail.EmailMessage) -> str:
    match = re.search(r"https?://[^/\s]+(/team/set-password/\S+/)", str(message.body))
    assert match, message.body
    return match.group(1)


def _invite(client: Client, **overrides: str) -> User:
    response = client.post(reverse("team:add"), {**NEW_USER, **overrides})
    assert response.status_code == 302, response.content.decode()
    return User.objects.get(email=(overrides.get("email") or NEW_USER["email"]).lower())


# ---- Adding ---------------------------------------------------------------------------------


def test_manager_adds_a_user_who_gets_an_invitation(client_for, manager, provider):
    client = client_for(manager)
    response = client.post(reverse("team:add"), NEW_USER, follow=True)
    assert response.status_code == 200
    assert "Ada Brown has been added" in response.content.decode()
    assert "ada.brown@willowbrook.example" in response.content.decode()

    user = User.objects.get(email="ada.brown@willowbrook.example")
    assert user.organisation == provider
    assert user.role == Role.COORDINATOR
    assert not user.has_usable_password()
    assert user.is_staff is False

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada.brown@willowbrook.example"]
    assert "Helen Carter at Willowbrook Support" in message.body
    assert "/team/set-password/" in message.body

    event = AuditEvent.objects.get(action=Action.CREATE, subject_id=str(user.pk))
    assert event.actor == manager
    assert event.changes["role"] == {"from": None, "to": Role.COORDINATOR}
    assert event.changes["email"]["to"] == "ada.brown@willowbrook.example"


def test_add_form_offers_only_the_roles_of_a_provider(client_for, manager):
    content = client_for(manager).get(reverse("team:add")).content.decode()
    assert 'value="support_worker"' in content
    assert 'value="manager"' in content
    assert 'value="commissioner"' not in content
    assert 'value="supplier"' not in content


@pytest.mark.parametrize(
    "persona", ["coordinator", "worker", "person_user", "commissioner", "supplier"]
)
def test_add_is_not_found_for_anyone_but_managers(client_for, request, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("team:add")).status_code == 404
    assert client.post(reverse("team:add"), NEW_USER).status_code == 404
    assert not User.objects.filter(email__iexact=NEW_USER["email"]).exists()
    assert mail.outbox == []


def test_another_organisations_manager_adds_to_their_own_organisation(
    client_for, other_manager, other_provider
):
    user = _invite(client_for(other_manager))
    assert user.organisation == other_provider


def test_duplicate_email_in_any_case_is_refused_and_nothing_typed_is_lost(
    client_for, manager, coordinator
):
    response = client_for(manager).post(
        reverse("team:add"),
        {"full_name": "Priya Again", "email": "PRIYA@Willowbrook.example", "role": "coordinator"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Priya Shah already has an account with this email address" in content
    assert "<title>Error: " in content
    assert 'value="Priya Again"' in content
    assert 'value="PRIYA@Willowbrook.example"' in content
    assert User.objects.filter(email__iexact="priya@willowbrook.example").count() == 1
    assert mail.outbox == []


def test_email_taken_in_another_organisation_does_not_name_its_owner(client_for, manager, outsider):
    response = client_for(manager).post(
        reverse("team:add"), {**NEW_USER, "email": "vic@othercare.example"}
    )
    content = response.content.decode()
    assert "This email address already has an account" in content
    assert "Vic Stone" not in content


def test_a_role_not_allowed_for_the_organisation_is_refused(client_for, manager):
    response = client_for(manager).post(reverse("team:add"), {**NEW_USER, "role": "commissioner"})
    assert response.status_code == 200
    assert "Your organisation cannot have that role" in response.content.decode()
    assert not User.objects.filter(email__iexact=NEW_USER["email"]).exists()


def test_missing_name_and_bad_email_get_clear_messages(client_for, manager):
    response = client_for(manager).post(
        reverse("team:add"), {"full_name": "  ", "email": "not-an-email", "role": ""}
    )
    content = response.content.decode()
    assert "Enter their full name." in content
    assert "Enter an email address in the right format" in content
    assert "Choose a role." in content
    assert 'value="not-an-email"' in content
    # The error summary's link for the role lands on the first radio button.
    assert 'href="#id_role_0"' in content
    assert 'id="id_role_0"' in content


def test_new_manager_can_be_given_the_back_office(client_for, manager):
    user = _invite(client_for(manager), role="manager", is_staff="on")
    assert user.is_staff is True


# ---- Setting the password from the link -----------------------------------------------------


def test_invited_user_follows_the_link_and_sets_a_password(client, client_for, manager):
    user = _invite(client_for(manager))
    link = _link_from(mail.outbox[0])

    page = client.get(link, follow=True)
    assert page.status_code == 200
    assert "Choose your password" in page.content.decode()
    # The token leaves the address bar once it is checked.
    assert page.redirect_chain[-1][0].endswith("/choose/")

    done = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD},
        follow=True,
    )
    assert "Your password is set" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(GOOD_PASSWORD)
    assert AuditEvent.objects.filter(
        actor=user, subject_id=str(user.pk), summary__contains="password"
    ).exists()

    signed_in = client.post(
        reverse("accounts:login"),
        {"username": user.email, "password": GOOD_PASSWORD},
    )
    assert signed_in.status_code == 302


def test_weak_password_is_refused_with_the_validator_message(client, client_for, manager):
    user = _invite(client_for(manager))
    page = client.get(_link_from(mail.outbox[0]), follow=True)
    url = page.redirect_chain[-1][0]
    for weak, message in [
        ("short one", "too short"),
        ("password1234", "too common"),
    ]:
        response = client.post(url, {"new_password1": weak, "new_password2": weak})
        content = response.content.decode()
        assert response.status_code == 200
        assert message in content
        assert "<title>Error: " in content
        assert weak not in content  # a password is never written back into the page
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_different_passwords_are_refused(client, client_for, manager):
    _invite(client_for(manager))
    page = client.get(_link_from(mail.outbox[0]), follow=True)
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD + "x"},
    )
    assert "The two passwords are different" in response.content.decode()


def test_a_used_link_does_not_work_again(client, client_for, manager):
    user = _invite(client_for(manager))
    link = _link_from(mail.outbox[0])
    page = client.get(link, follow=True)
    client.post(
        page.redirect_chain[-1][0], {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD}
    )
    again = Client().get(link, follow=True)
    assert "This link has expired or been used" in again.content.decode()
    attacker = Client().post(
        page.redirect_chain[-1][0],
        {"new_password1": "other words entirely", "new_password2": "other words entirely"},
    )
    assert "This link has expired or been used" in attacker.content.decode()
    user.refresh_from_db()
    assert user.check_password(GOOD_PASSWORD)


def test_an_expired_link_says_so(client, client_for, manager, settings):
    _invite(client_for(manager))
    link = _link_from(mail.outbox[0])
    settings.PASSWORD_RESET_TIMEOUT = -1  # every link made before now has run out
    response = client.get(link)
    assert response.status_code == 200
    assert "This link has expired or been used" in response.content.decode()


@pytest.mark.parametrize(
    "link",
    [
        "/team/set-password/zzz/abc-123/",
        "/team/set-password/MQ/choose/",
        "/team/set-password/MQ/x/",
    ],
)
def test_made_up_links_say_expired(db, client, link):
    assert "This link has expired or been used" in client.get(link).content.decode()


def test_a_deactivated_users_link_does_not_work(client, client_for, manager):
    user = _invite(client_for(manager))
    User.objects.filter(pk=user.pk).update(is_active=False)
    response = client.get(_link_from(mail.outbox[0]), follow=True)
    assert "This link has expired or been used" in response.content.decode()
