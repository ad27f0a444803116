"""A leaver is deactivated: blocked on their very next request, open sessions included."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action, AuditEvent
from tests.factories import UserFactory

NOT_OUR_MANAGERS = [
    "coordinator",
    "worker",
    "person_user",
    "commissioner",
    "supplier",
    "other_manager",
]


@pytest.fixture
def other_manager(other_provider) -> User:
    return UserFactory.create(
        organisation=other_provider, role=Role.MANAGER, email="rita@othercare.example"
    )


def test_manager_is_asked_to_confirm_first(client_for, manager, worker):
    response = client_for(manager).get(reverse("team:deactivate", args=[worker.pk]))
    assert response.status_code == 200
    assert "Deactivate Sam Patel's account?" in response.content.decode()
    worker.refresh_from_db()
    assert worker.is_active


def test_deactivating_blocks_an_open_session_on_its_next_request(client_for, manager, worker):
    leaver = client_for(worker)
    assert leaver.get(reverse("home")).status_code == 200

    response = client_for(manager).post(reverse("team:deactivate", args=[worker.pk]), follow=True)
    assert "account is deactivated" in response.content.decode()

    worker.refresh_from_db()
    assert worker.is_active is False
    assert worker.deactivated_at is not None
    blocked = leaver.get(reverse("home"))
    assert blocked.status_code == 302
    assert blocked["Location"].startswith(reverse("accounts:login"))
    assert leaver.get(reverse("people:list")).status_code == 302


def test_deactivating_deletes_only_the_leavers_sessions(client_for, manager, worker, coordinator):
    client_for(worker)
    client_for(worker)  # signed in on two devices
    colleague = client_for(coordinator)
    manager_client = client_for(manager)

    def sessions_of(user: User) -> int:
        return sum(
            1
            for session in Session.objects.all()
            if session.get_decoded().get("_auth_user_id") == str(user.pk)
        )

    assert sessions_of(worker) == 2
    manager_client.post(reverse("team:deactivate", args=[worker.pk]))
    assert sessions_of(worker) == 0
    assert sessions_of(coordinator) == 1
    assert colleague.get(reverse("home")).status_code == 200
    event = AuditEvent.objects.get(actor=manager, subject_id=str(worker.pk), action=Action.UPDATE)
    assert "ended 2 open session(s)" in event.summary


def test_an_inactive_user_with_a_surviving_session_is_still_refused(client_for, worker):
    """Even if a session outlived the deactivation (say, another session store), Django's
    authentication backend refuses an inactive user on their next request."""
    leaver = client_for(worker)
    User.objects.filter(pk=worker.pk).update(is_active=False)
    response = leaver.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_deactivated_user_cannot_sign_in(client, client_for, manager, worker):
    client_for(manager).post(reverse("team:deactivate", args=[worker.pk]))
    response = client.post(
        reverse("accounts:login"),
        {"username": worker.email, "password": "correct horse battery staple"},
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_deactivation_is_audited_with_old_and_new_values(client_for, manager, worker):
    client_for(manager).post(reverse("team:deactivate", args=[worker.pk]))
    event = AuditEvent.objects.get(actor=manager, subject_id=str(worker.pk), action=Action.UPDATE)
    assert event.subject_type == "accounts.user"
    assert event.changes["is_active"] == {"from": True, "to": False}
    assert event.changes["deactivated_at"]["from"] is None


def test_manager_cannot_deactivate_themselves(client_for, manager):
    client = client_for(manager)
    response = client.post(reverse("team:deactivate", args=[manager.pk]), follow=True)
    assert "You cannot deactivate your own account" in response.content.decode()
    manager.refresh_from_db()
    assert manager.is_active
    assert client.get(reverse("team:list")).status_code == 200


def test_manager_reactivates_a_leaver_who_can_sign_in_again(client, client_for, manager, worker):
    manager_client = client_for(manager)
    manager_client.post(reverse("team:deactivate", args=[worker.pk]))
    response = manager_client.post(reverse("team:reactivate", args=[worker.pk]), follow=True)
    assert "active again" in response.content.decode()
    worker.refresh_from_db()
    assert worker.is_active and worker.deactivated_at is None
    signed_in = client.post(
        reverse("accounts:login"),
        {"username": worker.email, "password": "correct horse battery staple"},
    )
    assert signed_in.status_code == 302
    event = AuditEvent.objects.filter(actor=manager, subject_id=str(worker.pk)).first()
    assert event is not None
    assert event.changes["is_active"] == {"from": False, "to": True}


@pytest.mark.parametrize("persona", NOT_OUR_MANAGERS)
def test_deactivate_is_not_found_for_everyone_else(client_for, request, persona, worker):
    client = client_for(request.getfixturevalue(persona))
    url = reverse("team:deactivate", args=[worker.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    worker.refresh_from_db()
    assert worker.is_active


@pytest.mark.parametrize("persona", NOT_OUR_MANAGERS)
def test_reactivate_is_not_found_for_everyone_else(client_for, request, persona, other_worker):
    User.objects.filter(pk=other_worker.pk).update(is_active=False)
    client = client_for(request.getfixturevalue(persona))
    assert client.post(reverse("team:reactivate", args=[other_worker.pk])).status_code == 404
    other_worker.refresh_from_db()
    assert not other_worker.is_active
