"""The demo's ISF money since each fund went live: support session by session, following each
person's Perfect Week, with the gaps and stories of real months; other suppliers; purchases,
a refund, money returned to the council and one correction; banking; and last month's
timesheet from the personal-assistant agency.

The sessions are loaded in bulk (``ledger.load.load_postings``, as the benchmarks do) but priced
exactly as ``hours.services.record_session`` prices them, with the same descriptions and
accounts. Everything else goes through the services. Before anything is written, every fund's
money is replayed day by day in the ledger's order, so no fund ever goes below its overdraft
and nothing banked below zero; a story that would break that stops the seed with the reason.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.funds.hours.timesheets import import_timesheet
from directsupport.funds.ledger.load import Posting, load_postings, refresh_planner_statistics
from directsupport.funds.ledger.posting import spend_lines
from directsupport.funds.models import (
    Account,
    Fund,
    Kind,
    LedgerEntry,
    SessionSource,
    SupportSession,
    TimesheetImport,
)
from directsupport.people.models import SupportAssignment
from directsupport.week.models import RateCard, SupportKind, SupportRatio, WeekEntry, WeekKind
from directsupport.week.pricing import (
    CardFacts,
    EntryFacts,
    band_at,
    bank_holidays,
    card_facts,
    facts_from,
    is_paid,
    occurrences_between,
    round_half_up,
)

from . import funds_data as fd
from .seed_funds_money import MoneyEvent, plan_services, replay, write_services
from .seed_funds_plans import LiveFund, SessionPlan

SEED = "willowbrook-funds-history-2026"
NIGHT_KINDS = (SupportKind.SLEEP_IN, SupportKind.WAKING_NIGHT)


@dataclass
class HistoryCounts:
    sessions: int = 0
    supplier_sessions: int = 0
    timesheet_sessions: int = 0
    pots: int = 0
    not_affordable: int = 0  # sessions left out because the fund could not pay that day


@dataclass
class _Context:
    today: dt.date
    cards: list[CardFacts]
    holidays: frozenset[dt.date]
    entries: dict[int, list[WeekEntry]]
    workers: dict[int, list[User]]
    stories: dict[str, list[tuple[dt.date, dt.date]]] = field(default_factory=dict)

    def card_on(self, day: dt.date) -> CardFacts:
        in_force = [card for card in self.cards if card.effective_from <= day]
        if not in_force:
            raise ValueError(f"No rate card in force on {day}.")
        return in_force[-1]


def seed_history(
    live: list[LiveFund], *, provider: Organisation, actor: User, today: dt.date
) -> HistoryCounts:
    context = _context(live, provider, today)
    sessions: list[SessionPlan] = []
    for item in live:
        sessions += _sessions_for(item, context)
    services = plan_services(live, sessions, context.today, actor=actor)
    banked_away = {id(plan) for plan in services.skipped_sessions}
    sessions = [plan for plan in sessions if id(plan) not in banked_away]
    unpaid = replay(
        _month_events(live),
        services.events,
        _session_events(sessions),
        overdrafts={item.fund.pk: item.versions[-1].overdraft_limit_pence for item in live},
    )
    sessions = [plan for index, plan in enumerate(sessions) if index not in unpaid]
    counts_unpaid = len(unpaid)
    timesheet, bulk = _timesheet_split(sessions, today)
    write_services(services)
    _load_sessions(bulk, actor)
    _import_timesheet(timesheet, provider, actor, today)
    return HistoryCounts(
        sessions=len(sessions),
        supplier_sessions=sum(1 for s in sessions if s.account == Account.OTHER_SUPPLIERS),
        timesheet_sessions=len(timesheet),
        pots=len(services.pots),
        not_affordable=counts_unpaid,
    )


# --- What is known before planning -------------------------------------------------------------


def _context(live: list[LiveFund], provider: Organisation, today: dt.date) -> _Context:
    cards = [
        card_facts(card)
        for card in RateCard.objects.filter(organisation=provider)
        .order_by("effective_from", "id")
        .prefetch_related("rates")
    ]
    people = [item.person.pk for item in live]
    entries: dict[int, list[WeekEntry]] = defaultdict(list)
    for entry in WeekEntry.objects.filter(
        week__kind=WeekKind.PERFECT, week__person__in=people
    ).select_related("week"):
        entries[entry.week.person_id].append(entry)
    workers: dict[int, list[User]] = defaultdict(list)
    for assignment in (
        SupportAssignment.objects.filter(person__in=people).select_related("worker").order_by("id")
    ):
        workers[assignment.person_id].append(assignment.worker)
    first = min(item.starts_on for item in live)
    context = _Context(
        today=today,
        cards=cards,
        holidays=bank_holidays(first.year, today.year + 1),
        entries=entries,
        workers=workers,
    )
    context.stories = _away(today)
    return context


def this_monday(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=today.weekday())


def rate_window_start(today: dt.date) -> dt.date:
    """The first day of the 8 complete weeks the overspend forecast averages."""
    return this_monday(today) - dt.timedelta(weeks=8)


def hospital_stay(today: dt.date) -> tuple[dt.date, dt.date]:
    window = rate_window_start(today)
    return window - dt.timedelta(days=20), window - dt.timedelta(days=4)


def _away(today: dt.date) -> dict[str, list[tuple[dt.date, dt.date]]]:
    """Days people had no support: away, ill or in hospital."""
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    away: dict[str, list[tuple[dt.date, dt.date]]] = {
        name: [(last_month.replace(day=first), last_month.replace(day=last))]
        for name, (first, last) in fd.AWAY_LAST_MONTH.items()
    }
    away[fd.OVERSPEND] = [hospital_stay(today)]
    weeks_from, weeks_to = fd.RETURNED_AWAY_WEEKS
    away[fd.RETURNED] = [
        (today - dt.timedelta(weeks=weeks_from), today - dt.timedelta(weeks=weeks_to))
    ]
    return away


# --- Sessions ----------------------------------------------------------------------------------


def _supplier_for(first_name: str, entry: WeekEntry) -> fd.Supplier | None:
    for place, supplier in fd.SUPPLIER_BY_PLACE:
        if entry.place.startswith(place):
            return supplier
    if first_name in fd.ACTIVE_PEOPLE and any(word in entry.what for word in fd.ACTIVE_WORDS):
        return fd.ACTIVE
    if fd.PA_PEOPLE.get(first_name) == entry.support_kind:
        return fd.PA_AGENCY
    if first_name in fd.MARCIA_PEOPLE and entry.support_kind == SupportKind.COMMUNITY_ACCESS:
        return fd.MARCIA
    return None


def _periods(item: LiveFund, yesterday: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The days each approved version was in force, up to yesterday."""
    periods = []
    for index, version in enumerate(item.versions):
        last = version.ends_on
        if index + 1 < len(item.versions):
            last = item.versions[index + 1].starts_on - dt.timedelta(days=1)
        periods.append((version.starts_on, min(last, yesterday)))
    return periods


