"""The programme dashboard's figures agree with counts the test makes its own way from the raw
records, month by month; a commissioner's figures hold only their council's people.

The world (every test here runs on 18 November 2026; the programme's months are September,
October and November 2026), at Willowbrook Support:

- Dee (Hollowfield): Plan Book agreed 10 September; ISF approved 20 September from 1 October;
  a supplier chosen 15 October, the contract active 20 October; her ISF reviewed 5 November.
- Ben (Hollowfield): a Plan Book still in draft: planning.
- Cara (Hollowfield): Plan Book published 5 October; ISF approved 25 October from 1 November.
- Eli (Eastmere Council): Plan Book agreed 12 September; ISF live from 1 October.
- Fay, supported by Other Care Ltd and funded by Hollowfield: Plan Book agreed in October.

Money, hours, a pool, outcomes, reviews and decisions at several levels of the ladder come with
them (``programme_world``).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.commissioning.models import (
    Contract,
    ContractParty,
    ContractStatus,
    Pool,
    PoolMember,
    PoolStatus,
)
from directsupport.coproduction.dashboard.figures import QUERIES_PER_MONTH, month_figures
from directsupport.coproduction.dashboard.snapshots import read_series, refresh_provider
from directsupport.coproduction.dashboard.stages import STAGE_KEYS, Stage
from directsupport.coproduction.models import (
    Decision,
    OutcomeProgress,
    Progress,
    Review,
    ReviewKind,
    ReviewStatus,
    Topic,
)
from directsupport.funds.hours.services import record_session
from directsupport.funds.ledger import posting
from directsupport.funds.models import (
    Account,
    Agreement,
    AgreementReview,
    AgreementStatus,
    BlockContract,
    Fund,
    Kind,
    LedgerEntry,
    SupportSession,
)
from directsupport.market.models import NeedStatus, SupplierChoice
from directsupport.market.tests.factories import (
    PostcodeDistrictFactory,
    ServiceFactory,
    SupplierFactory,
    SupportNeedFactory,
    standard_term,
)
from directsupport.people.models import Person
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion
from directsupport.planning.models import Outcome
from tests.clock import on_day
from tests.factories import PersonFactory

TODAY = dt.date(2026, 11, 18)
SEPTEMBER, OCTOBER, NOVEMBER = dt.date(2026, 9, 1), dt.date(2026, 10, 1), dt.date(2026, 11, 1)
MONTHS = (SEPTEMBER, OCTOBER, NOVEMBER)
_keys = itertools.count(1)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture(autouse=True)
def _on_a_fixed_day() -> Iterator[None]:
    with on_day(TODAY, hour=14):
        yield


@dataclass
class World:
    provider: Organisation
    council: Organisation
    other_council: Organisation
    other_provider: Organisation
    dee: Person
    ben: Person
    cara: Person
    eli: Person
    fay: Person


def _plan(person: Person, status: str, *, signed: dt.date | None, published: dt.date | None):
    return PlanBookVersion.objects.create(
        person=person,
        number=1,
        status=status,
        signed_at=at(signed) if signed else None,
        published_at=at(published) if published else None,
    )


def _fund(person: Person, reference: str, *, approved: dt.date, starts: dt.date) -> Fund:
    fund = Fund.objects.create(
        person=person,
        provider=person.organisation,
        council=person.funding_council,  # type: ignore[misc]  # every test person has one
        reference=reference,
    )
    Agreement.objects.create(
        fund=fund,
        version=1,
        status=AgreementStatus.APPROVED,
        annual_budget_pence=3_120_000,
        starts_on=starts,
        ends_on=dt.date(2027, 9, 30),
        fee_basis_points=800,
        first_review_on=starts + dt.timedelta(weeks=7),
        decided_at=at(approved),
    )
    return fund


def _post(fund: Fund, kind: str, lines: list[posting.Line], on: dt.date, actor: User, **extra: Any):
    return posting.post(
        fund=fund,
        kind=kind,
        lines=lines,
        effective_on=on,
        description=f"{kind} on {on}",
        idempotency_key=f"world-{next(_keys)}",
        actor=actor,
        **extra,
    )


@pytest.fixture
def programme_world(
    provider, council, other_council, other_provider, dee, finance, manager
) -> World:
    ben = PersonFactory.create(
        organisation=provider, first_name="Ben", last_name="Adams", funding_council=council
    )
    cara = PersonFactory.create(
        organisation=provider, first_name="Cara", last_name="Jones", funding_council=council
    )
    eli = PersonFactory.create(
        organisation=provider, first_name="Eli", last_name="Moss", funding_council=other_council
    )
    fay = PersonFactory.create(
        organisation=other_provider, first_name="Fay", last_name="Quinn", funding_council=council
    )
    # Plan Books.
    _plan(dee, PlanBookStatus.PUBLISHED, signed=dt.date(2026, 9, 10), published=None)
    _plan(ben, PlanBookStatus.DRAFT, signed=None, published=None)
    _plan(cara, PlanBookStatus.PUBLISHED, signed=None, published=dt.date(2026, 10, 5))
    _plan(eli, PlanBookStatus.AGREED, signed=dt.date(2026, 9, 12), published=None)
    _plan(fay, PlanBookStatus.AGREED, signed=dt.date(2026, 10, 2), published=None)
    # ISFs.
    dee_fund = _fund(dee, "ISF-0001", approved=dt.date(2026, 9, 20), starts=OCTOBER)
    _fund(cara, "ISF-0002", approved=dt.date(2026, 10, 25), starts=NOVEMBER)
    eli_fund = _fund(eli, "ISF-0003", approved=dt.date(2026, 9, 25), starts=OCTOBER)
    BlockContract.objects.create(
        provider=provider,
        council=council,
        reference="LBW-1",
        title="Supported living",
        annual_value_pence=10_000_000,
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2027, 3, 31),
    )
    BlockContract.objects.create(
        provider=provider,
        council=other_council,
        reference="EM-1",
        title="Eastmere supported living",
        annual_value_pence=4_000_000,
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2027, 3, 31),
    )
    # Money and hours.
    for fund in (dee_fund, eli_fund):
        for month in (OCTOBER, NOVEMBER):
            _post(fund, Kind.ALLOCATION, posting.allocation_lines(260_000), month, finance)
            _post(
                fund,
                Kind.MANAGEMENT_FEE,
                posting.spend_lines(Account.MANAGEMENT_FEE, 20_800),
                month,
                finance,
            )
            _post(
                fund,
                Kind.PLANNED_SUPPORT,
                posting.planned_lines(64_000),
                month,
                finance,
                minutes=1_200,
            )
    _post(dee_fund, Kind.BANK, posting.bank_lines(10_000), dt.date(2026, 10, 20), finance)
    sessions = [
        (dee_fund, dt.date(2026, 10, 10), 120, "Willowbrook Support"),
        (dee_fund, dt.date(2026, 10, 12), 60, "Bright Swim CIC"),
        (dee_fund, dt.date(2026, 11, 3), 90, "Willowbrook Support"),
        (eli_fund, dt.date(2026, 10, 14), 180, "Willowbrook Support"),
    ]
    for fund, day, minutes, who in sessions:
        record_session(
            fund=fund,
            delivered_on=day,
            starts_at=dt.time(10),
            minutes=minutes,
            support_kind="community_access",
            supplier_name=who,
            worker_name="",
            hourly_rate_pence=3_000,
            notes="",
            idempotency_key=f"session-{next(_keys)}",
            actor=finance,
        )
    # Dee's supplier, contract and review.
    district = PostcodeDistrictFactory.create(code="HF1")
    supplier = SupplierFactory.create(directory_owner=provider, base_district=district)
    service = ServiceFactory.create(supplier=supplier)
    need = SupportNeedFactory.create(person=dee, status=NeedStatus.MET, district=district)
    choice = SupplierChoice.objects.create(
        need=need, service=service, reason="I like them", chosen_by="Dee", recorded_by=manager
    )
    SupplierChoice.objects.filter(pk=choice.pk).update(recorded_at=at(dt.date(2026, 10, 15)))
    contract = Contract.objects.create(
        organisation=provider,
        reference="CON-0001",
        supplier=supplier,
        term=standard_term("community-access"),
        service="Swimming",
        minutes_a_week=120,
        pence_per_hour=3_000,
        starts_on=dt.date(2026, 10, 20),
        cancellation_rules="48 hours",
        change_rules="Agreed together",
        status=ContractStatus.ACTIVE,
        activated_at=at(dt.date(2026, 10, 20)),
        created_by=manager,
    )
    ContractParty.objects.create(
        contract=contract,
        person=dee,
        fund=dee_fund,
        need=need,
        minutes_a_week=120,
        share_bp=10_000,
        joins_on=dt.date(2026, 10, 20),
    )
    AgreementReview.objects.create(
        fund=dee_fund, held_on=dt.date(2026, 11, 5), summary="Going well", recorded_by=manager
    )
    # Co-production reviews: Dee's first (due 19 November, completed 5 November: on time);
    # Eli's first (due 3 November, completed 10 November: late); Cara's (due 10 November, not
    # held: overdue); Ben's asked-for review, cancelled.
    for person, due, status, held in (
        (dee, dt.date(2026, 11, 19), ReviewStatus.COMPLETED, dt.date(2026, 11, 5)),
        (eli, dt.date(2026, 11, 3), ReviewStatus.COMPLETED, dt.date(2026, 11, 10)),
        (cara, dt.date(2026, 11, 10), ReviewStatus.SCHEDULED, None),
        (ben, dt.date(2026, 11, 12), ReviewStatus.CANCELLED, None),
    ):
        Review.objects.create(
            person=person,
            kind=ReviewKind.FIRST,
            due_on=due,
            meets_at=at(due),
            place="Willowbrook office",
            status=status,
            held_on=held,
        )
    # Outcomes: Dee's swimming achieved in the plan on 1 November; Cara's cooking achieved by
    # progress recorded 20 October; Eli's job only started.
    Outcome.objects.create(person=dee, text="I swim", achieved_on=dt.date(2026, 11, 1))
    cooking = Outcome.objects.create(person=cara, text="I cook")
    OutcomeProgress.objects.create(
        outcome=cooking, status=Progress.STARTED, evidence="Began", recorded_on=OCTOBER
    )
    OutcomeProgress.objects.create(
        outcome=cooking,
        status=Progress.ACHIEVED,
        evidence="Cooked for the circle",
        recorded_on=dt.date(2026, 10, 20),
    )
    job = Outcome.objects.create(person=eli, text="I work")
    OutcomeProgress.objects.create(
        outcome=job, status=Progress.STARTED, evidence="Applied", recorded_on=OCTOBER
    )
    # Decisions at several levels of the ladder.
    for person, level, day in (
        (dee, 7, dt.date(2026, 9, 10)),
        (dee, 5, dt.date(2026, 10, 15)),
        (eli, 4, dt.date(2026, 10, 3)),
        (None, 6, dt.date(2026, 10, 8)),
        (None, 3, dt.date(2026, 11, 2)),
    ):
        Decision.objects.create(
            organisation=provider,
            person=person,
            topic=Topic.PLAN if person else Topic.SERVICE_MODEL,
            title="Decided",
            reasons="Because",
            level=level,
            decided_on=day,
        )
    # A pool proposed in October, out to quote; and one closed.
    for reference, pool_status in (
        ("POOL-001", PoolStatus.OUT_TO_QUOTE),
        ("POOL-002", PoolStatus.CLOSED),
    ):
        pool = Pool.objects.create(
            organisation=provider,
            reference=reference,
            title="Friday club",
            term=standard_term("community-access"),
            weekday=4,
            starts_at=dt.time(10),
            ends_at=dt.time(12),
            district=district,
            people_max=3,
            status=pool_status,
        )
        Pool.objects.filter(pk=pool.pk).update(created_at=at(dt.date(2026, 10, 6)))
        for person in (dee, eli):
            PoolMember.objects.create(
                pool=pool, person=person, need=SupportNeedFactory.create(person=person)
            )
    return World(
        provider=provider,
        council=council,
        other_council=other_council,
        other_provider=other_provider,
        dee=dee,
        ben=ben,
        cara=cara,
        eli=eli,
        fay=fay,
    )


# --- The test's own counts, from the raw records ------------------------------------------------


def month_end(month: dt.date) -> dt.date:
    following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return min(following - dt.timedelta(days=1), TODAY)


def expected_stage(person: Person, day: dt.date) -> Stage:
    """Walks the person's records in Python: the furthest stage reached by ``day``."""
    until = at(day + dt.timedelta(days=1), hour=0)
    if AgreementReview.objects.filter(fund__person=person, held_on__lte=day).exists():
        return Stage.REVIEWED
    for party in ContractParty.objects.filter(person=person):
        if party.contract.activated_at and party.contract.activated_at < until:
            return Stage.CONTRACTED
    for choice in SupplierChoice.objects.filter(need__person=person):
        if choice.recorded_at < until and choice.need.status in ("chosen", "met"):
            return Stage.NEEDS_MATCHED
    for agreement in Agreement.objects.filter(fund__person=person):
        if (
            agreement.status in ("approved", "superseded")
            and agreement.decided_at
            and agreement.decided_at < until
            and agreement.starts_on <= day <= agreement.ends_on
        ):
            return Stage.ISF_LIVE
    for plan in PlanBookVersion.objects.filter(person=person):
        moments = [m for m in (plan.signed_at, plan.published_at) if m]
        if plan.status in ("agreed", "published") and any(m < until for m in moments):
            return Stage.PLAN_AGREED
    return Stage.PLANNING


