"""An outcome in words, as its pages and the Plan Book show it."""

from __future__ import annotations

from ..models import Outcome, Question, ToolKind


def outcome_source(outcome: Outcome) -> str:
    """Where an outcome came from, in words: 'Dee's sister Ngozi said: "…"'."""
    if outcome.source_note is not None:
        note = outcome.source_note
        who = f"{note.said_by} ({note.relationship})" if note.relationship else note.said_by
        return f"{Question(note.question).label} — {who}: “{note.text}”"
    if outcome.source_tool:
        label = ToolKind(outcome.source_tool).label
        return f"{label}: “{outcome.source_text}”" if outcome.source_text else label
    return outcome.source_text
