"""The person's profile, circle and consent, for subject access and retention."""

from directsupport.lib.person_records import RecordKind, register

from .models import (
    CircleMember,
    ConsentDecision,
    CouncilSharingDecision,
    KeyDate,
    Person,
    SupportAssignment,
)


def register_person_records() -> None:
    register(Person, person_lookup="pk", kind=RecordKind.CARE, label="About them")
    register(KeyDate, person_lookup="person", kind=RecordKind.CARE, label="Key dates")
    register(
        SupportAssignment,
        person_lookup="person",
        kind=RecordKind.CARE,
        label="Support workers assigned to them",
    )
    register(CircleMember, person_lookup="person", kind=RecordKind.CARE, label="Circle of support")
    register(
        ConsentDecision,
        person_lookup="person",
        kind=RecordKind.CARE,
        label="Who may see what: their decisions",
    )
    register(
        CouncilSharingDecision,
        person_lookup="person",
        kind=RecordKind.CARE,
        label="What they share with the council: their decisions",
    )
