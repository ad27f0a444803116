"""Pools after they are proposed: members saying yes or no, leaving before a contract, closing a
pool, and sending an agreed pool out as one request for quote.

Every function is keyword-only, runs in one transaction, checks its input with a message per
field (a ``ValidationError`` with a dict; nothing is saved when it is raised) and writes an
audit row. ``request=None`` lets the demo data and tasks call them without a page. Who may call
them is decided by the views through ``commissioning.access``; ``answer`` also refuses a person
answering for anyone but themselves, whoever calls it.

Proposing pools is in ``proposing.py`` (``propose_pools``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action
from directsupport.audit.services import record_change
from directsupport.lib.transitions import IllegalTransition, check_transition
from directsupport.market.models import Supplier
from directsupport.people.circle_services import check_decider, decider_words
from directsupport.people.models import DecidedBy

from ..models import POOL_TRANSITIONS, MemberStatus, Pool, PoolMember, PoolStatus, QuoteRequest

# A pool goes ahead with at least two people who said yes.
AGREED_AT_LEAST = 2
# Before a contract, a member may still say yes, no or leave; after it, leaving splits the
# contract's cost again (contracts.services.member_leaves).
OPEN_TO_ANSWERS = frozenset({PoolStatus.PROPOSED, PoolStatus.AGREED, PoolStatus.OUT_TO_QUOTE})
WORDS_MAX = 1000
LEAVING_NOTICE_WEEKS = 4

# The rules for absence and leaving a pool shows its members, to be written into its contract
# (with each member's share) when the pool is contracted.
ABSENCE_RULE = (
    "A member who misses a session still pays their share that week: the worker is booked "
    "for the group. The others' shares do not go up."
)
LEAVING_RULE = (
    f"Before the contract, a member can say no or leave at any time. After it, a member leaves "
    f"with {LEAVING_NOTICE_WEEKS} weeks' notice; from the date they leave the cost is shared "
    "equally by the members who stay, and nobody's share goes above what they would pay "
    "alone unless they agree. If fewer than two members stay, the contract ends."
)
ABSENCE_RULE_EASY = (
    "If you miss a session, you still pay your part that week.",
    "This is because the worker is booked for the group.",
)
LEAVING_RULE_EASY = (
    "You can say No or leave the group before it starts.",
    f"After it starts, tell us {LEAVING_NOTICE_WEEKS} weeks before you leave.",
    "You will never pay more than going on your own, unless you say yes to that.",
)
# POOL_TRANSITIONS keyed by the enum members, which are strings.
TRANSITIONS = cast(Mapping[str, frozenset[str]], POOL_TRANSITIONS)


def _locked(pool: Pool) -> Pool:
    return Pool.objects.select_for_update().get(pk=pool.pk)


def _agreed_count(pool: Pool) -> int:
    return pool.members.filter(status=MemberStatus.AGREED).count()


def _move(
    pool: Pool, wanted: str, *, actor: User | None, request: HttpRequest | None, why: str
) -> None:
    """Move the (locked) pool along POOL_TRANSITIONS and audit it."""
    try:
        check_transition(TRANSITIONS, current=pool.status, wanted=wanted)
    except IllegalTransition as error:
        raise ValidationError(
            {"status": f"This pool is '{pool.get_status_display().lower()}': it cannot be {why}"}
        ) from error
    before = pool.status
    pool.status = wanted
    pool.version += 1
    pool.save(update_fields=["status", "version", "closed_reason"])
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        subject=pool,
        summary=f"Pool {pool.reference} {why}",
        changes={"status": {"from": before, "to": wanted}},
    )


def _settle_status(pool: Pool, *, actor: User | None, request: HttpRequest | None) -> None:
    """A proposed pool with two yeses is agreed; an agreed one that falls below goes back to
    proposed. A pool out to quote stays there (the request is the requests page's to change)."""
    agreed = _agreed_count(pool)
    if pool.status == PoolStatus.PROPOSED and agreed >= AGREED_AT_LEAST:
        _move(pool, PoolStatus.AGREED, actor=actor, request=request, why="agreed by its members")
    elif pool.status == PoolStatus.AGREED and agreed < AGREED_AT_LEAST:
        _move(
            pool,
            PoolStatus.PROPOSED,
            actor=actor,
            request=request,
            why="back to proposed: fewer than two people say yes",
        )


@transaction.atomic
def answer(
    *,
    actor: User,
    member: PoolMember,
    agrees: bool,
    decided_by: str,
    representative_name: str = "",
    representative_reason: str = "",
    in_their_words: str = "",
    agreed_to_pay_more: bool = False,
    request: HttpRequest | None = None,
) -> PoolMember:
    """Record a member's yes or no, in their words. The person answers for themselves only;
    staff record an answer the person gave them or one a representative made (with the name
    and the reason). Saying yes to paying more than alone is needed when the pool costs them
    more. Two yeses make the pool agreed; a no can take it back to proposed."""
    pool = _locked(member.pool)
    current = PoolMember.objects.select_for_update().select_related("person").get(pk=member.pk)
    representative_name = representative_name.strip()
    representative_reason = representative_reason.strip()
    in_their_words = in_their_words.strip()
    if actor.role == Role.PERSON and current.person.user_id != actor.pk:
        raise ValidationError({"member": "You can only answer for yourself."})
    check_decider(actor, decided_by, representative_name, representative_reason)
    problems: dict[str, list[str]] = {}
    if pool.status not in OPEN_TO_ANSWERS:
        problems.setdefault("status", []).append(
            f"This pool is '{pool.get_status_display().lower()}': answers can no longer change"
            + (
                " (leaving now is done on the contract)"
                if pool.status == PoolStatus.CONTRACTED
                else ""
            )
        )
    if current.status == MemberStatus.LEFT:
        problems.setdefault("status", []).append(
            f"{current.person.called} has left this pool: add them to a new one instead"
        )
    if len(in_their_words) > WORDS_MAX:
        problems.setdefault("in_their_words", []).append(
            f"Keep it to {WORDS_MAX} characters (it has {len(in_their_words)})"
        )
    pays_more = current.pooled_pence_a_week > current.alone_pence_a_week
    if agrees and pays_more and not agreed_to_pay_more:
        problems.setdefault("agreed_to_pay_more", []).append(
            "In this pool it costs more than alone: say yes to paying more, or say no"
        )
    if problems:
        raise ValidationError(problems)
    before = {"status": current.status, "agreed_to_pay_more": current.agreed_to_pay_more}
    current.status = MemberStatus.AGREED if agrees else MemberStatus.DECLINED
    current.agreed_to_pay_more = bool(agrees and pays_more and agreed_to_pay_more)
    current.answered_at = timezone.now()
    current.decided_by = decided_by
    current.representative_name = (
        representative_name if decided_by == DecidedBy.REPRESENTATIVE else ""
    )
    current.representative_reason = (
        representative_reason if decided_by == DecidedBy.REPRESENTATIVE else ""
    )
    current.in_their_words = in_their_words
    current.recorded_by = actor
    current.full_clean()
    current.save()
    who = decider_words(current.person, decided_by, representative_name)
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=current.person_id,
        subject=current,
        summary=(
            f"{who} said {'yes' if agrees else 'no'} to pool {pool.reference}"
            + (" (agreed to pay more than alone)" if current.agreed_to_pay_more else "")
        ),
        changes={
            "status": {"from": before["status"], "to": current.status},
            "agreed_to_pay_more": {
                "from": before["agreed_to_pay_more"],
                "to": current.agreed_to_pay_more,
            },
        },
    )
    _settle_status(pool, actor=actor, request=request)
    member.refresh_from_db()
    return current


