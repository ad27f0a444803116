"""The person's support needs and their choices of supplier, for subject access and retention."""

from directsupport.lib.person_records import RecordKind, register

from .models import SupplierChoice, SupportNeed


def register_person_records() -> None:
    register(SupportNeed, person_lookup="person", kind=RecordKind.CARE, label="Support needs")
    register(
        SupplierChoice,
        person_lookup="need__person",
        kind=RecordKind.CARE,
        label="Their choices of who supports them",
    )
