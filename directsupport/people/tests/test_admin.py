"""The people app's back-office pages: areas added to the manager's own organisation (audited),
people found read only and only in their organisation, each view of one audited."""

from __future__ import annotations

import pytest
from django.test import Client

from directsupport.accounts.models import User
from directsupport.audit.models import Action, AuditEvent
from directsupport.people.models import Area
from tests.factories import AreaFactory, PersonFactory

INDEX = "/back-office/"


@pytest.fixture
def staff_manager(manager) -> User:
    manager.is_staff = True
    manager.save()
    return manager


@pytest.fixture
def back_office(client_for, staff_manager) -> Client:
    return client_for(staff_manager)


def test_areas_and_people_are_in_the_back_office(back_office):
    content = back_office.get(INDEX).content.decode()
    assert f'href="{INDEX}people/area/"' in content
    assert f'href="{INDEX}people/person/"' in content


def test_manager_adds_an_area_to_their_own_organisation(back_office, staff_manager, provider):
    response = back_office.post(f"{INDEX}people/area/add/", {"name": "Riverside"})
    assert response.status_code == 302
    area = Area.objects.get(name="Riverside")
    assert area.organisation == provider
    assert AuditEvent.objects.filter(
        actor=staff_manager, action=Action.CREATE, subject_type="people.area"
    ).exists()
    again = back_office.post(f"{INDEX}people/area/add/", {"name": "riverside"})
    assert "There is already an area with this name" in again.content.decode()


def test_people_are_scoped_read_only_and_viewing_one_is_audited(
    back_office, staff_manager, dee, other_provider
):
    PersonFactory.create(organisation=other_provider, first_name="Zed", last_name="Elsewhere")
    listing = back_office.get(f"{INDEX}people/person/", {"q": ""}).content.decode()
    assert "Dee Okafor" in listing
    assert "Elsewhere" not in listing
    search = back_office.get(f"{INDEX}people/person/", {"q": "Okafor"}).content.decode()
    assert "Dee Okafor" in search
    page = back_office.get(f"{INDEX}people/person/{dee.pk}/change/")
    assert page.status_code == 200
    assert 'name="first_name"' not in page.content.decode()  # read only
    assert AuditEvent.objects.filter(
        actor=staff_manager, action=Action.VIEW, person_id=dee.pk
    ).exists()


def test_area_filter_shows_only_areas_in_use_here(back_office, dee, other_provider):
    AreaFactory.create(organisation=other_provider, name="Faraway Ward")
    content = back_office.get(f"{INDEX}people/person/").content.decode()
    assert "Northfield" in content
    assert "Faraway Ward" not in content
