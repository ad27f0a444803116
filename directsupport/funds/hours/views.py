"""A person's hours: planned against delivered, month by month, and recording a session.

Support workers assigned to the person may record a session; they never see money, so their
form has no rate (the rate card's is used) and a refusal for lack of money does not say how much
there is. After saving they go back to the person's page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.roles import Role
from directsupport.audit.services import record_view
from directsupport.week.pricing import (
    BadRecurrence,
    CardFacts,
    MissingRate,
    card_facts,
    current_rate_card,
    round_half_up,
)

from ..access import can_record_sessions, can_see_money, get_fund_for_recording, get_fund_for_user
from ..agreements.services import agreement_to_show
from ..ledger.posting import PostingRefused, WouldOverdraw
from ..models import Agreement, Fund, Kind, LedgerTransaction, SupportSession
from ..months.opening import agreement_months, covered_days, month_end, month_start
from .forms import SessionForm
from .planned import NoRateCard, planned_support
from .services import first_agreement_starts, record_session


@dataclass(frozen=True)
class MonthHours:
    month: dt.date
    planned_minutes: int | None  # None when the plan could not be priced
    planned_from_memo: bool
    delivered_minutes: int
    in_progress: bool  # this month: the hours are delivered so far

    @property
    def words(self) -> str:
        words = plan_words(self.planned_minutes, self.delivered_minutes)
        return f"So far this month: {words[:1].lower()}{words[1:]}" if self.in_progress else words


def plan_words(planned: int | None, delivered: int) -> str:
    """Delivered against planned, said in words (never by colour alone)."""
    if planned is None:
        return "The plan for this month could not be worked out."
    if planned == 0:
        return (
            "No support was planned." if delivered == 0 else "Support was given with none planned."
        )
    percent = round_half_up(Fraction(delivered * 100, planned))
    if percent < 90:
        verdict = "below the plan"
    elif percent > 110:
        verdict = "above the plan"
    else:
        verdict = "close to the plan"
    return f"{percent}% of the planned hours were delivered: {verdict}."


def _months_shown(
    agreement: Agreement | None, sessions_months: set[dt.date], today: dt.date
) -> list[dt.date]:
    this_month = month_start(today)
    months = set(sessions_months) | {this_month}
    if agreement is not None:
        months |= {month for month in agreement_months(agreement) if month <= this_month}
    return sorted(months, reverse=True)


def month_hours(fund: Fund, agreement: Agreement | None, today: dt.date) -> list[MonthHours]:
    delivered: dict[dt.date, int] = {}
    for day, session_minutes in SupportSession.objects.filter(
        fund=fund, transaction__reversed_by__isnull=True
    ).values_list("delivered_on", "minutes"):
        delivered[month_start(day)] = delivered.get(month_start(day), 0) + session_minutes
    planned: dict[dt.date, int] = {}
    for day, memo_minutes in LedgerTransaction.objects.filter(
        fund=fund, kind=Kind.PLANNED_SUPPORT, reversed_by__isnull=True
    ).values_list("effective_on", "minutes"):
        planned[month_start(day)] = planned.get(month_start(day), 0) + (memo_minutes or 0)
    rows = []
    for month in _months_shown(agreement, set(delivered), today):
        from_memo = month in planned
        minutes: int | None = planned.get(month)
        if minutes is None:
            minutes = _planned_from_week(fund, agreement, month)
        in_progress = month == month_start(today)
        rows.append(MonthHours(month, minutes, from_memo, delivered.get(month, 0), in_progress))
    return rows


def _planned_from_week(fund: Fund, agreement: Agreement | None, month: dt.date) -> int | None:
    if agreement is None:
        return None
    if month_end(month) < agreement.starts_on or month > agreement.ends_on:
        return 0
    first, last = covered_days(agreement, month)
    try:
        return planned_support(fund.person, first, last).minutes
    except (NoRateCard, MissingRate, BadRecurrence):
        return None


def _chosen_month(request: HttpRequest, today: dt.date) -> dt.date:
    try:
        return dt.datetime.strptime(request.GET.get("month", ""), "%Y-%m").date()
    except ValueError:
        return month_start(today)


def hours(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    fund = get_fund_for_user(user, pk)
    person = fund.person
    record_view(request, person_id=person.pk, subject=fund, summary="Hours planned and delivered")
    today = timezone.localdate()
    agreement = agreement_to_show(fund, today)
    chosen = _chosen_month(request, today)
    # A session whose payment was corrected stays listed, marked, but is not counted.
    sessions = (
        SupportSession.objects.filter(
            fund=fund, delivered_on__gte=chosen, delivered_on__lte=month_end(chosen)
        )
        .annotate(
            corrected=Exists(LedgerTransaction.objects.filter(reverses_id=OuterRef("transaction")))
        )
        .order_by("delivered_on", "starts_at", "id")
    )
    return render(
        request,
        "funds/hours/hours.html",
        {
            "person": person,
            "fund": fund,
            "rows": month_hours(fund, agreement, today),
            "chosen": chosen,
            "sessions": sessions,
            "can_record": can_record_sessions(user, fund),
            "own": person.user_id == user.pk,
        },
    )


def session_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    fund = get_fund_for_recording(user, pk)
    person = fund.person
    shows_money = can_see_money(user)
    today = timezone.localdate()

    def card_on(day: dt.date) -> CardFacts | None:
        card = current_rate_card(fund.provider_id, day)
        return card_facts(card) if card else None

    form_options: dict[str, Any] = {
        "provider_name": fund.provider.name,
        "agreement_starts": first_agreement_starts([fund.pk]).get(fund.pk),
        "today": today,
        "card_on": card_on,
        "shows_money": shows_money,
    }
    if request.method == "POST":
        form = SessionForm(request.POST, **form_options)
        if form.is_valid():
            data = form.cleaned_data
            try:
                session = record_session(
                    fund=fund,
                    delivered_on=data["delivered_on"],
                    starts_at=data["starts_at"],
                    minutes=data["length"],
                    support_kind=data["support_kind"],
                    supplier_name=data["supplier_name"],
                    worker_name=data["worker_name"],
                    hourly_rate_pence=data["hourly_rate"],
                    notes=data["notes"],
                    idempotency_key=f"session:{fund.pk}:{data['form_key']}",
                    actor=user,
                    request=request,
                )
            except WouldOverdraw as refused:
                form.add_error(
                    None,
                    str(refused)
                    if shows_money
                    else f"There is not enough money in {person.called}'s fund for this session, "
                    "so it was not recorded. Ask the coordinator.",
                )
            except PostingRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(
                    request,
                    f"The session on {session.delivered_on:%-d %B %Y} at "
                    f"{session.starts_at:%H:%M} has been recorded.",
                )
                if shows_money:
                    return redirect(
                        f"{reverse('funds:hours', args=[person.pk])}"
                        f"?month={session.delivered_on:%Y-%m}"
                    )
                return redirect("people:detail", pk=person.pk)
    else:
        record_view(
            request, person_id=person.pk, subject=fund, summary="Record a support session page"
        )
        # A support worker usually records their own sessions.
        initial = {"worker_name": user.full_name} if user.role == Role.SUPPORT_WORKER else {}
        form = SessionForm(initial=initial, **form_options)
    return render(
        request,
        "funds/hours/session_form.html",
        {"person": person, "form": form, "shows_money": shows_money},
    )
