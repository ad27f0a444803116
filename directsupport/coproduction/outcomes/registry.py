"""What outcomes' progress and the learning log register with the apps below when Django
starts: co-production's tab on every person's pages (it sums up every part, so it lives with
the part that has no other home for it), and the person's records for subject access and
retention."""

from __future__ import annotations


def register() -> None:
    from directsupport.lib.person_records import RecordKind
    from directsupport.lib.person_records import register as register_records
    from directsupport.people.person_tabs import register_tabs

    from ..models import LearningLogEntry, OutcomeProgress
    from ..person_tabs import TABS

    register_tabs(TABS)
    # How far their outcomes have got, and what was tried and learned: care records, like the
    # outcomes themselves (planning's).
    register_records(
        OutcomeProgress,
        person_lookup="outcome__person",
        kind=RecordKind.CARE,
        label="How far their outcomes have got, and how we know",
    )
    register_records(
        LearningLogEntry,
        person_lookup="person",
        kind=RecordKind.CARE,
        label="Their learning log: what was tried, what worked and what did not",
    )
