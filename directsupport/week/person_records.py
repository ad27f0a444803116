"""My Perfect Week and its calendar feeds, for subject access and retention."""

from directsupport.lib.person_records import RecordKind, register

from .models import CalendarFeed, Week, WeekEntry


def register_person_records() -> None:
    register(Week, person_lookup="person", kind=RecordKind.CARE, label="Perfect Weeks")
    register(
        WeekEntry, person_lookup="week__person", kind=RecordKind.CARE, label="Perfect Week entries"
    )
    # The feed's secret address would let anyone holding the export read the week: left out.
    register(
        CalendarFeed,
        person_lookup="person",
        kind=RecordKind.CARE,
        label="Calendar feeds of their week",
        exclude=("token",),
    )
