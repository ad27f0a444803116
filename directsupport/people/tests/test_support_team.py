"""The support team: editors put support workers on a person's team and take them off. The
team decides what a support worker may see."""

from __future__ import annotations

import pytest

from directsupport.accounts.roles import Role
from directsupport.audit.models import Action, AuditEvent
from directsupport.people.models import SupportAssignment
from directsupport.people.tests.conftest import EDITORS, NO_ACCESS, READ_ONLY
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def team_url(person) -> str:
    return f"/people/{person.pk}/support-team/"


def remove_url(person, worker) -> str:
    return f"/people/{person.pk}/support-team/{worker.pk}/remove/"


@pytest.mark.parametrize("name", EDITORS)
def test_editors_add_a_support_worker_who_then_sees_the_person(
    name, persona, client_for, dee, other_worker
):
    assert client_for(other_worker).get(f"/people/{dee.pk}/").status_code == 404
    client = client_for(persona(name))
    page = client.get(team_url(dee))
    assert page.status_code == 200
    assert [w.full_name for w in page.context["team"]] == ["Sam Patel"]

    response = client.post(team_url(dee), {"worker": other_worker.pk})

    assert response.status_code == 302
    assert SupportAssignment.objects.filter(person=dee, worker=other_worker).exists()
    assert client_for(other_worker).get(f"/people/{dee.pk}/").status_code == 200
    event = AuditEvent.objects.get(action=Action.CREATE, person_id=dee.pk)
    assert event.changes == {"support_worker": {"from": None, "to": "Ola Adeyemi"}}


@pytest.mark.parametrize("name", EDITORS)
def test_editors_take_a_worker_off_the_team_who_then_sees_nothing(
    name, persona, client_for, dee, worker
):
    worker_client = client_for(worker)
    assert worker_client.get(f"/people/{dee.pk}/").status_code == 200

    response = client_for(persona(name)).post(remove_url(dee, worker))

    assert response.status_code == 302
    assert not SupportAssignment.objects.filter(person=dee).exists()
    assert worker_client.get(f"/people/{dee.pk}/").status_code == 404
    event = AuditEvent.objects.get(action=Action.DELETE, person_id=dee.pk)
    assert event.changes == {"support_worker": {"from": "Sam Patel", "to": None}}


def test_only_support_workers_of_the_same_organisation_are_offered(
    client_for, coordinator, dee, other_worker, finance, other_provider
):
    elsewhere = UserFactory.create(
        organisation=other_provider, role=Role.SUPPORT_WORKER, full_name="Far Worker"
    )
    client = client_for(coordinator)

    offered = list(client.get(team_url(dee)).context["form"].fields["worker"].queryset)
    assert offered == [other_worker]  # not Sam (already on it), not finance, not elsewhere

    for not_allowed in (finance, elsewhere):
        response = client.post(team_url(dee), {"worker": not_allowed.pk})
        assert "Choose a support worker from the list." in response.content.decode()
    assert list(SupportAssignment.objects.values_list("worker__full_name", flat=True)) == [
        "Sam Patel"
    ]


def test_choosing_nobody_is_explained(client_for, coordinator, dee, other_worker):
    response = client_for(coordinator).post(team_url(dee), {"worker": ""})

    assert "Choose a support worker to add." in response.content.decode()
    assert "<title>Error: Support team" in response.content.decode()


def test_removing_someone_not_on_the_team_is_not_found(client_for, coordinator, dee, other_worker):
    response = client_for(coordinator).post(remove_url(dee, other_worker))

    assert response.status_code == 404


def test_removing_needs_a_post(client_for, coordinator, dee, worker):
    response = client_for(coordinator).get(remove_url(dee, worker))

    assert response.status_code == 405
    assert SupportAssignment.objects.filter(person=dee, worker=worker).exists()


@pytest.mark.parametrize("name", READ_ONLY)
def test_read_only_viewers_are_forbidden(name, persona, client_for, dee, worker, other_worker):
    client = client_for(persona(name))

    assert client.get(team_url(dee)).status_code == 403
    assert client.post(team_url(dee), {"worker": other_worker.pk}).status_code == 403
    assert client.post(remove_url(dee, worker)).status_code == 403
    assert list(SupportAssignment.objects.values_list("worker", flat=True)) == [worker.pk]


@pytest.mark.parametrize("name", NO_ACCESS)
def test_everyone_else_gets_not_found(name, persona, client_for, dee, worker, other_worker):
    client = client_for(persona(name))

    assert client.get(team_url(dee)).status_code == 404
    assert client.post(team_url(dee), {"worker": other_worker.pk}).status_code == 404
    assert client.post(remove_url(dee, worker)).status_code == 404
    assert list(SupportAssignment.objects.values_list("worker", flat=True)) == [worker.pk]
