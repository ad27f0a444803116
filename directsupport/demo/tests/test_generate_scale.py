from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken

from directsupport.accounts.models import User
from directsupport.audit.models import AuditEvent
from directsupport.demo.bench_accounts import BENCH_PASSWORD, BENCH_ROLES, bench_email
from directsupport.demo.scale import AUDIT_ROWS_PER_PERSON, SCALE_PROVIDER
from directsupport.people.models import CircleMember, KeyDate, Person, SupportAssignment


def _generate(people: int = 50, circle: int = 8) -> str:
    out = StringIO()
    call_command("generate_scale", people=people, circle=circle, stdout=out)
    return out.getvalue()


def test_generate_scale_makes_the_number_of_people_asked_for(db):
    output = _generate(50)

    people = Person.objects.filter(organisation__name=SCALE_PROVIDER)
    assert people.count() == 50
    assert "Made 50 people" in output


def test_generate_scale_gives_everyone_a_circle_key_dates_and_workers(db):
    _generate(50, circle=8)

    members = CircleMember.objects.filter(person__organisation__name=SCALE_PROVIDER).count()
    assert 5 * 50 <= members <= 11 * 50
    assert KeyDate.objects.filter(label="My birthday").count() == 50
    assert not Person.objects.exclude(assignments__isnull=False).exists()
    assert SupportAssignment.objects.count() >= 50
    assert AuditEvent.objects.count() == 50 * AUDIT_ROWS_PER_PERSON


def test_generate_scale_makes_a_bench_user_for_every_role(db):
    _generate(20)

    for role in BENCH_ROLES:
        user = User.objects.get(email=bench_email(role))
        assert user.role == role
        if user.needs_two_factor:
            assert StaticToken.objects.filter(device__user=user).count() >= 100
    assert Person.objects.filter(user__email=bench_email("person")).exists()
    assert CircleMember.objects.filter(user__email=bench_email("circle"), may_see=True).exists()


def test_the_bench_coordinator_signs_in_through_the_real_pages_and_sees_everyone(db):
    _generate(30)
    client = Client()

    response = client.post(
        "/account/sign-in/",
        {"username": bench_email("coordinator"), "password": BENCH_PASSWORD},
    )
    assert response["Location"] == "/account/two-factor/"
    response = client.post("/account/two-factor/", {"code": "bench00000"})
    assert response["Location"] == "/"

    page = client.get("/people/")
    assert page.status_code == 200
    assert b"of 30 people" in page.content


def test_generate_scale_refuses_to_fill_the_same_database_twice(db):
    _generate(5)

    with pytest.raises(CommandError, match="already has people"):
        _generate(5)


def test_generate_scale_is_refused_in_production(db, settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="never in production"):
        _generate(5)
