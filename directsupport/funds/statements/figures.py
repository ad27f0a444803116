"""The figures of a monthly statement, worked out from the ledger and the sessions delivered.

``month_figures`` answers for any number of funds in three queries (GROUP BY, never one query
per fund), so every statement of a month for 10,000 funds is a handful of round trips.

Everything is whole pence, summed exactly. The person's money is what the provider holds for
them: money to spend plus money banked. Each movement of that money in the month lands in
exactly one line of the statement, by the kind of its transaction:

- money in: from the council (allocations), refunds, anything else that added money;
- money out: support and purchases (by who was paid and what for), the management fee on its
  own line, money returned to the council, anything else that took money;
- corrections (reversing entries): their net effect counts as money in when it added money and
  money out when it took money away.

Banking moves money between "to spend" and "banked" and so changes nothing held. The planned
support memo never touches the money. So, to the penny:
opening held + money in - money out = closing held.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Case, Count, F, Q, Sum, When

from ..hours.services import session_cost_pence
from ..models import (
    MONEY_ACCOUNTS,
    SPENDING_ACCOUNTS,
    Account,
    Kind,
    LedgerEntry,
    SupportSession,
)

# Kinds whose money goes to whoever gave support or sold something, shown by who and what for.
SPEND_KINDS = frozenset({Kind.DELIVERED_SUPPORT, Kind.SUPPLIER_PAYMENT, Kind.PURCHASE})
# Kinds that only move money inside the fund (or never touch it).
INTERNAL_KINDS = frozenset({Kind.BANK, Kind.UNBANK, Kind.PLANNED_SUPPORT})


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return month_start(day) + relativedelta(months=1)


def previous_month(day: dt.date) -> dt.date:
    return month_start(day) - relativedelta(months=1)


def parse_month(text: str) -> dt.date | None:
    """ "2026-10" -> 1 October 2026; anything else (including "2026-10-05") -> None."""
    parts = text.split("-")
    if len(parts) != 2 or len(parts[0]) != 4 or len(parts[1]) != 2:
        return None
    if not (parts[0].isdigit() and parts[1].isdigit()):
        return None
    year, month = int(parts[0]), int(parts[1])
    if not (2000 <= year <= 2999 and 1 <= month <= 12):
        return None
    return dt.date(year, month, 1)


@dataclass(frozen=True)
class MoneyLine:
    """Money to or from someone (``who``, blank when nobody is named) for a kind of thing."""

    who: str
    what: str  # a Kind value (for corrections: the kind of the entry corrected)
    amount_pence: int

    @property
    def what_label(self) -> str:
        return Kind(self.what).label if self.what in Kind.values else "Other"


@dataclass(frozen=True)
class SupplierHours:
    """Support delivered in the month by one supplier at one hourly rate."""

    supplier: str
    hourly_rate_pence: int
    minutes: int
    sessions: int
    cost_pence: int

    @property
    def rounding_pence(self) -> int:
        """How far the line's cost is from its hours times its rate. Each session is costed to
        the penny on its own (hours.services.session_cost_pence), so a line adding up many
        sessions may come to a few pence more or less; the statement says so, and by how much,
        instead of showing figures that do not multiply back."""
        return self.cost_pence - session_cost_pence(self.minutes, self.hourly_rate_pence)

    @property
    def rounding_size_pence(self) -> int:
        return abs(self.rounding_pence)


@dataclass(frozen=True)
class PotBalance:
    """Money banked for one purpose at the end of the month (``purpose`` blank: no pot)."""

    purpose: str
    amount_pence: int


@dataclass(frozen=True)
class StatementFigures:
    fund_id: int
    month: str  # ISO date of the month's first day
    opening_available_pence: int = 0
    opening_banked_pence: int = 0
    from_council_pence: int = 0
    refunds: list[MoneyLine] = field(default_factory=list)
    other_in: list[MoneyLine] = field(default_factory=list)
    spent: list[MoneyLine] = field(default_factory=list)
    management_fee_pence: int = 0
    returned_to_council_pence: int = 0
    other_out: list[MoneyLine] = field(default_factory=list)
    corrections: list[MoneyLine] = field(default_factory=list)
    # What support and purchases cost, by the account they were paid from (reconciliation).
    spent_with_provider_pence: int = 0
    spent_with_other_suppliers_pence: int = 0
    spent_on_purchases_pence: int = 0
    planned_minutes: int = 0
    delivered_minutes: int = 0
    suppliers: list[SupplierHours] = field(default_factory=list)
    banked_pots: list[PotBalance] = field(default_factory=list)
    closing_available_pence: int = 0
    closing_banked_pence: int = 0

    # --- Totals (derived, so they can never disagree with the lines) ------------------------

    @property
    def month_date(self) -> dt.date:
        return dt.date.fromisoformat(self.month)

    @property
    def opening_held_pence(self) -> int:
        return self.opening_available_pence + self.opening_banked_pence

    @property
    def closing_held_pence(self) -> int:
        return self.closing_available_pence + self.closing_banked_pence

    @property
    def refunds_pence(self) -> int:
        return sum(line.amount_pence for line in self.refunds)

    @property
    def other_in_pence(self) -> int:
        return sum(line.amount_pence for line in self.other_in)

    @property
    def spent_pence(self) -> int:
        return sum(line.amount_pence for line in self.spent)

    @property
    def other_out_pence(self) -> int:
        return sum(line.amount_pence for line in self.other_out)

    @property
    def corrections_pence(self) -> int:
        """The net effect of corrections on the money held: positive when money came back."""
        return sum(line.amount_pence for line in self.corrections)

    @property
    def money_in_pence(self) -> int:
        return (
            self.from_council_pence
            + self.refunds_pence
            + self.other_in_pence
            + max(self.corrections_pence, 0)
        )

    @property
    def money_out_pence(self) -> int:
        return (
            self.spent_pence
            + self.management_fee_pence
            + self.returned_to_council_pence
            + self.other_out_pence
            + max(-self.corrections_pence, 0)
        )

    @property
    def spent_otherwise_pence(self) -> int:
        """Spending not paid from a spending account (only if entries were posted oddly)."""
        return self.spent_pence - (
            self.spent_with_provider_pence
            + self.spent_with_other_suppliers_pence
            + self.spent_on_purchases_pence
        )

    @property
    def balances(self) -> bool:
        return self.opening_held_pence + self.money_in_pence - self.money_out_pence == (
            self.closing_held_pence
        )

    # --- Snapshots ----------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StatementFigures:
        lists = {
            "refunds": MoneyLine,
            "other_in": MoneyLine,
            "spent": MoneyLine,
            "other_out": MoneyLine,
            "corrections": MoneyLine,
            "suppliers": SupplierHours,
            "banked_pots": PotBalance,
        }
        values = dict(data)
        for name, line_type in lists.items():
            values[name] = [line_type(**item) for item in data.get(name, [])]
        return cls(**values)


def month_figures(fund_ids: Iterable[int], month: dt.date) -> dict[int, StatementFigures]:
    """Each fund's statement figures for the month holding ``month``. Three queries however
    many funds: balances (opening, closing, banked by pot), the month's movements, sessions."""
    ids = list(fund_ids)
    start, end = month_start(month), next_month(month)
    builders = {fund_id: _Builder(fund_id) for fund_id in ids}
    if not ids:
        return {}
    _add_balances(builders, ids, start, end)
    _add_movements(builders, ids, start, end)
    _add_sessions(builders, ids, start, end)
    return {fund_id: builder.figures(start) for fund_id, builder in builders.items()}