def expected(world: World, month: dt.date, council: Organisation | None) -> dict[str, Any]:
    day = month_end(month)
    start = month
    end = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    people = [
        p
        for p in Person.objects.all()
        if p.organisation_id == world.provider.pk
        and (council is None or p.funding_council_id == council.pk)
    ]
    stages = Counter(STAGE_KEYS[expected_stage(p, day)] for p in people)
    fund_ids = {f.pk for f in Fund.objects.all() if f.person in people}
    entries = [e for e in LedgerEntry.objects.all() if e.fund_id in fund_ids]
    in_month = [e for e in entries if start <= e.effective_on < end]

    def total(account: str) -> int:
        return sum(e.amount_pence for e in in_month if e.account == account)

    sessions = [
        s
        for s in SupportSession.objects.all()
        if s.fund_id in fund_ids and start <= s.delivered_on < end
    ]
    others = sum(s.minutes for s in sessions if s.supplier_name != "Willowbrook Support")
    decisions = Counter(
        str(d.level)
        for d in Decision.objects.all()
        if start <= d.decided_on < end
        and (d.person is None or council is None or d.person.funding_council_id == council.pk)
    )
    reviews = [
        r
        for r in Review.objects.all()
        if r.person in people and start <= r.due_on < end and r.status != "cancelled"
    ]
    outcomes = [o for o in Outcome.objects.all() if o.person in people]

    def achieved(outcome: Outcome) -> bool:
        if outcome.achieved_on and outcome.achieved_on <= day:
            return True
        progress = sorted(
            (p for p in outcome.progress.all() if p.recorded_on <= day),
            key=lambda p: (p.recorded_on, p.pk),
        )
        return bool(progress) and progress[-1].status == "achieved"

    blocks = [
        b
        for b in BlockContract.objects.all()
        if b.provider_id == world.provider.pk
        and (council is None or b.council_id == council.pk)
        and b.starts_on <= day <= b.ends_on
    ]
    live = [
        a
        for a in Agreement.objects.all()
        if a.fund_id in fund_ids
        and a.decided_at
        and a.decided_at.date() <= day
        and a.starts_on <= day <= a.ends_on
    ]
    return {
        "stages": {key: stages.get(key, 0) for key in STAGE_KEYS.values()},
        "received": -total(Account.COUNCIL),
        "fee": total(Account.MANAGEMENT_FEE),
        "spent": total(Account.PROVIDER_SUPPORT) + total(Account.OTHER_SUPPLIERS),
        "banked": sum(
            e.amount_pence for e in entries if e.account == Account.BANKED and e.effective_on <= day
        ),
        "planned_minutes": sum(1_200 for e in in_month if e.account == Account.PLANNED),
        "delivered": sum(s.minutes for s in sessions),
        "others": others,
        "decisions": {str(level): decisions.get(str(level), 0) for level in range(1, 8)},
        "reviews_due": len(reviews),
        "on_time": len([r for r in reviews if r.held_on and r.held_on <= r.due_on]),
        "late": len([r for r in reviews if r.held_on and r.held_on > r.due_on]),
        "outcomes": len(outcomes),
        "achieved": sum(1 for o in outcomes if achieved(o)),
        "block": sum(b.annual_value_pence for b in blocks),
        "allocated": sum(a.annual_budget_pence for a in live),
        "live": len(live),
    }


