"""The verbs of a contract: draw it up from the person's choice, record each person's agreement
and the supplier's acceptance, make it active, give notice, end it, and let a pool member leave.

Every verb is keyword-only, atomic and audited, and runs without a web request (``request=None``)
for the demo and tasks. A refusal raises ``ContractRefused`` with words fit to show; nothing is
changed then. Status moves along ``CONTRACT_TRANSITIONS`` (``lib.transitions``).

Ledger: activating, giving notice, ending and a member leaving each bring the planned postings
in line with the contract (``postings.sync_planned_postings``; the scheme is described there).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_change
from directsupport.funds.ledger.posting import PostingRefused
from directsupport.funds.models import Fund
from directsupport.lib.transitions import IllegalTransition, check_transition
from directsupport.market.models import NeedStatus, SupportNeed
from directsupport.people.circle_services import check_decider, decider_words
from directsupport.people.models import DecidedBy

from ..models import (
    CONTRACT_TRANSITIONS,
    Contract,
    ContractParty,
    ContractStatus,
    MemberStatus,
    OfferChoice,
    PoolMember,
    ShareChange,
    SplitRule,
)
from ..pools.services import mark_contracted
from .postings import sync_planned_postings
from .shares import PartyWeight, split_shares

REFERENCE_PREFIX = "CON-"
# The contract's transition map with plain strings for keys and values (lib.transitions).
TRANSITIONS: dict[str, frozenset[str]] = {
    str(status): frozenset(str(wanted) for wanted in allowed)
    for status, allowed in CONTRACT_TRANSITIONS.items()
}
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class ContractRefused(Exception):
    """The change was not made; the message says why, in words fit to show."""


def next_reference() -> str:
    """The next free reference, "CON-0001" style, counting every contract on the site."""
    highest = 0
    for reference in Contract.objects.filter(reference__startswith=REFERENCE_PREFIX).values_list(
        "reference", flat=True
    ):
        digits = reference[len(REFERENCE_PREFIX) :]
        if digits.isdigit():
            highest = max(highest, int(digits))
    return f"{REFERENCE_PREFIX}{highest + 1:04d}"


def _time(value: dt.time) -> str:
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def schedule_words(
    weekday: int | None, starts_at: dt.time | None, ends_at: dt.time | None, overnight: bool
) -> str:
    """ "Tuesdays, 6pm to 8pm" (or "until 7am next day" overnight); empty when flexible."""
    if weekday is None:
        return ""
    day = f"{DAY_NAMES[weekday]}s"
    if starts_at is None or ends_at is None:
        return day
    joiner = "until" if overnight else "to"
    tail = " next day" if overnight else ""
    return f"{day}, {_time(starts_at)} {joiner} {_time(ends_at)}{tail}"


def current_parties(contract: Contract) -> list[ContractParty]:
    """The people in the contract now (not those who left)."""
    return list(contract.parties.filter(leaves_on__isnull=True).select_related("person", "need"))


def _move(contract: Contract, wanted: str) -> str:
    """Check the move along the transition map; the status before."""
    before = contract.status
    try:
        check_transition(TRANSITIONS, current=before, wanted=wanted)
    except IllegalTransition as illegal:
        raise ContractRefused(
            f"A contract that is {ContractStatus(before).label.lower()} cannot become "
            f"{ContractStatus(wanted).label.lower()}."
        ) from illegal
    contract.status = wanted
    return before


def _save(contract: Contract, fields: list[str]) -> None:
    contract.version += 1
    contract.full_clean()
    contract.save(update_fields=[*fields, "version"])


def _audit_person(contract: Contract) -> int | None:
    """A contract with one person is about them; a pool's names each in its changes."""
    ids = {party.person_id for party in contract.parties.all()}
    return next(iter(ids)) if len(ids) == 1 else None


