"""Planning Live and the person-centred tools, for subject access and retention."""

from directsupport.lib.person_records import RecordKind, register

from .models import (
    CaptureNote,
    EventInvitation,
    EventParticipant,
    GraphicRecording,
    Outcome,
    OutcomeAction,
    ToolRevision,
    ToolSection,
)

CARE = RecordKind.CARE


def register_person_records() -> None:
    register(EventParticipant, person_lookup="person", kind=CARE, label="Planning Live days")
    register(
        EventInvitation,
        person_lookup="participant__person",
        kind=CARE,
        label="Who was invited to their Planning Live day",
    )
    register(CaptureNote, person_lookup="person", kind=CARE, label="Planning Live notes")
    register(GraphicRecording, person_lookup="person", kind=CARE, label="Graphic recordings")
    register(ToolSection, person_lookup="person", kind=CARE, label="Person-centred tools")
    register(
        ToolRevision,
        person_lookup="section__person",
        kind=CARE,
        label="Earlier versions of their tools",
    )
    register(Outcome, person_lookup="person", kind=CARE, label="Outcomes")
    register(OutcomeAction, person_lookup="outcome__person", kind=CARE, label="Outcome actions")