def _check(figures: dict[str, Any], want: dict[str, Any]) -> None:
    assert figures["stages"] == want["stages"]
    money, hours, reviews = figures["money"], figures["hours"], figures["reviews"]
    assert money["received_pence"] == want["received"]
    assert money["fee_pence"] == want["fee"]
    assert money["spent_pence"] == want["spent"]
    assert money["banked_pence"] == want["banked"]
    assert money["block_value_pence"] == want["block"]
    assert money["allocated_pence"] == want["allocated"]
    assert money["live_isfs"] == want["live"]
    assert hours["planned_minutes"] == want["planned_minutes"]
    assert hours["delivered_minutes"] == want["delivered"]
    assert hours["delivered_by_others_minutes"] == want["others"]
    assert figures["decisions"] == want["decisions"]
    assert reviews["due"] == want["reviews_due"]
    assert reviews["on_time"] == want["on_time"]
    assert reviews["late"] == want["late"]
    assert figures["outcomes"] == {"total": want["outcomes"], "achieved": want["achieved"]}


@pytest.mark.parametrize("month", MONTHS)
def test_provider_figures_match_the_records(programme_world, month):
    world = programme_world
    figures = month_figures(
        provider_id=world.provider.pk, council_id=None, month=month, today=TODAY
    )
    _check(figures, expected(world, month, None))


