"""Every demo person's support needs, drawn from their Perfect Week and outcomes by the needs
package, with how they want each commissioned and the suppliers some of them chose, in their
words (market_needs_data says who answered what and why).

Through the services, as the coordinator would with each person: ``draw_needs``, then
``refine_need`` for the evening swims (an outcome's need gets its day and time), then
``record_commissioning``; then ``matching.services.record_choice`` with where the service stood
in the ranking at that moment (``rank_need``, against what is left of the person's money).

Repeatable: a person who already has needs is left as they are (drawing again would change
nothing, but would still be recorded in the audit log as a drawing).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from directsupport.accounts.models import Organisation, User
from directsupport.market.matching.facts import Directory, load_directory, load_needs, need_facts
from directsupport.market.matching.ranking import rank_need
from directsupport.market.matching.services import record_choice
from directsupport.market.models import (
    Commissioning,
    NeedSource,
    NeedStatus,
    Service,
    SupplierChoice,
    SupportNeed,
)
from directsupport.market.needs.drawing import draw_needs
from directsupport.market.needs.money import support_money
from directsupport.market.needs.services import record_commissioning, refine_need
from directsupport.market.preferred.queries import preferred_supplier_ids
from directsupport.people.models import ConsentDecision, DecidedBy, Person, Stage
from directsupport.week.models import SupportRatio

from . import market_needs_data as nd
from .people_data import PEOPLE

COMMISSIONING_WORDS = {
    Commissioning.PROVIDER: "by Willowbrook",
    Commissioning.OTHER_SUPPLIER: "by another supplier",
    Commissioning.DIRECT_PAYMENT: "with a direct payment",
    Commissioning.OWN_PA: "by their own PA",
    Commissioning.FREE_COMMUNITY: "free in the community",
    Commissioning.JOINT: "jointly",
}


@dataclass
class NeedsCounts:
    people: int = 0
    needs: int = 0
    commissioning: Counter[str] = field(default_factory=Counter)
    choices: int = 0
    gaps: int = 0
    gap_people: int = 0

    def words(self) -> str:
        how = ", ".join(
            f"{self.commissioning[value]} {words}"
            for value, words in COMMISSIONING_WORDS.items()
            if self.commissioning[value]
        )
        not_asked = self.commissioning[""]
        asked = f"{how}, {not_asked} not asked yet" if not_asked else how
        return (
            f"{self.needs} needs for {self.people} people ({asked}), {self.choices} suppliers "
            f"chosen, {self.gaps} needs of {self.gap_people} people with no supplier (gaps)"
        )


@dataclass(frozen=True)
class _Person:
    person: Person
    coordinator: User
    said_by: str  # who answers for them: their own name, or their representative's
    on_behalf: str  # why someone else chose for them ("" when they chose)


def seed_needs(*, provider: Organisation, today: dt.date) -> NeedsCounts:
    counts = NeedsCounts()
    with_needs = set(
        SupportNeed.objects.filter(person__organisation=provider).values_list(
            "person_id", flat=True
        )
    )
    people = _people(provider)
    directory = load_directory(provider.pk, today)
    preferred = frozenset(preferred_supplier_ids(provider.pk))
    services = {
        (service.supplier.name, service.name): service
        for service in Service.objects.filter(supplier__directory_owner=provider).select_related(
            "supplier__organisation"
        )
    }
    for who in people:
        if who.person.pk in with_needs:
            continue
        draw_needs(person=who.person, actor=who.coordinator, today=today)
        needs = list(
            SupportNeed.objects.filter(person=who.person)
            .exclude(status=NeedStatus.WITHDRAWN)
            .select_related("term", "week_entry", "outcome")
            .order_by("id")
        )
        for need in needs:
            need.person = who.person
            _answer(who, need, today)
        _choose(who, needs, services, directory, preferred, today)
    _count(provider, directory, preferred, counts)
    return counts


def _people(provider: Organisation) -> list[_Person]:
    found = {
        (p.first_name, p.last_name): p
        for p in Person.objects.filter(organisation=provider).select_related("coordinator")
    }
    representatives = dict(
        ConsentDecision.objects.filter(
            person__organisation=provider, decided_by=DecidedBy.REPRESENTATIVE
        ).values_list("person_id", "representative_name")
    )
    people = []
    for spec in PEOPLE:
        person = found[(spec.first_name, spec.last_name)]
        if person.coordinator is None:
            raise ValueError(f"{person.called} has no coordinator to record their answers")
        representative = representatives.get(person.pk, "")
        on_behalf = (
            f"{person.called} cannot tell us this choice in words. {representative}, who knows "
            f"{person.called} well, chose in {person.called}'s best interests, from what "
            f"{person.called} shows they enjoy."
            if representative
            else ""
        )
        people.append(
            _Person(person, person.coordinator, representative or person.called, on_behalf)
        )
    return people


def _answer(who: _Person, need: SupportNeed, today: dt.date) -> None:
    """The person's evening swim (if this need is one), then how they want it commissioned.
    People just starting have not been asked about their outcomes' needs yet."""
    first_name = who.person.first_name
    from_week = need.source == NeedSource.WEEK
    if not from_week:
        swim = _evening_swim(first_name, need)
        if swim is not None:
            _refine_swim(who, need, swim, today)
            record_commissioning(
                actor=who.coordinator,
                need=need,
                commissioning=Commissioning.OTHER_SUPPLIER,
                said_by=who.said_by,
            )
            return
        if who.person.stage == Stage.GETTING_STARTED:
            return
    entry = need.week_entry
    commissioning = (
        nd.commissioning_for(
            first_name,
            what=need.what,
            place=need.place,
            kind=entry.support_kind if entry else "",
            shared_by=need.shared_by,
            from_week=True,
        )
        if from_week
        else nd.outcome_commissioning(need.term.code)
    )
    if any(c.person == first_name and need.what.startswith(c.need_words) for c in nd.CHOICES):
        commissioning = Commissioning.OTHER_SUPPLIER
    record_commissioning(
        actor=who.coordinator, need=need, commissioning=commissioning, said_by=who.said_by
    )


