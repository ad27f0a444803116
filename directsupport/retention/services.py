"""Retention decisions and erasure requests: recorded by a manager, audited, never automatic.

Destroying goes through destruction.py alone; these decide what it is asked to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.audit.models import Action
from directsupport.audit.services import record_change
from directsupport.people.models import Person

from .destruction import DestructionRefused, destroy
from .holdings import holding, holdings
from .models import DestructionLog, ErasurePart, ErasureRequest, ErasureStatus, KeepDecision
from .schedule import RULES, Target, add_years

# A keep decision is looked at again within this many years at most.
LONGEST_KEEP_YEARS = 5


@transaction.atomic
def keep_records(
    *,
    actor: User,
    person: Person,
    target: Target,
    reason: str,
    next_review_on: dt.date,
    request: HttpRequest | None = None,
) -> KeepDecision:
    """Keep records past their retention period, for a stated reason, until a next review."""
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = "Say why these records must be kept longer."
    if next_review_on <= today:
        errors["next_review_on"] = "The next review must be after today."
    elif next_review_on > add_years(today, LONGEST_KEEP_YEARS):
        errors["next_review_on"] = (
            f"Look at them again within {LONGEST_KEEP_YEARS} years: choose an earlier day."
        )
    if not holding(person, target).due(today):
        errors["target"] = f"{RULES[target].title}: nothing of theirs is due for review."
    if errors:
        raise ValidationError(errors)
    decision = KeepDecision.objects.create(
        organisation_id=person.organisation_id,
        person_id=person.pk,
        target=target.value,
        reason=reason.strip(),
        next_review_on=next_review_on,
        decided_by=actor,
    )
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=person.pk,
        subject=decision,
        summary=(
            f"Decided to keep {RULES[target].title.lower()} of {person.display_name} "
            f"until a review on {next_review_on:%d/%m/%Y}"
        ),
        changes={"reason": reason.strip(), "next_review_on": next_review_on.isoformat()},
    )
    return decision


@transaction.atomic
def record_erasure_request(
    *,
    actor: User,
    person: Person,
    asked_by: str,
    asked_on: dt.date,
    what: str,
    request: HttpRequest | None = None,
) -> ErasureRequest:
    """Note that someone asked for the person's information to be erased. Nothing is erased."""
    erasure = ErasureRequest(
        organisation_id=person.organisation_id,
        person_id=person.pk,
        person_name=person.full_legal_name,
        asked_by=asked_by.strip(),
        asked_on=asked_on,
        what=what.strip(),
        recorded_by=actor,
    )
    errors: dict[str, str] = {}
    if asked_on > timezone.localdate():
        errors["asked_on"] = "The day they asked cannot be in the future."
    if errors:
        raise ValidationError(errors)
    erasure.full_clean()
    erasure.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=person.pk,
        subject=erasure,
        summary=f"Recorded a request from {erasure.asked_by} to erase information about "
        f"{person.display_name}",
        changes={
            "asked_by": erasure.asked_by,
            "asked_on": asked_on.isoformat(),
            "what": erasure.what,
        },
    )
    return erasure


@dataclass(frozen=True)
class PartDecision:
    erase: bool
    reason: str


def decide_erasure_request(
    *,
    actor: User,
    erasure: ErasureRequest,
    person: Person,
    decisions: Mapping[Target, PartDecision],
    request: HttpRequest | None = None,
) -> list[DestructionLog]:
    """Record the manager's decision on every kind of record held, with reasons, and erase
    the approved parts through the destruction service: all of it, or (if the destruction is
    refused) none of it."""
    today = timezone.localdate()
    held = {item.target: item for item in holdings(person) if item.rows}
    errors: dict[str, list[str]] = {}
    if erasure.status != ErasureStatus.OPEN:
        raise ValidationError("This request has already been decided.")
    for target, item in held.items():
        decision = decisions.get(target)
        if decision is None:
            errors.setdefault(target.value, []).append(
                f"{item.rule.title}: choose whether to erase or keep them."
            )
            continue
        if not decision.reason.strip():
            errors.setdefault(target.value, []).append(
                f"{item.rule.title}: give the reason for your decision."
            )
        if decision.erase and not item.erasable_now(today):
            errors.setdefault(target.value, []).append(
                f"{item.rule.title} cannot be erased now. {item.law_says(today)}"
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for target, item in held.items():
            ErasurePart.objects.create(
                request=erasure,
                target=target.value,
                erase=decisions[target].erase,
                reason=decisions[target].reason.strip(),
                allowed_now=item.erasable_now(today),
                kept_until=item.kept_until,
                rows_held=item.rows,
            )
        erasure.status = ErasureStatus.DECIDED
        erasure.decided_by = actor
        erasure.decided_at = timezone.now()
        erasure.save(update_fields=["status", "decided_by", "decided_at"])
        to_erase = [target for target in held if decisions[target].erase]
        record_change(
            request,
            actor=actor,
            action=Action.UPDATE,
            person_id=person.pk,
            subject=erasure,
            summary=f"Decided a request to erase information about {person.display_name}: "
            f"{len(to_erase)} of {len(held)} kinds of record to erase",
            changes={
                target.value: {"erase": decisions[target].erase, "reason": decisions[target].reason}
                for target in held
            },
        )
        if not to_erase:
            return []
        reasons = "; ".join(
            f"{RULES[target].title}: {decisions[target].reason.strip()}" for target in to_erase
        )
        try:
            return destroy(
                actor=actor,
                person_id=person.pk,
                targets=to_erase,
                reason=f"Erasure request {erasure.pk} from {erasure.asked_by}. {reasons}"[:2000],
                erasure_request=erasure,
                request=request,
            )
        except DestructionRefused as refused:
            raise ValidationError(refused.reasons) from refused
