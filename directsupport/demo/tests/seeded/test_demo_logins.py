import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.demo.credentials import DEMO_PASSWORD, demo_backup_codes
from directsupport.people.models import Person

from ..conftest import sign_in_through_pages

TWO_FACTOR_ROLES = [
    Role.MANAGER,
    Role.COORDINATOR,
    Role.SUPPORT_WORKER,
    Role.MARKET_SHAPER,
    Role.FINANCE,
    Role.COMMISSIONER,
    Role.SUPPLIER,
]


def _demo_logins(*args: str) -> str:
    out = StringIO()
    call_command("demo_logins", *args, stdout=out)
    return out.getvalue()


def _row_for(output: str, label: str) -> tuple[str, str]:
    """The (email, backup code) printed on the first line starting with this role label."""
    for line in output.splitlines():
        if line.startswith(label):
            email = re.search(r"\S+@\S+", line)
            assert email is not None, line
            return email.group(0), line.split()[-1]
    raise AssertionError(f"No line for {label!r} in:\n{output}")


def test_demo_logins_gives_the_address_and_the_password(demo):
    output = _demo_logins()
    assert "http://127.0.0.1:8000" in output
    assert DEMO_PASSWORD in output
    assert "works once" in output
    assert "make run" in output


def test_demo_logins_has_a_line_for_every_role(demo):
    output = _demo_logins()
    for role in Role:
        assert any(line.startswith(role.label) for line in output.splitlines()), role.label


def test_demo_logins_says_who_signs_in_without_two_factor(demo):
    output = _demo_logins()
    password_only = output.split("no two-factor", 1)[1]
    for person_user in User.objects.filter(role=Role.PERSON):
        assert person_user.email in password_only
    assert "may see and contribute" in password_only
    assert "may NOT see anything" in password_only


@pytest.mark.parametrize("role", TWO_FACTOR_ROLES)
def test_the_printed_backup_code_passes_the_two_factor_page(demo, role):
    email, code = _row_for(_demo_logins(), Role(role).label)
    assert User.objects.get(email=email).role == role
    assert code in demo_backup_codes(email)

    client, landed = sign_in_through_pages(email, code)

    assert landed == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert User.objects.get(email=email).get_short_name().encode() in home.content


def test_a_used_code_is_not_printed_again(demo):
    email, code = _row_for(_demo_logins(), Role.COORDINATOR.label)
    sign_in_through_pages(email, code)

    _, next_code = _row_for(_demo_logins(), Role.COORDINATOR.label)

    assert next_code != code
    assert next_code in demo_backup_codes(email)


def test_a_used_code_does_not_work_twice(demo):
    email, code = _row_for(_demo_logins(), Role.COORDINATOR.label)
    sign_in_through_pages(email, code)

    client, _ = sign_in_through_pages(email)
    response = client.post("/account/two-factor/", {"code": code})

    assert response.status_code == 200
    assert b"That code did not work" in response.content


def test_a_person_signs_in_with_the_password_only(demo):
    person = Person.objects.get(first_name="Adaeze", last_name="Okafor")
    assert person.user is not None

    client, landed = sign_in_through_pages(person.user.email)

    assert landed == "/"
    assert client.get("/", follow=True).status_code == 200


def test_the_sister_signs_in_with_the_password_only_and_sees_dee(demo):
    client, landed = sign_in_through_pages("ngozi.okafor@example.org")

    assert landed == "/"
    dee = Person.objects.get(first_name="Adaeze", last_name="Okafor")
    assert client.get(f"/people/{dee.pk}/").status_code == 200


def test_the_cousin_who_may_not_see_gets_nothing(demo):
    client, _ = sign_in_through_pages("emeka.okafor@example.org")

    dee = Person.objects.get(first_name="Adaeze", last_name="Okafor")
    assert client.get(f"/people/{dee.pk}/").status_code == 404


def test_demo_logins_all_lists_every_staff_member(demo):
    output = _demo_logins("--all")
    for user in User.objects.filter(role__in=TWO_FACTOR_ROLES):
        assert user.email in output


def test_demo_totp_prints_a_code_that_passes_two_factor(demo):
    out = StringIO()
    call_command("demo_totp", "marcus.johnson@willowbrook.example", stdout=out, stderr=StringIO())
    code = out.getvalue().strip()
    assert re.fullmatch(r"\d{6}", code)

    _, landed = sign_in_through_pages("marcus.johnson@willowbrook.example", code)

    assert landed == "/"


def test_demo_totp_refuses_someone_without_a_demo_authenticator(demo):
    with pytest.raises(CommandError, match="no demo authenticator"):
        call_command("demo_totp", "dee.okafor@example.org", stdout=StringIO())
