"""The system proposing pools: people whose open needs can share a worker, with what each
would pay in the pool against buying alone.

Which needs are considered (decided here, one rule):

- open and looking for support (``market.LOOKING_FOR_SUPPORT``), of people the provider
  supports;
- the person wants to buy it **together with other people** (commissioning ``JOINT``), or from
  **another supplier with a shared ratio** (``OTHER_SUPPLIER`` with ``shared_by`` set): they
  already said they would share a worker, and a pool is how a shared worker gets bought;
- not already in a live pool (proposed, agreed, out to quote or contracted) where they have not
  said no or left.

Groups are chosen greedily: the biggest groups first (then the biggest saving, then the
lowest need ids, so the same needs always give the same pools), no need in two pools. A group
is only proposed when no member would pay more in the pool than alone, unless that member
agreed to pay more in an earlier pool for the same need (recorded on their PoolMember). With
one worker, an equal split and compatibility's "most of each session" rule, nobody can pay
more (the pool's session is shorter than three times anyone's, and their share divides it by
at least two), so this check guards against a different cost rule, not a common case.

A group with the same needs as an existing pool, or some of them, in any state, is never
proposed again: proposing twice gives nothing new, a closed pool is not brought back, and
people who said no are not asked again in a smaller pool of the same people.

Prices: the provider's fair rate for the kind of support (``fair_cost.calculator``), or else
the cheapest hourly price in its directory for that kind, valid today. Without either there
is nothing honest to compare, so no pool is proposed for that kind of support.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest

from directsupport.accounts.models import Organisation, User
from directsupport.audit.models import Action
from directsupport.audit.services import record_change
from directsupport.market.models import (
    LOOKING_FOR_SUPPORT,
    Commissioning,
    CostOption,
    CostUnit,
    PostcodeDistrict,
    ServiceStatus,
    SupportNeed,
    TaxonomyTerm,
)

from ..fair_cost.calculator import fair_rate_for
from ..models import MemberStatus, Pool, PoolMember, PoolStatus
from .compatibility import (
    alone_cost,
    candidate_groups,
    distance_km,
    group_session,
    max_group_size,
    plain_need,
    pooled_cost_per_person,
    session_minutes,
)

REFERENCE_PREFIX = "POOL-"
DEFAULT_MAX_TRAVEL_KM = 5
DEFAULT_MAX_SIZE = 6
WORKERS = 1  # a proposed pool has one worker; the ratio says how many people share them
LIVE_POOL = (PoolStatus.PROPOSED, PoolStatus.AGREED, PoolStatus.OUT_TO_QUOTE, PoolStatus.CONTRACTED)
STILL_IN = (MemberStatus.ASKED, MemberStatus.AGREED)
WEEKDAYS = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")

POOLABLE = Q(commissioning=Commissioning.JOINT) | Q(
    commissioning=Commissioning.OTHER_SUPPLIER, shared_by__isnull=False
)


def poolable_needs(organisation: Organisation) -> list[SupportNeed]:
    """The needs a proposal may group (the rule in the module note)."""
    in_live_pool = PoolMember.objects.filter(pool__status__in=LIVE_POOL, status__in=STILL_IN)
    return list(
        SupportNeed.objects.filter(LOOKING_FOR_SUPPORT, POOLABLE)
        .filter(person__organisation=organisation)
        .exclude(pk__in=in_live_pool.values("need_id"))
        .select_related("person", "term", "district")
        .order_by("pk")
    )


def hourly_rate(organisation: Organisation, term: TaxonomyTerm, today: dt.date) -> int | None:
    """Pence an hour to estimate with: the fair rate, or the cheapest hourly price in the
    organisation's directory for this kind of support, valid on ``today``."""
    fair = fair_rate_for(organisation, term)
    if fair:
        return fair
    cheapest = (
        CostOption.objects.filter(
            unit=CostUnit.HOUR,
            amount_pence__gt=0,
            valid_from__lte=today,
            service__terms=term,
            service__status=ServiceStatus.ACTIVE,
            service__supplier__directory_owner=organisation,
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .order_by("amount_pence")
        .values_list("amount_pence", flat=True)
        .first()
    )
    return cheapest


@dataclass(frozen=True)
class MemberCost:
    need: SupportNeed
    alone_pence_a_week: int
    pooled_pence_a_week: int
    agreed_to_pay_more: bool

    @property
    def pays_more(self) -> bool:
        return self.pooled_pence_a_week > self.alone_pence_a_week


def member_costs(needs: Sequence[SupportNeed], pence_per_hour: int) -> list[MemberCost]:
    """Each need's week alone (its own session) and in the pool (an equal share of the one
    worker for the pool's whole session, from the earliest start to the latest end)."""
    start, end = group_session(needs)
    pool_minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    paid_more_before = set(
        PoolMember.objects.filter(
            need__in=needs, agreed_to_pay_more=True, status=MemberStatus.AGREED
        ).values_list("need_id", flat=True)
    )
    return [
        MemberCost(
            need=need,
            alone_pence_a_week=alone_cost(pence_per_hour, session_minutes(need)),
            pooled_pence_a_week=pooled_cost_per_person(
                pence_per_hour, pool_minutes, WORKERS, len(needs)
            ),
            agreed_to_pay_more=need.pk in paid_more_before,
        )
        for need in needs
    ]


def central_district(needs: Sequence[SupportNeed]) -> PostcodeDistrict:
    """The members' district from which the farthest member is nearest."""
    districts = [need.district for need in needs if need.district is not None]
    return min(
        districts,
        key=lambda here: (max(distance_km(here, there) for there in districts), here.code),
    )


def pool_title(term: TaxonomyTerm, weekday: int, start: dt.time, end: dt.time) -> str:
    return f"{term.name} on {WEEKDAYS[weekday]}, {start:%H:%M} to {end:%H:%M}"


def next_reference() -> str:
    """The next free reference, "POOL-001" style, counted across the site (references are
    unique)."""
    highest = 0
    for reference in Pool.objects.filter(reference__startswith=REFERENCE_PREFIX).values_list(
        "reference", flat=True
    ):
        digits = reference[len(REFERENCE_PREFIX) :]
        if digits.isdigit():
            highest = max(highest, int(digits))
    return f"{REFERENCE_PREFIX}{highest + 1:03d}"


def _existing_groups(organisation: Organisation) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for pool_id, need_id in PoolMember.objects.filter(pool__organisation=organisation).values_list(
        "pool_id", "need_id"
    ):
        groups.setdefault(pool_id, set()).add(need_id)
    return {frozenset(needs) for needs in groups.values()}


@transaction.atomic
def propose_pools(
    *,
    actor: User | None = None,
    organisation: Organisation,
    today: dt.date,
    max_travel_km: int = DEFAULT_MAX_TRAVEL_KM,
    max_size: int = DEFAULT_MAX_SIZE,
    request: HttpRequest | None = None,
) -> list[Pool]:
    """Propose pools from the organisation's poolable needs (see the module note) and return
    the new ones, each with its members asked and their weekly costs alone and in the pool.
    ``actor`` is the market shaper who asked (None when the system proposes on its own).
    Running it again with nothing changed proposes nothing."""
    # One proposal at a time per organisation: lock its row so two clicks cannot race.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    needs = poolable_needs(organisation)
    by_id = {need.pk: need for need in needs}
    existing = _existing_groups(organisation)
    rates: dict[int, int | None] = {}

    choices: list[tuple[tuple[int, ...], list[MemberCost], int]] = []
    groups = candidate_groups(
        [plain_need(need) for need in needs], max_travel_km=max_travel_km, max_size=max_size
    )
    for group in groups:
        if any(existing_group.issuperset(group) for existing_group in existing):
            continue
        members = [by_id[pk] for pk in group]
        term = members[0].term
        if term.pk not in rates:
            rates[term.pk] = hourly_rate(organisation, term, today)
        rate = rates[term.pk]
        if not rate:
            continue
        costs = member_costs(members, rate)
        if any(cost.pays_more and not cost.agreed_to_pay_more for cost in costs):
            continue
        choices.append((group, costs, rate))

    choices.sort(key=lambda choice: (-len(choice[0]), -_saving(choice[1]), choice[0]))
    used: set[int] = set()
    proposed: list[Pool] = []
    for group, costs, rate in choices:
        if used.intersection(group):
            continue
        used.update(group)
        proposed.append(
            _create_pool(
                actor=actor,
                organisation=organisation,
                costs=costs,
                rate=rate,
                max_travel_km=max_travel_km,
                request=request,
            )
        )
    return proposed


@transaction.atomic
def create_pool(
    *,
    actor: User | None,
    organisation: Organisation,
    needs: Sequence[SupportNeed],
    pence_per_hour: int,
    max_travel_km: int = DEFAULT_MAX_TRAVEL_KM,
    request: HttpRequest | None = None,
) -> Pool:
    """A proposed pool of exactly these compatible needs (for the optimiser's accepted
    proposals), costed like ``propose_pools``. Raises ValidationError when a member would pay
    more than alone without having agreed to, or the needs are already a pool."""
    costs = member_costs(needs, pence_per_hour)
    if any(cost.pays_more and not cost.agreed_to_pay_more for cost in costs):
        raise ValidationError({"needs": "Someone would pay more in this pool than alone"})
    group = frozenset(need.pk for need in needs)
    if any(existing.issuperset(group) for existing in _existing_groups(organisation)):
        raise ValidationError({"needs": "These needs are already in a pool"})
    return _create_pool(
        actor=actor,
        organisation=organisation,
        costs=costs,
        rate=pence_per_hour,
        max_travel_km=max_travel_km,
        request=request,
    )


def _saving(costs: Sequence[MemberCost]) -> int:
    return sum(cost.alone_pence_a_week - cost.pooled_pence_a_week for cost in costs)


def _create_pool(
    *,
    actor: User | None,
    organisation: Organisation,
    costs: Sequence[MemberCost],
    rate: int,
    max_travel_km: int,
    request: HttpRequest | None,
) -> Pool:
    needs = [cost.need for cost in costs]
    first = needs[0]
    start, end = group_session(needs)
    assert first.weekday is not None  # noqa: S101 - candidate groups have fixed times
    pool = Pool(
        organisation=organisation,
        reference=next_reference(),
        title=pool_title(first.term, first.weekday, start, end),
        term=first.term,
        weekday=first.weekday,
        starts_at=start,
        ends_at=end,
        district=central_district(needs),
        max_travel_km=max_travel_km,
        workers=WORKERS,
        people_max=max(2, max_group_size(needs)),
        estimate_pence_per_hour=rate,
        proposed_by=actor,
    )
    pool.full_clean()
    pool.save()
    for cost in costs:
        member = PoolMember(
            pool=pool,
            person=cost.need.person,
            need=cost.need,
            alone_pence_a_week=cost.alone_pence_a_week,
            pooled_pence_a_week=cost.pooled_pence_a_week,
            agreed_to_pay_more=cost.agreed_to_pay_more,
        )
        member.full_clean()
        member.save()
        record_change(
            request,
            actor=actor,
            action=Action.CREATE,
            person_id=cost.need.person_id,
            subject=member,
            summary=f"Proposed for pool {pool.reference} ({pool.title})",
            changes={
                "pool": {"from": None, "to": pool.reference},
                "pooled_pence_a_week": {"from": None, "to": cost.pooled_pence_a_week},
                "alone_pence_a_week": {"from": None, "to": cost.alone_pence_a_week},
            },
        )
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        subject=pool,
        summary=f"Proposed pool {pool.reference}: {pool.title}, {len(costs)} people",
        changes={"status": {"from": None, "to": pool.status}},
    )
    return pool