def _audit(
    request: HttpRequest | None,
    *,
    actor: Any,
    subject: Any,
    summary: str,
    person_id: int | None,
    changes: dict[str, Any] | None = None,
    action: str = Action.UPDATE,
) -> None:
    record_change(
        request,
        actor=actor,
        action=action,
        person_id=person_id,
        subject=subject,
        summary=summary,
        changes=changes or {},
    )


def _refuse_posting(error: PostingRefused) -> ContractRefused:
    return ContractRefused(str(error))


# --- Drawing up ----------------------------------------------------------------------------


@transaction.atomic
def contract_from_choice(
    *,
    actor: User,
    choice: OfferChoice,
    cancellation_rules: str,
    change_rules: str,
    notice_weeks: int,
    ends_on: dt.date | None = None,
    absence_rules: str = "",
    leaving_rules: str = "",
    split_rule: str = SplitRule.EQUAL,
    request: HttpRequest | None = None,
) -> Contract:
    """A draft contract from the person's choice of an offer: the supplier's rate, hours and
    start; the request's support, day and times; a party for each need the request covers (the
    need's person, their ISF and minutes), with shares by ``split_rule`` adding up to 10,000
    basis points (``shares.split_shares``) and the first ShareChange from the start date.

    Raises ContractRefused when the offer already has a contract, and ValidationError with
    per-field messages for bad terms."""
    offer = choice.offer
    rfq = choice.request
    if Contract.objects.filter(offer=offer).exists():
        raise ContractRefused(f"The offer chosen for {rfq.reference} already has a contract.")
    needs = [
        request_need.need
        for request_need in rfq.needs.select_related("need", "need__person").order_by("id")
    ]
    if not needs:
        raise ContractRefused(f"{rfq.reference} covers nobody's needs, so it has no parties.")
    if split_rule not in SplitRule.values:
        raise ValidationError({"split_rule": "Choose how the cost is shared."})
    contract = Contract(
        organisation_id=rfq.organisation_id,
        reference=next_reference(),
        supplier=offer.supplier,
        request=rfq,
        offer=offer,
        pool=rfq.pool,
        term=rfq.term,
        service=rfq.what,
        description=offer.other_terms,
        weekday=rfq.weekday,
        starts_at=rfq.starts_at,
        ends_at=rfq.ends_at,
        overnight=rfq.overnight,
        schedule=schedule_words(rfq.weekday, rfq.starts_at, rfq.ends_at, rfq.overnight),
        minutes_a_week=offer.minutes_a_week,
        pence_per_hour=offer.pence_per_hour,
        starts_on=offer.starts_on,
        ends_on=ends_on if ends_on is not None else rfq.ends_on,
        notice_weeks=notice_weeks,
        cancellation_rules=cancellation_rules.strip(),
        change_rules=change_rules.strip(),
        travel_terms=offer.travel_terms,
        absence_rules=absence_rules.strip(),
        leaving_rules=leaving_rules.strip(),
        split_rule=split_rule,
        created_by=actor,
    )
    contract.full_clean()
    contract.save()
    shares = split_shares(
        split_rule, [PartyWeight(need.person_id, need.minutes_a_week) for need in needs]
    )
    for need in needs:
        party = ContractParty(
            contract=contract,
            person=need.person,
            fund=Fund.objects.filter(person=need.person).first(),
            need=need,
            minutes_a_week=need.minutes_a_week,
            share_bp=shares[need.person_id],
            joins_on=contract.starts_on,
        )
        party.full_clean()
        party.save()
    ShareChange.objects.create(
        contract=contract,
        effective_from=contract.starts_on,
        shares={str(pid): bp for pid, bp in shares.items()},
        reason="The contract starts",
        recorded_by=actor,
    )
    _audit(
        request,
        actor=actor,
        action=Action.CREATE,
        subject=contract,
        person_id=_audit_person(contract),
        summary=f"Drew up {contract.reference} ({contract.service}) from {rfq.reference}",
        changes={
            "supplier": {"from": None, "to": contract.supplier.organisation.name},
            "pence_per_hour": {"from": None, "to": contract.pence_per_hour},
            "minutes_a_week": {"from": None, "to": contract.minutes_a_week},
            "shares": {"from": None, "to": {str(k): v for k, v in shares.items()}},
        },
    )
    return contract


