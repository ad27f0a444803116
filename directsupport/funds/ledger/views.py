"""A person's ledger: every transaction (filtered by month and kind), one transaction with its
entries, recording money in or out by hand, and correcting an entry by reversing it.

Readers (the person, provider money staff, the funding council's commissioners) see the ledger;
finance and managers record and correct (funds/access.py).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view
from directsupport.lib.forms import new_form_key

from ..access import (
    can_post_to_ledger,
    get_fund_for_posting,
    get_fund_for_user,
    get_transaction_for_correcting,
    get_transaction_for_user,
)
from ..models import Fund, LedgerTransaction
from . import posting
from .balances import fund_balances
from .forms import LedgerFilterForm, PostingForm, ReverseForm
from .services import (
    RefundTooLarge,
    filter_ledger,
    ledger_months,
    ledger_rows,
    ledger_transactions,
    post_by_hand,
    posted_with_form_key,
    posting_dates,
    reverse_by_hand,
    why_not_reversible,
)

PAGE_SIZE = 25
ALREADY_RECORDED = "This was already recorded, so it was not posted again."


def ledger_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    fund = get_fund_for_user(user, pk)
    form = LedgerFilterForm(request.GET, months=ledger_months(fund))
    transactions = filter_ledger(
        ledger_transactions(fund), month=form.chosen_month(), kind=form.chosen_kind()
    )
    page = Paginator(transactions, PAGE_SIZE).get_page(request.GET.get("page"))
    record_view(request, person_id=fund.person_id, subject=fund, summary="Ledger page")
    return render(
        request,
        "funds/ledger/ledger.html",
        {
            "person": fund.person,
            "fund": fund,
            "own": fund.person.user_id == user.pk,
            "form": form,
            "page": page,
            "rows": ledger_rows(page.object_list),
            "filtered": any(request.GET.get(name) for name in form.fields),
            "can_post": can_post_to_ledger(user, fund),
        },
    )


def posting_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    fund = get_fund_for_posting(user, pk)
    earliest, latest = posting_dates(fund, timezone.localdate())
    earlier: LedgerTransaction | None = None
    if request.method == "POST":
        form = PostingForm(request.POST, earliest=earliest, latest=latest)
        if form.is_valid():
            data = form.cleaned_data
            try:
                posted = post_by_hand(
                    fund=fund,
                    choice=data["posting"],
                    effective_on=data["effective_on"],
                    amount_pence=data["amount"],
                    description=data["description"],
                    counterparty=data["counterparty"],
                    form_key=data["form_key"],
                    actor=user,
                    request=request,
                )
            except posting.WouldOverdraw as refusal:
                form.add_error("amount", str(refusal))
            except posting.IdempotencyConflict as refusal:
                earlier = posted_with_form_key(data["form_key"])
                form.add_error(None, str(refusal))
                _give_new_key(form, request.POST)
            except RefundTooLarge as refusal:
                form.add_error("amount", str(refusal))
            except posting.PostingRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                if posted.replayed:
                    messages.info(request, ALREADY_RECORDED)
                else:
                    messages.success(request, f"Recorded: {posted.transaction.description}.")
                return redirect("funds:transaction", pk=pk, txn_pk=posted.transaction.pk)
    else:
        record_view(request, person_id=fund.person_id, subject=fund, summary="Record money page")
        form = PostingForm(
            initial={"form_key": new_form_key(), "effective_on": timezone.localdate()},
            earliest=earliest,
            latest=latest,
        )
    return render(
        request,
        "funds/ledger/posting_form.html",
        {
            "person": fund.person,
            "fund": fund,
            "form": form,
            "earlier": earlier if earlier is not None and earlier.fund_id == fund.pk else None,
            "to_spend_pence": fund_balances(fund.pk).available_pence,
        },
    )


def _give_new_key(form: PostingForm, typed: QueryDict) -> None:
    """After a conflict: keep what was typed and its messages, with a fresh key, so submitting
    it again on purpose records it as a new entry (the page says so)."""
    data = typed.copy()
    data["form_key"] = new_form_key()
    form.data = data


def transaction_page(request: AuthenticatedRequest, pk: int, txn_pk: int) -> HttpResponse:
    user = request.user
    found = get_transaction_for_user(user, pk, txn_pk)
    fund: Fund = found.fund
    posted = ledger_transactions(fund).select_related("posted_by", "pot").get(pk=found.pk)
    posted.fund = fund
    record_view(request, person_id=fund.person_id, subject=posted, summary="Ledger transaction")
    return render(
        request,
        "funds/ledger/transaction.html",
        {
            "person": fund.person,
            "fund": fund,
            "posted": posted,
            "row": ledger_rows([posted])[0],
            "entries": [
                (entry, max(entry.amount_pence, 0) or None, max(-entry.amount_pence, 0) or None)
                for entry in posted.entries.all()
            ],
            "can_correct": can_post_to_ledger(user, fund) and not why_not_reversible(posted),
        },
    )


def transaction_reverse(request: AuthenticatedRequest, pk: int, txn_pk: int) -> HttpResponse:
    user = request.user
    original = get_transaction_for_correcting(user, pk, txn_pk)
    fund: Fund = original.fund
    refusal = ""
    if request.method == "POST":
        form = ReverseForm(request.POST)
        if form.is_valid():
            try:
                posted = reverse_by_hand(
                    original=original,
                    reason=form.cleaned_data["reason"],
                    form_key=form.cleaned_data["form_key"],
                    actor=user,
                    request=request,
                )
            except posting.PostingRefused as refused:
                refusal = str(refused)
            else:
                if posted.replayed:
                    messages.info(request, ALREADY_RECORDED)
                else:
                    messages.success(request, "The entry has been corrected.")
                return redirect("funds:transaction", pk=pk, txn_pk=posted.transaction.pk)
    else:
        record_view(request, person_id=fund.person_id, subject=original, summary="Correct entry")
        form = ReverseForm(initial={"form_key": new_form_key()})
    refusal = why_not_reversible(original) or refusal
    return render(
        request,
        "funds/ledger/reverse.html",
        {
            "person": fund.person,
            "fund": fund,
            "original": original,
            "form": form,
            "refusal": refusal,
        },
    )
