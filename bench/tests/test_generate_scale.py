"""The benchmark's scale generators (bench/generate_scale.py, bench/generate_scale_funds.py),
run as their scripts run them, after Django is set up, on the test database."""

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken

from bench import generate_scale, generate_scale_funds
from bench.accounts import BENCH_PASSWORD, BENCH_ROLES, bench_email
from bench.scale import AUDIT_ROWS_PER_PERSON, SCALE_PROVIDER
from directsupport.accounts.models import User
from directsupport.audit.models import AuditEvent
from directsupport.funds.models import Fund, LedgerEntry
from directsupport.people.models import CircleMember, KeyDate, Person, SupportAssignment
from directsupport.week.models import Week
from directsupport.week.pricing import (
    card_facts,
    current_rate_card,
    facts_from,
    plan_year_start,
    price_week,
)
from tests.week_editor import editor_refuses


def _generate(people: int = 50, circle: int = 8) -> str:
    args = generate_scale.arguments([f"--people={people}", f"--circle={circle}"])
    return "\n".join(generate_scale.run(args))


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

    with pytest.raises(SystemExit, match="already has people"):
        _generate(5)


def test_generate_scale_is_refused_in_production(db, settings):
    settings.PRODUCTION = True

    with pytest.raises(SystemExit, match="never in production"):
        _generate(5)
    assert not Person.objects.exists()


def test_generate_scale_refuses_nonsense_sizes_before_touching_django(capsys):
    with pytest.raises(SystemExit):
        generate_scale.arguments(["--people=0"])

    assert "--people and --circle must be at least 1" in capsys.readouterr().err


def test_generate_scale_gives_everyone_a_perfect_week_the_editor_would_accept(db):
    output = _generate(30)

    assert "30 Perfect Weeks" in output
    weeks = list(
        Week.objects.filter(person__organisation__name=SCALE_PROVIDER)
        .select_related("person")
        .prefetch_related("entries", "person__circle")
    )
    assert len(weeks) == 30
    card = current_rate_card(weeks[0].person.organisation)
    assert card is not None
    facts = card_facts(card)
    today = timezone.localdate()
    for week in weeks:
        entries = list(week.entries.all())
        assert entries
        price = price_week(
            [facts_from(e) for e in entries], facts, year_start=plan_year_start(today)
        )
        assert price.yearly_pence > 0
        for entry in entries:
            problem = editor_refuses(week, entry, entries)
            assert not problem, (week.person, str(entry), problem)


def test_generate_scale_funds_gives_every_scale_person_a_fund_with_ledger_history(db):
    _generate(10)

    output = generate_scale_funds.run(generate_scale_funds.arguments(["--months=2"]))

    funds = Fund.objects.filter(person__organisation__name=SCALE_PROVIDER)
    assert funds.count() == 10
    entries = LedgerEntry.objects.filter(fund__in=funds).count()
    assert entries > 10 * 2
    assert "10 ISFs with" in output[0]
    assert f"({entries:,} entries)" in output[0]


def test_generate_scale_funds_needs_the_scale_people_first(db):
    with pytest.raises(SystemExit, match=r"Run bench/generate_scale\.py first"):
        generate_scale_funds.run(generate_scale_funds.arguments([]))


def test_generate_scale_funds_is_refused_in_production(db, settings):
    _generate(5)
    settings.PRODUCTION = True

    with pytest.raises(SystemExit, match="never in production"):
        generate_scale_funds.run(generate_scale_funds.arguments(["--months=1"]))
    assert not Fund.objects.exists()
