"""Test data for statements and reconciliation (task S): a hand-worked month for Dee.

Dee's May 2026, worked by hand (pence):

- April: the council gives 260,000; the 8% fee is 20,800; 30,000 is banked for a holiday.
  Held at the start of May: 260,000 - 20,800 = 239,200 (209,200 to spend, 30,000 banked).
- May: the council gives 260,000; the fee is 20,800; 52 hours planned; Willowbrook delivers
  30 hours at £32.00 (96,000) and Bright Days CIC 18 hours at £30.00 (54,000) - 48 hours; a
  kettle from Argos for 2,500, then reversed as a mistake (+2,500 correction); Bright Days
  refunds 1,000; 10,000 more is banked for the holiday; 5,000 goes back to the council.
- Money in: 260,000 + 1,000 + 2,500 (correction) = 263,500.
  Money out: 96,000 + 54,000 + 2,500 + 20,800 + 5,000 = 178,300.
  Held at the end of May: 239,200 + 263,500 - 178,300 = 324,400, of which 40,000 banked.
- June: another 260,000 from the council (not in May's statement).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from directsupport.funds.ledger import posting
from directsupport.funds.models import Account, BankingPot, Fund, Kind, SupportSession
from directsupport.week.models import SupportKind

from .conftest import new_key

MAY = dt.date(2026, 5, 1)


def post(fund: Fund, kind: str, lines: list[posting.Line], on: dt.date, actor: Any, **extra: Any):
    return posting.post(
        fund=fund,
        kind=kind,
        lines=lines,
        effective_on=on,
        description=extra.pop("description", str(Kind(kind).label)),
        idempotency_key=new_key("s"),
        actor=actor,
        **extra,
    ).transaction


def deliver(
    fund: Fund,
    *,
    on: dt.date,
    minutes: int,
    rate_pence: int,
    supplier: str,
    account: str,
    actor: Any,
    hour: int = 9,
) -> SupportSession:
    cost = (minutes * rate_pence + 30) // 60
    posted = post(
        fund,
        Kind.DELIVERED_SUPPORT,
        posting.spend_lines(account, cost),
        on,
        actor,
        counterparty=supplier,
        minutes=minutes,
        description=f"Support from {supplier}",
    )
    return SupportSession.objects.create(
        fund=fund,
        delivered_on=on,
        starts_at=dt.time(hour, 0),
        minutes=minutes,
        support_kind=SupportKind.PERSONAL_CARE,
        supplier_name=supplier,
        hourly_rate_pence=rate_pence,
        cost_pence=cost,
        source="recorded",
        transaction=posted,
    )


def hand_worked_may(fund: Fund, actor: Any) -> dict[str, Any]:
    """Posts Dee's April, May and June as described above."""
    council = fund.council.name
    april = dt.date(2026, 4, 1)
    post(
        fund, Kind.ALLOCATION, posting.allocation_lines(260_000), april, actor, counterparty=council
    )
    post(
        fund,
        Kind.MANAGEMENT_FEE,
        posting.spend_lines(Account.MANAGEMENT_FEE, 20_800),
        april,
        actor,
        counterparty="Willowbrook Support",
    )
    pot = BankingPot.objects.create(fund=fund, purpose="A holiday in Devon")
    post(fund, Kind.BANK, posting.bank_lines(30_000), april, actor, pot=pot)

    post(fund, Kind.ALLOCATION, posting.allocation_lines(260_000), MAY, actor, counterparty=council)
    post(
        fund,
        Kind.MANAGEMENT_FEE,
        posting.spend_lines(Account.MANAGEMENT_FEE, 20_800),
        MAY,
        actor,
        counterparty="Willowbrook Support",
    )
    post(fund, Kind.PLANNED_SUPPORT, posting.planned_lines(166_400), MAY, actor, minutes=52 * 60)
    for day in range(10):  # 10 sessions of 3 hours
        deliver(
            fund,
            on=dt.date(2026, 5, 4 + day),
            minutes=180,
            rate_pence=3200,
            supplier="Willowbrook Support",
            account=Account.PROVIDER_SUPPORT,
            actor=actor,
        )
    for day in range(6):  # 6 sessions of 3 hours
        deliver(
            fund,
            on=dt.date(2026, 5, 18 + day),
            minutes=180,
            rate_pence=3000,
            supplier="Bright Days CIC",
            account=Account.OTHER_SUPPLIERS,
            actor=actor,
        )
    kettle = post(
        fund,
        Kind.PURCHASE,
        posting.spend_lines(Account.PURCHASES, 2_500),
        dt.date(2026, 5, 20),
        actor,
        counterparty="Argos",
        description="Kettle",
    )
    posting.reverse(original=kettle, reason="Bought twice", idempotency_key=new_key(), actor=actor)
    post(
        fund,
        Kind.REFUND,
        posting.refund_lines(Account.OTHER_SUPPLIERS, 1_000),
        dt.date(2026, 5, 25),
        actor,
        counterparty="Bright Days CIC",
    )
    post(fund, Kind.BANK, posting.bank_lines(10_000), dt.date(2026, 5, 26), actor, pot=pot)
    post(
        fund,
        Kind.RETURN_TO_COUNCIL,
        posting.return_to_council_lines(5_000),
        dt.date(2026, 5, 31),
        actor,
        counterparty=council,
    )
    post(
        fund,
        Kind.ALLOCATION,
        posting.allocation_lines(260_000),
        dt.date(2026, 6, 1),
        actor,
        counterparty=council,
    )
    return {"pot": pot, "kettle": kettle}
