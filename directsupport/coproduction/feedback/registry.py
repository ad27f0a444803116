"""What feedback registers with the apps below when Django starts: the person's feedback is a care
record for subject access and retention. The voice note or picture is a file field, so the
export copies the file itself into the person's copy and retention deletes it with the row."""

from directsupport.lib.person_records import RecordKind
from directsupport.lib.person_records import register as register_records

from ..models import Feedback


def register() -> None:
    register_records(
        Feedback,
        person_lookup="person",
        kind=RecordKind.CARE,
        label="What they, their circle and staff said about how things are going",
    )
