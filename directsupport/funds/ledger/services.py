"""What the ledger pages show, and the postings finance and managers make by hand.

The money itself only ever moves through ``posting.post()`` and ``posting.reverse()``; this module
chooses the entries for each kind of hand posting, checks what those functions cannot know (a
refund is never more than was spent with that kind of supplier), and reads the ledger for the
pages in a fixed number of queries however long it is.

The running balance: each row shows the money to spend after it, in the ledger's order (the day
the money belongs to, then the order it was posted). It is computed by the database for the rows
on the page only, so a page of 25 rows costs the same however long the fund's history is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError
from django.db.models import BigIntegerField, Max, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest

from directsupport.lib.money import format_pence

from ..agreements.terms import fee_a_week_pence
from ..models import (
    Account,
    Agreement,
    AgreementStatus,
    Fund,
    Kind,
    LedgerEntry,
    LedgerTransaction,
)
from . import posting
from .balances import Balances, balances_from_totals

# How far ahead a posting may be dated: a month's payment made in advance, not a typing slip.
MAX_DAYS_AHEAD = 31
RECENT_COUNT = 10
KEY_PREFIX = "ledger-form:"
REVERSAL_KEY_PREFIX = "ledger-correction:"


class RefundTooLarge(posting.PostingRefused):
    """A refund bigger than everything spent with that kind of supplier."""


# --- Postings made by hand --------------------------------------------------------------------


@dataclass(frozen=True)
class HandPosting:
    """One choice on the 'Record money in or out' form."""

    kind: str
    label: str
    account: str  # the fund's account on the other side of money to spend
    takes_money: bool
    counterparty_required: bool
    from_council: bool = False


HAND_POSTINGS: dict[str, HandPosting] = {
    "supplier_payment": HandPosting(
        kind=Kind.SUPPLIER_PAYMENT,
        label="A payment to another supplier",
        account=Account.OTHER_SUPPLIERS,
        takes_money=True,
        counterparty_required=True,
    ),
    "purchase": HandPosting(
        kind=Kind.PURCHASE,
        label="Equipment or a one-off purchase",
        account=Account.PURCHASES,
        takes_money=True,
        counterparty_required=True,
    ),
    "refund_support": HandPosting(
        kind=Kind.REFUND,
        label="A refund from a supplier of support",
        account=Account.OTHER_SUPPLIERS,
        takes_money=False,
        counterparty_required=True,
    ),
    "refund_purchase": HandPosting(
        kind=Kind.REFUND,
        label="A refund for equipment or a purchase",
        account=Account.PURCHASES,
        takes_money=False,
        counterparty_required=True,
    ),
    "return_to_council": HandPosting(
        kind=Kind.RETURN_TO_COUNCIL,
        label="Money returned to the council",
        account=Account.COUNCIL,
        takes_money=True,
        counterparty_required=False,
        from_council=True,
    ),
    "extra_allocation": HandPosting(
        kind=Kind.ALLOCATION,
        label="A one-off extra allocation from the council",
        account=Account.COUNCIL,
        takes_money=False,
        counterparty_required=False,
        from_council=True,
    ),
}


def hand_posting_lines(choice: HandPosting, amount_pence: int) -> list[posting.Line]:
    if choice.takes_money:
        return [
            posting.Line(choice.account, amount_pence),
            posting.Line(Account.AVAILABLE, -amount_pence),
        ]
    return [
        posting.Line(Account.AVAILABLE, amount_pence),
        posting.Line(choice.account, -amount_pence),
    ]


def posting_dates(fund: Fund, today: dt.date) -> tuple[dt.date | None, dt.date]:
    """The earliest and latest day a hand posting may be dated: not before the fund's first
    agreement started (the first version that was ever in force, else the first drafted), and
    no more than MAX_DAYS_AHEAD days ahead."""
    versions = Agreement.objects.filter(fund=fund)
    in_force = versions.filter(
        status__in=[AgreementStatus.APPROVED, AgreementStatus.SUPERSEDED]
    ).aggregate(first=Min("starts_on"))["first"]
    earliest = in_force or versions.aggregate(first=Min("starts_on"))["first"]
    return earliest, today + dt.timedelta(days=MAX_DAYS_AHEAD)


def post_by_hand(
    *,
    fund: Fund,
    choice: str,
    effective_on: dt.date,
    amount_pence: int,
    description: str,
    counterparty: str,
    form_key: str,
    actor: Any,
    request: HttpRequest | None = None,
) -> posting.Posted:
    """Post what finance typed. A form submitted twice (same ``form_key``, same content) posts
    once; raises posting.PostingRefused (or WouldOverdraw, IdempotencyConflict, RefundTooLarge)."""
    hand = HAND_POSTINGS[choice]
    # A resubmitted refund is replayed by post(), not checked again against the spending it
    # has itself already reduced.
    if hand.kind == Kind.REFUND and posted_with_form_key(form_key) is None:
        _check_refund(fund, hand, amount_pence)
    if hand.from_council and not counterparty.strip():
        counterparty = fund.council.name
    return posting.post(
        fund=fund,
        kind=hand.kind,
        lines=hand_posting_lines(hand, amount_pence),
        effective_on=effective_on,
        description=description,
        counterparty=counterparty,
        idempotency_key=KEY_PREFIX + form_key,
        actor=actor,
        request=request,
    )


def _check_refund(fund: Fund, posting: HandPosting, amount_pence: int) -> None:
    spent = (
        LedgerEntry.objects.filter(fund=fund, account=posting.account).aggregate(
            total=Sum("amount_pence")
        )["total"]
        or 0
    )
    if amount_pence > spent:
        what = Account(posting.account).label.lower()
        raise RefundTooLarge(
            f"A refund cannot be more than was spent: {format_pence(max(spent, 0))} has gone on "
            f"{what} so far."
        )


def posted_with_form_key(form_key: str) -> LedgerTransaction | None:
    """The transaction a form key already posted, if any (to link to it after a conflict)."""
    return LedgerTransaction.objects.filter(idempotency_key=KEY_PREFIX + form_key).first()


# --- Corrections ------------------------------------------------------------------------------


def why_not_reversible(original: LedgerTransaction) -> str:
    """Empty when the transaction may be corrected; otherwise why not, in words to show."""
    if original.kind == Kind.REVERSAL:
        return "This is a correction itself, so it cannot be reversed. Post a new entry instead."
    if LedgerTransaction.objects.filter(reverses=original).exists():
        return "This entry has already been corrected, so it cannot be reversed again."
    return ""


def reverse_by_hand(
    *,
    original: LedgerTransaction,
    reason: str,
    form_key: str,
    actor: Any,
    request: HttpRequest | None = None,
) -> posting.Posted:
    """Correct ``original`` with a reversing transaction. The same form submitted twice posts
    once (the second is shown what the first did); a second correction is refused."""
    key = REVERSAL_KEY_PREFIX + form_key
    already = LedgerTransaction.objects.filter(idempotency_key=key, reverses=original).first()
    if already is not None:
        return posting.Posted(transaction=already, replayed=True)
    try:
        return posting.reverse(
            original=original, reason=reason, idempotency_key=key, actor=actor, request=request
        )
    except IntegrityError as error:
        # Two corrections of one entry raced: the database let only the first in.
        raise posting.PostingRefused(
            "This entry has already been corrected, so it cannot be reversed again."
        ) from error


# --- Reading the ledger -----------------------------------------------------------------------


@dataclass(frozen=True)
class MoneySummary:
    now: Balances
    agreement: Agreement | None
    since: dt.date | None  # the agreement's start: received and spent count from then
    received_since_pence: int
    spent_since_pence: int


def percent_text(basis_points: int) -> str:
    """800 -> "8%", 850 -> "8.5%", 825 -> "8.25%": exact, never a float."""
    whole, hundredths = divmod(basis_points, 100)
    return f"{whole}.{hundredths:02d}".rstrip("0").rstrip(".") + "%"


def weekly_fee_pence(agreement: Agreement) -> int:
    """A percentage fee on a week's budget, to the penny, rounded half up."""
    return fee_a_week_pence(agreement)


