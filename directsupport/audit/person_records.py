"""Who looked at or changed the person's information, for subject access and retention."""

from directsupport.lib.person_records import RecordKind, register

from .models import AuditEvent


def register_person_records() -> None:
    # Every audit row about the person, including what was exported for the council or a
    # supplier: the person has a right to know who saw their information.
    register(
        AuditEvent,
        person_lookup="person_id",
        kind=RecordKind.AUDIT,
        label="Who looked at or changed their information",
    )