# --- Agreeing ------------------------------------------------------------------------------


def _agreed_if_complete(contract: Contract, *, actor: Any, request: HttpRequest | None) -> None:
    """A draft becomes agreed once every current party has agreed and the supplier accepted."""
    if contract.status != ContractStatus.DRAFT or contract.supplier_accepted_at is None:
        return
    if any(party.agreed_at is None for party in current_parties(contract)):
        return
    before = _move(contract, ContractStatus.AGREED)
    _save(contract, ["status"])
    _audit(
        request,
        actor=actor,
        subject=contract,
        person_id=_audit_person(contract),
        summary=f"{contract.reference} is agreed by everyone in it and the supplier",
        changes={"status": {"from": before, "to": contract.status}},
    )


@transaction.atomic
def record_person_agreement(
    *,
    actor: User,
    party: ContractParty,
    decided_by: str,
    representative_name: str = "",
    representative_reason: str = "",
    comment: str = "",
    request: HttpRequest | None = None,
) -> ContractParty:
    """The person agrees to the contract: said by themselves (signed in, ``decided_by`` person)
    or recorded by staff from what the person or their representative decided (the
    representative named, with the reason: ``people.circle_services.check_decider``)."""
    contract = Contract.objects.select_for_update().get(pk=party.contract_id)
    party = ContractParty.objects.select_related("person").get(pk=party.pk)
    representative_name = representative_name.strip()
    representative_reason = representative_reason.strip()
    check_decider(actor, decided_by, representative_name, representative_reason)
    if actor.role == Role.PERSON and party.person.user_id != actor.pk:
        raise ContractRefused("People agree to their own contracts only.")
    if contract.status != ContractStatus.DRAFT:
        raise ContractRefused(
            f"{contract.reference} is {contract.get_status_display().lower()}: agreement is "
            "asked while it is a draft."
        )
    if party.leaves_on is not None:
        raise ContractRefused(f"{party.person.display_name} has left this contract.")
    if decided_by != DecidedBy.REPRESENTATIVE:
        representative_name = representative_reason = ""
    party.agreed_at = timezone.now()
    party.decided_by = decided_by
    party.representative_name = representative_name
    party.representative_reason = representative_reason
    party.person_comment = comment.strip()
    party.agreement_recorded_by = actor
    party.full_clean()
    party.save()
    who = decider_words(party.person, decided_by, representative_name)
    _audit(
        request,
        actor=actor,
        subject=party,
        person_id=party.person_id,
        summary=f"{who} agreed to {contract.reference} ({contract.service})",
        changes={"agreed": {"from": None, "to": who}},
    )
    _agreed_if_complete(contract, actor=actor, request=request)
    return party


@transaction.atomic
def accept_for_supplier(
    *, actor: User, contract: Contract, request: HttpRequest | None = None
) -> Contract:
    """The supplier accepts the contract in its portal (a user of the supplier's own
    organisation)."""
    contract = Contract.objects.select_for_update().select_related("supplier").get(pk=contract.pk)
    if actor.role != Role.SUPPLIER or contract.supplier.organisation_id != actor.organisation_id:
        raise ContractRefused("Only the supplier named in the contract can accept it.")
    if contract.status != ContractStatus.DRAFT:
        raise ContractRefused(
            f"{contract.reference} is {contract.get_status_display().lower()}: there is nothing "
            "to accept."
        )
    if contract.supplier_accepted_at is not None:
        raise ContractRefused(f"{contract.reference} was already accepted.")
    contract.supplier_accepted_at = timezone.now()
    contract.supplier_accepted_by = actor
    _save(contract, ["supplier_accepted_at", "supplier_accepted_by"])
    _audit(
        request,
        actor=actor,
        subject=contract,
        person_id=_audit_person(contract),
        summary=f"{contract.supplier.organisation.name} accepted {contract.reference}",
        changes={"supplier_accepted_by": {"from": None, "to": actor.email}},
    )
    _agreed_if_complete(contract, actor=actor, request=request)
    return contract


