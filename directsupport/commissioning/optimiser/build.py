"""From the database to the optimiser's plain instance (``model.Instance``).

Every judgement is the market's, never a second copy of it: which services can meet a need
(the right kind, working at its time, covering its district, CQC where needed) and what each
would cost a week are the match page's ranking (``market.matching.ranking.Ranker``); what a
person may still spend a week is the support page's "not yet promised" (``needs.money``), with
what the needs in this run were already promised added back, as the run decides them afresh;
which needs may share a worker and what each member pays are the pools' rules
(``pools.compatibility``). The person's choice is the newest ``SupplierChoice``.

Exclusions: the market records no "not for me" against a supplier, so the suppliers a person
said no to come in the run's parameters (``exclusions``: pairs of person and supplier ids).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from directsupport.accounts.models import Organisation
from directsupport.market.matching.facts import Directory, NeedFacts, load_directory, load_needs
from directsupport.market.matching.ranking import Ranker, _chosen_price
from directsupport.market.matching.timing import Repeat, span, when_text
from directsupport.market.models import (
    CostUnit,
    NeedStatus,
    SupplierChoice,
    SupportNeed,
)
from directsupport.market.models.needs import Commissioning
from directsupport.market.needs.money import needs_for_money, support_money
from directsupport.people.models import Person as PersonRecord

from ..models import Offer, OfferSide, OfferStatus, RequestStatus
from ..pools.compatibility import (
    TooManyGroups,
    alone_cost,
    candidate_groups,
    group_minutes,
    group_session,
    plain_need,
    pooled_cost_per_person,
    session_minutes,
)
from .model import (
    KIND,
    PRICE,
    TIME,
    TRAVEL,
    Conflict,
    Instance,
    Need,
    Option,
    Person,
    PoolCandidate,
    PoolOption,
)

DEFAULT_POOL_TRAVEL_KM = 5
DEFAULT_POOL_SIZE = 3
POOL_OPTIONS_PER_GROUP = 3


@dataclass
class Built:
    """The instance, and what the report needs to speak of it in words."""

    instance: Instance
    need_words: dict[int, str] = field(default_factory=dict)  # "Dee: Swimming, Tuesdays…"
    service_names: dict[int, str] = field(default_factory=dict)
    pools_skipped: str = ""


def needs_in_run(organisation: Organisation) -> list[SupportNeed]:
    """The provider's people's needs still to be met by the market: open or with a supplier
    chosen but not yet met, and not for the provider's own team."""
    return list(
        SupportNeed.objects.filter(
            person__organisation=organisation,
            status__in=[NeedStatus.OPEN, NeedStatus.CHOSEN],
        )
        .exclude(commissioning=Commissioning.PROVIDER)
        .select_related("district", "person", "term")
        .order_by("person_id", "id")
    )


def build_instance(
    *, organisation: Organisation, today: dt.date, parameters: dict[str, object]
) -> Built:
    records = needs_in_run(organisation)
    facts = {
        f.id: f for f in load_needs(SupportNeed.objects.filter(pk__in=[n.pk for n in records]))
    }
    directory = load_directory(organisation.pk, today)
    ranker = Ranker(directory, preferred_supplier_ids=frozenset(), say_money_left=False)
    chosen = _chosen_suppliers([n.pk for n in records])
    offers = _open_offers([n.pk for n in records])
    built = Built(instance=Instance((), {}, {}))
    needs: list[Need] = []
    for record in records:
        need = facts[record.pk]
        options = offers.get(record.pk, [])
        screening: tuple[Conflict, ...] = ()
        ranking = ranker.rank(need, pence_left_a_week=None)
        for candidate in ranking.candidates:
            if candidate.weekly_pence is None:
                continue
            options.append(
                Option(
                    supplier_id=candidate.service.supplier_id,
                    pence_a_week=candidate.weekly_pence,
                    service_id=candidate.service.id,
                    label=candidate.service.name,
                )
            )
        if not options:
            screening = _why_none(directory, ranker, need, priced=bool(ranking.candidates))
        needs.append(
            Need(
                id=record.pk,
                person_id=record.person_id,
                options=tuple(options),
                chosen_supplier_id=chosen.get(record.pk),
                screening=screening,
                label=record.what,
            )
        )
        built.need_words[record.pk] = _need_words(record, need)
    for service in directory.services.values():
        built.service_names[service.id] = service.name
    exclusions = _exclusions(parameters)
    people = {
        person.pk: Person(
            id=person.pk,
            budget_pence_a_week=_budget(person, today, {n.pk for n in records}),
            excluded_supplier_ids=frozenset(exclusions.get(person.pk, ())),
            label=person.called,
        )
        for person in PersonRecord.objects.filter(pk__in={n.person_id for n in records})
    }
    pools: tuple[PoolCandidate, ...] = ()
    if parameters.get("include_pools", True):
        try:
            pools = _pool_candidates(records, facts, directory, ranker, needs, parameters)
        except TooManyGroups as error:
            built.pools_skipped = str(error)
    built.instance = Instance(
        needs=tuple(needs),
        people=people,
        capacities={s.id: s.places_free for s in directory.services.values()},
        pools=pools,
        supplier_names={s.supplier_id: s.supplier_name for s in directory.services.values()},
    )
    return built


def _need_words(record: SupportNeed, need: NeedFacts) -> str:
    words = f"{record.person.called}: {record.what}"
    if need.weekday is not None and need.starts_at is not None and need.ends_at is not None:
        words += ", " + when_text(
            need.weekday, need.starts_at, need.ends_at, need.overnight, need.repeat
        )
    if record.district is not None:
        words += f" in {record.district.code}"
    return words


