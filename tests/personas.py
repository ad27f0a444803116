"""Named personas shared by every test (DESIGN.md §3), loaded for the whole suite by ../conftest.py.

Dee Okafor is supported by Willowbrook Support and funded by Hollowfield Council. Her sister
Ngozi is in her circle and may see and contribute; her cousin Chika may see but not contribute;
her neighbour Bob is in the circle but may not see. Sam is her support worker; Priya coordinates
her plan. Ola is a support worker who is not assigned to Dee. Outsiders come from another
provider, another council and a supplier.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import OrganisationKind, Role
from directsupport.people.models import CircleMember, Closeness, Person, PreferredFormat, Sector
from tests.factories import (
    AreaFactory,
    CircleMemberFactory,
    OrganisationFactory,
    PersonFactory,
    SupportAssignmentFactory,
    UserFactory,
    add_backup_code,
)


@pytest.fixture
def provider(db) -> Organisation:
    return OrganisationFactory.create(name="Willowbrook Support", kind=OrganisationKind.PROVIDER)


@pytest.fixture
def council(db) -> Organisation:
    return OrganisationFactory.create(
        name="Hollowfield Council", kind=OrganisationKind.COMMISSIONER
    )


@pytest.fixture
def other_council(db) -> Organisation:
    return OrganisationFactory.create(name="Eastmere Council", kind=OrganisationKind.COMMISSIONER)


@pytest.fixture
def other_provider(db) -> Organisation:
    return OrganisationFactory.create(name="Other Care Ltd", kind=OrganisationKind.PROVIDER)


@pytest.fixture
def supplier_org(db) -> Organisation:
    return OrganisationFactory.create(name="Bright Days CIC", kind=OrganisationKind.SUPPLIER)


def _user(org: Organisation, role: str, name: str, email: str) -> User:
    return UserFactory.create(organisation=org, role=role, full_name=name, email=email)


@pytest.fixture
def manager(provider) -> User:
    return _user(provider, Role.MANAGER, "Helen Carter", "helen@willowbrook.example")


@pytest.fixture
def coordinator(provider) -> User:
    return _user(provider, Role.COORDINATOR, "Priya Shah", "priya@willowbrook.example")


@pytest.fixture
def market_shaper(provider) -> User:
    return _user(provider, Role.MARKET_SHAPER, "Tom Reilly", "tom@willowbrook.example")


@pytest.fixture
def finance(provider) -> User:
    return _user(provider, Role.FINANCE, "Grace Lee", "grace@willowbrook.example")


@pytest.fixture
def worker(provider) -> User:
    return _user(provider, Role.SUPPORT_WORKER, "Sam Patel", "sam@willowbrook.example")


@pytest.fixture
def other_worker(provider) -> User:
    return _user(provider, Role.SUPPORT_WORKER, "Ola Adeyemi", "ola@willowbrook.example")


@pytest.fixture
def expert(provider) -> User:
    return _user(provider, Role.EXPERT, "Jo Whitfield", "jo@willowbrook.example")


@pytest.fixture
def commissioner(council) -> User:
    return _user(council, Role.COMMISSIONER, "Martin Hughes", "martin@hollowfield.example")


@pytest.fixture
def other_commissioner(other_council) -> User:
    return _user(other_council, Role.COMMISSIONER, "Nadia Khan", "nadia@eastmere.example")


@pytest.fixture
def supplier(supplier_org) -> User:
    return _user(supplier_org, Role.SUPPLIER, "Kwame Asante", "kwame@brightdays.example")


@pytest.fixture
def outsider(other_provider) -> User:
    """A coordinator at another provider: signed in, but nothing of ours is theirs."""
    return _user(other_provider, Role.COORDINATOR, "Vic Stone", "vic@othercare.example")


@pytest.fixture
def person_user(provider) -> User:
    return _user(provider, Role.PERSON, "Dee Okafor", "dee@example.org")


@pytest.fixture
def sister_user(provider) -> User:
    return _user(provider, Role.CIRCLE, "Ngozi Okafor", "ngozi@example.org")


@pytest.fixture
def neighbour_user(provider) -> User:
    return _user(provider, Role.CIRCLE, "Bob Price", "bob@example.org")


@pytest.fixture
def cousin_user(provider) -> User:
    return _user(provider, Role.CIRCLE, "Chika Obi", "chika@example.org")


@pytest.fixture
def dee(provider, council, coordinator, person_user, worker) -> Person:
    """Dee Okafor, the person at the centre of most tests."""
    person = PersonFactory.create(
        organisation=provider,
        user=person_user,
        first_name="Adaeze",
        preferred_name="Dee",
        last_name="Okafor",
        funding_council=council,
        coordinator=coordinator,
        area=AreaFactory.create(organisation=provider, name="Northfield"),
        communicates_by="Short spoken sentences and some Makaton signs.",
        communicate_with_me="One question at a time; give me time to answer.",
        preferred_format=PreferredFormat.EASY_READ,
    )
    SupportAssignmentFactory.create(person=person, worker=worker)
    return person


@pytest.fixture
def sister(dee, sister_user) -> CircleMember:
    return CircleMemberFactory.create(
        person=dee,
        name="Ngozi Okafor",
        relationship="my sister",
        sector=Sector.FAMILY,
        closeness=Closeness.CLOSEST,
        phone="07700 900123",
        user=sister_user,
        may_see=True,
        may_contribute=True,
    )


@pytest.fixture
def neighbour(dee, neighbour_user) -> CircleMember:
    return CircleMemberFactory.create(
        person=dee,
        name="Bob Price",
        relationship="my neighbour",
        sector=Sector.COMMUNITY,
        closeness=Closeness.FRIENDLY,
        user=neighbour_user,
        may_see=False,
        may_contribute=False,
    )


@pytest.fixture
def cousin(dee, cousin_user) -> CircleMember:
    """Dee's cousin Chika: may see Dee's information but not add to it."""
    return CircleMemberFactory.create(
        person=dee,
        name="Chika Obi",
        relationship="my cousin",
        sector=Sector.FAMILY,
        closeness=Closeness.CLOSE,
        user=cousin_user,
        may_see=True,
        may_contribute=False,
    )


def sign_in(client: Client, user: User) -> Client:
    """Sign in as a user who has passed two-factor (a backup code device), as views expect."""
    client.force_login(user)
    device = add_backup_code(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_for(db) -> Callable[[User], Client]:
    """client_for(user) gives a fresh test client signed in (with two-factor) as that user."""

    def make(user: User) -> Client:
        return sign_in(Client(), user)

    return make
