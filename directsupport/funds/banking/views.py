"""Money and hours banked for a purpose: what is in each pot (read by everyone who may see the
fund, in the person's own words when it is theirs), and opening a pot, banking into it and using
it (provider staff working with the person)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view
from directsupport.lib.money import format_pence

from ..access import can_bank, get_fund_for_banking, get_fund_for_user
from ..agreements.services import agreement_to_show
from ..ledger.balances import fund_balances
from ..ledger.posting import PostingRefused
from ..models import BankingPot, Fund
from .forms import BANK_HOURS, USE_TO_PAY, BankForm, PotForm, UseBankedForm
from .services import (
    BANKED_HOURS_KIND,
    bank,
    banked_by_pot,
    held_beyond_rule,
    hour_rate_pence,
    open_pot,
    pot_banked_pence,
    use_banked,
)


def _pot_or_404(fund: Fund, pot_pk: int) -> BankingPot:
    pot = BankingPot.objects.filter(fund=fund, pk=pot_pk, closed_at__isnull=True).first()
    if pot is None:
        raise Http404("No such pot")
    return pot


def banked(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    fund = get_fund_for_user(user, pk)
    person = fund.person
    record_view(request, person_id=person.pk, subject=fund, summary="Money and hours banked")
    today = timezone.localdate()
    agreement = agreement_to_show(fund, today)
    return render(
        request,
        "funds/banking/banked.html",
        {
            "person": person,
            "fund": fund,
            "pots": banked_by_pot(fund, today=today),
            "banked_pence": fund_balances(fund.pk).banked_pence,
            "agreement": agreement,
            "held_too_long_pence": held_beyond_rule(fund, today),
            "hour_rate_pence": hour_rate_pence(fund, today),
            "hours_kind": BANKED_HOURS_KIND.label.lower(),
            "can_bank": can_bank(user, fund),
            "own": person.user_id == user.pk,
        },
    )


def pot_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    fund = get_fund_for_banking(user, pk)
    person = fund.person
    if request.method == "POST":
        form = PotForm(request.POST)
        if form.is_valid():
            try:
                pot = open_pot(
                    fund=fund,
                    purpose=form.cleaned_data["purpose"],
                    target_pence=form.cleaned_data["target"],
                    actor=user,
                    request=request,
                )
            except PostingRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, f"A pot for '{pot.purpose}' has been opened.")
                return redirect("funds:banked", pk=person.pk)
    else:
        record_view(request, person_id=person.pk, subject=fund, summary="Open a banking pot page")
        form = PotForm()
    return render(
        request,
        "funds/banking/form.html",
        {
            "person": person,
            "form": form,
            "title": "Save for something new",
            "button": "Open the pot",
        },
    )


def bank_into_pot(request: AuthenticatedRequest, pk: int, pot_pk: int) -> HttpResponse:
    user = request.user
    fund = get_fund_for_banking(user, pk)
    person = fund.person
    pot = _pot_or_404(fund, pot_pk)
    if request.method == "POST":
        form = BankForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            hours_wanted = data["what"] == BANK_HOURS
            try:
                posted = bank(
                    fund=fund,
                    pot=pot,
                    amount_pence=None if hours_wanted else data["amount"],
                    minutes=data["hours"] if hours_wanted else None,
                    idempotency_key=f"bank:{fund.pk}:{data['form_key']}",
                    actor=user,
                    request=request,
                )
            except PostingRefused as refused:
                form.add_error(None, str(refused))
            else:
                amount = posted.transaction.entries.filter(amount_pence__gt=0).first()
                shown = format_pence(amount.amount_pence) if amount else ""
                messages.success(request, f"{shown} has been banked for {pot.purpose}.")
                return redirect("funds:banked", pk=person.pk)
    else:
        record_view(request, person_id=person.pk, subject=pot, summary="Bank money page")
        form = BankForm()
    return render(
        request,
        "funds/banking/form.html",
        {
            "person": person,
            "form": form,
            "pot": pot,
            "title": f"Bank money or hours for {pot.purpose}",
            "button": "Bank it",
            "hour_rate_pence": hour_rate_pence(fund, timezone.localdate()),
        },
    )


def use_banked_money(request: AuthenticatedRequest, pk: int, pot_pk: int) -> HttpResponse:
    user = request.user
    fund = get_fund_for_banking(user, pk)
    person = fund.person
    pot = _pot_or_404(fund, pot_pk)
    if request.method == "POST":
        form = UseBankedForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                use_banked(
                    fund=fund,
                    pot=pot,
                    amount_pence=data["amount"],
                    pay_to=data["pay_to"] if data["how"] == USE_TO_PAY else "",
                    description=data["description"],
                    idempotency_key=f"unbank:{fund.pk}:{data['form_key']}",
                    actor=user,
                    request=request,
                )
            except PostingRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(
                    request, f"{format_pence(data['amount'])} from {pot.purpose} has been used."
                )
                return redirect("funds:banked", pk=person.pk)
    else:
        record_view(request, person_id=person.pk, subject=pot, summary="Use banked money page")
        form = UseBankedForm()
    return render(
        request,
        "funds/banking/form.html",
        {
            "person": person,
            "form": form,
            "pot": pot,
            "in_pot_pence": pot_banked_pence(pot),
            "title": f"Use the money banked for {pot.purpose}",
            "button": "Use the money",
        },
    )