def _sessions_for(item: LiveFund, context: _Context) -> list[SessionPlan]:
    person = item.person
    rng = random.Random(f"{SEED}:{person.first_name}:{person.last_name}")  # noqa: S311
    drop_rate = rng.uniform(*fd.DROP_RATE_RANGE)
    away = context.stories.get(person.first_name, [])
    workers = context.workers.get(person.pk, [])
    yesterday = context.today - dt.timedelta(days=1)
    paid = sorted(
        (entry for entry in context.entries.get(person.pk, []) if is_paid(facts_from(entry))),
        key=lambda entry: entry.pk,
    )
    plans: dict[tuple[dt.date, dt.time, str], SessionPlan] = {}
    for first, last in _periods(item, yesterday):
        for index, entry in enumerate(paid):
            facts = facts_from(entry)
            supplier = _supplier_for(person.first_name, entry)
            worker = workers[index % len(workers)] if workers else None
            # The dates the month's planned support counts (``hours.planned.planned_support``).
            for day in occurrences_between(facts, first, last):
                settling = day < item.starts_on + fd.SETTLING_IN
                chance = drop_rate + (fd.SETTLING_IN_EXTRA_DROP if settling else 0)
                if any(start <= day <= end for start, end in away) or rng.random() < chance:
                    continue
                plan = _session(item.fund, entry, facts, day, supplier, worker, context)
                if rng.random() < fd.SHORT_SESSION_CHANCE and _can_shorten(plan, facts):
                    plan.minutes -= 30
                    plan.notes = f"Finished half an hour early: {person.called} was tired."
                plans.setdefault((day, plan.starts_at, plan.supplier), plan)
    if person.first_name == fd.OVERSPEND:
        for plan in _hospital_extra(item, context):
            plans.setdefault((plan.day, plan.starts_at, plan.supplier), plan)
    return sorted(plans.values(), key=lambda plan: (plan.day, plan.starts_at))