def money_summary(fund: Fund, agreement: Agreement | None) -> MoneySummary:
    """What the fund holds now, and what came in and went out since the agreement started, in
    one query."""
    since = agreement.starts_on if agreement else None
    period = Q(effective_on__gte=since) if since else Q()
    rows = (
        LedgerEntry.objects.filter(fund=fund)
        .values("account")
        .annotate(total=Sum("amount_pence"), in_period=Sum("amount_pence", filter=period))
        .order_by()
    )
    totals: dict[str, int] = {}
    period_totals: dict[str, int] = {}
    for row in rows:
        totals[row["account"]] = int(row["total"])
        period_totals[row["account"]] = int(row["in_period"] or 0)
    in_period = balances_from_totals(period_totals)
    return MoneySummary(
        now=balances_from_totals(totals),
        agreement=agreement,
        since=since,
        received_since_pence=in_period.received_pence,
        spent_since_pence=in_period.spent_pence,
    )


@dataclass(frozen=True)
class LedgerRow:
    transaction: LedgerTransaction
    money_in_pence: int | None
    money_out_pence: int | None
    banked_in_pence: int | None  # money put into banked money
    banked_out_pence: int | None  # money taken from banked money
    to_spend_after_pence: int
    corrected_by: LedgerTransaction | None

    @property
    def is_memo(self) -> bool:
        """Planned support: hours written down, no money moved."""
        return not (
            self.money_in_pence
            or self.money_out_pence
            or self.banked_in_pence
            or self.banked_out_pence
        )


