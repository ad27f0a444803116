"""Posting to the ledger: the one way money moves in a fund.

``post()`` writes one balanced transaction, atomically and audited, and is safe to retry: the
caller's idempotency key makes a repeated submission (a double click, a retry after a timeout)
return the transaction already posted, while the same key with different content is refused.

Concurrent postings to one fund are serialised by locking the fund's row (PostgreSQL
``SELECT … FOR UPDATE``; SQLite runs every transaction as ``BEGIN IMMEDIATE``, which takes the
database's write lock first), so the overdraft check always sees every earlier posting.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest

from directsupport.audit.models import Action
from directsupport.audit.services import record_change
from directsupport.lib.money import format_pence

from ..models import (
    MONEY_ACCOUNTS,
    Account,
    Agreement,
    AgreementStatus,
    BankingPot,
    Fund,
    Kind,
    LedgerEntry,
    LedgerTransaction,
)
from .balances import account_totals


class PostingRefused(Exception):
    """The posting was not made; the message says why, in words fit to show."""


class WouldOverdraw(PostingRefused):
    pass


class IdempotencyConflict(PostingRefused):
    pass


@dataclass(frozen=True)
class Line:
    account: str
    amount_pence: int  # debit positive, credit negative


@dataclass(frozen=True)
class Posted:
    transaction: LedgerTransaction
    replayed: bool  # True when the key had already been posted: nothing new was written


def fingerprint(
    *,
    fund: Fund,
    kind: str,
    lines: Sequence[Line],
    effective_on: dt.date,
    description: str,
    counterparty: str,
    minutes: int | None,
    pot: BankingPot | None,
    reverses: LedgerTransaction | None,
) -> str:
    content = {
        "fund": fund.pk,
        "kind": kind,
        "lines": sorted([line.account, line.amount_pence] for line in lines),
        "effective_on": effective_on.isoformat(),
        "description": description,
        "counterparty": counterparty,
        "minutes": minutes,
        "pot": pot.pk if pot else None,
        "reverses": reverses.pk if reverses else None,
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def overdraft_limit_pence(fund: Fund) -> int:
    agreement = (
        Agreement.objects.filter(fund=fund, status=AgreementStatus.APPROVED)
        .only("overdraft_limit_pence")
        .first()
    )
    return agreement.overdraft_limit_pence if agreement else 0


def check_lines(lines: Sequence[Line]) -> None:
    if len(lines) < 2:
        raise PostingRefused("A posting needs at least two entries (double entry).")
    if any(line.amount_pence == 0 for line in lines):
        raise PostingRefused("An entry of £0.00 moves no money.")
    if any(not isinstance(line.amount_pence, int) for line in lines):
        raise PostingRefused("Amounts are whole pence.")
    if sum(line.amount_pence for line in lines) != 0:
        raise PostingRefused("The entries do not balance: debits must equal credits.")
    if any(line.account not in Account.values for line in lines):
        raise PostingRefused("Unknown ledger account.")


def _money_after(fund: Fund, lines: Sequence[Line]) -> dict[str, int]:
    totals = account_totals([fund.pk]).get(fund.pk, {})
    after: dict[str, int] = {str(account): totals.get(account, 0) for account in MONEY_ACCOUNTS}
    for line in lines:
        if line.account in after:
            after[line.account] += line.amount_pence
    return after


@dataclass(frozen=True)
class Overdraw:
    """What the overdraft rule found: the account that would go too low and where it would end."""

    account: str  # Account.BANKED or Account.AVAILABLE
    after_pence: int
    limit_pence: int  # the approved overdraft on money to spend (banked money has none)


def would_overdraw(
    *, available_pence: int, banked_pence: int = 0, limit_pence: int = 0
) -> Overdraw | None:
    """The overdraft rule, said once: money to spend may not end below the approved overdraft
    (``limit_pence``, 0 when there is none), and banked money may not end below zero.

    Given where a fund's money would end, returns what breaks the rule (banked money first), or
    None. Every check of a fund's money calls this: ``post`` here, ``ledger.load``, the timesheet
    import and the demo's replay of its stories; each says the refusal in its own words.
    """
    if banked_pence < 0:
        return Overdraw(Account.BANKED, banked_pence, 0)
    if available_pence < -limit_pence:
        return Overdraw(Account.AVAILABLE, available_pence, limit_pence)
    return None


def _check_funds(fund: Fund, lines: Sequence[Line]) -> None:
    """Refuse a posting that takes money to spend below the approved overdraft, or banked money
    below zero. Postings that add money are always let through."""
    takes_money = any(line.account in MONEY_ACCOUNTS and line.amount_pence < 0 for line in lines)
    if not takes_money:
        return
    after = _money_after(fund, lines)
    limit = overdraft_limit_pence(fund)
    broken = would_overdraw(
        available_pence=after[Account.AVAILABLE],
        banked_pence=after[Account.BANKED],
        limit_pence=limit,
    )
    if broken is None:
        return
    if broken.account == Account.BANKED:
        raise WouldOverdraw(
            "There is not enough banked money for this: it would leave "
            f"{format_pence(broken.after_pence)} banked."
        )
    allowed = (
        f"the approved overdraft is {format_pence(limit)}"
        if limit
        else "there is no approved overdraft"
    )
    raise WouldOverdraw(
        f"This would take the fund to {format_pence(broken.after_pence)} and {allowed}. "
        "Nothing was posted."
    )


def post(
    *,
    fund: Fund,
    kind: str,
    lines: Sequence[Line],
    effective_on: dt.date,
    description: str,
    idempotency_key: str,
    actor: Any,
    request: HttpRequest | None = None,
    counterparty: str = "",
    minutes: int | None = None,
    pot: BankingPot | None = None,
    reverses: LedgerTransaction | None = None,
    audit: bool = True,
) -> Posted:
    """Post one balanced transaction to ``fund``'s ledger, once per ``idempotency_key``.

    Raises PostingRefused (or its kinds WouldOverdraw, IdempotencyConflict) with a message to
    show; nothing is written then. ``audit=False`` is for bulk loads (the demo, benchmarks)
    that write their own summary audit row.
    """
    check_lines(lines)
    if kind not in Kind.values:
        raise PostingRefused("Unknown kind of posting.")
    if not description.strip():
        raise PostingRefused("Say what the money is for.")
    content_hash = fingerprint(
        fund=fund,
        kind=kind,
        lines=lines,
        effective_on=effective_on,
        description=description,
        counterparty=counterparty,
        minutes=minutes,
        pot=pot,
        reverses=reverses,
    )
    try:
        with transaction.atomic():
            Fund.objects.select_for_update().filter(pk=fund.pk).first()
            earlier = _already_posted(idempotency_key, content_hash)
            if earlier is not None:
                return Posted(transaction=earlier, replayed=True)
            _check_funds(fund, lines)
            posted = LedgerTransaction.objects.create(
                fund=fund,
                kind=kind,
                effective_on=effective_on,
                description=description.strip(),
                counterparty=counterparty.strip(),
                minutes=minutes,
                pot=pot,
                reverses=reverses,
                idempotency_key=idempotency_key,
                fingerprint=content_hash,
                posted_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            LedgerEntry.objects.bulk_create(
                LedgerEntry(
                    transaction=posted,
                    fund=fund,
                    effective_on=effective_on,
                    account=line.account,
                    amount_pence=line.amount_pence,
                )
                for line in lines
            )
            if audit:
                record_change(
                    request,
                    actor=actor,
                    action=Action.CREATE,
                    person_id=fund.person_id,
                    subject=posted,
                    summary=f"{posted.get_kind_display()}: {posted.description}"[:300],
                    changes={
                        line.account: {"from": None, "to": line.amount_pence} for line in lines
                    },
                )
            return Posted(transaction=posted, replayed=False)
    except IntegrityError:
        # Another request posted the same key between our check and our insert (only possible
        # across funds, as one fund's postings are serialised): it is now there to compare.
        earlier = _already_posted(idempotency_key, content_hash)
        if earlier is None:
            raise
        return Posted(transaction=earlier, replayed=True)


def _already_posted(key: str, content_hash: str) -> LedgerTransaction | None:
    earlier = LedgerTransaction.objects.filter(idempotency_key=key).first()
    if earlier is not None and earlier.fingerprint != content_hash:
        raise IdempotencyConflict(
            "This was already submitted with different details, so it was not posted again. "
            "Check the ledger, then start a new entry."
        )
    return earlier


def reverse(
    *,
    original: LedgerTransaction,
    reason: str,
    idempotency_key: str,
    actor: Any,
    request: HttpRequest | None = None,
    effective_on: dt.date | None = None,
) -> Posted:
    """Put a mistake right: a new transaction with every entry of ``original`` negated."""
    if original.kind == Kind.REVERSAL:
        raise PostingRefused("A correction cannot itself be reversed; post a new entry instead.")
    if LedgerTransaction.objects.filter(reverses=original).exists():
        raise PostingRefused("This entry has already been reversed.")
    lines = [Line(entry.account, -entry.amount_pence) for entry in original.entries.all()]
    return post(
        fund=original.fund,
        kind=Kind.REVERSAL,
        lines=lines,
        effective_on=effective_on or original.effective_on,
        description=f"Correction: {reason.strip()}" if reason.strip() else "",
        counterparty=original.counterparty,
        minutes=original.minutes,
        pot=original.pot,
        reverses=original,
        idempotency_key=idempotency_key,
        actor=actor,
        request=request,
    )


# --- The everyday postings, so callers never assemble entries by hand ----------------------


def spend_lines(account: str, amount_pence: int, *, from_banked: bool = False) -> list[Line]:
    source = Account.BANKED if from_banked else Account.AVAILABLE
    return [Line(account, amount_pence), Line(source, -amount_pence)]


def allocation_lines(amount_pence: int) -> list[Line]:
    return [Line(Account.AVAILABLE, amount_pence), Line(Account.COUNCIL, -amount_pence)]


def planned_lines(amount_pence: int) -> list[Line]:
    return [Line(Account.PLANNED, amount_pence), Line(Account.PLANNED_CONTRA, -amount_pence)]


def bank_lines(amount_pence: int) -> list[Line]:
    return [Line(Account.BANKED, amount_pence), Line(Account.AVAILABLE, -amount_pence)]


def unbank_lines(amount_pence: int) -> list[Line]:
    return [Line(Account.AVAILABLE, amount_pence), Line(Account.BANKED, -amount_pence)]


def refund_lines(account: str, amount_pence: int) -> list[Line]:
    """Money coming back from a supplier into the fund, against what was spent with them."""
    return [Line(Account.AVAILABLE, amount_pence), Line(account, -amount_pence)]


def return_to_council_lines(amount_pence: int) -> list[Line]:
    return [Line(Account.COUNCIL, amount_pence), Line(Account.AVAILABLE, -amount_pence)]
