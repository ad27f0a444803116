"""The person's own sign-in, for subject access and retention (lib/person_records.py)."""

from directsupport.lib.person_records import RecordKind, register

from .models import User


def register_person_records() -> None:
    # Only the person's own account (Person.user); circle members' and staff's accounts are
    # their own data, not the person's. The password hash and staff flags are no one's business.
    register(
        User,
        person_lookup="person_record",
        kind=RecordKind.ACCOUNT,
        label="Their sign-in",
        exclude=("password", "is_superuser", "is_staff"),
    )
