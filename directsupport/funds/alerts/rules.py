"""Money alerts: what coordinators and finance should act on across the funds they look after.

Four kinds, worked out for every fund whose approved agreement covers today:

- **Forecast overspend**: spending at its recent weekly rate would use up the money to spend
  now plus the council money still to come before the agreement ends.
- **Banked beyond the rule**: more banked than the agreement allows, or money banked longer
  than it may be (first in, first out).
- **Hours far below plan**: last month's delivered hours well short of the planned hours.
- **Review due**: the agreement's next review is close or has passed.

``alerts_for`` reads everything in a fixed number of aggregate queries however many funds it is
given (one per figure, grouped by fund), so the home panel and the alerts page stay quick for
the whole programme. The arithmetic is exact (``Fraction``) and rounded only for words.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from dateutil.relativedelta import relativedelta
from django.db.models import F, Q, QuerySet, Sum
from django.urls import reverse

from directsupport.lib.money import format_pence
from directsupport.lib.templatetags.money import hours

from ..agreements.reviews import next_review_due
from ..models import (
    SPENDING_ACCOUNTS,
    Account,
    Agreement,
    AgreementReview,
    AgreementStatus,
    Fund,
    Kind,
    LedgerEntry,
    LedgerTransaction,
    SupportSession,
)
from ..months.opening import agreement_budget_pence

# --- Thresholds ----------------------------------------------------------------------------

# The spending rate is the average of the last 8 complete weeks (Monday to Sunday): long enough
# to smooth a week of holiday or a monthly fee, short enough to follow a change of support.
RATE_WEEKS = 8
# With less than 2 weeks of history a single purchase would swing the rate, so no forecast.
MIN_HISTORY_DAYS = 14
# A forecast run-out within 8 weeks leaves little time to change the plan or ask the council.
FORECAST_URGENT_WEEKS = 8
# Delivered hours below three quarters of plan mean support the person is missing, not a
# cancelled session or two; below half is most of it.
HOURS_BELOW_PLAN_PERCENT = 75
HOURS_FAR_BELOW_PLAN_PERCENT = 50
# Four weeks is enough notice to arrange a review with the person and their circle.
REVIEW_SOON_DAYS = 28


class AlertKind:
    FORECAST = "forecast"
    BANKED = "banked"
    HOURS = "hours"
    REVIEW = "review"


# In the order the alerts page shows them, with its headings.
KIND_TITLES: dict[str, str] = {
    AlertKind.FORECAST: "Forecast to overspend",
    AlertKind.BANKED: "Money banked beyond the rule",
    AlertKind.HOURS: "Hours far below plan",
    AlertKind.REVIEW: "Reviews due",
}

SEVERITY_ORDER = {"urgent": 0, "soon": 1, "note": 2}
SEVERITY_LABELS = {"urgent": "Urgent", "soon": "Soon", "note": "For note"}

# The page of the person's fund where each kind of alert is acted on (each takes ``pk``).
ACTION_PAGES: dict[str, str] = {
    AlertKind.FORECAST: "funds:money",
    AlertKind.BANKED: "funds:banked",
    AlertKind.HOURS: "funds:hours",
    AlertKind.REVIEW: "funds:agreement",
}


@dataclass(frozen=True)
class Alert:
    kind: str
    fund_id: int
    fund_reference: str
    person_id: int
    person_name: str
    headline: str
    detail: str
    severity: str  # "urgent", "soon" or "note"
    url: str

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]


# --- Pure arithmetic, tested on its own --------------------------------------------------------


def held_longer_than_rule(banked_pence: int, recent_deposits_pence: int) -> int:
    """Money banked longer than the rule allows, first in first out.

    Banked money is used oldest first, so what is left is the newest deposits: everything banked
    beyond what was deposited within the holding period has been there longer than allowed.
    """
    return max(0, banked_pence - recent_deposits_pence)


def roughly(pence: int) -> str:
    """An amount for a forecast, to the nearest £100 from £1,000, the nearest £10 from £100,
    exact below that (rounded half up)."""
    for at_least, step in ((100_000, 10_000), (10_000, 1_000)):
        if pence >= at_least:
            return format_pence((pence + step // 2) // step * step).removesuffix(".00")
    return format_pence(pence)


def percent(part: int, whole: int) -> int:
    """part as a whole percentage of whole, rounded half up."""
    return int(Fraction(part * 100, whole) + Fraction(1, 2))


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _weeks_or_days(days: int) -> str:
    if days >= 14:
        weeks = int(Fraction(days, 7) + Fraction(1, 2))
        return f"{weeks} weeks"
    return "1 day" if days == 1 else f"{days} days"


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


# --- The figures, each one grouped query -------------------------------------------------------


@dataclass(frozen=True)
class _Window:
    starts: dt.date  # inclusive
    ends: dt.date  # exclusive


def _rate_window(today: dt.date) -> _Window:
    this_monday = today - dt.timedelta(days=today.weekday())
    return _Window(starts=this_monday - dt.timedelta(weeks=RATE_WEEKS), ends=this_monday)


def _last_month(today: dt.date) -> _Window:
    this_month = today.replace(day=1)
    return _Window(starts=this_month - relativedelta(months=1), ends=this_month)


def _money_now(fund_ids: list[int], today: dt.date) -> dict[int, dict[str, int]]:
    rows = (
        LedgerEntry.objects.filter(
            fund_id__in=fund_ids,
            effective_on__lte=today,
            account__in=[Account.AVAILABLE, Account.BANKED],
        )
        .values("fund_id", "account")
        .annotate(total=Sum("amount_pence"))
    )
    money: dict[int, dict[str, int]] = defaultdict(dict)
    for row in rows:
        money[row["fund_id"]][row["account"]] = int(row["total"])
    return money


def _in_force_agreement_filter() -> Q:
    """Entries dated within the fund's approved agreement (the join is shared in one filter)."""
    return Q(
        fund__agreements__status=AgreementStatus.APPROVED,
        effective_on__gte=F("fund__agreements__starts_on"),
    )


