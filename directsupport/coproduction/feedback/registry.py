"""What feedback registers with the apps below when Django starts: the person's feedback is a care
record for subject access and retention (the voice note or picture itself is named by its stored
name, which is left out of the export's columns: it means nothing to the person)."""

from directsupport.lib.person_records import RecordKind
from directsupport.lib.person_records import register as register_records

from ..models import Feedback


def register() -> None:
    register_records(
        Feedback,
        person_lookup="person",
        kind=RecordKind.CARE,
        label="What they, their circle and staff said about how things are going",
        exclude=("stored_name",),
    )