# --- Active and ended ----------------------------------------------------------------------


def _set_need_status(
    need: SupportNeed | None,
    status: str,
    *,
    from_statuses: frozenset[str],
    actor: Any,
    request: HttpRequest | None,
    why: str,
) -> None:
    """Market has no service for meeting a need (its statuses by hand exclude MET on purpose:
    contracts meet needs), so the move is made here with its own audit row."""
    if need is None or need.status not in from_statuses:
        return
    before = {"status": need.status}
    need.status = status
    need.updated_at = timezone.now()
    need.save(update_fields=["status", "updated_at"])
    _audit(
        request,
        actor=actor,
        subject=need,
        person_id=need.person_id,
        summary=f"'{need.what}': {why}"[:300],
        changes=model_changes(before, {"status": status}),
    )


@transaction.atomic
def activate(
    *,
    actor: User,
    contract: Contract,
    today: dt.date | None = None,
    request: HttpRequest | None = None,
) -> Contract:
    """Make an agreed contract active: each person's need is met and their share is planned in
    their ISF ledger. Refused without every person's agreement."""
    contract = Contract.objects.select_for_update().select_related("supplier").get(pk=contract.pk)
    missing = [party for party in current_parties(contract) if party.agreed_at is None]
    if missing:
        names = ", ".join(party.person.display_name for party in missing)
        raise ContractRefused(
            "A contract can't become active without the person's agreement: "
            f"{names} has not agreed yet."
        )
    if contract.supplier_accepted_at is None:
        raise ContractRefused("A contract can't become active before the supplier accepts it.")
    before = _move(contract, ContractStatus.ACTIVE)
    contract.activated_at = timezone.now()
    _save(contract, ["status", "activated_at"])
    for party in current_parties(contract):
        if party.fund_id is None:
            raise ContractRefused(
                f"{party.person.display_name} has no ISF, so the contract cannot be paid from it."
            )
        _set_need_status(
            party.need,
            NeedStatus.MET,
            from_statuses=frozenset({NeedStatus.OPEN, NeedStatus.CHOSEN}),
            actor=actor,
            request=request,
            why=f"met by {contract.reference}",
        )
    if contract.pool is not None:
        mark_contracted(
            actor=actor, pool=contract.pool, contract_reference=contract.reference, request=request
        )
    try:
        sync_planned_postings(
            contract=contract,
            actor=actor,
            today=today or timezone.localdate(),
            request=request,
        )
    except PostingRefused as refused:
        raise _refuse_posting(refused) from refused
    _audit(
        request,
        actor=actor,
        subject=contract,
        person_id=_audit_person(contract),
        summary=f"{contract.reference} is active from {contract.starts_on:%-d %B %Y}",
        changes={"status": {"from": before, "to": contract.status}},
    )
    return contract


def earliest_end(contract: Contract, today: dt.date) -> dt.date:
    """The first day the contract may end on when notice is given today."""
    return max(today + dt.timedelta(weeks=contract.notice_weeks), contract.starts_on)