def _of_kind(kind: str) -> Q:
    """Transactions of ``kind``, with corrections that reverse them counting against them."""
    return Q(transaction__kind=kind) | Q(
        transaction__kind=Kind.REVERSAL, transaction__reverses__kind=kind
    )


def _spent_in_window(fund_ids: list[int], window: _Window) -> dict[int, int]:
    rows = (
        LedgerEntry.objects.filter(
            _in_force_agreement_filter(),
            fund_id__in=fund_ids,
            account__in=list(SPENDING_ACCOUNTS),
            effective_on__gte=window.starts,
            effective_on__lt=window.ends,
        )
        .values("fund_id")
        .annotate(total=Sum("amount_pence"))
    )
    return {row["fund_id"]: int(row["total"]) for row in rows}


def _allocated_so_far(fund_ids: list[int], today: dt.date) -> dict[int, int]:
    """Council allocations since the agreement started, up to today (corrections netted)."""
    rows = (
        LedgerEntry.objects.filter(
            _in_force_agreement_filter(),
            _of_kind(Kind.ALLOCATION),
            fund_id__in=fund_ids,
            account=Account.AVAILABLE,
            effective_on__lte=today,
        )
        .values("fund_id")
        .annotate(total=Sum("amount_pence"))
    )
    return {row["fund_id"]: int(row["total"]) for row in rows}


def _banked_by_day(fund_ids: list[int], since: dt.date, today: dt.date) -> dict[int, list]:
    """Money banked per fund per day from ``since`` to today (corrections netted): each fund's
    own holding period is applied afterwards."""
    rows = (
        LedgerEntry.objects.filter(
            _of_kind(Kind.BANK),
            fund_id__in=fund_ids,
            account=Account.BANKED,
            effective_on__gte=since,
            effective_on__lte=today,
        )
        .values("fund_id", "effective_on")
        .annotate(total=Sum("amount_pence"))
    )
    by_fund: dict[int, list] = defaultdict(list)
    for row in rows:
        by_fund[row["fund_id"]].append((row["effective_on"], int(row["total"])))
    return by_fund


def _planned_minutes(fund_ids: list[int], month: _Window) -> dict[int, int]:
    rows = (
        LedgerTransaction.objects.filter(
            fund_id__in=fund_ids,
            kind=Kind.PLANNED_SUPPORT,
            reversed_by__isnull=True,
            effective_on__gte=month.starts,
            effective_on__lt=month.ends,
        )
        .values("fund_id")
        .annotate(total=Sum("minutes"))
    )
    return {row["fund_id"]: int(row["total"] or 0) for row in rows}


def _delivered_minutes(fund_ids: list[int], month: _Window) -> dict[int, int]:
    rows = (
        SupportSession.objects.filter(
            fund_id__in=fund_ids,
            transaction__reversed_by__isnull=True,
            delivered_on__gte=month.starts,
            delivered_on__lt=month.ends,
        )
        .values("fund_id")
        .annotate(total=Sum("minutes"))
    )
    return {row["fund_id"]: int(row["total"]) for row in rows}


def _reviews_held(fund_ids: list[int], today: dt.date) -> dict[int, list[AgreementReview]]:
    held: dict[int, list[AgreementReview]] = defaultdict(list)
    rows = AgreementReview.objects.filter(fund_id__in=fund_ids, held_on__lte=today)
    for review in rows.only("fund_id", "held_on"):
        held[review.fund_id].append(review)
    return held