def _can_shorten(plan: SessionPlan, facts: EntryFacts) -> bool:
    return (
        plan.support_kind not in NIGHT_KINDS
        and facts.support_ratio == SupportRatio.ONE_TO_ONE
        and plan.minutes >= 120
    )


def _session(
    fund: Fund,
    entry: WeekEntry,
    facts: EntryFacts,
    day: dt.date,
    supplier: fd.Supplier | None,
    worker: User | None,
    context: _Context,
) -> SessionPlan:
    """One occurrence delivered: minutes as the plan counts them (workers x duration, or the
    duration when shared) at an hourly rate from the card's band when it starts, or the
    supplier's; shared support split between the people sharing it."""
    card = context.card_on(day)
    start = dt.datetime.combine(day, facts.starts_at)
    end_day = day + dt.timedelta(days=1) if facts.overnight else day
    duration = int((dt.datetime.combine(end_day, facts.ends_at) - start).total_seconds()) // 60
    shared = facts.support_ratio == SupportRatio.SHARED
    workers = 2 if facts.support_ratio == SupportRatio.TWO_TO_ONE else 1
    sharers = (facts.shared_by or 2) if shared else 1
    minutes = duration if shared else duration * workers
    if supplier is not None:
        rate = round_half_up(Fraction(supplier.pence_per_hour, sharers))
        name, recorder = supplier.name, None
        worker_name = supplier.workers[entry.pk % len(supplier.workers)]
    else:
        if facts.support_kind == SupportKind.SLEEP_IN:
            night = Fraction(card.sleep_in_pence * workers, sharers)
            rate = round_half_up(night * 60 / minutes)
        else:
            pence = card.hourly[(facts.support_kind, band_at(start, card, context.holidays))]
            rate = round_half_up(Fraction(pence, sharers))
        name = fund.provider.name
        worker_name = worker.full_name if worker else "Willowbrook support worker"
        recorder = worker
    notes = ""
    if workers == 2:
        notes = "Two workers (2:1)."
    elif shared:
        notes = f"Shared support, one worker for {sharers} people."
    return SessionPlan(
        fund=fund,
        day=day,
        starts_at=facts.starts_at,
        minutes=minutes,
        support_kind=facts.support_kind,
        supplier=name,
        worker=worker_name,
        rate_pence=rate,
        recorded_by=recorder,
        notes=notes,
        ratio=facts.support_ratio,
    )


def _hospital_extra(item: LiveFund, context: _Context) -> list[SessionPlan]:
    """A lunchtime visit every day since the person came home from hospital."""
    starts, minutes, kind = fd.HOSPITAL_EXTRA
    starts_at = dt.time.fromisoformat(starts)
    day = hospital_stay(context.today)[1] + dt.timedelta(days=1)
    workers = context.workers.get(item.person.pk, [])
    worker = workers[0] if workers else None
    extra = []
    while day < context.today:
        card = context.card_on(day)
        band = band_at(dt.datetime.combine(day, starts_at), card, context.holidays)
        extra.append(
            SessionPlan(
                fund=item.fund,
                day=day,
                starts_at=starts_at,
                minutes=minutes,
                support_kind=kind,
                supplier=item.fund.provider.name,
                worker=worker.full_name if worker else "Willowbrook support worker",
                rate_pence=card.hourly[(kind, band)],
                recorded_by=worker,
                notes=fd.HOSPITAL_NOTE,
            )
        )
        day += dt.timedelta(days=1)
    return extra


# --- The money, day by day ------------------------------------------------------------------------


def _month_events(live: list[LiveFund]) -> list[MoneyEvent]:
    """The months opened so far (allocations and fees), from the ledger."""
    rows = LedgerEntry.objects.filter(
        fund_id__in=[item.fund.pk for item in live], account=Account.AVAILABLE
    ).values_list("fund_id", "effective_on", "amount_pence")
    return [MoneyEvent(fund_id, day, 0, amount, 0, "month") for fund_id, day, amount in rows]


def _session_events(sessions: list[SessionPlan]) -> list[MoneyEvent]:
    return [
        MoneyEvent(s.fund.pk, s.day, 2, -s.cost_pence, 0, s.description, session=index)
        for index, s in enumerate(sessions)
    ]


# --- Writing sessions ----------------------------------------------------------------------------


