"""Users belong to one organisation with a role that organisation kind may hold."""

import pytest
from django.core.exceptions import ValidationError

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role


def test_a_supplier_organisation_cannot_have_a_coordinator(supplier_org):
    user = User(
        email="x@example.org", full_name="X", organisation=supplier_org, role=Role.COORDINATOR
    )
    with pytest.raises(ValidationError) as error:
        user.full_clean(exclude=["password"])
    assert "cannot belong to supplier organisation" in str(error.value)


def test_a_council_officer_is_a_commissioner(council):
    user = User(email="c@example.org", full_name="C", organisation=council, role=Role.COMMISSIONER)
    user.full_clean(exclude=["password"])


def test_emails_are_stored_lower_case(provider):
    user = User.objects.create_user(
        "Mixed.Case@Example.ORG", full_name="Mixed Case", organisation=provider, role=Role.FINANCE
    )
    assert user.email == "mixed.case@example.org"
    assert not user.has_usable_password()


@pytest.mark.parametrize(
    ("role", "needs"),
    [
        (Role.PERSON, False),
        (Role.CIRCLE, False),
        (Role.EXPERT, False),
        (Role.SUPPORT_WORKER, True),
        (Role.MANAGER, True),
        (Role.COMMISSIONER, True),
        (Role.SUPPLIER, True),
    ],
)
def test_who_must_use_two_factor(role, needs):
    assert User(role=role).needs_two_factor is needs


def test_people_who_opt_in_to_two_factor_must_then_use_it():
    assert User(role=Role.PERSON, wants_two_factor=True).needs_two_factor
