"""How a Planning Live event is put into words: its times in plain English, and its phases.

Shared by the event pages and the easy-read invitations, so both say "10am" and
"Phase 3 of 5: Positive change" the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..models import Phase, PlanningEvent

PHASE_COUNT = len(Phase.ordered())


def easy_time(moment: dt.time) -> str:
    """'10am', '3:30pm', '12 noon': how people say a time, not how a clock shows it."""
    if moment.hour == 12 and moment.minute == 0:
        return "12 noon"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    if moment.minute:
        return f"{hour}:{moment.minute:02d}{suffix}"
    return f"{hour}{suffix}"


def time_range(event: PlanningEvent) -> str:
    return f"{easy_time(event.starts_at)} to {easy_time(event.ends_at)}"


def phase_name(value: str) -> str:
    return str(Phase(value).label)


def phase_label(value: str) -> str:
    """'Phase 3 of 5: Positive change'."""
    return f"Phase {Phase.position(value)} of {PHASE_COUNT}: {phase_name(value)}"


@dataclass(frozen=True)
class PhaseStep:
    """One phase in the stepper, with whether it is done, the current one, or still to come."""

    number: int
    name: str
    state: str  # "done", "current" or "to_do"

    @property
    def is_current(self) -> bool:
        return self.state == "current"


def phase_steps(current: str) -> list[PhaseStep]:
    position = Phase.position(current)
    steps = []
    for number, phase in enumerate(Phase.ordered(), start=1):
        if number < position:
            state = "done"
        elif number == position:
            state = "current"
        else:
            state = "to_do"
        steps.append(PhaseStep(number=number, name=str(phase.label), state=state))
    return steps


@dataclass(frozen=True)
class PhaseMove:
    """A button that moves something one phase on or back."""

    phase: str
    label: str
    forward: bool


def phase_moves(current: str) -> list[PhaseMove]:
    """Back one phase (if there is one) and on one phase (if there is one)."""
    phases = Phase.ordered()
    index = Phase.position(current) - 1
    moves = []
    if index + 1 < len(phases):
        following = phases[index + 1]
        moves.append(
            PhaseMove(phase=following.value, label=f"Move on to {following.label}", forward=True)
        )
    if index > 0:
        previous = phases[index - 1]
        moves.append(
            PhaseMove(phase=previous.value, label=f"Go back to {previous.label}", forward=False)
        )
    return moves


def phase_refused_message(who_is: str, current: str, wanted: str) -> str:
    """Why a phase move was refused, e.g. after a double click or from a page left open.

    ``who_is`` starts the sentence: "Spring Planning Live is", "Dee is".
    """
    if wanted == current:
        return f"{who_is} already at {phase_label(current)}. Nothing was changed."
    moves = " or ".join(move.label.lower() for move in phase_moves(current))
    return (
        f"{who_is} at {phase_label(current)} and can only move one phase at a time: {moves}. "
        "Nothing was changed."
    )
