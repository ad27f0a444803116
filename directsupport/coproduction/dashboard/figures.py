"""One month's programme figures for one provider (optionally one council's people only).

Everything is a count or a sum worked out by the database (a fixed number of grouped queries,
however many people or ledger entries: ``QUERIES_PER_MONTH``), never by walking people in
Python. Every number is a whole number (money in pence, time in minutes) and adds up across
providers, so a commissioner's figures are the sum of each provider's figures for their council
(``combine``).

Where an answer has a home elsewhere it is asked there: a person's stage (``stages.py``), live
ISFs (funds' rule: an approved agreement whose dates cover the day), money by ledger account
(``funds.ledger.balances.balances_from_totals``), planned minutes signed as statements sign them
(corrections count), sessions delivered leaving out those whose payment was reversed (as the
statement does), contracts once active (commissioning), and needs' statuses (market).

"As at" a month is its last day, or today for the month we are in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)

from directsupport.commissioning.models import Contract, ContractParty, Pool, PoolStatus
from directsupport.coproduction.models import (
    Decision,
    OutcomeProgress,
    Progress,
    Review,
    ReviewStatus,
)
from directsupport.funds.ledger.balances import balances_from_totals
from directsupport.funds.models import (
    Account,
    Agreement,
    AgreementReview,
    BlockContract,
    LedgerEntry,
    SupportSession,
)
from directsupport.funds.statements.figures import month_start, next_month
from directsupport.people.models import Person
from directsupport.planning.models import Outcome

from .stages import ONCE_ACTIVE, agreements_in_force, end_of_day, stage_counts

FIGURES_VERSION = 1
QUERIES_PER_MONTH = 12
LEVELS = tuple(str(level) for level in range(1, 8))


def as_at(month: dt.date, today: dt.date) -> dt.date:
    """The day a month's figures are counted at: its last day, or today for the month we are
    in."""
    last_day = next_month(month) - dt.timedelta(days=1)
    return min(last_day, today)


def scope_people(provider_id: int, council_id: int | None) -> QuerySet[Person]:
    people = Person.objects.filter(organisation_id=provider_id)
    if council_id is not None:
        people = people.filter(funding_council_id=council_id)
    return people


def _scope_funds(provider_id: int, council_id: int | None) -> Q:
    """Funds in scope, as a filter on anything with a ``fund``: the provider's funds (for one
    council: the ones it pays into)."""
    scope = Q(fund__provider_id=provider_id)
    if council_id is not None:
        scope &= Q(fund__council_id=council_id)
    return scope


def month_figures(
    *, provider_id: int, council_id: int | None, month: dt.date, today: dt.date
) -> dict[str, Any]:
    """The figures for the month holding ``month`` (see the module's docstring)."""
    start = month_start(month)
    end = next_month(start)
    day = as_at(start, today)
    people = scope_people(provider_id, council_id)
    return {
        "version": FIGURES_VERSION,
        "month": start.isoformat(),
        "as_at": day.isoformat(),
        "stages": stage_counts(people, day=day),
        "money": _money(provider_id, council_id, start, end, day),
        "hours": _hours(provider_id, council_id, start, end, day),
        "pools": _pools(provider_id, council_id, day),
        "outcomes": _outcomes(people, day),
        "reviews": _reviews(people, provider_id, council_id, start, end, day),
        "decisions": _decisions(provider_id, council_id, start, end),
    }


def _int(value: object) -> int:
    return int(value or 0)  # type: ignore[call-overload]


def _money(
    provider_id: int, council_id: int | None, start: dt.date, end: dt.date, day: dt.date
) -> dict[str, int]:
    """Block contracts in force and live ISFs' budgets (yearly amounts) on the day; the month's
    money by ledger account (funds' own sums), and money banked at the day's end."""
    funds = _scope_funds(provider_id, council_id)
    in_month: dict[str, int] = {}
    banked = 0
    rows = (
        LedgerEntry.objects.filter(funds, effective_on__lt=end)
        .filter(Q(effective_on__gte=start) | Q(account=Account.BANKED))
        .values("account")
        .annotate(
            month_total=Sum("amount_pence", filter=Q(effective_on__gte=start)),
            through=Sum("amount_pence", filter=Q(effective_on__lte=day)),
        )
        .order_by()
    )
    for row in rows:
        in_month[row["account"]] = _int(row["month_total"])
        if row["account"] == Account.BANKED:
            banked = _int(row["through"])
    balances = balances_from_totals(in_month)
    fee = in_month.get(Account.MANAGEMENT_FEE, 0)
    contracts = BlockContract.objects.filter(
        provider_id=provider_id, starts_on__lte=day, ends_on__gte=day
    )
    if council_id is not None:
        contracts = contracts.filter(council_id=council_id)
    live = _live_agreements(day).filter(funds)
    live_totals = live.aggregate(count=Count("pk"), budgets=Sum("annual_budget_pence"))
    return {
        "block_value_pence": _int(contracts.aggregate(total=Sum("annual_value_pence"))["total"]),
        "allocated_pence": _int(live_totals["budgets"]),
        "live_isfs": _int(live_totals["count"]),
        "received_pence": balances.received_pence,
        "spent_pence": balances.spent_pence - fee,
        "fee_pence": fee,
        "banked_pence": banked,
        "spent_with_provider_pence": in_month.get(Account.PROVIDER_SUPPORT, 0),
        "spent_with_others_pence": in_month.get(Account.OTHER_SUPPLIERS, 0),
    }


def _live_agreements(day: dt.date) -> QuerySet[Agreement]:
    """Funds' "live ISF" on ``day`` (the rule in ``stages.py``), one agreement per fund: the
    latest version in force then, so a fund whose agreement changed is counted once."""
    in_force = agreements_in_force(day)
    latest = in_force.filter(fund=OuterRef("fund")).order_by("-version").values("version")[:1]
    return in_force.filter(version=Subquery(latest))


def _hours(
    provider_id: int, council_id: int | None, start: dt.date, end: dt.date, day: dt.date
) -> dict[str, int]:
    """Minutes planned (the planned-support memo, corrections counted against it, as a statement
    counts them), minutes delivered by the provider and by other suppliers (sessions whose
    payment was not reversed by the month's end), and minutes a week under contracts with other
    suppliers running on the day."""
    funds = _scope_funds(provider_id, council_id)
    signed_minutes = Case(
        When(amount_pence__gt=0, then=F("transaction__minutes")),
        default=-F("transaction__minutes"),
        output_field=IntegerField(),
    )
    planned = LedgerEntry.objects.filter(
        funds, account=Account.PLANNED, effective_on__gte=start, effective_on__lt=end
    ).aggregate(minutes=Sum(signed_minutes))["minutes"]
    by_others = Exists(
        LedgerEntry.objects.filter(
            transaction=OuterRef("transaction"), account=Account.OTHER_SUPPLIERS
        )
    )
    delivered = {True: 0, False: 0}
    sessions = (
        SupportSession.objects.filter(funds, delivered_on__gte=start, delivered_on__lt=end)
        .exclude(transaction__reversed_by__effective_on__lt=end)
        .annotate(by_others=by_others)
        .values("by_others")
        .annotate(minutes=Sum("minutes"))
        .order_by()
    )
    for row in sessions:
        delivered[bool(row["by_others"])] += _int(row["minutes"])
    parties = ContractParty.objects.filter(
        Q(leaves_on__isnull=True) | Q(leaves_on__gt=day),
        person__organisation_id=provider_id,
        joins_on__lte=day,
        contract__status__in=ONCE_ACTIVE,
        contract__activated_at__lt=end_of_day(day),
    ).exclude(contract__ended_at__lt=end_of_day(day))
    if council_id is not None:
        parties = parties.filter(person__funding_council_id=council_id)
    contracted = parties.aggregate(minutes=Sum("minutes_a_week"))["minutes"]
    return {
        "planned_minutes": _int(planned),
        "delivered_minutes": delivered[True] + delivered[False],
        "delivered_by_provider_minutes": delivered[False],
        "delivered_by_others_minutes": delivered[True],
        "contracted_minutes_a_week": _int(contracted),
    }


def _pools(provider_id: int, council_id: int | None, day: dt.date) -> dict[str, int]:
    """Joint procurements proposed by the day: contracted when one of the pool's contracts had
    become active by then; closed when closed without that (the day a pool closed is not
    recorded, so it shows closed from when it was proposed); otherwise being arranged (proposed,
    agreed by its members or out to quote)."""
    until = end_of_day(day)
    pools = Pool.objects.filter(organisation_id=provider_id, created_at__lt=until)
    if council_id is not None:
        pools = pools.filter(members__person__funding_council_id=council_id).distinct()
    contracted = Exists(
        Contract.objects.filter(pool=OuterRef("pk"), status__in=ONCE_ACTIVE, activated_at__lt=until)
    )
    counts = {"being_arranged": 0, "contracted": 0, "closed": 0}
    rows = (
        Pool.objects.filter(pk__in=pools.values("pk"))
        .annotate(contracted=contracted)
        .values("status", "contracted")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        if row["contracted"]:
            counts["contracted"] += row["n"]
        elif row["status"] == PoolStatus.CLOSED:
            counts["closed"] += row["n"]
        else:
            counts["being_arranged"] += row["n"]
    return counts


def _outcomes(people: QuerySet[Person], day: dt.date) -> dict[str, int]:
    """Outcomes in the plans of the people in scope, and those achieved by the day: marked
    achieved in the plan (``achieved_on``), or whose latest progress by then says achieved."""
    latest = (
        OutcomeProgress.objects.filter(outcome=OuterRef("pk"), recorded_on__lte=day)
        .order_by("-recorded_on", "-id")
        .values("status")[:1]
    )
    totals = (
        Outcome.objects.filter(person__in=people.values("pk"))
        .annotate(latest=Subquery(latest))
        .aggregate(
            total=Count("pk"),
            achieved=Count("pk", filter=Q(achieved_on__lte=day) | Q(latest=Progress.ACHIEVED)),
        )
    )
    return {"total": _int(totals["total"]), "achieved": _int(totals["achieved"])}


def _reviews(
    people: QuerySet[Person],
    provider_id: int,
    council_id: int | None,
    start: dt.date,
    end: dt.date,
    day: dt.date,
) -> dict[str, int]:
    """Reviews falling due in the month (not cancelled): completed on or before the day they
    were due (on time), completed later (late), still not done by the day counted at while
    already due (overdue); and ISF reviews held in the month."""
    due = Review.objects.filter(
        person__in=people.values("pk"), due_on__gte=start, due_on__lt=end
    ).exclude(status=ReviewStatus.CANCELLED)
    completed = Q(status=ReviewStatus.COMPLETED, held_on__isnull=False)
    totals = due.aggregate(
        due=Count("pk"),
        on_time=Count("pk", filter=completed & Q(held_on__lte=F("due_on"))),
        late=Count("pk", filter=completed & Q(held_on__gt=F("due_on"))),
        overdue=Count("pk", filter=~completed & Q(due_on__lt=day)),
    )
    held = AgreementReview.objects.filter(
        _scope_funds(provider_id, council_id), held_on__gte=start, held_on__lt=end
    ).count()
    return {
        "due": _int(totals["due"]),
        "on_time": _int(totals["on_time"]),
        "late": _int(totals["late"]),
        "overdue": _int(totals["overdue"]),
        "held": held,
    }


def _decisions(
    provider_id: int, council_id: int | None, start: dt.date, end: dt.date
) -> dict[str, int]:
    """Decisions taken in the month by the rung of the co-production ladder they reached. For
    one council: decisions about its people and those about how the service works."""
    decisions = Decision.objects.filter(
        organisation_id=provider_id, decided_on__gte=start, decided_on__lt=end
    )
    if council_id is not None:
        decisions = decisions.filter(
            Q(person__funding_council_id=council_id) | Q(person__isnull=True)
        )
    counts = dict.fromkeys(LEVELS, 0)
    for row in decisions.values("level").annotate(n=Count("pk")).order_by():
        counts[str(row["level"])] = int(row["n"])
    return counts


def combine(figures: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Several scopes' figures for the same month added together (a council's people across
    the providers it funds). Every figure is a whole number, so adding is exact."""
    combined: dict[str, Any] = {}
    for item in figures:
        _add_into(combined, item)
    return combined


def _add_into(total: dict[str, Any], item: dict[str, Any]) -> None:
    for key, value in item.items():
        if isinstance(value, dict):
            _add_into(total.setdefault(key, {}), value)
        elif isinstance(value, int) and key != "version":
            total[key] = total.get(key, 0) + value
        else:
            total.setdefault(key, value)