def _why_none(
    directory: Directory, ranker: Ranker, need: NeedFacts, *, priced: bool
) -> tuple[Conflict, ...]:
    """Which of the market's hard requirements nobody meets, the first that rules all out."""
    term = directory.terms[need.term_id].name if need.term_id in directory.terms else "this"
    of_kind = directory.of_kind(need.term_id)
    if not of_kind:
        return (Conflict(KIND, f"No service in the directory offers {term.lower()}"),)
    if priced:
        return (Conflict(PRICE, "The services that could meet it give no price for it"),)
    in_area = directory.of_kind_in_area(need.term_id, need.district_id)
    if not in_area:
        place = directory.districts.get(need.district_id or 0)
        where = place.code if place else "its area"
        return (
            Conflict(
                TRAVEL,
                f"None of the {len(of_kind)} services offering {term.lower()} covers or "
                f"travels to {where}",
            ),
        )
    return (
        Conflict(
            TIME,
            f"None of the {len(in_area)} services offering {term.lower()} in the area works "
            "at that time (or, for personal care, is registered with the CQC)",
        ),
    )


def _chosen_suppliers(need_ids: list[int]) -> dict[int, int]:
    """Each need's supplier in force: the newest choice's service's supplier."""
    chosen: dict[int, int] = {}
    for need_id, supplier_id in (
        SupplierChoice.objects.filter(need_id__in=need_ids)
        .order_by("need_id", "-recorded_at", "-id")
        .values_list("need_id", "service__supplier_id")
    ):
        chosen.setdefault(need_id, supplier_id)
    return chosen


def _open_offers(need_ids: list[int]) -> dict[int, list[Option]]:
    """Open offers from suppliers on requests still out for one need (a pool's request is
    priced for the pool, not for one need)."""
    found: dict[int, list[Option]] = {}
    for offer in (
        Offer.objects.filter(
            side=OfferSide.SUPPLIER,
            status=OfferStatus.OPEN,
            request__status=RequestStatus.SENT,
            request__pool__isnull=True,
            request__needs__need_id__in=need_ids,
        )
        .select_related("supplier__organisation")
        .prefetch_related("request__needs")
        .distinct()
    ):
        needs = [link.need_id for link in offer.request.needs.all()]
        if len(needs) != 1:
            continue
        found.setdefault(needs[0], []).append(
            Option(
                supplier_id=offer.supplier_id,
                pence_a_week=offer.pence_a_week,
                offer_id=offer.pk,
                label=f"Offer from {offer.supplier.organisation.name}",
            )
        )
    return found


def _exclusions(parameters: dict[str, object]) -> dict[int, set[int]]:
    excluded: dict[int, set[int]] = {}
    pairs = parameters.get("exclusions", [])
    if isinstance(pairs, list):
        for pair in pairs:
            if isinstance(pair, list | tuple) and len(pair) == 2:
                excluded.setdefault(int(pair[0]), set()).add(int(pair[1]))
    return excluded


def _budget(person: PersonRecord, today: dt.date, in_run: set[int]) -> int | None:
    """What the person may still spend a week: not yet promised, plus what the needs in this
    run were promised (the run decides those again). None without an agreement in force."""
    money = support_money(person, today, needs=needs_for_money(person))
    left = money.weekly.not_yet_promised_pence
    if left is None:
        return None
    again = sum(line.weekly_pence or 0 for line in money.planned if line.need.pk in in_run)
    return max(0, left + again)


def _pool_candidates(
    records: list[SupportNeed],
    facts: dict[int, NeedFacts],
    directory: Directory,
    ranker: Ranker,
    needs: list[Need],
    parameters: dict[str, object],
) -> tuple[PoolCandidate, ...]:
    """Groups of compatible needs every week, with the services (up to three, cheapest by the
    hour) that could meet every member and work through the group's whole session."""
    travel = float(str(parameters.get("pool_travel_km", DEFAULT_POOL_TRAVEL_KM)))
    size = int(str(parameters.get("pool_size", DEFAULT_POOL_SIZE)))
    weekly = [r for r in records if facts[r.pk].repeat == Repeat()]
    by_id = {r.pk: r for r in weekly}
    services_of = {n.id: {o.service_id for o in n.options if o.service_id} for n in needs}
    candidates = []
    for group in candidate_groups(
        [plain_need(r) for r in weekly], max_travel_km=travel, max_size=size
    ):
        members = [by_id[pk] for pk in group]
        common = set.intersection(*(services_of.get(pk, set()) for pk in group))
        start, end = group_session(members)
        first = members[0]
        if first.weekday is None:
            continue
        session = span(first.weekday, start, end, False)
        priced = []
        for service_id in common:
            service = directory.services[service_id]
            price = _chosen_price(service.prices, by_the_night=False)
            if price is None or price.unit != CostUnit.HOUR:
                continue
            if ranker.works_at(service, *session, Repeat()):
                priced.append((price.amount_pence, service))
        options = []
        for rate, service in sorted(priced, key=lambda p: (p[0], p[1].id))[:POOL_OPTIONS_PER_GROUP]:
            share = pooled_cost_per_person(rate, group_minutes(members), 1, len(group))
            options.append(
                PoolOption(
                    supplier_id=service.supplier_id,
                    shares=tuple(share for _ in group),
                    alone=tuple(alone_cost(rate, session_minutes(m)) for m in members),
                    service_id=service.id,
                    label=service.name,
                )
            )
        if options:
            candidates.append(PoolCandidate(tuple(group), tuple(options)))
    return tuple(candidates)
