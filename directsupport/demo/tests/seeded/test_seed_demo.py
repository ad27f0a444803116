import re
from collections import Counter
from io import StringIO

from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import OrganisationKind, Role
from directsupport.audit.models import AuditEvent
from directsupport.demo.credentials import DEMO_PASSWORD, demo_backup_codes
from directsupport.demo.organisations_data import ORGANISATIONS
from directsupport.demo.seeding import demo_emails
from directsupport.people.models import (
    Area,
    CircleMember,
    ConsentDecision,
    DecidedBy,
    KeyDate,
    Person,
    PreferredFormat,
    Sector,
    Stage,
    SupportAssignment,
)


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Organisation,
            User,
            Area,
            Person,
            CircleMember,
            ConsentDecision,
            KeyDate,
            SupportAssignment,
            TOTPDevice,
            StaticDevice,
            StaticToken,
            AuditEvent,
        )
    }


def test_seed_demo_creates_exactly_55_people(demo):
    assert Person.objects.count() == 55
    assert "55 people added" in demo


def test_the_provider_council_and_suppliers_exist(demo):
    kinds = Counter(Organisation.objects.values_list("kind", flat=True))
    assert kinds[OrganisationKind.PROVIDER] == 1
    assert kinds[OrganisationKind.COMMISSIONER] == 1
    # The four suppliers the ledger pays, and the rest of the market's directory (60 in all).
    assert kinds[OrganisationKind.SUPPLIER] == 60
    assert Organisation.objects.filter(name__in=[o.name for o in ORGANISATIONS]).count() == 6
    assert Organisation.objects.filter(name="London Borough of Hollowfield").exists()
    assert set(Person.objects.values_list("funding_council__name", flat=True)) == {
        "London Borough of Hollowfield"
    }


def test_every_role_has_a_user(demo):
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == set(Role.values)


def test_staff_numbers_match_the_story(demo):
    by_role = Counter(User.objects.values_list("role", flat=True))
    assert by_role[Role.COORDINATOR] == 4
    assert by_role[Role.SUPPORT_WORKER] == 10
    assert by_role[Role.MANAGER] == 1
    assert by_role[Role.COMMISSIONER] == 2
    assert by_role[Role.EXPERT] == 2
    assert 5 <= by_role[Role.PERSON] <= 6
    assert User.objects.get(role=Role.MANAGER).is_staff


def test_every_demo_password_passes_the_validators(demo):
    for user in User.objects.all():
        validate_password(DEMO_PASSWORD, user)
        assert user.check_password(DEMO_PASSWORD)


def test_every_person_has_a_circle_of_4_to_14(demo):
    sizes = Counter(CircleMember.objects.values_list("person_id", flat=True))
    assert len(sizes) == 55
    assert min(sizes.values()) >= 4
    assert max(sizes.values()) <= 14


def test_all_four_sectors_and_rings_are_used_across_the_demo(demo):
    assert set(CircleMember.objects.values_list("sector", flat=True)) == set(Sector.values)
    assert set(CircleMember.objects.values_list("closeness", flat=True)) == {1, 2, 3, 4}
    # Most circles reach into at least three of the four sectors.
    sectors_by_person: dict[int, set[str]] = {}
    for person_id, sector in CircleMember.objects.values_list("person_id", "sector"):
        sectors_by_person.setdefault(person_id, set()).add(sector)
    wide = sum(1 for sectors in sectors_by_person.values() if len(sectors) >= 3)
    assert wide >= 45


def test_people_details_vary(demo):
    people = list(Person.objects.all())
    assert len({p.communicates_by for p in people}) >= 10
    assert {p.preferred_format for p in people} == set(PreferredFormat.values)
    assert len({p.area_id for p in people}) >= 6
    assert len({p.coordinator_id for p in people}) == 4
    stages = Counter(p.stage for p in people)
    assert stages[Stage.PLANNING] + stages[Stage.MARKET_SHAPING] > 30
    assert 1 <= stages[Stage.ISF_LIVE] <= 12
    ages = [p.age_on(p.created_at.date()) for p in people]
    assert all(a is not None and 17 <= a <= 80 for a in ages)
    assert sum(1 for p in people if p.preferred_name) >= 10
    assert all(p.postcode and p.address_line_1 for p in people)


def test_every_person_has_key_dates_and_one_to_three_workers(demo):
    for person in Person.objects.prefetch_related("key_dates", "assignments"):
        labels = {d.label for d in person.key_dates.all()}
        assert "My birthday" in labels
        assert "Annual review" in labels
        assert 1 <= len(person.assignments.all()) <= 3
    assert KeyDate.objects.filter(label="Mum's birthday").count() > 10
    assert KeyDate.objects.filter(label="The day I moved into my flat").exists()


def test_every_member_who_may_see_has_a_matching_decision(demo):
    for member in CircleMember.objects.filter(may_see=True).prefetch_related("decisions"):
        latest = member.decisions.all()[0]
        assert (latest.may_see, latest.may_contribute) == (True, member.may_contribute)


def test_a_few_decisions_were_made_by_a_representative_with_a_reason(demo):
    by_representative = ConsentDecision.objects.filter(decided_by=DecidedBy.REPRESENTATIVE)
    people = {d.person_id for d in by_representative}
    assert 2 <= len(people) <= 6
    for decision in by_representative:
        assert decision.representative_name
        assert re.search(r"best[ -]interests", decision.representative_reason)
    assert ConsentDecision.objects.filter(decided_by=DecidedBy.PERSON).count() > 100


def test_circle_logins_include_a_sister_who_may_contribute_and_a_relative_who_may_not_see(demo):
    signed_in = CircleMember.objects.filter(user__isnull=False, user__role=Role.CIRCLE)
    sister = signed_in.get(relationship="my sister")
    assert sister.may_see and sister.may_contribute
    assert signed_in.filter(sector=Sector.FAMILY, may_see=False).exists()


def test_people_with_logins_are_linked_to_their_records(demo):
    people_users = User.objects.filter(role=Role.PERSON)
    assert people_users.count() == Person.objects.filter(user__isnull=False).count()
    assert all(hasattr(user, "person_record") for user in people_users)


def test_staff_council_and_suppliers_have_an_authenticator_and_fixed_backup_codes(demo):
    for user in User.objects.filter(email__in=demo_emails()):
        if user.needs_two_factor:
            assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
            tokens = set(
                StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
            )
            assert tokens == set(demo_backup_codes(user.email))
        else:
            assert not TOTPDevice.objects.filter(user=user).exists()


def test_backup_codes_are_short_letters_and_digits(demo):
    for code in demo_backup_codes("priya.shah@willowbrook.example"):
        assert code.isalnum() and code == code.lower() and len(code) <= 16


def test_running_twice_changes_no_counts(demo):
    before = _counts()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert _counts() == before
    assert "0 people added, 55 already there" in out.getvalue()


def test_if_empty_is_a_no_op_on_a_seeded_database(demo):
    before = _counts()
    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert _counts() == before
    assert "no demo data was added" in out.getvalue()


def test_if_empty_restores_a_used_backup_code(demo):
    user = User.objects.get(email="priya.shah@willowbrook.example")
    first_code = demo_backup_codes(user.email)[0]
    StaticToken.objects.filter(device__user=user, token=first_code).delete()
    call_command("seed_demo", "--if-empty", stdout=StringIO())
    assert StaticToken.objects.filter(device__user=user, token=first_code).exists()