@pytest.mark.parametrize("month", MONTHS)
def test_one_councils_figures_match_the_records(programme_world, month):
    world = programme_world
    figures = month_figures(
        provider_id=world.provider.pk, council_id=world.council.pk, month=month, today=TODAY
    )
    _check(figures, expected(world, month, world.council))


def test_the_story_month_by_month(programme_world):
    """The same figures said plainly, so a wrong rule shows as a wrong story."""
    world = programme_world
    by_month = {
        month: month_figures(
            provider_id=world.provider.pk, council_id=None, month=month, today=TODAY
        )
        for month in MONTHS
    }
    assert by_month[SEPTEMBER]["stages"] == {
        "planning": 2,  # Ben, Cara
        "plan_agreed": 2,  # Dee, Eli
        "isf_live": 0,
        "needs_matched": 0,
        "contracted": 0,
        "reviewed": 0,
    }
    assert by_month[OCTOBER]["stages"]["contracted"] == 1  # Dee
    assert by_month[OCTOBER]["stages"]["isf_live"] == 1  # Eli
    assert by_month[NOVEMBER]["stages"]["reviewed"] == 1  # Dee
    assert by_month[NOVEMBER]["stages"]["isf_live"] == 2  # Eli, Cara
    assert by_month[NOVEMBER]["reviews"] == {
        "due": 3,
        "on_time": 1,
        "late": 1,
        "overdue": 1,
        "held": 1,
    }
    assert by_month[SEPTEMBER]["pools"] == {"being_arranged": 0, "contracted": 0, "closed": 0}
    assert by_month[OCTOBER]["pools"] == {"being_arranged": 1, "contracted": 0, "closed": 1}
    assert by_month[OCTOBER]["hours"]["contracted_minutes_a_week"] == 120


