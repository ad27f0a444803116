"""Recording decisions in the decision log: typed in by staff, or announced by the parts of the
product where they were taken (``lib.decision_feed``).

One function records every decision (``record_decision``); the feed's listener
(``record_announced``) turns an announcement's ids into objects and calls it. A decision with a
non-empty ``(source, source_key)`` is recorded once: announcing it again (a retried request, the
backfill run twice) returns the row already there.

The rung of the co-production ladder is given, or worked out from who took part
(``level_from_participants``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_change
from directsupport.lib.decision_feed import DecisionTaken, Participant
from directsupport.people.models import Person

from ..models import Decision, DecisionParticipant, Level, PanelMeeting, ParticipantRole, Source

# Who speaks from lived experience, and who holds the power to decide: the ladder measures how
# far the first share the decision with the second.
LIVED_EXPERIENCE = frozenset({ParticipantRole.PERSON, ParticipantRole.EXPERT})
CIRCLE = frozenset({ParticipantRole.FAMILY, ParticipantRole.REPRESENTATIVE})
DECISION_HOLDERS = frozenset({ParticipantRole.STAFF, ParticipantRole.COMMISSIONER})

WITHOUT_PERSON_MESSAGE = "Say why {name} did not take part, for example a best-interests decision"


def level_from_participants(
    *, about_person: bool, roles: set[str] | frozenset[str], person_words: str
) -> int:
    """The rung of the ladder a decision reached, from who took part. Deliberately simple, so
    anyone can check it by hand:

    - **Co-production (7):** someone with lived experience (the person; for a decision about how
      the service works, an expert by experience or a person supported) took part, their own
      words are recorded, and staff *and* the commissioner were there with them; for a decision
      about a person, their family or representative too.
    - **Co-design (6):** someone with lived experience took part and their words are recorded,
      but not everyone above was round the table.
    - **Engagement (5):** someone with lived experience took part; their words are not recorded.
    - **Consultation (4):** no one with lived experience took part, but family, friends or a
      representative spoke for them.
    - **Informing (3):** staff, commissioners or suppliers decided alone; the people it affects
      are told afterwards.

    Coercion and educating are never worked out: they are judgements a person records.
    """
    lived = bool(roles & LIVED_EXPERIENCE)
    circle = bool(roles & CIRCLE)
    words = bool(person_words.strip())
    if lived and words:
        round_the_table = roles >= DECISION_HOLDERS and (circle or not about_person)
        return Level.CO_PRODUCTION if round_the_table else Level.CO_DESIGN
    if lived:
        return Level.ENGAGEMENT
    if circle:
        return Level.CONSULTATION
    return Level.INFORMING


def _check(
    *,
    organisation: Organisation,
    person: Person | None,
    title: str,
    reasons: str,
    level: int | None,
    decided_on: dt.date,
    participants: Sequence[Participant],
    person_took_part: bool,
    without_person_reason: str,
    meeting: PanelMeeting | None,
) -> None:
    """Every refusal at once, each by the field it belongs to."""
    problems: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    if not title.strip():
        refuse("title", "Say what was decided")
    if not reasons.strip():
        refuse("reasons", "Say why it was decided")
    if level is not None and level not in Level.values:
        refuse("level", "Choose a rung of the ladder, from coercion (1) to co-production (7)")
    if decided_on > timezone.localdate():
        refuse("decided_on", "The day it was decided cannot be in the future")
    if person is not None and person.organisation_id != organisation.pk:
        refuse("person", "Choose someone your organisation supports")
    if meeting is not None and meeting.panel.organisation_id != organisation.pk:
        refuse("meeting", "Choose one of your panel's meetings")

    named = [p for p in participants if p.name.strip()]
    roles = {p.role for p in named}
    if not named:
        refuse("participants", "Say who took part in the decision, with the part each one took")
    unknown = sorted(roles - set(ParticipantRole.values))
    if unknown:
        refuse("participants", "Choose the part each person took from the list")
    if person is not None:
        if not person_took_part and not without_person_reason.strip():
            refuse("without_person_reason", WITHOUT_PERSON_MESSAGE.format(name=person.called))
        if person_took_part and ParticipantRole.PERSON not in roles:
            refuse(
                "participants",
                f"Add {person.called} as taking part (the part: the person), or say they did "
                "not take part and why",
            )
        if not person_took_part and ParticipantRole.PERSON in roles:
            refuse(
                "participants",
                f"{person.called} is named as taking part, but the decision says they did not",
            )
    elif without_person_reason.strip():
        refuse(
            "without_person_reason",
            "A decision about how the service works is not about one person: leave this empty",
        )
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def record_decision(
    *,
    organisation: Organisation,
    person: Person | None = None,
    topic: str,
    title: str,
    reasons: str,
    level: int | None,
    decided_on: dt.date,
    participants: Sequence[Participant],
    person_took_part: bool,
    without_person_reason: str = "",
    person_words: str = "",
    details: str = "",
    meeting: PanelMeeting | None = None,
    source: str = Source.RECORDED,
    source_key: str = "",
    actor: User | None,
    request: HttpRequest | None = None,
) -> Decision:
    """Record one decision with who took part. ``level=None`` works the rung out from the
    participants (``level_from_participants``). A decision about a person they did not take part
    in needs the reason (a best-interests decision, say), shown wherever the decision is."""
    if source_key:
        existing = Decision.objects.filter(source=source, source_key=source_key).first()
        if existing is not None:
            return existing
    _check(
        organisation=organisation,
        person=person,
        title=title,
        reasons=reasons,
        level=level,
        decided_on=decided_on,
        participants=participants,
        person_took_part=person_took_part,
        without_person_reason=without_person_reason,
        meeting=meeting,
    )
    named = [p for p in participants if p.name.strip()]
    if level is None:
        level = level_from_participants(
            about_person=person is not None,
            roles={p.role for p in named},
            person_words=person_words,
        )
    decision = Decision(
        organisation=organisation,
        person=person,
        topic=topic,
        title=title.strip(),
        details=details.strip(),
        reasons=reasons.strip(),
        person_words=person_words.strip(),
        level=level,
        decided_on=decided_on,
        # A decision about how the service works has no one person to take part.
        person_took_part=person_took_part if person is not None else True,
        without_person_reason=without_person_reason.strip() if person is not None else "",
        source=source,
        source_key=source_key,
        meeting=meeting,
        recorded_by=actor,
    )
    decision.full_clean()
    decision.save()
    rows = [
        DecisionParticipant(
            decision=decision,
            user_id=p.user_id,
            name=p.name.strip(),
            role=p.role,
        )
        for p in named
    ]
    for row in rows:
        row.full_clean()
    DecisionParticipant.objects.bulk_create(rows)
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=person.pk if person is not None else None,
        subject=decision,
        organisation_id=organisation.pk,
        summary=f"Decision recorded: {decision.title}",
        changes=model_changes(
            {},
            {
                "title": decision.title,
                "topic": decision.topic,
                "level": decision.level,
                "decided_on": decision.decided_on,
                "person_took_part": decision.person_took_part,
                "source": decision.source,
                "participants": ", ".join(f"{p.name} ({p.role})" for p in rows),
            },
        ),
    )
    return decision


def record_announced(decision: DecisionTaken) -> Decision:
    """The decision feed's listener: a decision taken elsewhere in the product, logged with its
    participants (once, by its source key)."""
    organisation = Organisation.objects.get(pk=decision.organisation_id)
    person = Person.objects.get(pk=decision.person_id) if decision.person_id is not None else None
    actor = User.objects.filter(pk=decision.actor_id).first() if decision.actor_id else None
    return record_decision(
        organisation=organisation,
        person=person,
        topic=decision.topic,
        title=decision.title,
        reasons=decision.reasons,
        level=decision.level,
        decided_on=decision.decided_on,
        participants=decision.participants,
        person_took_part=decision.person_took_part,
        without_person_reason=decision.without_person_reason,
        person_words=decision.person_words,
        details=decision.details,
        source=decision.source,
        source_key=decision.source_key,
        actor=actor,
    )
