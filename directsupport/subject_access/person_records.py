"""The person's subject access requests are their data too (lib/person_records.py)."""

from directsupport.lib.person_records import RecordKind, register

from .models import SubjectAccessRequest


def register_person_records() -> None:
    # An audit record: it shows the provider answered the request, and when.
    register(
        SubjectAccessRequest,
        person_lookup="person",
        kind=RecordKind.AUDIT,
        label="Their requests for a copy of their information",
        exclude=("file",),
    )
