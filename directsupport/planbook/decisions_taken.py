"""Plan Book decisions as the decision log hears of them (``lib.decision_feed``).

Built here, where a Plan Book's agreement is understood, and called both by ``agree`` (as it
happens) and by the decision log's backfill (for Plan Books agreed before the log existed).
"""

from __future__ import annotations

from django.utils import timezone

from directsupport.lib.decision_feed import DecisionTaken, Participant, ParticipantRole

from .models import PlanBookVersion, SignedBy


def plan_book_agreed(version: PlanBookVersion) -> DecisionTaken:
    """An agreed (or since published) Plan Book version: the person agreed it, or a
    representative did with the reason they could not, and the staff member who recorded it."""
    person = version.person
    by_representative = version.signed_by == SignedBy.REPRESENTATIVE
    participants: list[Participant] = []
    if by_representative:
        participants.append(
            Participant(name=version.representative_name, role=ParticipantRole.REPRESENTATIVE)
        )
    else:
        participants.append(
            Participant(
                name=person.display_name, role=ParticipantRole.PERSON, user_id=person.user_id
            )
        )
    recorder = version.signed_by_user
    if recorder is not None and recorder.pk != person.user_id:
        participants.append(
            Participant(name=recorder.full_name, role=ParticipantRole.STAFF, user_id=recorder.pk)
        )
    signed_at = version.signed_at or timezone.now()
    return DecisionTaken(
        source="plan_book",
        # The key the decision log already holds for each version: it was written while the
        # Plan Book was part of planning, and the log finds a decision again by it (backfill).
        source_key=f"planning.planbookversion:{version.pk}",
        organisation_id=person.organisation_id,
        person_id=person.pk,
        topic="plan",
        title=f"Plan Book version {version.number} agreed",
        reasons=(
            version.changes_summary.strip()
            or f"{person.called}'s Plan Book says what matters to them and the support they want."
        ),
        decided_on=timezone.localdate(signed_at),
        participants=tuple(participants),
        person_took_part=not by_representative,
        without_person_reason=(
            f"Agreed by {version.representative_name}: {version.representative_reason}"
            if by_representative
            else ""
        ),
        actor_id=recorder.pk if recorder is not None else None,
    )