@transaction.atomic
def give_notice(
    *,
    actor: User,
    contract: Contract,
    ends_on: dt.date,
    reason: str,
    today: dt.date | None = None,
    request: HttpRequest | None = None,
) -> Contract:
    """Notice to end an active contract on ``ends_on`` (its last day), at least its notice
    period from today; what was planned after that day is taken back out of the ledger."""
    today = today or timezone.localdate()
    contract = Contract.objects.select_for_update().select_related("supplier").get(pk=contract.pk)
    reason = " ".join(reason.split())
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = "Say why the contract is ending."
    elif len(reason) > 300:
        errors["reason"] = "Say why in 300 letters or fewer."
    soonest = earliest_end(contract, today)
    if ends_on < soonest:
        errors["ends_on"] = (
            f"With {contract.notice_weeks} weeks' notice the contract can end on "
            f"{soonest:%-d %B %Y} at the earliest."
        )
    elif contract.ends_on is not None and ends_on > contract.ends_on:
        errors["ends_on"] = (
            f"The contract already ends on {contract.ends_on:%-d %B %Y}: notice can only "
            "bring the end forward."
        )
    if errors:
        raise ValidationError(errors)
    before = {"status": contract.status, "ends_on": contract.ends_on}
    _move(contract, ContractStatus.ENDING)
    contract.ends_on = ends_on
    contract.notice_given_on = today
    contract.end_reason = reason
    _save(contract, ["status", "ends_on", "notice_given_on", "end_reason"])
    try:
        sync_planned_postings(contract=contract, actor=actor, today=today, request=request)
    except PostingRefused as refused:
        raise _refuse_posting(refused) from refused
    _audit(
        request,
        actor=actor,
        subject=contract,
        person_id=_audit_person(contract),
        summary=f"Notice given: {contract.reference} ends on {ends_on:%-d %B %Y}",
        changes=model_changes(before, {"status": contract.status, "ends_on": ends_on}),
    )
    return contract


@transaction.atomic
def end_contract(
    *,
    actor: User,
    contract: Contract,
    reason: str,
    ended_on: dt.date | None = None,
    today: dt.date | None = None,
    request: HttpRequest | None = None,
) -> Contract:
    """End a contract. A draft or agreed one is simply closed. An active or ending one ends on
    ``ended_on`` (its last day; the notice end date, or today, when not given): planned
    postings after it are reversed and each person's need is open again. Ended before it
    started, nothing stays planned."""
    today = today or timezone.localdate()
    contract = Contract.objects.select_for_update().select_related("supplier").get(pk=contract.pk)
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": "Say why the contract is ending."})
    if len(reason) > 300:
        raise ValidationError({"reason": "Say why in 300 letters or fewer."})
    was_paid = contract.status in (ContractStatus.ACTIVE, ContractStatus.ENDING)
    before = {"status": contract.status, "ends_on": contract.ends_on}
    before_status = _move(contract, ContractStatus.ENDED)
    if was_paid:
        by_notice = contract.ends_on if before_status == ContractStatus.ENDING else None
        last = ended_on or by_notice or today
        if contract.ends_on is not None and last > contract.ends_on:
            raise ValidationError(
                {"ended_on": f"The contract already ends on {contract.ends_on:%-d %B %Y}."}
            )
        contract.ends_on = last if last > contract.starts_on else None
    contract.end_reason = reason
    contract.ended_at = timezone.now()
    _save(contract, ["status", "ends_on", "end_reason", "ended_at"])
    if was_paid:
        try:
            sync_planned_postings(contract=contract, actor=actor, today=today, request=request)
        except PostingRefused as refused:
            raise _refuse_posting(refused) from refused
        for party in current_parties(contract):
            _set_need_status(
                party.need,
                NeedStatus.OPEN,
                from_statuses=frozenset({NeedStatus.MET}),
                actor=actor,
                request=request,
                why=f"{contract.reference} ended, so it is open again",
            )
    _audit(
        request,
        actor=actor,
        subject=contract,
        person_id=_audit_person(contract),
        summary=f"{contract.reference} ended: {reason}"[:300],
        changes=model_changes(before, {"status": contract.status, "ends_on": contract.ends_on}),
    )
    return contract


# --- Pools: a member leaving ---------------------------------------------------------------


