"""Opening a month of a fund: the council's allocation, the management fee and the planned support.

The allocation is a twelfth of the annual budget for each calendar month the agreement covers:
the agreement's whole budget (``agreement_budget_pence``: twelve whole months are the annual
budget exactly) is shared over its months with ``largest_remainder``, so the months add up to it
to the penny. A whole month weighs the same as any other whole month (equal weights, whatever
its number of days); a month the agreement covers only partly (it starts or ends inside it)
weighs the share of its days covered: 10 days of a 30-day month weigh a third of a whole month.

The fee is ``agreement.fee_for_month_pence`` of that allocation; the planned support is a memo
of the Perfect Week's cost and minutes for the days of the month the agreement covers
(``hours.planned.planned_support``, each repeating entry counted from its own first date).

Each posting has a fixed idempotency key (``month:<fund>:<YYYY-MM>:allocation|fee|planned``), so
opening a month again posts nothing new: what was posted is returned, marked replayed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from directsupport.week.pricing import BadRecurrence, MissingRate

from ..agreements.services import agreement_in_force
from ..contracts.split import largest_remainder
from ..hours.planned import NoRateCard, planned_support
from ..ledger import posting
from ..ledger.posting import Posted, PostingRefused
from ..models import Account, Agreement, AgreementStatus, Fund, Kind, LedgerTransaction

# Every month length divides this, so a part-month's weight is a whole number.
_MONTH_WEIGHT = math.lcm(28, 29, 30, 31)


class MonthRefused(PostingRefused):
    """The month cannot be opened; the message says why."""


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def agreement_months(agreement: Agreement) -> list[dt.date]:
    """The first day of every calendar month the agreement covers, in order."""
    months: list[dt.date] = []
    current = month_start(agreement.starts_on)
    while current <= agreement.ends_on:
        months.append(current)
        current = (month_end(current) + dt.timedelta(days=1)).replace(day=1)
    return months


def covered_days(agreement: Agreement, month: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of ``month`` the agreement covers."""
    return max(month, agreement.starts_on), min(month_end(month), agreement.ends_on)


def month_weight(agreement: Agreement, month: dt.date) -> int:
    first, last = covered_days(agreement, month)
    days_in_month = calendar.monthrange(month.year, month.month)[1]
    return _MONTH_WEIGHT * ((last - first).days + 1) // days_in_month


def agreement_budget_pence(agreement: Agreement) -> int:
    """What the council pays over the whole agreement: a twelfth of the annual budget for each
    month it covers (part-months by their share of days), rounded half up to the penny. Twelve
    whole months are the annual budget exactly; June to March is ten twelfths of it."""
    weight = sum(month_weight(agreement, month) for month in agreement_months(agreement))
    return int(
        Fraction(agreement.annual_budget_pence * weight, 12 * _MONTH_WEIGHT) + Fraction(1, 2)
    )


def monthly_allocations(agreement: Agreement) -> dict[dt.date, int]:
    """Each month's share of the agreement's budget, adding up to it exactly."""
    weights = [(month, month_weight(agreement, month)) for month in agreement_months(agreement)]
    return largest_remainder(agreement_budget_pence(agreement), weights)


def agreement_for_month(fund: Fund, month: dt.date) -> Agreement:
    """The agreement version in force on the month's first day (or, for a month it starts in, on
    its last day); MonthRefused if there is none."""
    agreement = agreement_in_force(fund, month) or agreement_in_force(fund, month_end(month))
    if agreement is not None:
        return agreement
    current = Agreement.objects.filter(fund=fund, status=AgreementStatus.APPROVED).first()
    if current is None:
        raise MonthRefused(
            f"{fund.reference} has no agreement in force, so no month can be opened."
        )
    raise MonthRefused(
        f"{month:%B %Y} is outside the agreement in force, which runs from "
        f"{current.starts_on:%-d %B %Y} to {current.ends_on:%-d %B %Y}. Nothing was posted."
    )


def month_keys(fund: Fund, month: dt.date) -> dict[str, str]:
    prefix = f"month:{fund.pk}:{month:%Y-%m}"
    return {part: f"{prefix}:{part}" for part in ("allocation", "fee", "planned")}


def open_month(
    *, fund: Fund, month: dt.date, actor: Any, request: HttpRequest | None = None
) -> list[Posted]:
    """Post the month's allocation, fee and planned-support memo, once (see the module
    docstring). All or nothing: if any part is refused, nothing is posted."""
    month = month_start(month)
    agreement = agreement_for_month(fund, month)
    keys = month_keys(fund, month)
    already = {
        posted.idempotency_key: posted
        for posted in LedgerTransaction.objects.filter(idempotency_key__in=keys.values())
    }
    first, last = covered_days(agreement, month)
    label = f"{month:%B %Y}"
    results: list[Posted] = []
    with transaction.atomic():
        allocation = monthly_allocations(agreement)[month]
        if keys["allocation"] in already:
            results.append(Posted(transaction=already[keys["allocation"]], replayed=True))
        elif allocation:
            results.append(
                posting.post(
                    fund=fund,
                    kind=Kind.ALLOCATION,
                    lines=posting.allocation_lines(allocation),
                    effective_on=first,
                    description=f"Money from the council for {label}",
                    counterparty=fund.council.name,
                    idempotency_key=keys["allocation"],
                    actor=actor,
                    request=request,
                )
            )
        fee = agreement.fee_for_month_pence(allocation)
        if keys["fee"] in already:
            results.append(Posted(transaction=already[keys["fee"]], replayed=True))
        elif fee:
            results.append(
                posting.post(
                    fund=fund,
                    kind=Kind.MANAGEMENT_FEE,
                    lines=posting.spend_lines(Account.MANAGEMENT_FEE, fee),
                    effective_on=first,
                    description=f"Management fee for {label}",
                    counterparty=fund.provider.name,
                    idempotency_key=keys["fee"],
                    actor=actor,
                    request=request,
                )
            )
        if keys["planned"] in already:
            results.append(Posted(transaction=already[keys["planned"]], replayed=True))
        else:
            try:
                plan = planned_support(fund.person, first, last)
            except (NoRateCard, MissingRate, BadRecurrence) as error:
                raise MonthRefused(
                    f"The planned support for {label} could not be priced: {error}. "
                    "Nothing was posted."
                ) from error
            if plan.cost_pence:
                results.append(
                    posting.post(
                        fund=fund,
                        kind=Kind.PLANNED_SUPPORT,
                        lines=posting.planned_lines(plan.cost_pence),
                        effective_on=first,
                        description=f"Support planned for {label} (Perfect Week)",
                        minutes=plan.minutes,
                        idempotency_key=keys["planned"],
                        actor=actor,
                        request=request,
                    )
                )
    return results