def _key(plan: SessionPlan) -> str:
    supplier = "".join(ch for ch in plan.supplier.lower() if ch.isalnum())[:20]
    return f"demo-isf:session:{plan.fund.pk}:{plan.day:%Y%m%d}:{plan.starts_at:%H%M}:{supplier}"


def _load_sessions(sessions: list[SessionPlan], actor: User) -> None:
    postings = [
        Posting(
            fund=plan.fund,
            kind=Kind.DELIVERED_SUPPORT,
            lines=spend_lines(plan.account, plan.cost_pence),
            effective_on=plan.day,
            description=plan.description,
            idempotency_key=_key(plan),
            counterparty=plan.supplier,
            minutes=plan.minutes,
            posted_at=plan.ends_at,
        )
        for plan in sessions
    ]
    loaded = load_postings(postings, actor=actor, reason="the demo's support since the ISF began")
    # The sessions beside their postings are written here: record_session posts each one "now",
    # and the ledger is append-only (database triggers), so months of history can only come in
    # through the ledger's load, which checks every posting as post() does and the overdraft rule
    # (would_overdraw). Each session's cost and account come from the hours rules
    # (session_cost_pence, is_provider, in SessionPlan), never worked out here.
    SupportSession.objects.bulk_create(
        (
            SupportSession(
                fund=plan.fund,
                delivered_on=plan.day,
                starts_at=plan.starts_at,
                minutes=plan.minutes,
                support_kind=plan.support_kind,
                supplier_name=plan.supplier,
                worker_name=plan.worker,
                hourly_rate_pence=plan.rate_pence,
                cost_pence=plan.cost_pence,
                notes=plan.notes,
                source=SessionSource.RECORDED,
                transaction=posted,
                recorded_by=plan.recorded_by or actor,
                recorded_at=plan.ends_at,
            )
            for plan, posted in zip(sessions, loaded.transactions, strict=True)
        ),
        batch_size=2000,
    )
    refresh_planner_statistics()


# --- Last month's timesheet -------------------------------------------------------------------


def _hours_text(minutes: int) -> str | None:
    hours = Decimal(minutes) / Decimal(60)
    text = f"{hours.normalize():f}"
    return text if Decimal(text) * 60 == minutes else None


def _timesheet_split(
    sessions: list[SessionPlan], today: dt.date
) -> tuple[list[SessionPlan], list[SessionPlan]]:
    """Last month's agency sessions for the timesheet people come as a CSV; the rest in bulk."""
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    timesheet, bulk = [], []
    for plan in sessions:
        if (
            plan.supplier == fd.PA_AGENCY.name
            and plan.fund.person.first_name in fd.TIMESHEET_PEOPLE
            and plan.day >= last_month
            and plan.day < today.replace(day=1)
            and _hours_text(plan.minutes) is not None
        ):
            timesheet.append(plan)
        else:
            bulk.append(plan)
    return timesheet, bulk


def timesheet_csv(sessions: list[SessionPlan]) -> bytes:
    lines = ["person_reference,date,start,hours,support_kind,worker,hourly_rate"]
    for plan in sorted(sessions, key=lambda s: (s.day, s.starts_at, s.fund.reference)):
        lines.append(
            f"{plan.fund.reference},{plan.day:%d/%m/%Y},{plan.starts_at:%H:%M},"
            f"{_hours_text(plan.minutes)},{plan.support_kind},{plan.worker},"
            f"{plan.rate_pence // 100}.{plan.rate_pence % 100:02d}"
        )
    return ("\n".join(lines) + "\n").encode()


def _import_timesheet(
    sessions: list[SessionPlan], provider: Organisation, actor: User, today: dt.date
) -> None:
    if not sessions:
        return
    month = sessions[0].day
    result = import_timesheet(
        provider=provider,
        supplier_name=fd.PA_AGENCY.name,
        file=io.BytesIO(timesheet_csv(sessions)),
        actor=actor,
        file_name=f"hollowfield-pa-agency-{month:%B-%Y}.csv".lower(),
    )
    if result.imported is None:
        raise RuntimeError("The demo timesheet was refused: " + "; ".join(result.problems))
    imported_at = timezone.make_aware(dt.datetime.combine(today.replace(day=1), dt.time(9, 30)))
    TimesheetImport.objects.filter(pk=result.imported.pk).update(
        imported_at=min(imported_at, timezone.now())
    )
