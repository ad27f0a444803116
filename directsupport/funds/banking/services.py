"""Banking money or hours for a purpose (a holiday, a festival), within the agreement's rule.

Money banked moves from the fund's money to spend to ``BANKED``, in a pot saying what it is for.
Hours are banked as money: hours x the rate card's weekday daytime rate for personal care (the
card in force that day), rounded half up to the penny, with the minutes kept on the
transaction. The agreement's rule: no more than ``agreement.bank_cap_pence`` (``bank_max_weeks``
weeks of budget) banked in all, held for no longer than ``bank_hold_weeks`` weeks; money held
longer is counted first in, first out (``held_beyond_rule``) and shown as an alert.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

from directsupport.audit.models import Action
from directsupport.audit.services import record_change
from directsupport.lib.money import format_pence
from directsupport.week.models import SupportKind, TimeBand
from directsupport.week.pricing import card_facts, current_rate_card, round_half_up

from ..agreements.services import agreement_to_show
from ..ledger import posting
from ..ledger.balances import fund_balances
from ..ledger.posting import Posted, PostingRefused
from ..models import Account, Agreement, BankingPot, Fund, Kind, LedgerEntry

BANKED_HOURS_KIND = SupportKind.PERSONAL_CARE
BANKED_HOURS_BAND = TimeBand.DAY


class BankingRefused(PostingRefused):
    """Nothing was banked or used; the message says why."""


@dataclass(frozen=True)
class PotBalance:
    pot: BankingPot
    banked_pence: int
    worth_minutes: int | None  # the hours of personal care it would buy; None without a rate


def hour_rate_pence(fund: Fund, on: dt.date) -> int | None:
    """Pence per hour of personal care on a weekday daytime, from the card in force on ``on``."""
    card = current_rate_card(fund.provider_id, on)
    if card is None:
        return None
    return card_facts(card).hourly.get((BANKED_HOURS_KIND, BANKED_HOURS_BAND))


def _agreement(fund: Fund, on: dt.date) -> Agreement:
    agreement = agreement_to_show(fund, on)
    if agreement is None:
        raise BankingRefused("There is no agreement in force, so nothing can be banked.")
    return agreement


def pot_banked_pence(pot: BankingPot) -> int:
    total = LedgerEntry.objects.filter(transaction__pot=pot, account=Account.BANKED).aggregate(
        total=Sum("amount_pence")
    )["total"]
    return int(total or 0)


def banked_by_pot(fund: Fund, *, today: dt.date | None = None) -> list[PotBalance]:
    """Every open pot with the money in it and the hours that money is worth today."""
    rate = hour_rate_pence(fund, today or timezone.localdate())
    totals = dict(
        LedgerEntry.objects.filter(
            fund=fund, account=Account.BANKED, transaction__pot__isnull=False
        )
        .values("transaction__pot")
        .annotate(total=Sum("amount_pence"))
        .values_list("transaction__pot", "total")
    )
    balances: list[PotBalance] = []
    for pot in BankingPot.objects.filter(fund=fund, closed_at__isnull=True):
        pence = int(totals.get(pot.pk) or 0)
        worth = int(Fraction(pence * 60, rate)) if rate else None
        balances.append(PotBalance(pot=pot, banked_pence=pence, worth_minutes=worth))
    return balances


def open_pot(
    *,
    fund: Fund,
    purpose: str,
    target_pence: int | None = None,
    actor: Any,
    request: HttpRequest | None = None,
) -> BankingPot:
    if not purpose.strip():
        raise BankingRefused("Say what the money is being saved for.")
    with transaction.atomic():
        pot = BankingPot(
            fund=fund,
            purpose=purpose.strip(),
            target_pence=target_pence or None,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        pot.full_clean()
        pot.save()
        record_change(
            request,
            actor=actor,
            action=Action.CREATE,
            person_id=fund.person_id,
            subject=pot,
            summary=f"Saving for: {pot.purpose}",
        )
    return pot


def cap_message(agreement: Agreement, banked_after: int) -> str:
    return (
        f"That would bring the money banked to {format_pence(banked_after)}. The agreement lets "
        f"up to {format_pence(agreement.bank_cap_pence)} be banked ({agreement.bank_max_weeks} "
        "weeks' budget). Nothing was banked."
    )


def bank(
    *,
    fund: Fund,
    pot: BankingPot,
    amount_pence: int | None = None,
    minutes: int | None = None,
    idempotency_key: str,
    actor: Any,
    request: HttpRequest | None = None,
    on: dt.date | None = None,
) -> Posted:
    """Bank money, or hours (as money: see the module docstring), into ``pot``."""
    day = on or timezone.localdate()
    if (amount_pence is None) == (minutes is None):
        raise BankingRefused("Bank either an amount of money or a number of hours.")
    if pot.fund_id != fund.pk or pot.closed_at is not None:
        raise BankingRefused("This pot is not open for this fund.")
    if minutes is not None:
        if minutes <= 0:
            raise BankingRefused("Enter more than 0 hours.")
        rate = hour_rate_pence(fund, day)
        if not rate:
            raise BankingRefused(
                "There is no rate for personal care on the rate card, so hours cannot be turned "
                "into money. Bank an amount of money instead."
            )
        amount_pence = round_half_up(Fraction(minutes * rate, 60))
        description = f"{minutes // 60}h{minutes % 60:02d} banked for {pot.purpose}"
    else:
        description = f"Banked for {pot.purpose}"
    if amount_pence is None or amount_pence <= 0:
        raise BankingRefused("Enter an amount more than £0.00.")
    with transaction.atomic():
        Fund.objects.select_for_update().filter(pk=fund.pk).first()
        agreement = _agreement(fund, day)
        already = posting.LedgerTransaction.objects.filter(idempotency_key=idempotency_key).first()
        banked_after = fund_balances(fund.pk).banked_pence + amount_pence
        if already is None and banked_after > agreement.bank_cap_pence:
            raise BankingRefused(cap_message(agreement, banked_after))
        return posting.post(
            fund=fund,
            kind=Kind.BANK,
            lines=posting.bank_lines(amount_pence),
            effective_on=day,
            description=description,
            minutes=minutes,
            pot=pot,
            idempotency_key=idempotency_key,
            actor=actor,
            request=request,
        )


def use_banked(
    *,
    fund: Fund,
    pot: BankingPot,
    amount_pence: int,
    idempotency_key: str,
    actor: Any,
    request: HttpRequest | None = None,
    pay_to: str = "",
    description: str = "",
    on: dt.date | None = None,
) -> Posted:
    """Use money from ``pot``: back to the money to spend, or (with ``pay_to``) paid straight
    from the banked money to whoever provides what it was saved for."""
    if pot.fund_id != fund.pk:
        raise BankingRefused("This pot is not part of this fund.")
    if amount_pence <= 0:
        raise BankingRefused("Enter an amount more than £0.00.")
    day = on or timezone.localdate()
    with transaction.atomic():
        Fund.objects.select_for_update().filter(pk=fund.pk).first()
        already = posting.LedgerTransaction.objects.filter(idempotency_key=idempotency_key).exists()
        in_pot = pot_banked_pence(pot)
        if not already and amount_pence > in_pot:
            raise BankingRefused(
                f"There is {format_pence(in_pot)} banked for {pot.purpose}, less than "
                f"{format_pence(amount_pence)}. Nothing was used."
            )
        if pay_to.strip():
            return posting.post(
                fund=fund,
                kind=Kind.SUPPLIER_PAYMENT,
                lines=posting.spend_lines(Account.OTHER_SUPPLIERS, amount_pence, from_banked=True),
                effective_on=day,
                description=description.strip() or f"Paid from the money banked for {pot.purpose}",
                counterparty=pay_to.strip(),
                pot=pot,
                idempotency_key=idempotency_key,
                actor=actor,
                request=request,
            )
        return posting.post(
            fund=fund,
            kind=Kind.UNBANK,
            lines=posting.unbank_lines(amount_pence),
            effective_on=day,
            description=description.strip() or f"Brought back to spend from {pot.purpose}",
            pot=pot,
            idempotency_key=idempotency_key,
            actor=actor,
            request=request,
        )


def held_beyond_rule(fund: Fund, today: dt.date) -> int:
    """Pence banked for longer than the agreement's ``bank_hold_weeks``, first in, first out:
    the banked balance less what was banked within the window, never below zero."""
    agreement = agreement_to_show(fund, today)
    if agreement is None:
        return 0
    window_starts = today - dt.timedelta(weeks=agreement.bank_hold_weeks)
    banked = fund_balances(fund.pk, before=today + dt.timedelta(days=1)).banked_pence
    recent = LedgerEntry.objects.filter(
        fund=fund,
        account=Account.BANKED,
        amount_pence__gt=0,
        transaction__kind=Kind.BANK,
        effective_on__gte=window_starts,
        effective_on__lte=today,
    ).aggregate(total=Sum("amount_pence"))["total"]
    return max(0, banked - int(recent or 0))