def _to_spend_after() -> Coalesce:
    """Money to spend after this transaction: every entry to money to spend up to it in the
    ledger's order (day, then posting order), summed by the database for the rows shown."""
    earlier_or_this = Q(effective_on__lt=OuterRef("effective_on")) | Q(
        effective_on=OuterRef("effective_on"), transaction_id__lte=OuterRef("pk")
    )
    total = (
        LedgerEntry.objects.filter(fund=OuterRef("fund_id"), account=Account.AVAILABLE)
        .filter(earlier_or_this)
        .order_by()
        .values("fund")
        .annotate(total=Sum("amount_pence"))
        .values("total")
    )
    return Coalesce(Subquery(total), 0, output_field=BigIntegerField())


def ledger_transactions(fund: Fund) -> QuerySet[LedgerTransaction]:
    """The fund's transactions newest first, ready for ``ledger_rows``."""
    return (
        LedgerTransaction.objects.filter(fund=fund)
        .select_related("reverses", "reversed_by")
        .prefetch_related("entries")
        .annotate(to_spend_after=_to_spend_after())
        .order_by("-effective_on", "-id")
    )


def ledger_rows(transactions: Iterable[LedgerTransaction]) -> list[LedgerRow]:
    rows = []
    for posted in transactions:
        entries = list(posted.entries.all())
        to_spend = sum(e.amount_pence for e in entries if e.account == Account.AVAILABLE)
        banked = sum(e.amount_pence for e in entries if e.account == Account.BANKED)
        rows.append(
            LedgerRow(
                transaction=posted,
                money_in_pence=to_spend if to_spend > 0 else None,
                money_out_pence=-to_spend if to_spend < 0 else None,
                banked_in_pence=banked if banked > 0 else None,
                banked_out_pence=-banked if banked < 0 else None,
                to_spend_after_pence=posted.to_spend_after,  # type: ignore[attr-defined]
                corrected_by=_reversed_by(posted),
            )
        )
    return rows


def _reversed_by(posted: LedgerTransaction) -> LedgerTransaction | None:
    try:
        return posted.reversed_by
    except LedgerTransaction.DoesNotExist:
        return None


def ledger_months(fund: Fund) -> list[dt.date]:
    """The first day of every month from the fund's first transaction to its last, newest
    first (the month filter's choices)."""
    span = LedgerTransaction.objects.filter(fund=fund).aggregate(
        first=Min("effective_on"), last=Max("effective_on")
    )
    if span["first"] is None:
        return []
    month = span["last"].replace(day=1)
    first = span["first"].replace(day=1)
    months = []
    while month >= first:
        months.append(month)
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return months


def filter_ledger(
    transactions: QuerySet[LedgerTransaction], *, month: dt.date | None, kind: str | None
) -> QuerySet[LedgerTransaction]:
    if month is not None:
        next_month = (month + dt.timedelta(days=32)).replace(day=1)
        transactions = transactions.filter(effective_on__gte=month, effective_on__lt=next_month)
    if kind:
        transactions = transactions.filter(kind=kind)
    return transactions
