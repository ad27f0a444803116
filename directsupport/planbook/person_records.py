"""Plan Books, for subject access and retention."""

from directsupport.lib.person_records import RecordKind, register

from .models import PlanBookVersion


def register_person_records() -> None:
    # PlanBookBatch is not here: it belongs to an event, not to one person.
    register(
        PlanBookVersion, person_lookup="person", kind=RecordKind.CARE, label="Plan Book versions"
    )
