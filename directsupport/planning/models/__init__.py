"""Planning Live events, what was said on the day, the person-centred tools and Plan Books.

Split by concept: ``events`` (the day and who comes), ``capture`` (notes and graphic
recordings), ``tools`` (the structured person-centred tools and outcomes), ``planbook`` (the
versioned Plan Book and batches of PDFs).
"""

from .capture import CaptureNote, GraphicRecording, NoteStatus, Question, Speaker
from .events import EventInvitation, EventParticipant, Phase, PlanningEvent
from .planbook import BatchStatus, PlanBookBatch, PlanBookStatus, PlanBookVersion, SignedBy
from .tools import Outcome, OutcomeAction, ToolKind, ToolRevision, ToolSection

__all__ = [
    "BatchStatus",
    "CaptureNote",
    "EventInvitation",
    "EventParticipant",
    "GraphicRecording",
    "NoteStatus",
    "Outcome",
    "OutcomeAction",
    "Phase",
    "PlanBookBatch",
    "PlanBookStatus",
    "PlanBookVersion",
    "PlanningEvent",
    "Question",
    "SignedBy",
    "Speaker",
    "ToolKind",
    "ToolRevision",
    "ToolSection",
]