@dataclass
class _Builder:
    fund_id: int
    opening: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    closing: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    pots: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    held_moves: dict[tuple[str, str, str], int] = field(default_factory=lambda: defaultdict(int))
    spent_by_account: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    planned_minutes: int = 0
    suppliers: list[SupplierHours] = field(default_factory=list)

    def figures(self, start: dt.date) -> StatementFigures:
        lines: dict[str, list[MoneyLine]] = defaultdict(list)
        from_council = fee = returned = 0
        for (kind, who, corrected_kind), amount in sorted(self.held_moves.items()):
            if amount == 0:
                continue
            if kind == Kind.ALLOCATION:
                from_council += amount
            elif kind == Kind.MANAGEMENT_FEE:
                fee -= amount
            elif kind == Kind.RETURN_TO_COUNCIL:
                returned -= amount
            elif kind == Kind.REFUND:
                lines["refunds"].append(MoneyLine(who, kind, amount))
            elif kind in SPEND_KINDS:
                lines["spent"].append(MoneyLine(who, kind, -amount))
            elif kind == Kind.REVERSAL:
                lines["corrections"].append(MoneyLine(who, corrected_kind or kind, amount))
            elif amount > 0:
                lines["other_in"].append(MoneyLine(who, kind, amount))
            else:
                lines["other_out"].append(MoneyLine(who, kind, -amount))
        return StatementFigures(
            fund_id=self.fund_id,
            month=start.isoformat(),
            opening_available_pence=self.opening[Account.AVAILABLE],
            opening_banked_pence=self.opening[Account.BANKED],
            from_council_pence=from_council,
            refunds=lines["refunds"],
            other_in=lines["other_in"],
            spent=sorted(lines["spent"], key=lambda line: (-line.amount_pence, line.who)),
            management_fee_pence=fee,
            returned_to_council_pence=returned,
            other_out=lines["other_out"],
            corrections=lines["corrections"],
            spent_with_provider_pence=self.spent_by_account[Account.PROVIDER_SUPPORT],
            spent_with_other_suppliers_pence=self.spent_by_account[Account.OTHER_SUPPLIERS],
            spent_on_purchases_pence=self.spent_by_account[Account.PURCHASES],
            planned_minutes=self.planned_minutes,
            delivered_minutes=sum(row.minutes for row in self.suppliers),
            suppliers=self.suppliers,
            banked_pots=[
                PotBalance(purpose, amount)
                for purpose, amount in sorted(self.pots.items())
                if amount
            ],
            closing_available_pence=self.closing[Account.AVAILABLE],
            closing_banked_pence=self.closing[Account.BANKED],
        )


