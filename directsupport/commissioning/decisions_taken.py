"""Supplier choices as the decision log hears of them (``lib.decision_feed``).

Built here, where a choice among offers is understood, and called both by ``choose_offer`` (as
the person chooses) and by the decision log's backfill (for choices made before the log).
"""

from __future__ import annotations

from typing import cast

from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.lib.decision_feed import DecisionTaken, Participant, ParticipantRole
from directsupport.lib.money import format_pence
from directsupport.people.models import DecidedBy, Person

from .models import OfferChoice


def offer_chosen(choice: OfferChoice) -> list[DecisionTaken]:
    """One decision for each person the request is for (a group buying support together has
    one each, so no one's log names the others): the person, or their representative, chose;
    the market shaper who helped them recorded it."""
    rfq = choice.request
    offer = choice.offer
    people = list(
        Person.objects.filter(needs__quote_requests__request=rfq).distinct().order_by("pk")
    )
    by_representative = choice.decided_by == DecidedBy.REPRESENTATIVE
    # user_field() is untyped to mypy: the recorder is a User (or gone).
    recorder = cast("User | None", choice.recorded_by)
    decisions = []
    for person in people:
        if by_representative:
            first = Participant(
                name=choice.representative_name, role=ParticipantRole.REPRESENTATIVE
            )
        else:
            first = Participant(
                name=person.display_name, role=ParticipantRole.PERSON, user_id=person.user_id
            )
        participants = [first]
        if recorder is not None:
            participants.append(
                Participant(
                    name=recorder.full_name, role=ParticipantRole.STAFF, user_id=recorder.pk
                )
            )
        key = f"commissioning.offerchoice:{choice.pk}"
        if len(people) > 1:
            key += f":person:{person.pk}"
        decisions.append(
            DecisionTaken(
                source="supplier_choice",
                source_key=key,
                organisation_id=rfq.organisation_id,
                person_id=person.pk,
                topic="support",
                title=(
                    f"{offer.supplier} chosen for {rfq.what} "
                    f"({format_pence(offer.pence_per_hour)} an hour)"
                ),
                reasons=choice.reason,
                person_words="" if by_representative else choice.reason,
                details=f"Request {rfq.reference}",
                decided_on=timezone.localdate(choice.recorded_at),
                participants=tuple(participants),
                person_took_part=not by_representative,
                without_person_reason=(
                    f"Chosen by {choice.representative_name}: {choice.representative_reason}"
                    if by_representative
                    else ""
                ),
                actor_id=recorder.pk if recorder is not None else None,
            )
        )
    return decisions