@transaction.atomic
def leave_pool(
    *,
    actor: User,
    member: PoolMember,
    left_on: dt.date,
    reason: str = "",
    request: HttpRequest | None = None,
) -> PoolMember:
    """A member leaves a pool before it is contracted, from ``left_on``. Once contracted,
    leaving goes through the contract (``contracts.services.member_leaves``), which splits the
    cost again by the rule the contract records."""
    pool = _locked(member.pool)
    current = PoolMember.objects.select_for_update().select_related("person").get(pk=member.pk)
    reason = reason.strip()
    if actor.role == Role.PERSON and current.person.user_id != actor.pk:
        raise ValidationError({"member": "You can only leave for yourself."})
    problems: dict[str, list[str]] = {}
    if pool.status == PoolStatus.CONTRACTED:
        problems.setdefault("status", []).append(
            "This pool has a contract: leaving is recorded on the contract, which shares the "
            "cost again"
        )
    elif pool.status == PoolStatus.CLOSED:
        problems.setdefault("status", []).append("This pool is closed")
    if current.status == MemberStatus.LEFT:
        problems.setdefault("status", []).append(f"{current.person.called} has already left")
    if left_on is None:
        problems.setdefault("left_on", []).append("Enter the date they leave from")
    elif left_on < timezone.localdate(pool.created_at):
        problems.setdefault("left_on", []).append("The date cannot be before the pool was proposed")
    if len(reason) > WORDS_MAX:
        problems.setdefault("reason", []).append(f"Keep it to {WORDS_MAX} characters")
    if problems:
        raise ValidationError(problems)
    before = current.status
    current.status = MemberStatus.LEFT
    current.left_on = left_on
    if reason:
        current.in_their_words = reason
    current.recorded_by = actor
    current.full_clean()
    current.save()
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=current.person_id,
        subject=current,
        summary=f"{current.person.called} left pool {pool.reference} from {left_on:%d %B %Y}",
        changes={"status": {"from": before, "to": current.status}},
    )
    _settle_status(pool, actor=actor, request=request)
    return current


