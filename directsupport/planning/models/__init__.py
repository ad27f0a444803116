"""Planning Live events, what was said on the day and the person-centred tools.

Split by concept: ``events`` (the day and who comes), ``capture`` (notes and graphic
recordings), ``tools`` (the structured person-centred tools and outcomes). The Plan Book
compiled from them is its own app above week: ``directsupport.planbook``.
"""

from .capture import CaptureNote, GraphicRecording, NoteStatus, Question, Speaker
from .events import EventInvitation, EventParticipant, Phase, PlanningEvent
from .tools import Outcome, OutcomeAction, ToolKind, ToolRevision, ToolSection

__all__ = [
    "CaptureNote",
    "EventInvitation",
    "EventParticipant",
    "GraphicRecording",
    "NoteStatus",
    "Outcome",
    "OutcomeAction",
    "Phase",
    "PlanningEvent",
    "Question",
    "Speaker",
    "ToolKind",
    "ToolRevision",
    "ToolSection",
]
