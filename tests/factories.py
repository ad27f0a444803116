"""factory_boy factories for the test suite. Personas in tests/conftest.py build on these."""

from __future__ import annotations

import factory
from django_otp.plugins.otp_static.models import StaticDevice

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import OrganisationKind, Role
from directsupport.people.models import (
    Area,
    CircleMember,
    Closeness,
    Person,
    Sector,
    SupportAssignment,
)

PASSWORD = "correct horse battery staple"


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.PROVIDER


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.COORDINATOR
    password = factory.django.Password(PASSWORD)


class AreaFactory(factory.django.DjangoModelFactory[Area]):
    class Meta:
        model = Area
        django_get_or_create = ("organisation", "name")

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Area {n}")


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = factory.Faker("date_of_birth", minimum_age=19, maximum_age=80)
    postcode = "HF1 2AB"


class CircleMemberFactory(factory.django.DjangoModelFactory[CircleMember]):
    class Meta:
        model = CircleMember

    person = factory.SubFactory(PersonFactory)
    name = factory.Faker("name", locale="en_GB")
    relationship = "friend"
    sector = Sector.FRIENDS
    closeness = Closeness.CLOSE


class SupportAssignmentFactory(factory.django.DjangoModelFactory[SupportAssignment]):
    class Meta:
        model = SupportAssignment

    person = factory.SubFactory(PersonFactory)
    worker = factory.SubFactory(UserFactory, role=Role.SUPPORT_WORKER)


def add_backup_code(user: User, code: str = "testcode01") -> StaticDevice:
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Backup codes")
    device.token_set.create(token=code)
    return device
