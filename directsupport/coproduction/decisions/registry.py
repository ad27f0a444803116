"""What the decision log registers with the apps below when Django starts: the listener that
logs decisions announced elsewhere (``lib.decision_feed``), and the person's decisions for
subject access and retention (``lib.person_records``)."""

from directsupport.lib.decision_feed import DecisionTaken, register_decision_listener
from directsupport.lib.person_records import RecordKind
from directsupport.lib.person_records import register as register_records

from ..models import Decision, DecisionParticipant
from .services import record_announced


def log_announced(decision: DecisionTaken) -> None:
    record_announced(decision)


def register() -> None:
    register_decision_listener(log_announced)
    register_records(
        Decision,
        person_lookup="person",
        kind=RecordKind.CARE,
        label="Decisions about them, and why",
        exclude=("source_key", "version"),
    )
    register_records(
        DecisionParticipant,
        person_lookup="decision__person",
        kind=RecordKind.CARE,
        label="Who took part in the decisions about them",
    )