def test_a_commissioner_sees_their_council_only_across_providers(programme_world):
    """Hollowfield's figures: Willowbrook's Hollowfield people plus Other Care's Fay; never
    Eli (Eastmere)."""
    world = programme_world
    refresh_provider(world.provider.pk, today=TODAY)
    refresh_provider(world.other_provider.pk, today=TODAY)
    series = read_series(
        [(world.provider.pk, world.council.pk), (world.other_provider.pk, world.council.pk)],
        first=None,
        last=TODAY,
    )
    october = next(item for item in series.months if item.month == OCTOBER)
    people = sum(october.figures["stages"].values())
    assert people == 4  # Dee, Ben, Cara and Fay
    assert october.figures["stages"]["plan_agreed"] == 2  # Cara (published 5 Oct) and Fay
    # Eli's ISF money (Eastmere) is not in Hollowfield's: only Dee's allocation is.
    assert october.figures["money"]["received_pence"] == 260_000
    assert october.figures["money"]["block_value_pence"] == 10_000_000


def test_a_months_figures_take_a_fixed_number_of_queries(programme_world):
    world = programme_world
    with CaptureQueriesContext(connection) as few:
        month_figures(provider_id=world.provider.pk, council_id=None, month=OCTOBER, today=TODAY)
    for number in range(20):
        PersonFactory.create(organisation=world.provider, first_name=f"Extra{number}")
    with CaptureQueriesContext(connection) as many:
        month_figures(provider_id=world.provider.pk, council_id=None, month=OCTOBER, today=TODAY)
    assert len(few) == len(many) <= QUERIES_PER_MONTH