# --- The alerts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _FundFigures:
    agreement: Agreement
    available_pence: int
    banked_pence: int
    spent_in_window_pence: int
    allocated_pence: int
    banked_by_day: list
    planned_minutes: int
    delivered_minutes: int
    reviews_held: list[AgreementReview]


def _alert(kind: str, agreement: Agreement, *, headline: str, detail: str, severity: str) -> Alert:
    fund = agreement.fund
    return Alert(
        kind=kind,
        fund_id=fund.pk,
        fund_reference=fund.reference,
        person_id=fund.person_id,
        person_name=fund.person.display_name,
        headline=headline,
        detail=detail,
        severity=severity,
        url=reverse(ACTION_PAGES[kind], kwargs={"pk": fund.person_id}),
    )


def _forecast_alert(figures: _FundFigures, today: dt.date, window: _Window) -> Alert | None:
    agreement = figures.agreement
    counted_from = max(window.starts, agreement.starts_on)
    history_days = (window.ends - counted_from).days
    if history_days < MIN_HISTORY_DAYS or figures.spent_in_window_pence <= 0:
        return None
    daily_rate = Fraction(figures.spent_in_window_pence, history_days)
    days_left = (agreement.ends_on - today).days + 1  # today and every day to the end
    forecast = daily_rate * days_left
    still_to_come = max(0, agreement_budget_pence(agreement) - figures.allocated_pence)
    money = figures.available_pence + still_to_come
    shortfall = forecast - money
    if shortfall <= 0:
        return None
    name = figures.agreement.fund.person.called
    runs_out = today + dt.timedelta(days=int(max(Fraction(0), money / daily_rate)))
    early = _weeks_or_days((agreement.ends_on - runs_out).days)
    short = roughly(int(shortfall + Fraction(1, 2)))
    if money <= 0:
        headline = (
            f"{_possessive(name)} fund has run out of money, {early} before the agreement ends "
            f"(short by about {short})."
        )
    else:
        headline = (
            f"At the current rate, {_possessive(name)} fund will run out around "
            f"{_long_date(runs_out)}, {early} before the agreement ends (short by about {short})."
        )
    weekly = format_pence(int(daily_rate * 7 + Fraction(1, 2)))
    since = (
        f"over the last {RATE_WEEKS} weeks"
        if counted_from == window.starts
        else f"since the agreement started on {_long_date(agreement.starts_on)}"
    )
    detail = (
        f"Spending has averaged {weekly} a week {since}. At that rate the rest of the agreement "
        f"(to {_long_date(agreement.ends_on)}) needs {format_pence(int(forecast))}; the fund "
        f"has {format_pence(figures.available_pence)} to spend and "
        f"{format_pence(still_to_come)} still to come from the council."
    )
    urgent = runs_out < today + dt.timedelta(weeks=FORECAST_URGENT_WEEKS)
    return _alert(
        AlertKind.FORECAST,
        agreement,
        headline=headline,
        detail=detail,
        severity="urgent" if urgent else "soon",
    )


def _banked_alert(figures: _FundFigures, today: dt.date) -> Alert | None:
    agreement = figures.agreement
    banked = figures.banked_pence
    cap = agreement.bank_cap_pence
    held_since = today - dt.timedelta(weeks=agreement.bank_hold_weeks)
    recent = sum(pence for day, pence in figures.banked_by_day if day >= held_since)
    too_long = held_longer_than_rule(banked, recent)
    over_cap = max(0, banked - cap)
    if not over_cap and not too_long:
        return None
    name = agreement.fund.person.called
    problems = []
    if over_cap:
        problems.append(f"{format_pence(over_cap)} more than the limit of {format_pence(cap)}")
    if too_long:
        problems.append(
            f"{format_pence(too_long)} banked longer than {agreement.bank_hold_weeks} weeks"
        )
    headline = f"{name} has {format_pence(banked)} banked: {' and '.join(problems)}."
    detail = (
        f"The agreement lets up to {agreement.bank_max_weeks} weeks' budget "
        f"({format_pence(cap)}) be banked for up to {agreement.bank_hold_weeks} weeks. "
        f"{format_pence(recent) if recent else 'Nothing'} was banked since "
        f"{_long_date(held_since)}; banked money is counted as used oldest first."
    )
    return _alert(AlertKind.BANKED, agreement, headline=headline, detail=detail, severity="soon")


