"""Co-production: the decision log, the panel, feedback, reviews, outcomes' progress and the
learning log, and the programme dashboard's figures. Split by concept; everything is importable
from ``directsupport.coproduction.models``."""

from .common import ParticipantRole
from .dashboard import ProgrammeSnapshot
from .decisions import Decision, DecisionParticipant, Level, Source, Topic
from .feedback import AttachmentKind, Feedback, FeedbackAbout, FeedbackFrom, Feeling
from .outcomes import LearningLogEntry, OutcomeProgress, Progress
from .panel import (
    CLAIM_TRANSITIONS,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    ClaimStatus,
    ItemPurpose,
    MeetingPaper,
    MeetingStatus,
    Panel,
    PanelMeeting,
    PanelMember,
    PaperRead,
    TimeClaim,
)
from .reviews import (
    REVIEW_TRANSITIONS,
    InvitationAnswer,
    Perspective,
    Review,
    ReviewInvitation,
    ReviewKind,
    ReviewStatus,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)

__all__ = [
    "CLAIM_TRANSITIONS",
    "REVIEW_TRANSITIONS",
    "AgendaItem",
    "AttachmentKind",
    "Attendance",
    "AttendanceStatus",
    "ClaimStatus",
    "Decision",
    "DecisionParticipant",
    "Feedback",
    "FeedbackAbout",
    "FeedbackFrom",
    "Feeling",
    "InvitationAnswer",
    "ItemPurpose",
    "LearningLogEntry",
    "Level",
    "MeetingPaper",
    "MeetingStatus",
    "OutcomeProgress",
    "Panel",
    "PanelMeeting",
    "PanelMember",
    "PaperRead",
    "ParticipantRole",
    "Perspective",
    "ProgrammeSnapshot",
    "Progress",
    "Review",
    "ReviewInvitation",
    "ReviewKind",
    "ReviewStatus",
    "Source",
    "SurveyAnswer",
    "SurveyQuestion",
    "SurveyResponse",
    "TimeClaim",
    "Topic",
]
