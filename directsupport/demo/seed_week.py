"""The demo's My Perfect Week: Willowbrook's rate cards (April 2025 and April 2026), a Perfect
Week for each of the 55 people, and the week as it is now for about a third of them.

Repeatable: a rate card is added only if the provider has none from that date, and a week only
for people without one, so a second run adds nothing. Weeks are typed in through the week's
services, entry by entry, as the editor does. The weeks are priced with the card in
force today (``week.pricing``) and the yearly total is printed with the seed summary.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import Role
from directsupport.people.models import CircleMember, Person
from directsupport.week.models import Rate, RateCard, Week, WeekEntry, WeekKind
from directsupport.week.pricing import (
    card_facts,
    current_rate_card,
    facts_from,
    plan_year_start,
    price_week,
)
from directsupport.week.services import add_entry, get_or_create_week

from . import week_data as wd
from .people_data import PEOPLE
from .seed_week_plan import (
    Member,
    PlannedEntry,
    plan_current_week,
    plan_perfect_week,
    with_first_dates,
)

SEED = "willowbrook-week-2026"
# Every third person (in people_data order) has their week now recorded too.
CURRENT_WEEK_EVERY = 3


@dataclass
class WeekCounts:
    rate_cards: int = 0
    perfect_weeks: int = 0
    current_weeks: int = 0
    entries: int = 0
    priced_people: int = 0
    yearly_pence: int = 0

    def lines(self) -> list[str]:
        added = (
            f"My Perfect Week: {self.rate_cards} rate cards, {self.perfect_weeks} Perfect Weeks "
            f"and {self.current_weeks} weeks now added ({self.entries:,} entries)."
        )
        if not self.priced_people:
            return [added]
        pounds = self.yearly_pence / 100
        return [
            added,
            f"The {self.priced_people} Perfect Weeks would cost £{pounds:,.2f} a year at "
            "today's rates.",
        ]


def seed_week(*, provider: Organisation, users: dict[str, User]) -> WeekCounts:
    counts = WeekCounts()
    manager = next((u for u in users.values() if u.role == Role.MANAGER), None)
    counts.rate_cards = _ensure_rate_cards(provider, manager)
    people = {(p.first_name, p.last_name): p for p in Person.objects.filter(organisation=provider)}
    with_weeks = set(
        Week.objects.filter(person__organisation=provider).values_list("person_id", "kind")
    )
    members: dict[int, list[Member]] = defaultdict(list)
    for pk, person_id, relationship in CircleMember.objects.filter(
        person__organisation=provider
    ).values_list("pk", "person_id", "relationship"):
        members[person_id].append(Member(pk, relationship))

    today = timezone.localdate()
    for index, spec in enumerate(PEOPLE):
        person = people.get((spec.first_name, spec.last_name))
        if person is None or (person.pk, WeekKind.PERFECT) in with_weeks:
            continue
        rng = random.Random(f"{SEED}:{spec.first_name}:{spec.last_name}")  # noqa: S311
        plan = plan_perfect_week(spec, members[person.pk], rng)
        plan.entries = with_first_dates(plan.entries, rng, today)
        # The coordinator types the week in with the person, entry by entry.
        coordinator = person.coordinator or manager
        if coordinator is None:
            raise RuntimeError("Seed the demo's staff before their people's weeks.")
        counts.entries += _add_week(person, WeekKind.PERFECT, plan.entries, coordinator)
        counts.perfect_weeks += 1
        if index % CURRENT_WEEK_EVERY == 0:
            current = plan_current_week(plan)
            counts.entries += _add_week(person, WeekKind.CURRENT, current, coordinator)
            counts.current_weeks += 1
    _price(provider, counts)
    return counts


def _add_week(person: Person, kind: str, planned: list[PlannedEntry], actor: User) -> int:
    """The week made through the week's services (``week.services.add_entry``: each entry
    checked, the week's version moved on and the change audited), as the editor makes it."""
    week = get_or_create_week(person=person, kind=kind)
    for entry in planned:
        add_entry(
            actor=actor, week=week, expected_version=week.version, fields=_entry_fields(entry)
        )
    return len(planned)


def _ensure_rate_cards(provider: Organisation, manager: User | None) -> int:
    existing = set(
        RateCard.objects.filter(organisation=provider).values_list("effective_from", flat=True)
    )
    added = 0
    for effective_from in wd.RATE_CARDS:
        if effective_from in existing:
            continue
        # Written directly: the product makes a card only from today on once a card exists
        # (week.rate_card_services.create_rate_card refuses a past date, so prices already
        # worked out keep their card), and the story needs last April's card beside this one.
        card = RateCard.objects.create(
            organisation=provider,
            effective_from=effective_from,
            sleep_in_pence=wd.sleep_in_pence(effective_from),
            created_by=manager,
            created_at=timezone.make_aware(
                dt.datetime.combine(effective_from - dt.timedelta(days=20), dt.time(10))
            ),
        )
        Rate.objects.bulk_create(
            Rate(rate_card=card, support_kind=kind, band=band, pence_per_hour=pence)
            for (kind, band), pence in wd.hourly_rates(effective_from).items()
        )
        added += 1
    return added


def _entry_fields(planned: PlannedEntry) -> dict[str, object]:
    return {
        "weekday": planned.weekday,
        "starts_at": dt.time.fromisoformat(planned.starts_at),
        "ends_at": dt.time.fromisoformat(planned.ends_at),
        "overnight": planned.overnight,
        "what": planned.what,
        "place": planned.place,
        "company": planned.company,
        "company_member_id": planned.member_id,
        "support_ratio": planned.ratio,
        "support_kind": planned.kind,
        "shared_by": planned.shared_by,
        "fixed": planned.fixed,
        "recurrence": planned.recurrence,
        "repeats_from": planned.repeats_from,
        "notes": planned.notes,
    }


def _price(provider: Organisation, counts: WeekCounts) -> None:
    """Prices every Perfect Week of the provider with today's card (all of them, so a second
    run prints the same total)."""
    card = current_rate_card(provider)
    if card is None:
        return
    facts = card_facts(card)
    year_start = plan_year_start(timezone.localdate())
    by_week: dict[int, list[WeekEntry]] = defaultdict(list)
    for entry in WeekEntry.objects.filter(
        week__person__organisation=provider, week__kind=WeekKind.PERFECT
    ):
        by_week[entry.week_id].append(entry)
    for entries in by_week.values():
        price = price_week((facts_from(e) for e in entries), facts, year_start=year_start)
        counts.yearly_pence += price.yearly_pence
        counts.priced_people += 1