def test_snapshots_cover_the_programme_from_its_start(programme_world):
    world = programme_world
    written = refresh_provider(world.provider.pk, today=TODAY)
    series = read_series([(world.provider.pk, None)], first=None, last=TODAY)
    # The earliest record is the block contract from 1 April 2026: April to November.
    assert series.months[0].month == dt.date(2026, 4, 1)
    assert len(series.months) == 8
    assert written == 8 * 3  # the provider, Hollowfield, Eastmere


def test_numbers_and_names_never_float(programme_world):
    figures = month_figures(
        provider_id=programme_world.provider.pk, council_id=None, month=OCTOBER, today=TODAY
    )

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        else:
            assert isinstance(value, (int, str))

    walk(figures)


def test_live_isfs_today_are_funds_own_answer(programme_world):
    """One home for "live ISF": this month's count is funds' programme figures' count."""
    from directsupport.funds.contracts.programme import programme_figures

    world = programme_world
    figures = month_figures(
        provider_id=world.provider.pk, council_id=None, month=NOVEMBER, today=TODAY
    )
    funds_answer = programme_figures(today=TODAY, provider=world.provider)
    assert figures["money"]["live_isfs"] == funds_answer.live_count == 3
    assert figures["money"]["allocated_pence"] == funds_answer.live_budget_pence


def test_the_nightly_command_works_out_every_month(programme_world):
    from io import StringIO

    from django.core.management import call_command

    from directsupport.coproduction.models import ProgrammeSnapshot

    out = StringIO()
    call_command("programme_snapshots", stdout=out)
    assert "Programme figures: " in out.getvalue()
    months = set(
        ProgrammeSnapshot.objects.filter(
            provider=programme_world.provider, council=None
        ).values_list("month", flat=True)
    )
    assert min(months) == dt.date(2026, 4, 1) and max(months) == NOVEMBER
    before = ProgrammeSnapshot.objects.count()
    call_command("programme_snapshots", "--current", stdout=out)
    assert ProgrammeSnapshot.objects.count() == before  # updated in place, never twice
