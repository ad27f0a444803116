"""Managers see and change their own organisation's users; everyone else gets 'not found'."""

from __future__ import annotations

import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from directsupport.accounts.lockout import lockout_key
from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action, AuditEvent
from tests.factories import UserFactory

NOT_MANAGERS = ["coordinator", "worker", "person_user", "commissioner", "supplier"]
# For one of our users: not a manager, or a manager of another organisation.
NOT_OUR_MANAGERS = [*NOT_MANAGERS, "other_manager"]


@pytest.fixture
def other_manager(other_provider) -> User:
    """A manager, but of another provider: none of our users are theirs."""
    return UserFactory.create(
        organisation=other_provider,
        role=Role.MANAGER,
        full_name="Rita Moss",
        email="rita@othercare.example",
    )


# ---- The team list -------------------------------------------------------------------------


def test_manager_sees_their_team_and_not_other_organisations(
    client_for, manager, coordinator, worker, other_manager
):
    response = client_for(manager).get(reverse("team:list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Priya Shah" in content
    assert "Sam Patel" in content
    assert "Rita Moss" not in content


@pytest.mark.parametrize("persona", NOT_MANAGERS)
def test_team_list_is_not_found_for_anyone_but_managers(client_for, request, persona):
    user = request.getfixturevalue(persona)
    response = client_for(user).get(reverse("team:list"))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(
        actor=user, action=Action.DENIED, subject_type="accounts.user"
    ).exists()


def test_another_organisations_manager_sees_only_their_own_team(
    client_for, other_manager, coordinator, worker
):
    content = client_for(other_manager).get(reverse("team:list")).content.decode()
    assert "Rita Moss" in content
    assert "Priya Shah" not in content
    assert "Sam Patel" not in content


def test_team_list_searches_name_and_email(client_for, manager, coordinator, worker):
    client = client_for(manager)
    by_name = client.get(reverse("team:list"), {"q": "priya"}).content.decode()
    assert "Priya Shah" in by_name
    assert "Sam Patel" not in by_name
    by_email = client.get(reverse("team:list"), {"q": "sam@willow"}).content.decode()
    assert "Sam Patel" in by_email
    assert "Priya Shah" not in by_email


def test_team_list_filters_by_role_and_status(client_for, manager, coordinator, worker):
    worker.is_active = False
    worker.save()
    client = client_for(manager)
    coordinators = client.get(reverse("team:list"), {"role": Role.COORDINATOR}).content.decode()
    assert "Priya Shah" in coordinators
    assert "Sam Patel" not in coordinators
    deactivated = client.get(reverse("team:list"), {"status": "deactivated"}).content.decode()
    assert "Sam Patel" in deactivated
    assert "Priya Shah" not in deactivated
    active = client.get(reverse("team:list"), {"status": "active"}).content.decode()
    assert "Priya Shah" in active
    assert "Sam Patel" not in active


def test_team_list_with_a_role_from_another_kind_of_organisation_says_so(client_for, manager):
    response = client_for(manager).get(reverse("team:list"), {"role": Role.COMMISSIONER})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert response.content.decode().count("<title>Error: ") == 1


def test_team_list_is_paginated_with_constant_queries(
    client_for, manager, provider, django_assert_max_num_queries, django_assert_num_queries
):
    client = client_for(manager)
    client.get(reverse("team:list"))  # the session's first write is not the page's cost
    UserFactory.create_batch(5, organisation=provider, role=Role.SUPPORT_WORKER)
    with django_assert_max_num_queries(6) as few:
        client.get(reverse("team:list"))
    UserFactory.create_batch(60, organisation=provider, role=Role.SUPPORT_WORKER)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("team:list"), {"page": 2})
    content = response.content.decode()
    assert re.search(
        r'aria-current="page"[^>]*><span class="visually-hidden">Page </span>2<', content
    )
    assert "?page=3" in content
    assert "showing 26 to 50" in content


# ---- A user's page -------------------------------------------------------------------------


def test_manager_opens_a_team_members_page(client_for, manager, coordinator):
    response = client_for(manager).get(reverse("team:member", args=[coordinator.pk]))
    assert response.status_code == 200
    assert "priya@willowbrook.example" in response.content.decode()


@pytest.mark.parametrize("persona", NOT_OUR_MANAGERS)
def test_team_members_page_is_not_found_for_everyone_else(client_for, request, persona, worker):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(reverse("team:member", args=[worker.pk])).status_code == 404


# ---- Changing name and role ----------------------------------------------------------------


def test_manager_changes_a_name_and_role_and_it_is_audited(client_for, manager, worker):
    response = client_for(manager).post(
        reverse("team:edit", args=[worker.pk]),
        {"full_name": "Samir Patel", "role": Role.COORDINATOR},
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert (worker.full_name, worker.role) == ("Samir Patel", Role.COORDINATOR)
    event = AuditEvent.objects.get(actor=manager, action=Action.UPDATE, subject_id=str(worker.pk))
    assert event.changes["role"] == {"from": Role.SUPPORT_WORKER, "to": Role.COORDINATOR}
    assert event.changes["full_name"] == {"from": "Sam Patel", "to": "Samir Patel"}


def test_edit_form_shows_only_roles_allowed_in_a_provider(client_for, manager, worker):
    content = client_for(manager).get(reverse("team:edit", args=[worker.pk])).content.decode()
    assert 'value="coordinator"' in content
    assert 'value="commissioner"' not in content
    assert 'value="supplier"' not in content


def test_edit_refuses_a_role_not_allowed_for_the_organisation(client_for, manager, worker):
    response = client_for(manager).post(
        reverse("team:edit", args=[worker.pk]),
        {"full_name": "Sam Patel Typed", "role": Role.COMMISSIONER},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Your organisation cannot have that role" in content
    assert 'value="Sam Patel Typed"' in content  # nothing typed is lost
    worker.refresh_from_db()
    assert (worker.full_name, worker.role) == ("Sam Patel", Role.SUPPORT_WORKER)


def test_back_office_access_is_only_for_managers(client_for, manager, worker):
    response = client_for(manager).post(
        reverse("team:edit", args=[worker.pk]),
        {"full_name": "Sam Patel", "role": Role.SUPPORT_WORKER, "is_staff": "on"},
    )
    assert "Only managers can use the back office" in response.content.decode()
    worker.refresh_from_db()
    assert worker.is_staff is False


def test_manager_cannot_change_their_own_role(client_for, manager):
    response = client_for(manager).post(
        reverse("team:edit", args=[manager.pk]),
        {"full_name": "Helen Carter-Jones", "role": Role.SUPPORT_WORKER},
    )
    assert response.status_code == 302
    manager.refresh_from_db()
    assert manager.full_name == "Helen Carter-Jones"
    assert manager.role == Role.MANAGER  # the disabled field keeps the current role
    page = client_for(manager).get(reverse("team:edit", args=[manager.pk])).content.decode()
    assert "You cannot change your own role" in page


@pytest.mark.parametrize("persona", NOT_OUR_MANAGERS)
def test_edit_is_not_found_for_everyone_else(client_for, request, persona, worker):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    url = reverse("team:edit", args=[worker.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"full_name": "X", "role": Role.MANAGER}).status_code == 404
    worker.refresh_from_db()
    assert (worker.full_name, worker.role) == ("Sam Patel", Role.SUPPORT_WORKER)


# ---- Unlocking a locked-out account --------------------------------------------------------


def _lock_out(user: User, typed: str | None = None) -> None:
    """What django-axes keeps after too many wrong passwords: the email's keyed hash (or, for
    records made before hashing, the email as it was typed)."""
    AccessAttempt.objects.create(
        username=typed or lockout_key(user.email.upper()),
        ip_address="127.0.0.1",
        user_agent="test",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        attempt_time=timezone.now(),
    )


def test_manager_unlocks_a_locked_out_account(client_for, manager, worker):
    _lock_out(worker)
    client = client_for(manager)
    page = client.get(reverse("team:member", args=[worker.pk])).content.decode()
    assert "is locked out" in page
    response = client.post(reverse("team:unlock", args=[worker.pk]), follow=True)
    assert "can try to sign in again now" in response.content.decode()
    assert not AccessAttempt.objects.filter(username=lockout_key(worker.email)).exists()
    assert AuditEvent.objects.filter(
        actor=manager, subject_id=str(worker.pk), summary__contains="unlocked"
    ).exists()


def test_manager_unlocks_an_account_locked_before_emails_were_hashed(client_for, manager, worker):
    _lock_out(worker, typed=worker.email.upper())
    client = client_for(manager)
    assert "is locked out" in client.get(reverse("team:member", args=[worker.pk])).content.decode()
    client.post(reverse("team:unlock", args=[worker.pk]))
    assert not AccessAttempt.objects.filter(username__iexact=worker.email).exists()


def test_unlocked_user_can_sign_in_again(client, client_for, manager, worker):
    _lock_out(worker)
    sign_in = {"username": worker.email, "password": "correct horse battery staple"}
    assert client.post(reverse("accounts:login"), sign_in).status_code == 429
    client_for(manager).post(reverse("team:unlock", args=[worker.pk]))
    assert client.post(reverse("accounts:login"), sign_in).status_code == 302


@pytest.mark.parametrize("persona", NOT_OUR_MANAGERS)
def test_unlock_is_not_found_for_everyone_else(client_for, request, persona, worker):
    _lock_out(worker)
    user = request.getfixturevalue(persona)
    assert client_for(user).post(reverse("team:unlock", args=[worker.pk])).status_code == 404
    assert AccessAttempt.objects.filter(username=lockout_key(worker.email)).exists()


# ---- A fresh link to set a password --------------------------------------------------------


def test_manager_sends_a_new_set_password_link(client_for, manager, worker):
    response = client_for(manager).post(reverse("team:send_link", args=[worker.pk]), follow=True)
    assert "a new link to set their password" in response.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [worker.email]
    assert "/team/set-password/" in mail.outbox[0].body


def test_no_link_for_a_deactivated_account(client_for, manager, worker):
    worker.is_active = False
    worker.save()
    response = client_for(manager).post(reverse("team:send_link", args=[worker.pk]), follow=True)
    assert "Reactivate this account before sending a link" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.parametrize("persona", NOT_OUR_MANAGERS)
def test_send_link_is_not_found_for_everyone_else(client_for, request, persona, worker):
    user = request.getfixturevalue(persona)
    assert client_for(user).post(reverse("team:send_link", args=[worker.pk])).status_code == 404
    assert mail.outbox == []
