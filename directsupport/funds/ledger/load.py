"""Loading many postings at once: a fund's history brought over from the finance system the block
contract was run on, the demo's months of history, and the benchmark's million entries.

Every transaction is checked as ``posting.post`` checks it (balanced, non-zero whole pence, a
known kind, something said about what it is for, an idempotency key never used before), and
everything is written in one database transaction or not at all. The overdraft rule is checked
on where each fund ends up, not after every posting: history is already what happened.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from directsupport.audit.models import Action
from directsupport.audit.services import record_event
from directsupport.lib.money import format_pence

from ..models import (
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
from .posting import Line, PostingRefused, check_lines, fingerprint, would_overdraw

BATCH_SIZE = 2000
# SQLite allows at most 32,766 parameters in a statement; stay well below.
KEYS_PER_QUERY = 900


@dataclass(frozen=True)
class Posting:
    fund: Fund
    kind: str
    lines: Sequence[Line]
    effective_on: dt.date
    description: str
    idempotency_key: str
    counterparty: str = ""
    minutes: int | None = None
    pot: BankingPot | None = None
    posted_at: dt.datetime | None = None


@dataclass
class Loaded:
    transactions: list[LedgerTransaction] = field(default_factory=list)
    entries: int = 0


def load_postings(postings: Sequence[Posting], *, actor: Any, reason: str) -> Loaded:
    """Write ``postings`` (in order) or nothing; raises PostingRefused naming the first problem.

    One audit row per fund says how many transactions were loaded and why.
    """
    _check(postings)
    _check_end_balances(postings)
    loaded = Loaded()
    with transaction.atomic():
        rows = [
            LedgerTransaction(
                fund=posting.fund,
                kind=posting.kind,
                effective_on=posting.effective_on,
                posted_at=posting.posted_at or timezone.now(),
                description=posting.description.strip(),
                counterparty=posting.counterparty.strip(),
                minutes=posting.minutes,
                pot=posting.pot,
                idempotency_key=posting.idempotency_key,
                fingerprint=fingerprint(
                    fund=posting.fund,
                    kind=posting.kind,
                    lines=posting.lines,
                    effective_on=posting.effective_on,
                    description=posting.description,
                    counterparty=posting.counterparty,
                    minutes=posting.minutes,
                    pot=posting.pot,
                    reverses=None,
                ),
                posted_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            for posting in postings
        ]
        loaded.transactions = LedgerTransaction.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        entries = [
            LedgerEntry(
                transaction=row,
                fund_id=row.fund_id,
                effective_on=row.effective_on,
                account=line.account,
                amount_pence=line.amount_pence,
            )
            for row, posting in zip(loaded.transactions, postings, strict=True)
            for line in posting.lines
        ]
        LedgerEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
        loaded.entries = len(entries)
        per_fund = Counter(posting.fund.pk for posting in postings)
        people = {posting.fund.pk: posting.fund.person_id for posting in postings}
        for fund_id, count in per_fund.items():
            record_event(
                actor=actor,
                action=Action.CREATE,
                person_id=people[fund_id],
                subject_type="funds.fund",
                subject_id=str(fund_id),
                summary=f"Loaded {count} ledger transactions: {reason}"[:300],
            )
    refresh_planner_statistics()
    return loaded


def refresh_planner_statistics() -> None:
    """After a bulk load on PostgreSQL, let the query planner see how big the money tables now
    are: until autovacuum gets to them (and never, inside the loading transaction) it plans as
    if they were still empty, and a join planned that way scans whole tables once a row."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE funds_ledgertransaction, funds_ledgerentry, funds_supportsession"
            )


def _check(postings: Sequence[Posting]) -> None:
    keys = [posting.idempotency_key for posting in postings]
    repeated = [key for key, count in Counter(keys).items() if count > 1]
    if repeated:
        raise PostingRefused(f"The idempotency key {repeated[0]!r} is used twice.")
    for posting in postings:
        check_lines(posting.lines)
        if posting.kind not in Kind.values or posting.kind == Kind.REVERSAL:
            raise PostingRefused(f"Cannot load a posting of kind {posting.kind!r}.")
        if not posting.description.strip():
            raise PostingRefused("Every posting must say what the money is for.")
    used: set[str] = set()
    for start in range(0, len(keys), KEYS_PER_QUERY):
        used.update(
            LedgerTransaction.objects.filter(
                idempotency_key__in=keys[start : start + KEYS_PER_QUERY]
            ).values_list("idempotency_key", flat=True)
        )
    if used:
        raise PostingRefused(f"The idempotency key {sorted(used)[0]!r} has already been posted.")


def _check_end_balances(postings: Sequence[Posting]) -> None:
    funds = {posting.fund.pk: posting.fund for posting in postings}
    totals = account_totals(funds)
    moved: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for posting in postings:
        for line in posting.lines:
            moved[posting.fund.pk][line.account] += line.amount_pence
    overdrafts = dict(
        Agreement.objects.filter(fund_id__in=funds, status=AgreementStatus.APPROVED).values_list(
            "fund_id", "overdraft_limit_pence"
        )
    )
    for fund_id, fund in funds.items():
        before = totals.get(fund_id, {})
        broken = would_overdraw(
            available_pence=before.get(Account.AVAILABLE, 0) + moved[fund_id][Account.AVAILABLE],
            banked_pence=before.get(Account.BANKED, 0) + moved[fund_id][Account.BANKED],
            limit_pence=overdrafts.get(fund_id, 0),
        )
        if broken is None:
            continue
        if broken.account == Account.BANKED:
            raise PostingRefused(
                f"{fund.reference} would end with {format_pence(broken.after_pence)} banked."
            )
        raise PostingRefused(
            f"{fund.reference} would end at {format_pence(broken.after_pence)}, "
            "beyond its overdraft."
        )
