"""A contract's planned spending in each person's ISF ledger, kept equal to what the contract
says they pay.

**The scheme.** For every party and every calendar month the contract covers, one posting of
kind "Support planned" (``funds.ledger.posting.planned_lines``: the memo pair, so it never moves the
person's money) holding that person's share of the month (``shares.monthly_amounts``). The
months run from the start to the last day paid for: the contract's end date (inclusive) or,
for a contract with no end, ``HORIZON_MONTHS`` months ahead of today, topped up by the daily
task as the months go by.

``sync_planned_postings`` is the one function that writes them. It works out what each
(party, month) should hold, compares it with what is posted and not reversed, and for each
difference reverses the posting (``funds.ledger.posting.reverse``) and posts the right amount
under a new revision of the key ``contract:<contract>:party:<party>:<YYYY-MM>:r<n>``. Running it
again posts nothing. After a member leaves, or notice is given, or the contract ends, the net of
each person's postings for the contract is exactly the sum of their segment shares, to the penny.

The ledger decides what may be posted: a refusal (``funds.ledger.posting.PostingRefused``) is
passed on with the ledger's own words, and nothing of the change is kept.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.http import HttpRequest

from directsupport.funds.ledger import posting
from directsupport.funds.models import Account, Kind, LedgerTransaction

from ..models import Contract, ContractStatus
from .shares import Segment, ShareWindow, month_end, monthly_amounts, segments

HORIZON_MONTHS = 12
PAID_STATES = frozenset({ContractStatus.ACTIVE, ContractStatus.ENDING, ContractStatus.ENDED})


def key_prefix(contract: Contract) -> str:
    return f"contract:{contract.pk}:"


def _month_prefix(contract: Contract, party_id: int, month: dt.date) -> str:
    return f"{key_prefix(contract)}party:{party_id}:{month:%Y-%m}:"


def share_windows(contract: Contract) -> list[ShareWindow]:
    return [
        ShareWindow(change.effective_from, {int(pid): bp for pid, bp in change.shares.items()})
        for change in contract.share_changes.order_by("effective_from", "id")
    ]


def contract_weekday(contract: Contract) -> int:
    return contract.weekday if contract.weekday is not None else contract.starts_on.weekday()


def last_paid_day(contract: Contract, today: dt.date) -> dt.date | None:
    """The last day the contract pays for; None when nothing is paid (not active yet, or ended
    before it started)."""
    if contract.status not in PAID_STATES:
        return None
    if contract.ends_on is not None:
        return contract.ends_on
    if contract.status == ContractStatus.ENDED:
        return None
    return month_end(max(today, contract.starts_on) + relativedelta(months=HORIZON_MONTHS - 1))


def planned_segments(contract: Contract, today: dt.date) -> list[Segment]:
    last = last_paid_day(contract, today)
    if last is None:
        return []
    return segments(
        weekday=contract_weekday(contract),
        pence_a_week=contract.pence_a_week,
        windows=share_windows(contract),
        first=contract.starts_on,
        last=last,
    )


@dataclass(frozen=True)
class SyncResult:
    posted: int
    reversed: int


def _planned_amount(posted: LedgerTransaction) -> int:
    return sum(
        entry.amount_pence for entry in posted.entries.all() if entry.account == Account.PLANNED
    )


@transaction.atomic
def sync_planned_postings(
    *, contract: Contract, actor: Any, today: dt.date, request: HttpRequest | None = None
) -> SyncResult:
    """Make each party's planned postings for the contract what they should be (see the module
    docstring). Raises funds.ledger.posting.PostingRefused with the ledger's message."""
    parties = {party.pk: party for party in contract.parties.select_related("fund", "person")}
    party_of_person = {party.person_id: party for party in parties.values()}
    wanted: dict[tuple[int, dt.date], int] = {}
    for (person_id, month), pence in monthly_amounts(planned_segments(contract, today)).items():
        wanted[(party_of_person[person_id].pk, month)] = pence
    live: dict[tuple[int, dt.date], LedgerTransaction] = {}
    revisions: dict[tuple[int, dt.date], int] = defaultdict(int)
    for posted in (
        LedgerTransaction.objects.filter(
            idempotency_key__startswith=key_prefix(contract), kind=Kind.PLANNED_SUPPORT
        )
        .prefetch_related("entries")
        .select_related("reversed_by")
    ):
        _, _, _, party_text, month_text, _ = posted.idempotency_key.split(":")
        key = (int(party_text), dt.date.fromisoformat(f"{month_text}-01"))
        revisions[key] += 1
        if not hasattr(posted, "reversed_by"):
            live[key] = posted
    posted_count = reversed_count = 0
    supplier = contract.supplier.organisation.name
    for key in sorted(set(wanted) | set(live)):
        party_id, month = key
        amount = wanted.get(key, 0)
        current = live.get(key)
        if current is not None and _planned_amount(current) == amount:
            continue
        if current is not None:
            posting.reverse(
                original=current,
                reason=f"{contract.reference} changed: the planned amount is worked out again",
                idempotency_key=f"{current.idempotency_key}:reversed",
                actor=actor,
                request=request,
            )
            reversed_count += 1
        if amount:
            party = parties[party_id]
            if party.fund is None:
                raise posting.PostingRefused(
                    f"{party.person.display_name} has no ISF, so {contract.reference} cannot "
                    "be planned in it."
                )
            posting.post(
                fund=party.fund,
                kind=Kind.PLANNED_SUPPORT,
                lines=posting.planned_lines(amount),
                effective_on=max(month, contract.starts_on),
                description=(
                    f"Support planned for {month:%B %Y}: {contract.reference} {contract.service}"
                )[:300],
                counterparty=supplier[:200],
                idempotency_key=f"{_month_prefix(contract, party_id, month)}r{revisions[key] + 1}",
                actor=actor,
                request=request,
            )
            posted_count += 1
    return SyncResult(posted=posted_count, reversed=reversed_count)


def planned_totals(contract: Contract) -> dict[int, int]:
    """{party id: net pence planned for the contract} from the ledger itself (postings less
    their reversals), for checking and showing."""
    totals: dict[int, int] = defaultdict(int)
    for posted in LedgerTransaction.objects.filter(
        idempotency_key__startswith=key_prefix(contract)
    ).prefetch_related("entries"):
        party_id = int(posted.idempotency_key.split(":")[3])
        totals[party_id] += _planned_amount(posted)
    return dict(totals)
