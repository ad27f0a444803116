"""seed_demo and demo_logins on an empty database (no module-wide seeding here)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from directsupport.people.models import Person


def test_if_empty_seeds_an_empty_database(db):
    assert not Person.objects.exists()

    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)

    assert Person.objects.count() == 55
    assert "55 people added" in out.getvalue()


def test_if_empty_adds_nothing_when_other_people_exist(db, dee):
    call_command("seed_demo", "--if-empty", stdout=StringIO())

    assert list(Person.objects.all()) == [dee]


def test_demo_logins_before_seeding_says_how_to_seed(db):
    out = StringIO()
    call_command("demo_logins", stdout=out)

    assert "Run: manage.py seed_demo" in out.getvalue()


def test_seed_demo_is_refused_in_production(db, settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo", stdout=StringIO())

    assert not Person.objects.exists()