def _hours_alert(figures: _FundFigures, month: _Window) -> Alert | None:
    planned, delivered = figures.planned_minutes, figures.delivered_minutes
    if planned <= 0 or delivered * 100 >= planned * HOURS_BELOW_PLAN_PERCENT:
        return None
    share = percent(delivered, planned)
    name = figures.agreement.fund.person.called
    month_name = f"{month.starts:%B}"
    # The hours exactly, in the words the hours pages use, so the percentage agrees with them
    # (rounded to whole hours, 7h30 of 16h30 read "8 of 17", which is 47%, beside "45%").
    headline = (
        f"In {month_name} {name} had {hours(delivered)} of the {hours(planned)} planned ({share}%)."
    )
    detail = (
        f"{hours(planned - delivered)} of the support planned for {month_name} "
        f"{month.starts.year} was not given."
    )
    far_below = delivered * 100 < planned * HOURS_FAR_BELOW_PLAN_PERCENT
    return _alert(
        AlertKind.HOURS,
        figures.agreement,
        headline=headline,
        detail=detail,
        severity="soon" if far_below else "note",
    )


def _review_alert(figures: _FundFigures, today: dt.date) -> Alert | None:
    agreement = figures.agreement
    due = next_review_due(agreement, figures.reviews_held)
    name = agreement.fund.person.called
    every = agreement.review_every_months
    first = agreement.first_review_on
    if first < today:
        first_due = f"The first review was due on {_long_date(first)}"
    elif first == today:
        first_due = f"The first review is due today, {_long_date(first)}"
    else:
        first_due = f"The first review is due on {_long_date(first)}"
    detail = f"{first_due}, then at least every {every} {'month' if every == 1 else 'months'}."
    if figures.reviews_held:
        last = max(review.held_on for review in figures.reviews_held)
        detail += f" The last review was held on {_long_date(last)}."
    if due < today:
        return _alert(
            AlertKind.REVIEW,
            agreement,
            headline=f"{_possessive(name)} review has been overdue since {_long_date(due)}.",
            detail=detail,
            severity="urgent",
        )
    days = (due - today).days
    if days > REVIEW_SOON_DAYS:
        return None
    when = "today" if days == 0 else f"in {_weeks_or_days(days)}"
    return _alert(
        AlertKind.REVIEW,
        agreement,
        headline=f"{_possessive(name)} review is due on {_long_date(due)} ({when}).",
        detail=detail,
        severity="soon",
    )


def alerts_for(funds: QuerySet[Fund], today: dt.date) -> list[Alert]:
    """Every alert for ``funds`` whose approved agreement covers ``today``: most pressing first,
    then by kind and name. Eight queries however many funds."""
    agreements = list(
        Agreement.objects.filter(
            fund__in=funds,
            status=AgreementStatus.APPROVED,
            starts_on__lte=today,
            ends_on__gte=today,
        ).select_related("fund__person")
    )
    if not agreements:
        return []
    fund_ids = [agreement.fund_id for agreement in agreements]
    window = _rate_window(today)
    month = _last_month(today)
    longest_hold = max(agreement.bank_hold_weeks for agreement in agreements)
    money = _money_now(fund_ids, today)
    spent = _spent_in_window(fund_ids, window)
    allocated = _allocated_so_far(fund_ids, today)
    banked_days = _banked_by_day(fund_ids, today - dt.timedelta(weeks=longest_hold), today)
    planned = _planned_minutes(fund_ids, month)
    delivered = _delivered_minutes(fund_ids, month)
    reviews = _reviews_held(fund_ids, today)

    alerts: list[Alert] = []
    for agreement in agreements:
        fund_id = agreement.fund_id
        figures = _FundFigures(
            agreement=agreement,
            available_pence=money[fund_id].get(Account.AVAILABLE, 0),
            banked_pence=money[fund_id].get(Account.BANKED, 0),
            spent_in_window_pence=spent.get(fund_id, 0),
            allocated_pence=allocated.get(fund_id, 0),
            banked_by_day=banked_days[fund_id],
            planned_minutes=planned.get(fund_id, 0),
            delivered_minutes=delivered.get(fund_id, 0),
            reviews_held=reviews[fund_id],
        )
        found = (
            _forecast_alert(figures, today, window),
            _banked_alert(figures, today),
            _hours_alert(figures, month),
            _review_alert(figures, today),
        )
        alerts.extend(alert for alert in found if alert is not None)
    kinds = list(KIND_TITLES)
    alerts.sort(
        key=lambda alert: (
            SEVERITY_ORDER[alert.severity],
            kinds.index(alert.kind),
            alert.person_name,
        )
    )
    return alerts


@dataclass(frozen=True)
class AlertGroup:
    kind: str
    title: str
    alerts: list[Alert]


def grouped(alerts: list[Alert]) -> list[AlertGroup]:
    """The alerts by kind, in the page's order, leaving out kinds with none."""
    return [
        AlertGroup(kind=kind, title=title, alerts=[a for a in alerts if a.kind == kind])
        for kind, title in KIND_TITLES.items()
        if any(a.kind == kind for a in alerts)
    ]