def _add_balances(
    builders: dict[int, _Builder], ids: list[int], start: dt.date, end: dt.date
) -> None:
    """Opening and closing money held, and banked money by pot at the month's end."""
    rows = (
        LedgerEntry.objects.filter(
            fund_id__in=ids, account__in=list(MONEY_ACCOUNTS), effective_on__lt=end
        )
        .values("fund_id", "account", "transaction__pot__purpose")
        .annotate(
            before=Sum("amount_pence", filter=Q(effective_on__lt=start)),
            through=Sum("amount_pence"),
        )
        .order_by()
    )
    for row in rows:
        builder = builders[row["fund_id"]]
        builder.opening[row["account"]] += int(row["before"] or 0)
        builder.closing[row["account"]] += int(row["through"] or 0)
        if row["account"] == Account.BANKED:
            builder.pots[row["transaction__pot__purpose"] or ""] += int(row["through"] or 0)


def _add_movements(
    builders: dict[int, _Builder], ids: list[int], start: dt.date, end: dt.date
) -> None:
    """The month's movements of money held by kind, who and (for corrections) what was
    corrected; spending by account; planned minutes (signed, so corrections count)."""
    signed_minutes = Case(
        When(amount_pence__gt=0, then=F("transaction__minutes")),
        default=-F("transaction__minutes"),
    )
    rows = (
        LedgerEntry.objects.filter(fund_id__in=ids, effective_on__gte=start, effective_on__lt=end)
        .values(
            "fund_id",
            "account",
            "transaction__kind",
            "transaction__counterparty",
            "transaction__reverses__kind",
        )
        .annotate(total=Sum("amount_pence"), minutes=Sum(signed_minutes))
        .order_by()
    )
    for row in rows:
        builder = builders[row["fund_id"]]
        account, kind, total = row["account"], row["transaction__kind"], int(row["total"])
        if account in MONEY_ACCOUNTS:
            key = (kind, row["transaction__counterparty"], row["transaction__reverses__kind"] or "")
            builder.held_moves[key] += total
        elif account in SPENDING_ACCOUNTS and kind in SPEND_KINDS:
            builder.spent_by_account[account] += total
        elif account == Account.PLANNED:
            builder.planned_minutes += int(row["minutes"] or 0)


def _add_sessions(
    builders: dict[int, _Builder], ids: list[int], start: dt.date, end: dt.date
) -> None:
    """Support delivered in the month by supplier and hourly rate, leaving out sessions whose
    payment was corrected by the month's end (they show among the corrections)."""
    rows = (
        SupportSession.objects.filter(
            fund_id__in=ids, delivered_on__gte=start, delivered_on__lt=end
        )
        .exclude(transaction__reversed_by__effective_on__lt=end)
        .values("fund_id", "supplier_name", "hourly_rate_pence")
        .annotate(minutes=Sum("minutes"), sessions=Count("id"), cost=Sum("cost_pence"))
        .order_by("fund_id", "supplier_name", "hourly_rate_pence")
    )
    for row in rows:
        builders[row["fund_id"]].suppliers.append(
            SupplierHours(
                supplier=row["supplier_name"],
                hourly_rate_pence=int(row["hourly_rate_pence"]),
                minutes=int(row["minutes"]),
                sessions=int(row["sessions"]),
                cost_pence=int(row["cost"]),
            )
        )
