"""The back office: managers with two-factor only, their own organisation only, no second login."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

import directsupport.accounts
from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action, AuditEvent
from tests.factories import UserFactory

INDEX = "/back-office/"


@pytest.fixture
def staff_manager(manager) -> User:
    manager.is_staff = True
    manager.save()
    return manager


@pytest.fixture
def other_manager(other_provider) -> User:
    return UserFactory.create(
        organisation=other_provider,
        role=Role.MANAGER,
        is_staff=True,
        full_name="Rita Moss",
        email="rita@othercare.example",
    )


@pytest.fixture
def back_office(client_for, staff_manager) -> Client:
    return client_for(staff_manager)


def test_manager_with_two_factor_sees_the_back_office(back_office):
    response = back_office.get(INDEX)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Direct Your Support back office" in content
    for section in ("Users", "Organisations", "Areas", "People", "Audit events"):
        assert section in content


def test_manager_without_two_factor_is_sent_to_two_factor(client, staff_manager):
    client.force_login(staff_manager)  # password only: two-factor not passed
    response = client.get(INDEX)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor")
    assert client.get(f"{INDEX}accounts/user/").status_code == 302


def test_manager_not_marked_for_the_back_office_gets_not_found(client_for, manager):
    assert client_for(manager).get(INDEX).status_code == 404


@pytest.mark.parametrize(
    "persona", ["coordinator", "worker", "person_user", "commissioner", "supplier"]
)
def test_everyone_but_managers_gets_not_found_even_when_marked_staff(client_for, request, persona):
    user = request.getfixturevalue(persona)
    User.objects.filter(pk=user.pk).update(is_staff=True)
    client = client_for(user)
    assert client.get(INDEX).status_code == 404
    assert client.get(f"{INDEX}accounts/user/").status_code == 404
    assert AuditEvent.objects.filter(
        actor=user, action=Action.DENIED, subject_type="back_office"
    ).exists()


def test_signed_out_visitor_is_sent_to_our_sign_in_not_an_admin_one(client, db):
    response = client.get(INDEX, follow=True)
    final_url = response.redirect_chain[-1][0]
    assert final_url.startswith(reverse("accounts:login"))
    assert "next=/back-office/" in final_url


def test_admin_login_page_is_not_a_second_way_in(client, staff_manager):
    page = client.get(f"{INDEX}login/?next={INDEX}")
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:login"))
    posted = client.post(
        f"{INDEX}login/",
        {"username": staff_manager.email, "password": "correct horse battery staple"},
    )
    assert posted.status_code == 302
    assert SESSION_KEY not in client.session


def test_back_office_sign_out_is_our_audited_sign_out(back_office, staff_manager):
    response = back_office.post(f"{INDEX}logout/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert SESSION_KEY not in back_office.session
    assert AuditEvent.objects.filter(actor=staff_manager, action=Action.SIGN_OUT).exists()


def test_back_office_password_change_goes_to_our_page(back_office):
    response = back_office.get(f"{INDEX}password_change/")
    assert response["Location"] == reverse("accounts:change_password")


# ---- Users ---------------------------------------------------------------------------------


def test_manager_sees_only_their_organisations_users(back_office, coordinator, other_manager):
    content = back_office.get(f"{INDEX}accounts/user/").content.decode()
    assert "Priya Shah" in content
    assert "Rita Moss" not in content
    other = back_office.get(f"{INDEX}accounts/user/{other_manager.pk}/change/")
    assert other.status_code == 302  # the admin's "does not exist" redirect
    assert "Rita Moss" not in back_office.get(other["Location"]).content.decode()


def test_user_form_offers_only_provider_roles_and_no_password(back_office, coordinator):
    content = back_office.get(f"{INDEX}accounts/user/{coordinator.pk}/change/").content.decode()
    assert 'value="support_worker"' in content
    assert 'value="commissioner"' not in content
    assert 'name="password' not in content
    assert reverse("team:member", args=[coordinator.pk]) in content


def test_changing_a_role_in_the_back_office_is_audited(back_office, staff_manager, coordinator):
    response = back_office.post(
        f"{INDEX}accounts/user/{coordinator.pk}/change/",
        {"full_name": "Priya Shah", "role": Role.MARKET_SHAPER},
    )
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.role == Role.MARKET_SHAPER
    event = AuditEvent.objects.get(actor=staff_manager, subject_id=str(coordinator.pk))
    assert event.changes["role"] == {"from": Role.COORDINATOR, "to": Role.MARKET_SHAPER}


def test_a_role_from_another_kind_of_organisation_is_refused(back_office, coordinator):
    response = back_office.post(
        f"{INDEX}accounts/user/{coordinator.pk}/change/",
        {"full_name": "Priya Shah", "role": Role.COMMISSIONER},
    )
    assert response.status_code == 200
    coordinator.refresh_from_db()
    assert coordinator.role == Role.COORDINATOR


def test_users_cannot_be_added_or_deleted_in_the_back_office(back_office, coordinator):
    assert back_office.get(f"{INDEX}accounts/user/add/").status_code == 403
    assert back_office.post(f"{INDEX}accounts/user/{coordinator.pk}/delete/").status_code == 403
    assert User.objects.filter(pk=coordinator.pk).exists()


def test_manager_cannot_change_their_own_role_in_the_back_office(back_office, staff_manager):
    back_office.post(
        f"{INDEX}accounts/user/{staff_manager.pk}/change/",
        {"full_name": "Helen Carter", "role": Role.SUPPORT_WORKER},
    )
    staff_manager.refresh_from_db()
    assert staff_manager.role == Role.MANAGER


# ---- Organisations and audit (areas and people: people/tests/test_admin.py) -----------


def test_organisations_are_read_only_for_managers(back_office, provider):
    url = f"{INDEX}accounts/organisation/{provider.pk}/change/"
    assert back_office.get(url).status_code == 200
    back_office.post(url, {"name": "Renamed", "kind": "provider"})
    provider.refresh_from_db()
    assert provider.name == "Willowbrook Support"
    assert back_office.get(f"{INDEX}accounts/organisation/add/").status_code == 403


def test_superuser_may_change_organisations(client_for, provider):
    boss = UserFactory.create(
        organisation=provider, role=Role.MANAGER, is_staff=True, is_superuser=True
    )
    response = client_for(boss).post(
        f"{INDEX}accounts/organisation/{provider.pk}/change/",
        {"name": "Willowbrook Support CIC", "kind": "provider"},
    )
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.name == "Willowbrook Support CIC"


def test_audit_events_are_read_only_and_scoped(back_office, coordinator, other_manager):
    AuditEvent.objects.create(
        actor=coordinator,
        actor_label=coordinator.email,
        organisation=coordinator.organisation,
        action=Action.VIEW,
        summary="Ours",
    )
    AuditEvent.objects.create(
        actor=other_manager,
        actor_label=other_manager.email,
        organisation=other_manager.organisation,
        action=Action.VIEW,
        summary="Theirs",
    )
    content = back_office.get(f"{INDEX}audit/auditevent/").content.decode()
    assert "priya@willowbrook.example" in content
    assert "rita@othercare.example" not in content
    ours = AuditEvent.objects.get(summary="Ours")
    assert back_office.get(f"{INDEX}audit/auditevent/{ours.pk}/change/").status_code == 200
    back_office.post(f"{INDEX}audit/auditevent/{ours.pk}/change/", {"summary": "Edited"})
    assert back_office.post(f"{INDEX}audit/auditevent/{ours.pk}/delete/").status_code == 403
    assert back_office.get(f"{INDEX}audit/auditevent/add/").status_code == 403
    ours.refresh_from_db()
    assert ours.summary == "Ours"


def test_back_office_pages_keep_the_strict_content_security_policy(back_office, coordinator):
    for url in (INDEX, f"{INDEX}accounts/user/", f"{INDEX}accounts/user/{coordinator.pk}/change/"):
        policy = back_office.get(url)["Content-Security-Policy"]
        assert "unsafe-inline" not in policy
        assert "script-src 'self'" in policy


def test_the_accounts_back_office_does_not_import_people():
    """accounts stands below people (DESIGN.md §2): people registers its own admin pages."""
    accounts = Path(directsupport.accounts.__file__).parent
    for module in ("admin.py", "admin_site.py"):
        tree = ast.parse((accounts / module).read_text())
        imported = [
            node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
        ] + [
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        ]
        assert not [name for name in imported if "people" in name.split(".")], module