@transaction.atomic
def close_pool(*, actor: User, pool: Pool, reason: str, request: HttpRequest | None = None) -> Pool:
    """Close a pool that will not go ahead, with the reason."""
    current = _locked(pool)
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": "Say why the pool is closing"})
    if len(reason) > 300:
        raise ValidationError({"reason": "Keep the reason to 300 characters"})
    current.closed_reason = reason
    _move(current, PoolStatus.CLOSED, actor=actor, request=request, why=f"closed: {reason}")
    pool.refresh_from_db()
    return current


@transaction.atomic
def send_pool_to_quote(
    *,
    actor: User,
    pool: Pool,
    suppliers: Iterable[Supplier],
    respond_by: dt.date,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    details: str = "",
    request: HttpRequest | None = None,
) -> QuoteRequest:
    """Send an agreed pool out as one request for quote: the agreed members' needs (each named
    by first name only), the pool's day, times and district, one worker for the members, to
    ``suppliers``. The pool moves to out to quote. Errors from drawing up or sending the
    request come back as they are (a message per field), and nothing is saved."""
    # The requests concept sits beside this one; imported here to keep the two loosely tied.
    from ..requests.services import NeedNaming, create_request, invite_suppliers, send_request

    current = _locked(pool)
    chosen = list(suppliers)
    agreed = list(
        current.members.filter(status=MemberStatus.AGREED).select_related("need", "person")
    )
    problems: dict[str, list[str]] = {}
    if current.status != PoolStatus.AGREED:
        problems.setdefault("status", []).append(
            f"This pool is '{current.get_status_display().lower()}': only a pool its members "
            "agreed to goes out to quote"
        )
    if len(agreed) < AGREED_AT_LEAST:
        problems.setdefault("status", []).append("At least two people must say yes first")
    if not chosen:
        problems.setdefault("suppliers", []).append("Choose at least one supplier")
    if problems:
        raise ValidationError(problems)
    minutes = (current.ends_at.hour * 60 + current.ends_at.minute) - (
        current.starts_at.hour * 60 + current.starts_at.minute
    )
    rfq = create_request(
        actor=actor,
        needs=[NeedNaming(need=member.need) for member in agreed],
        what=current.title,
        term=current.term,
        minutes_a_week=minutes,
        starts_on=starts_on,
        respond_by=respond_by,
        ends_on=ends_on,
        weekday=current.weekday,
        starts_at=current.starts_at,
        ends_at=current.ends_at,
        district=current.district,
        people_count=len(agreed),
        ratio="shared",
        details=details,
        pool=current,
        request=request,
    )
    invite_suppliers(actor=actor, rfq=rfq, suppliers=chosen, request=request)
    send_request(actor=actor, rfq=rfq, request=request)
    _move(
        current,
        PoolStatus.OUT_TO_QUOTE,
        actor=actor,
        request=request,
        why=f"sent out to quote ({rfq.reference})",
    )
    pool.refresh_from_db()
    return rfq


@transaction.atomic
def mark_contracted(
    *, actor: User, pool: Pool, contract_reference: str, request: HttpRequest | None = None
) -> None:
    """The pool's contract became active (contracts.services.activate calls this): a pool out
    to quote is contracted. A pool already contracted stays so."""
    current = _locked(pool)
    if current.status == PoolStatus.CONTRACTED:
        return
    _move(
        current,
        PoolStatus.CONTRACTED,
        actor=actor,
        request=request,
        why=f"contracted ({contract_reference})",
    )
    pool.refresh_from_db()
