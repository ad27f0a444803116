"""A fund's balances, always summed from its ledger entries (never stored).

Signs: entries are debit-positive. The person's money (``AVAILABLE``, ``BANKED``) and what was
spent are debit balances, so they read as positive amounts; council funding is a credit, shown
as the positive amount received.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Sum

from ..models import Account, LedgerEntry


@dataclass(frozen=True)
class Balances:
    available_pence: int
    banked_pence: int
    received_pence: int
    spent_pence: int

    @property
    def held_pence(self) -> int:
        """All the person's money the provider holds: to spend now plus banked."""
        return self.available_pence + self.banked_pence


def account_totals(
    fund_ids: Iterable[int], *, before: dt.date | None = None, using: str = "default"
) -> dict[int, dict[str, int]]:
    """Per fund, per account: the sum of entries (effective before ``before``, if given). One
    query however many funds. ``using`` names another database (the restore drill compares a
    restored copy's balances with the backup's)."""
    entries = LedgerEntry.objects.using(using).filter(fund_id__in=list(fund_ids))
    if before is not None:
        entries = entries.filter(effective_on__lt=before)
    totals: dict[int, dict[str, int]] = {}
    for row in entries.values("fund_id", "account").annotate(total=Sum("amount_pence")):
        totals.setdefault(row["fund_id"], {})[row["account"]] = int(row["total"])
    return totals


def balances_from_totals(totals: dict[str, int]) -> Balances:
    return Balances(
        available_pence=totals.get(Account.AVAILABLE, 0),
        banked_pence=totals.get(Account.BANKED, 0),
        received_pence=-totals.get(Account.COUNCIL, 0),
        spent_pence=sum(
            totals.get(account, 0)
            for account in (
                Account.PROVIDER_SUPPORT,
                Account.OTHER_SUPPLIERS,
                Account.MANAGEMENT_FEE,
                Account.PURCHASES,
            )
        ),
    )


def fund_balances(fund_id: int, *, before: dt.date | None = None) -> Balances:
    return balances_from_totals(account_totals([fund_id], before=before).get(fund_id, {}))
