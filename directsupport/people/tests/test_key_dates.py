"""Key dates: editors add and remove them; they show on the person's page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from directsupport.audit.models import Action, AuditEvent
from directsupport.people.models import KeyDate
from directsupport.people.tests.conftest import EDITORS, NO_ACCESS, READ_ONLY
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def add_url(person) -> str:
    return f"/people/{person.pk}/key-dates/add/"


def remove_url(key_date) -> str:
    return f"/people/{key_date.person_id}/key-dates/{key_date.pk}/remove/"


@pytest.fixture
def birthday(dee) -> KeyDate:
    return KeyDate.objects.create(person=dee, label="Birthday", date=dt.date(1990, 5, 17))


@pytest.mark.parametrize("name", EDITORS)
def test_editors_add_a_key_date(name, persona, client_for, dee):
    client = client_for(persona(name))
    assert client.get(add_url(dee)).status_code == 200

    response = client.post(
        add_url(dee), {"label": "Moved into my flat", "date": "2019-09-02", "every_year": "on"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/people/{dee.pk}/#key-dates"
    key_date = KeyDate.objects.get(person=dee)
    assert (key_date.label, key_date.date, key_date.every_year) == (
        "Moved into my flat",
        dt.date(2019, 9, 2),
        True,
    )
    page = client.get(f"/people/{dee.pk}/").content.decode()
    assert "Moved into my flat" in page
    assert "2 September, every year" in page


def test_a_one_off_date(client_for, coordinator, dee):
    next_week = timezone.localdate() + dt.timedelta(days=7)

    client_for(coordinator).post(
        add_url(dee), {"label": "Annual review", "date": next_week.strftime("%d/%m/%Y")}
    )

    key_date = KeyDate.objects.get(person=dee)
    assert key_date.every_year is False
    page = client_for(coordinator).get(f"/people/{dee.pk}/").content.decode()
    assert "in 7 days" in page


def test_adding_is_audited(client_for, coordinator, dee):
    client_for(coordinator).post(
        add_url(dee), {"label": "Birthday", "date": "1990-05-17", "every_year": "on"}
    )

    event = AuditEvent.objects.get(action=Action.CREATE, person_id=dee.pk)
    assert event.actor == coordinator
    assert event.subject_type == "people.keydate"
    assert event.changes["label"] == {"from": None, "to": "Birthday"}
    assert event.changes["date"] == {"from": None, "to": "1990-05-17"}


def test_missing_or_wrong_input_is_explained_and_kept(client_for, coordinator, dee):
    response = client_for(coordinator).post(add_url(dee), {"label": "", "date": "32/13/2020"})

    content = response.content.decode()
    assert "Say what the date is, for example Birthday." in content
    assert "Enter a real date, for example 27/3/2026." in content
    assert 'value="32/13/2020"' in content
    assert "<title>Error: Add a key date" in content
    assert not KeyDate.objects.exists()

    response = client_for(coordinator).post(add_url(dee), {"label": "Birthday", "date": ""})
    assert "Enter the date." in response.content.decode()
    assert 'value="Birthday"' in response.content.decode()


@pytest.mark.parametrize("name", EDITORS)
def test_editors_remove_a_key_date(name, persona, client_for, birthday):
    client = client_for(persona(name))
    confirm = client.get(remove_url(birthday))
    assert confirm.status_code == 200
    assert "Remove the key date “Birthday”?" in confirm.content.decode()

    response = client.post(remove_url(birthday))

    assert response.status_code == 302
    assert not KeyDate.objects.exists()
    event = AuditEvent.objects.get(action=Action.DELETE)
    assert event.person_id == birthday.person_id
    assert event.changes["label"] == {"from": "Birthday", "to": None}


def test_a_key_date_of_someone_else_cannot_be_removed_through_dee(
    client_for, coordinator, dee, provider
):
    other = PersonFactory.create(organisation=provider)
    theirs = KeyDate.objects.create(person=other, label="Theirs", date=dt.date(2000, 1, 1))

    response = client_for(coordinator).post(f"/people/{dee.pk}/key-dates/{theirs.pk}/remove/")

    assert response.status_code == 404
    assert KeyDate.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("name", READ_ONLY)
def test_read_only_viewers_are_forbidden(name, persona, client_for, birthday, dee):
    client = client_for(persona(name))

    assert client.get(add_url(dee)).status_code == 403
    assert client.post(add_url(dee), {"label": "X", "date": "2020-01-01"}).status_code == 403
    assert client.post(remove_url(birthday)).status_code == 403
    assert list(KeyDate.objects.all()) == [birthday]
    assert AuditEvent.objects.filter(action=Action.DENIED, person_id=dee.pk).count() == 3


@pytest.mark.parametrize("name", NO_ACCESS)
def test_everyone_else_gets_not_found(name, persona, client_for, birthday, dee):
    client = client_for(persona(name))

    assert client.get(add_url(dee)).status_code == 404
    assert client.post(add_url(dee), {"label": "X", "date": "2020-01-01"}).status_code == 404
    assert client.post(remove_url(birthday)).status_code == 404
    assert list(KeyDate.objects.all()) == [birthday]