def _evening_swim(first_name: str, need: SupportNeed) -> nd.EveningSwim | None:
    outcome_text = need.outcome.text if need.outcome else ""
    return next(
        (
            swim
            for swim in nd.EVENING_SWIMS
            if swim.person == first_name
            and need.term.code == "swimming"
            and outcome_text.startswith(swim.outcome_words)
        ),
        None,
    )


def _refine_swim(who: _Person, need: SupportNeed, swim: nd.EveningSwim, today: dt.date) -> None:
    fields = {
        "what": swim.what,
        "weekday": swim.weekday,
        "starts_at": dt.time.fromisoformat(swim.starts_at),
        "ends_at": dt.time.fromisoformat(swim.ends_at),
        "place": nd.POOL,
        "ratio": SupportRatio.ONE_TO_ONE,
        # Those evenings and no other: the only time their family can come, or after college.
        "fixed": True,
        "notes": swim.notes,
    }
    if swim.wanted_gender:
        fields["wanted_gender"] = swim.wanted_gender
    refined = refine_need(
        actor=who.coordinator,
        need=need,
        expected_version=need.version,
        fields=fields,
        today=today,
    )
    for name in ("version", *fields, "district", "minutes_a_week"):
        setattr(need, name, getattr(refined, name))


def _choose(
    who: _Person,
    needs: list[SupportNeed],
    services: dict[tuple[str, str], Service],
    directory: Directory,
    preferred: frozenset[int],
    today: dt.date,
) -> None:
    """The suppliers the person chose: the ones the ledger already pays them for, and the ones
    in market_needs_data.CHOICES, each with where it stood in the ranking when chosen."""
    first_name = who.person.first_name
    wanted: list[tuple[SupportNeed, Service, str]] = []
    for number, need in enumerate(needs):
        entry = need.week_entry
        if entry is None:
            continue
        supplier = nd.ledger_supplier(
            first_name, what=need.what, place=need.place, kind=entry.support_kind
        )
        if supplier:
            service = services[(supplier, nd.ledger_service(supplier, need.what))]
            wanted.append((need, service, nd.chosen_because(first_name, supplier, number)))
    for choice in nd.CHOICES:
        if choice.person != first_name:
            continue
        need = next(n for n in needs if n.what.startswith(choice.need_words))
        wanted.append((need, services[(choice.supplier, choice.service)], choice.reason))
    if not wanted:
        return
    left = support_money(who.person, today).weekly.not_yet_promised_pence
    for need, service, reason in wanted:
        ranking = rank_need(
            need_facts(need),
            directory,
            pence_left_a_week=left,
            preferred_supplier_ids=preferred,
        )
        record_choice(
            actor=who.coordinator,
            need=need,
            service=service,
            reason=reason,
            chosen_by=who.said_by,
            on_behalf_reason=who.on_behalf,
            rank_when_chosen=ranking.rank_of(service.pk),
        )


def _count(
    provider: Organisation, directory: Directory, preferred: frozenset[int], counts: NeedsCounts
) -> None:
    """What is there now (the same on a second run): needs in force, how people want them
    commissioned, choices, and the gaps the matching finds (needs with no candidate at all)."""
    needs = SupportNeed.objects.filter(person__organisation=provider).exclude(
        status=NeedStatus.WITHDRAWN
    )
    counts.needs = needs.count()
    counts.people = needs.values("person_id").distinct().count()
    counts.commissioning = Counter(needs.values_list("commissioning", flat=True))
    counts.choices = SupplierChoice.objects.filter(need__in=needs).count()
    gaps = [
        facts
        for facts in load_needs(needs)
        if rank_need(
            facts, directory, pence_left_a_week=None, preferred_supplier_ids=preferred
        ).is_gap
    ]
    counts.gaps = len(gaps)
    counts.gap_people = len({facts.person_id for facts in gaps})
