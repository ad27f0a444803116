"""The demo's commissioning: Willowbrook's fair cost of an hour of support and the Homecare
Association's reference prices; requests for quote in every state with offers in every state
(Dee's music group is the negotiation thread: an offer, Tom's counter-offer and a revised
offer); contracts for four people who chose a supplier in the market demo, agreed by each
person, accepted by the supplier and made active by Tom, one of them ending; three people who
will practise for the sea at Southend buying a coach together (a live pool, contracted, the
cost split across their ISFs), and Dee and two friends the system proposed to share a worker
at the Friday Club, waiting for answers; and a saved optimiser run (seed_commissioning_run).

Everything goes through commissioning's services, as the people in the story would do it:
Tom Reilly (market shaper), the suppliers' own users (Kwame at Riverside Days, Joanna at the
PA agency, Dean at Hollowfield Active, Marcia), each person's coordinator recording what the
person said (Dee agrees to her own contract, signed in). Afterwards only the moments are moved
back (when a request was drawn up and sent, when each offer was made), so a thread reads as
the weeks it took; the services always stamp "now".

Repeatable: once Willowbrook has a fair-cost build-up the story is there, and a second run
only counts it. Dates count from today (the story's day in the tests).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TypedDict

from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import Role
from directsupport.commissioning.contracts.services import (
    accept_for_supplier,
    activate,
    contract_from_choice,
    give_notice,
    record_person_agreement,
)
from directsupport.commissioning.fair_cost.calculator import fair_rate_for
from directsupport.commissioning.fair_cost.services import (
    add_reference_price,
    create_fair_cost_model,
)
from directsupport.commissioning.models import (
    Contract,
    FairCostModel,
    Offer,
    Pool,
    QuoteRequest,
    SplitRule,
)
from directsupport.commissioning.offers.choice import choose_offer
from directsupport.commissioning.offers.services import counter_offer, make_offer, withdraw_offer
from directsupport.commissioning.pools.proposing import propose_pools
from directsupport.commissioning.pools.services import answer, send_pool_to_quote
from directsupport.commissioning.requests.services import (
    NeedNaming,
    create_request,
    invite_suppliers,
    request_from_need,
    send_request,
    withdraw_request,
)
from directsupport.market.models import Commissioning, Supplier, SupplierChoice, SupportNeed
from directsupport.market.needs.services import record_commissioning, refine_need
from directsupport.people.models import ConsentDecision, DecidedBy, Person

from . import commissioning_data as cd
from . import organisations_data as orgs

# How long ago each step of a thread happened, in days before today.
DRAWN_UP_DAYS_AGO = 24
SENT_DAYS_AGO = 23
FIRST_OFFER_DAYS_AGO = 18
DAYS_BETWEEN_OFFERS = 4


@dataclass
class CommissioningCounts:
    requests: Counter[str] = field(default_factory=Counter)
    offers: Counter[str] = field(default_factory=Counter)
    contracts: Counter[str] = field(default_factory=Counter)
    pools: Counter[str] = field(default_factory=Counter)
    runs: int = 0
    fair_rate_pence: int = 0

    def lines(self) -> list[str]:
        def words(counts: Counter[str]) -> str:
            return ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "none"

        return [
            f"Commissioning: fair rate £{self.fair_rate_pence / 100:.2f} an hour; "
            f"{sum(self.requests.values())} requests for quote ({words(self.requests)}), "
            f"{sum(self.offers.values())} offers ({words(self.offers)}), "
            f"{sum(self.contracts.values())} contracts ({words(self.contracts)}), "
            f"{sum(self.pools.values())} pools ({words(self.pools)}), "
            f"{self.runs} optimiser run{'s' if self.runs != 1 else ''}."
        ]


@dataclass(frozen=True)
class _Cast:
    shaper: User
    provider: Organisation
    suppliers: dict[str, Supplier]  # by organisation name
    supplier_users: dict[str, User]  # by organisation name
    people: dict[str, Person]  # by first name
    representatives: dict[int, str]  # person id: who decides for them
    today: dt.date


def seed_commissioning(*, provider: Organisation, users: dict[str, User]) -> CommissioningCounts:
    if not FairCostModel.objects.filter(organisation=provider).exists():
        cast = _cast(provider, users)
        _fair_cost(cast)
        for story in cd.STORIES:
            _tell(cast, story)
        _buy_together(cast)
        from .seed_commissioning_run import seed_optimiser_run

        seed_optimiser_run(provider=provider, shaper=cast.shaper, today=cast.today)
    return _count(provider)


def _cast(provider: Organisation, users: dict[str, User]) -> _Cast:
    staff = {spec.email: spec for spec in orgs.STAFF}
    shaper = next(users[e] for e, s in staff.items() if s.role == Role.MARKET_SHAPER)
    supplier_users = {
        spec.organisation: users[email]
        for email, spec in staff.items()
        if spec.role == Role.SUPPLIER
    }
    suppliers = {
        supplier.organisation.name: supplier
        for supplier in Supplier.objects.filter(
            directory_owner=provider, organisation__name__in=supplier_users
        ).select_related("organisation")
    }
    people = {
        person.first_name: person
        for person in Person.objects.filter(organisation=provider).select_related(
            "coordinator", "user"
        )
    }
    representatives = dict(
        ConsentDecision.objects.filter(
            person__organisation=provider, decided_by=DecidedBy.REPRESENTATIVE
        ).values_list("person_id", "representative_name")
    )
    return _Cast(
        shaper=shaper,
        provider=provider,
        suppliers=suppliers,
        supplier_users=supplier_users,
        people=people,
        representatives=representatives,
        today=timezone.localdate(),
    )


def _fair_cost(cast: _Cast) -> None:
    create_fair_cost_model(
        actor=cast.shaper, organisation=cast.provider, fields={**cd.FAIR_COST, "term": None}
    )
    for price in cd.REFERENCE_PRICES:
        add_reference_price(actor=cast.shaper, organisation=cast.provider, fields=price)


def _next_monday(day: dt.date, weeks: int) -> dt.date:
    return day + dt.timedelta(days=7 - day.weekday(), weeks=weeks - 1)


def _need(cast: _Cast, story: cd.RequestStory) -> SupportNeed:
    person = cast.people[story.person]
    if story.chosen_supplier:
        choice = (
            SupplierChoice.objects.filter(
                need__person=person, service__supplier__organisation__name=story.chosen_supplier
            )
            .select_related("need")
            .order_by("need_id")
            .first()
        )
        if choice is None:
            raise ValueError(f"{person.called} chose nothing from {story.chosen_supplier}")
        return choice.need
    return SupportNeed.objects.filter(person=person, what__startswith=story.need_words).order_by(
        "id"
    )[0]


def _tell(cast: _Cast, story: cd.RequestStory) -> None:
    need = _need(cast, story)
    values = request_from_need(need)
    if story.minutes_a_week:
        values["minutes_a_week"] = story.minutes_a_week
    reply_by = cast.today + dt.timedelta(days=0 if story.choose else 7)
    starts_on = _next_monday(cast.today, 2)
    rfq = create_request(
        actor=cast.shaper,
        needs=[NeedNaming(need=need)],
        starts_on=starts_on,
        respond_by=reply_by,
        details=story.details,
        **values,
    )
    invite_suppliers(
        actor=cast.shaper, rfq=rfq, suppliers=[cast.suppliers[name] for name in story.suppliers]
    )
    if not story.send:
        return
    send_request(actor=cast.shaper, rfq=rfq)
    offers = _negotiate(cast, rfq, story.steps)
    _move_back(rfq, offers)
    if story.withdrawn_reason:
        withdraw_request(actor=cast.shaper, rfq=rfq, reason=story.withdrawn_reason)
        return
    if not story.choose:
        return
    chosen = _latest(offers, story.choose)
    contract = _choose_and_contract(cast, rfq, chosen, story.weights, story.reason)
    if contract is not None and story.notice_reason:
        give_notice(
            actor=cast.shaper,
            contract=contract,
            ends_on=contract.starts_on + dt.timedelta(weeks=8, days=-1),
            reason=story.notice_reason,
        )


def _negotiate(cast: _Cast, rfq: QuoteRequest, steps: tuple[cd.Step, ...]) -> list[Offer]:
    offers: list[Offer] = []
    for step in steps:
        if step.buyer:
            answered = _latest(offers, step.supplier)
            offer = counter_offer(
                actor=cast.shaper,
                offer=answered,
                pence_per_hour=step.pence_per_hour,
                minutes_a_week=answered.minutes_a_week,
                starts_on=answered.starts_on,
                cancellation_terms=cd.CANCELLATION,
                travel_terms=cd.TRAVEL,
                message=step.message,
            )
        else:
            offer = make_offer(
                actor=cast.supplier_users[step.supplier],
                rfq=rfq,
                pence_per_hour=step.pence_per_hour,
                minutes_a_week=rfq.minutes_a_week,
                starts_on=rfq.starts_on,
                cancellation_terms=cd.CANCELLATION,
                travel_terms=cd.TRAVEL,
                message=step.message,
            )
            if step.withdrawn:
                withdraw_offer(actor=cast.supplier_users[step.supplier], offer=offer)
        offers.append(offer)
    return offers


def _latest(offers: list[Offer], supplier: str) -> Offer:
    return [o for o in offers if o.supplier.organisation.name == supplier][-1]


def _move_back(rfq: QuoteRequest, offers: list[Offer]) -> None:
    """The moments the services stamped as now, moved back to the weeks the thread took."""
    now = timezone.now()
    QuoteRequest.objects.filter(pk=rfq.pk).update(
        created_at=now - dt.timedelta(days=DRAWN_UP_DAYS_AGO),
        sent_at=now - dt.timedelta(days=SENT_DAYS_AGO),
    )
    for number, offer in enumerate(offers):
        days_ago = FIRST_OFFER_DAYS_AGO - number * DAYS_BETWEEN_OFFERS
        Offer.objects.filter(pk=offer.pk).update(made_at=now - dt.timedelta(days=days_ago))


class Decider(TypedDict, total=False):
    decided_by: str
    representative_name: str
    representative_reason: str


def _coordinator(person: Person) -> User:
    if person.coordinator is None:
        raise ValueError(f"{person.called} has no coordinator to record what they said")
    return person.coordinator


def _decider(cast: _Cast, person: Person) -> Decider:
    """Who decided: the person, or the representative named in their consent decisions."""
    representative = cast.representatives.get(person.pk, "")
    if not representative:
        return {"decided_by": DecidedBy.PERSON}
    return {
        "decided_by": DecidedBy.REPRESENTATIVE,
        "representative_name": representative,
        "representative_reason": (
            f"{person.called} cannot weigh up a contract. {representative} decided in "
            f"{person.called}'s best interests, from what {person.called} shows they enjoy."
        ),
    }


def _choose_and_contract(
    cast: _Cast,
    rfq: QuoteRequest,
    chosen: Offer,
    weights: tuple[int, int, int],
    reason: str,
    *,
    absence_rules: str = "",
    leaving_rules: str = "",
) -> Contract:
    rfq.refresh_from_db()
    first = rfq.needs.select_related("need__person").first()
    person = first.need.person if first is not None else None
    open_offers = list(Offer.objects.filter(request=rfq, status="open", side="supplier"))
    scores = {
        offer.pk: {"quality": 4, "fit": 5 if offer.pk == chosen.pk else 3, "price": 3}
        for offer in open_offers
    }
    decider: Decider = (
        _decider(cast, person)
        if person is not None and len(rfq.needs.all()) == 1
        else {"decided_by": DecidedBy.PERSON}
    )
    choice = choose_offer(
        actor=cast.shaper,
        rfq=rfq,
        offer=chosen,
        weights=dict(zip(("quality", "fit", "price"), weights, strict=True)),
        scores=scores,
        reason=reason,
        **decider,
    )
    contract = contract_from_choice(
        actor=cast.shaper,
        choice=choice,
        cancellation_rules=cd.CANCELLATION,
        change_rules=cd.CHANGES,
        notice_weeks=4,
        absence_rules=absence_rules,
        leaving_rules=leaving_rules,
        split_rule=SplitRule.EQUAL,
    )
    for party in contract.parties.select_related("person__coordinator", "person__user"):
        who = party.person
        if who.user is not None and who.first_name == "Adaeze":
            # Dee agrees herself, signed in, on her easy-read page.
            record_person_agreement(
                actor=who.user,
                party=party,
                decided_by=DecidedBy.PERSON,
                comment="I like it. Wednesday is my music day.",
            )
            continue
        record_person_agreement(actor=_coordinator(who), party=party, **_decider(cast, who))
    accept_for_supplier(
        actor=cast.supplier_users[contract.supplier.organisation.name], contract=contract
    )
    return activate(actor=cast.shaper, contract=contract)


# --- Buying together ------------------------------------------------------------------------


def _refine_for_pool(
    cast: _Cast, names: tuple[str, ...], words: str, fields: dict[str, object]
) -> set[int]:
    """The coordinators agree with each person the day and time of their need, and that they
    would share a worker (market's refine_need, as the needs page does)."""
    needs = set()
    for name in names:
        person = cast.people[name]
        need = SupportNeed.objects.filter(person=person, what__startswith=words).order_by("id")[0]
        refine_need(
            actor=_coordinator(person),
            need=need,
            expected_version=need.version,
            fields=fields,
            today=cast.today,
        )
        needs.add(need.pk)
    return needs


def _buy_together_instead(cast: _Cast, names: tuple[str, ...], words: str) -> set[int]:
    """Each person tells their coordinator they would rather buy this support together with
    the others than have Willowbrook's (market's record_commissioning, as the needs page does)."""
    needs = set()
    for name in names:
        person = cast.people[name]
        need = SupportNeed.objects.filter(person=person, what__startswith=words).order_by("id")[0]
        record_commissioning(
            actor=_coordinator(person),
            need=need,
            commissioning=Commissioning.JOINT,
            said_by=cast.representatives.get(person.pk) or person.called,
        )
        needs.add(need.pk)
    return needs


def _pool_of(proposed: list[Pool], needs: set[int]) -> Pool:
    return next(
        pool for pool in proposed if set(pool.members.values_list("need_id", flat=True)) == needs
    )


def _buy_together(cast: _Cast) -> None:
    """Tariq, Sophie and Vincent's swimming for the sea is agreed as a day and time they would
    share; Dee and two friends would buy a worker for the Friday Club together; the system
    proposes the pools.
    The swimmers say yes; Tom sends their pool out to quote, Dean offers, the choice is recorded
    and the contract splits the coach's cost equally across their three ISFs. Of the Friday
    Club friends only Anjali has answered yet."""
    swim_needs = _refine_for_pool(cast, cd.SWIMMERS, cd.SOUTHEND_WORDS, cd.SWIM_REFINED)
    disco_needs = _buy_together_instead(cast, cd.DISCO_FRIENDS, cd.DISCO_WORDS)
    proposed = propose_pools(actor=cast.shaper, organisation=cast.provider, today=cast.today)
    disco = _pool_of(proposed, disco_needs)
    for member in disco.members.select_related("person__coordinator"):
        words = cd.DISCO_ANSWERS.get(member.person.first_name)
        if words:
            answer(
                actor=_coordinator(member.person),
                member=member,
                agrees=True,
                in_their_words=words,
                **_decider(cast, member.person),
            )
    pool = _pool_of(proposed, swim_needs)
    for member in pool.members.select_related("person__coordinator"):
        who = member.person
        answer(
            actor=_coordinator(who),
            member=member,
            agrees=True,
            in_their_words=cd.SWIM_ANSWERS[who.first_name],
            **_decider(cast, who),
        )
    pool.refresh_from_db()
    rfq = send_pool_to_quote(
        actor=cast.shaper,
        pool=pool,
        suppliers=[cast.suppliers[name] for name in cd.SWIM_SUPPLIERS],
        respond_by=cast.today,
        starts_on=_next_monday(cast.today, 2),
        details="Three friends practising for a day at the sea next summer.",
    )
    offers = _negotiate(cast, rfq, (cd.SWIM_OFFER,))
    _move_back(rfq, offers)
    _choose_and_contract(
        cast,
        rfq,
        offers[0],
        (30, 50, 20),
        cd.SWIM_REASON,
        absence_rules=cd.ABSENCE,
        leaving_rules=cd.LEAVING,
    )


def _count(provider: Organisation) -> CommissioningCounts:
    from directsupport.commissioning.models import OptimiserRun

    counts = CommissioningCounts()
    counts.requests = Counter(
        QuoteRequest.objects.filter(organisation=provider).values_list("status", flat=True)
    )
    counts.offers = Counter(
        Offer.objects.filter(request__organisation=provider).values_list("status", flat=True)
    )
    counts.contracts = Counter(
        Contract.objects.filter(organisation=provider).values_list("status", flat=True)
    )
    counts.pools = Counter(
        Pool.objects.filter(organisation=provider).values_list("status", flat=True)
    )
    counts.runs = OptimiserRun.objects.filter(organisation=provider).count()
    counts.fair_rate_pence = fair_rate_for(provider, None) or 0
    return counts
