"""Recording what a person agrees to share with the council that funds them.

Like the circle's permissions (circle_services.record_consent): the person decides, or staff
record their decision or a representative's (with name and reason); each change appends a
CouncilSharingDecision and an audit row, and the newest decision is what the council sees.
"""

from __future__ import annotations

from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from directsupport.accounts.models import User
from directsupport.audit.models import Action
from directsupport.audit.services import record_change

from .circle_services import check_decider, decider_words
from .models import COUNCIL_SHAREABLE, CouncilSharingDecision, DecidedBy, Person


@transaction.atomic
def record_council_sharing(
    *,
    actor: User,
    person: Person,
    shares: Collection[str],
    decided_by: str,
    representative_name: str = "",
    representative_reason: str = "",
    request: HttpRequest | None = None,
) -> CouncilSharingDecision | None:
    """Record what the person shares with their council beyond the minimum (a subset of
    COUNCIL_SHAREABLE). Returns the new decision, or None when nothing changed."""
    representative_name = representative_name.strip()
    representative_reason = representative_reason.strip()
    check_decider(actor, decided_by, representative_name, representative_reason)
    if decided_by != DecidedBy.REPRESENTATIVE:
        representative_name = representative_reason = ""
    unknown = set(shares) - set(COUNCIL_SHAREABLE)
    if unknown:
        raise ValidationError(f"These cannot be shared with the council: {sorted(unknown)}.")
    # Lock the person's row so two decisions recorded at once are made one after the other.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    before = CouncilSharingDecision.shared_now(person)
    after = frozenset(shares)
    if before == after:
        return None
    decision = CouncilSharingDecision(
        person=person,
        decided_by=decided_by,
        representative_name=representative_name,
        representative_reason=representative_reason,
        recorded_by=actor,
        **{f"share_{kind}": kind in after for kind in COUNCIL_SHAREABLE},
    )
    decision.full_clean()
    decision.save()
    who = decider_words(person, decided_by, representative_name)
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=person.pk,
        subject=decision,
        summary=f"{who} decided what to share with the council (decision {decision.pk})",
        changes={
            "shared_with_council": {
                "from": sorted(before) or ["the minimum"],
                "to": sorted(after) or ["the minimum"],
            },
            "decided_by": {"from": None, "to": decided_by},
            **(
                {"representative": {"from": None, "to": representative_name}}
                if representative_name
                else {}
            ),
        },
    )
    # Anything cached for this request now reads the new decision.
    person.__dict__.pop("_shared_with_council", None)
    return decision