@transaction.atomic
def member_leaves(
    *,
    actor: User,
    contract: Contract,
    party: ContractParty,
    leaves_on: dt.date,
    reason: str,
    today: dt.date | None = None,
    request: HttpRequest | None = None,
) -> ShareChange:
    """A person leaves a shared contract: from ``leaves_on`` (the first day they are no longer
    in it) the others' shares are worked out again by the contract's split rule and recorded as
    a ShareChange, and the ledger postings of everyone in it are brought in line, so each
    person's total is the sum over periods of their share of the cost, to the penny."""
    today = today or timezone.localdate()
    contract = Contract.objects.select_for_update().select_related("supplier").get(pk=contract.pk)
    party = ContractParty.objects.select_related("person", "need").get(
        pk=party.pk, contract=contract
    )
    reason = " ".join(reason.split())
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = f"Say why {party.person.called} is leaving."
    elif len(reason) > 300:
        errors["reason"] = "Say why in 300 letters or fewer."
    latest = contract.share_changes.order_by("-effective_from", "-id").first()
    floor = latest.effective_from if latest is not None else contract.starts_on
    if leaves_on <= floor:
        errors["leaves_on"] = f"Give a date after {floor:%-d %B %Y}, when the shares last changed."
    elif contract.ends_on is not None and leaves_on > contract.ends_on:
        errors["leaves_on"] = (
            f"The contract ends on {contract.ends_on:%-d %B %Y}: give a date before then."
        )
    if errors:
        raise ValidationError(errors)
    if contract.status == ContractStatus.ENDED:
        raise ContractRefused(f"{contract.reference} has ended.")
    if party.leaves_on is not None:
        raise ContractRefused(f"{party.person.display_name} has already left.")
    staying = [other for other in current_parties(contract) if other.pk != party.pk]
    if not staying:
        raise ContractRefused(
            f"{party.person.display_name} is the only person left in {contract.reference}: "
            "end the contract instead."
        )
    shares = split_shares(
        contract.split_rule,
        [PartyWeight(other.person_id, other.minutes_a_week) for other in staying],
    )
    party.leaves_on = leaves_on
    party.leave_reason = reason
    party.share_bp = 0
    party.full_clean()
    party.save(update_fields=["leaves_on", "leave_reason", "share_bp"])
    for other in staying:
        other.share_bp = shares[other.person_id]
        other.save(update_fields=["share_bp"])
    change = ShareChange.objects.create(
        contract=contract,
        effective_from=leaves_on,
        shares={str(pid): bp for pid, bp in shares.items()},
        reason=f"{party.person.display_name} left: {reason}"[:300],
        recorded_by=actor,
    )
    if contract.status in (ContractStatus.ACTIVE, ContractStatus.ENDING):
        try:
            sync_planned_postings(contract=contract, actor=actor, today=today, request=request)
        except PostingRefused as refused:
            raise _refuse_posting(refused) from refused
        _set_need_status(
            party.need,
            NeedStatus.OPEN,
            from_statuses=frozenset({NeedStatus.MET}),
            actor=actor,
            request=request,
            why=f"no longer met by {contract.reference}",
        )
    if contract.pool_id is not None:
        member = PoolMember.objects.filter(pool_id=contract.pool_id, person=party.person).first()
        if member is not None and member.status != MemberStatus.LEFT:
            member_before = {"status": member.status, "left_on": member.left_on}
            member.status = MemberStatus.LEFT
            member.left_on = leaves_on
            member.save(update_fields=["status", "left_on"])
            _audit(
                request,
                actor=actor,
                subject=member,
                person_id=party.person_id,
                summary=f"{party.person.display_name} left the pool with {contract.reference}",
                changes=model_changes(
                    member_before, {"status": member.status, "left_on": leaves_on}
                ),
            )
    _audit(
        request,
        actor=actor,
        subject=contract,
        person_id=party.person_id,
        summary=(
            f"{party.person.display_name} leaves {contract.reference} on "
            f"{leaves_on:%-d %B %Y}; the shares are worked out again"
        ),
        changes={"shares": {"from": None, "to": change.shares}, "reason": reason},
    )
    if contract.status == ContractStatus.DRAFT:
        _agreed_if_complete(contract, actor=actor, request=request)
    return change
