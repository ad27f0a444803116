"""ISF agreement decisions as the decision log hears of them (``lib.decision_feed``).

Built here, where an agreement is understood, and called both by ``decide_agreement`` (as the
council approves) and by the decision log's backfill (for agreements approved before the log).
"""

from __future__ import annotations

from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.lib.decision_feed import DecisionTaken, Participant, ParticipantRole
from directsupport.lib.money import format_pence

from .models import AgreedBy, Agreement


def _role_of(user: User) -> str:
    return ParticipantRole.COMMISSIONER if user.role == Role.COMMISSIONER else ParticipantRole.STAFF


def agreement_approved(agreement: Agreement) -> DecisionTaken:
    """An approved ISF agreement version (or one approved then since replaced): the person, or
    their representative, agreed it; the council decided it; finance staff drafted it."""
    fund = agreement.fund
    person = fund.person
    by_representative = agreement.agreed_by == AgreedBy.REPRESENTATIVE
    participants: list[Participant] = []
    if by_representative:
        participants.append(
            Participant(name=agreement.representative_name, role=ParticipantRole.REPRESENTATIVE)
        )
    else:
        participants.append(
            Participant(
                name=person.display_name, role=ParticipantRole.PERSON, user_id=person.user_id
            )
        )
    seen: set[int] = set()
    for user in (agreement.decided_by, agreement.created_by, agreement.agreed_by_user):
        if user is None or user.pk in seen or user.pk == person.user_id:
            continue
        seen.add(user.pk)
        participants.append(Participant(name=user.full_name, role=_role_of(user), user_id=user.pk))
    decided_at = agreement.decided_at or agreement.agreed_at or timezone.now()
    budget = format_pence(agreement.annual_budget_pence)
    return DecisionTaken(
        source="isf_agreement",
        source_key=f"funds.agreement:{agreement.pk}",
        organisation_id=fund.provider_id,
        person_id=person.pk,
        topic="money",
        title=f"ISF agreement version {agreement.version} approved: {budget} a year",
        reasons=(
            agreement.change_summary.strip()
            or agreement.decision_note.strip()
            or f"{person.called}'s Individual Service Fund: the money for their support, "
            "ring-fenced for them."
        ),
        details=agreement.decision_note.strip(),
        person_words=agreement.person_comment.strip(),
        decided_on=timezone.localdate(decided_at),
        participants=tuple(participants),
        person_took_part=not by_representative,
        without_person_reason=(
            f"Agreed by {agreement.representative_name}: {agreement.representative_reason}"
            if by_representative
            else ""
        ),
        actor_id=agreement.decided_by_id,
    )
