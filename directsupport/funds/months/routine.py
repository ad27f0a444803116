"""The monthly routine across every live ISF: open the month (allocation, fee, planned support:
``opening.open_month``) and, once the month is over, make the statements
(``statements.services.make_statements``).

A fund is live in a month when an agreement version that was approved covers some day of it.
Each fund's month opens all or nothing (``open_month`` is atomic and keyed), so running the
routine again posts nothing twice and a fund that is refused is left exactly as it was; the
refusals are collected and shown by person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from ..agreements.services import APPROVED_ONCE
from ..ledger.posting import PostingRefused
from ..models import Fund, LedgerTransaction, Statement
from ..statements.services import make_statements
from .opening import month_end, month_keys, month_start, open_month


@dataclass(frozen=True)
class Refusal:
    person_id: int
    person_name: str
    fund_reference: str
    reason: str


@dataclass(frozen=True)
class OpenedMonths:
    opened: int  # funds whose month was opened by this run
    already: int  # funds whose month had been opened before
    refusals: tuple[Refusal, ...]


@dataclass(frozen=True)
class MonthProgress:
    month: dt.date
    live: int  # funds with an agreement in force in the month
    opened: int  # of those, how many have the month's allocation posted
    statements: int  # statements made for the month
    is_over: bool

    @property
    def not_opened(self) -> int:
        return self.live - self.opened


def live_funds(month: dt.date, *, provider_id: int | None = None) -> QuerySet[Fund]:
    """Funds with an approved agreement version covering some day of ``month``."""
    start = month_start(month)
    funds = Fund.objects.filter(
        agreements__status__in=APPROVED_ONCE,
        agreements__starts_on__lte=month_end(start),
        agreements__ends_on__gte=start,
    )
    if provider_id is not None:
        funds = funds.filter(provider_id=provider_id)
    return funds.distinct()


def _opened_fund_ids(funds: list[Fund], month: dt.date) -> set[int]:
    keys = {month_keys(fund, month)["allocation"]: fund.pk for fund in funds}
    found = LedgerTransaction.objects.filter(idempotency_key__in=list(keys)).values_list(
        "idempotency_key", flat=True
    )
    return {keys[key] for key in found}


def month_progress(*, month: dt.date, provider_id: int, today: dt.date) -> MonthProgress:
    start = month_start(month)
    funds = list(live_funds(start, provider_id=provider_id).only("pk"))
    return MonthProgress(
        month=start,
        live=len(funds),
        opened=len(_opened_fund_ids(funds, start)),
        statements=Statement.objects.filter(month=start, fund__provider_id=provider_id).count(),
        is_over=start < month_start(today),
    )


def open_month_for_live_funds(
    *,
    month: dt.date,
    actor: Any,
    provider_id: int | None = None,
    request: HttpRequest | None = None,
) -> OpenedMonths:
    """Open ``month`` for every live fund (of one provider, or all). Funds already opened are
    counted, not posted again (``open_month`` replays its keys); a fund that cannot be opened is
    refused whole and named."""
    start = month_start(month)
    funds = list(
        live_funds(start, provider_id=provider_id)
        .select_related("person", "council", "provider")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    opened = already = 0
    refusals: list[Refusal] = []
    for fund in funds:
        try:
            posted = open_month(fund=fund, month=start, actor=actor, request=request)
        except PostingRefused as refused:
            refusals.append(
                Refusal(
                    person_id=fund.person_id,
                    person_name=fund.person.display_name,
                    fund_reference=fund.reference,
                    reason=str(refused),
                )
            )
        else:
            if all(result.replayed for result in posted):
                already += 1
            else:
                opened += 1
    return OpenedMonths(opened=opened, already=already, refusals=tuple(refusals))


def make_statements_for_provider(*, month: dt.date, provider_id: int, actor: Any) -> int:
    """The month's statements still missing for one provider's funds (MonthNotOver before the
    month has ended)."""
    fund_ids = Fund.objects.filter(provider_id=provider_id).values_list("pk", flat=True)
    return make_statements(month=month, fund_ids=list(fund_ids), actor=actor)
