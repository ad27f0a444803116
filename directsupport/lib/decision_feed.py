"""Decisions taken anywhere in the product, announced to the decision log.

A Plan Book agreed (planning), an ISF agreement decided (funds), a supplier chosen
(commissioning), a preferred-list application decided (market) are decisions the co-production
log must show with who took part. Those apps sit below ``coproduction``, so they never import it:
their services call ``announce()`` inside the same transaction as the decision, and the decision
log registers the one listener that records it (``coproduction.decisions.feed``). With no
listener registered (an app used on its own) an announcement does nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models


class ParticipantRole(models.TextChoices):
    """The part someone took in a decision, a review or a meeting."""

    PERSON = "person", "The person"
    FAMILY = "family", "Family or friend"
    REPRESENTATIVE = "representative", "Advocate or representative"
    COMMISSIONER = "commissioner", "Commissioner"
    STAFF = "staff", "Staff"
    EXPERT = "expert", "Expert by experience"
    SUPPLIER = "supplier", "Supplier"


@dataclass(frozen=True)
class Participant:
    name: str
    role: str  # a ParticipantRole value
    user_id: int | None = None


@dataclass(frozen=True)
class DecisionTaken:
    """One decision, as the app that took it knows it. ``source`` is a value of
    ``coproduction.models.Source``; ``source_key`` ("planning.planbookversion:12") makes
    announcing the same decision twice harmless."""

    source: str
    source_key: str
    organisation_id: int
    person_id: int | None
    topic: str  # a value of coproduction.models.Topic
    title: str
    reasons: str
    decided_on: dt.date
    participants: tuple[Participant, ...]
    person_took_part: bool
    without_person_reason: str = ""
    person_words: str = ""
    details: str = ""
    actor_id: int | None = None
    # None: the log works the rung of the co-production ladder out from who took part.
    level: int | None = None
    extra: dict[str, str] = field(default_factory=dict)


Listener = Callable[[DecisionTaken], None]
_listeners: list[Listener] = []


def register_decision_listener(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def announce(decision: DecisionTaken) -> None:
    """Tell the decision log (if one is installed). Call inside the decision's transaction."""
    for listener in _listeners:
        listener(decision)
