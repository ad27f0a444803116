"""Perfect Weeks and a rate card for the scale database (`bench/generate_scale.py`), and for
the pricing bench, which builds the same weeks in memory.

Plain and fast rather than personal: each person gets 6-20 entries on a grid of free slots
(mornings, afternoons, evenings), some personal care, a family visit with a circle member and,
for a few, a sleep-in every night; the mix of 1:1, 2:1 and shared support is like the demo's.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.demo import week_data as wd
from directsupport.week.models import (
    Company,
    Rate,
    RateCard,
    SupportKind,
    SupportRatio,
    Week,
    WeekEntry,
    WeekKind,
)
from directsupport.week.pricing import plan_year_start

_SLOTS = (("10:00", "12:30"), ("13:30", "16:00"), ("18:00", "20:30"))
_OUTINGS = (
    ("Swimming at the leisure centre", "Hollowfield Leisure Centre", SupportKind.COMMUNITY_ACCESS),
    ("Football training", "Northfield Rec", SupportKind.COMMUNITY_ACCESS),
    ("Art group", "Riverside Days", SupportKind.COMMUNITY_ACCESS),
    ("Food shopping", "Tesco on the high street", SupportKind.DOMESTIC),
    ("Cooking my tea", "Home", SupportKind.DOMESTIC),
    ("Bus to college and back", "Hollowfield College", SupportKind.TRAVEL),
    ("Gardening at the allotment", "Allotments on Reedbed Road", SupportKind.COMMUNITY_ACCESS),
    ("Talking through my week", "Home", SupportKind.EMOTIONAL),
    ("Library reading group", "Hollowfield Library", SupportKind.COMMUNITY_ACCESS),
)
_ON_MY_OWN = ("Watching my soaps", "Listening to music in my room", "Playing on my tablet")


def add_scale_rate_card(provider: Organisation, manager: User | None) -> RateCard:
    """The same rates as the demo's card from April 2026."""
    effective_from = wd.RATE_CARDS[-1]
    card = RateCard.objects.create(
        organisation=provider,
        effective_from=effective_from,
        sleep_in_pence=wd.sleep_in_pence(effective_from),
        created_by=manager,
    )
    Rate.objects.bulk_create(
        Rate(rate_card=card, support_kind=kind, band=band, pence_per_hour=pence)
        for (kind, band), pence in wd.hourly_rates(effective_from).items()
    )
    return card


def scale_week_entries(
    rng: random.Random, member_ids: Sequence[int], week: Week | None = None
) -> list[WeekEntry]:
    """One person's Perfect Week entries (unsaved; ``week`` may be None for in-memory use)."""
    entries: list[WeekEntry] = []

    def add(day: int, start: str, end: str, what: str, /, **fields: object) -> None:
        entries.append(
            WeekEntry(
                week=week,
                weekday=day,
                starts_at=dt.time.fromisoformat(start),
                ends_at=dt.time.fromisoformat(end),
                what=what,
                **fields,
            )
        )

    def paid(kind: str, ratio: str = SupportRatio.ONE_TO_ONE) -> dict[str, object]:
        return {
            "company": Company.PAID,
            "support_ratio": ratio,
            "support_kind": kind,
            "shared_by": rng.choice((2, 3, 4)) if ratio == SupportRatio.SHARED else None,
        }

    need = rng.choices(("high", "some", "low"), weights=(20, 45, 35))[0]
    if need != "low":
        for day in range(7 if need == "high" else 5):
            add(day, "07:30", "09:00", wd.MORNING_CARE, place="Home", **paid("personal_care"))
    if need == "high" and rng.random() < 0.5:
        for day in range(7):
            add(
                day, "22:00", "07:00", wd.SLEEP_IN, overnight=True, place="Home", **paid("sleep_in")
            )
    free = [(day, slot) for day in range(7) for slot in range(3)]
    rng.shuffle(free)
    outings = {"high": 8, "some": 6, "low": 4}[need]
    for day, slot in free[:outings]:
        what, place, kind = rng.choice(_OUTINGS)
        ratio = rng.choices(
            (SupportRatio.ONE_TO_ONE, SupportRatio.SHARED, SupportRatio.TWO_TO_ONE),
            weights=(75, 20, 5 if need == "high" else 0),
        )[0]
        add(day, *_SLOTS[slot], what, place=place, **paid(kind, ratio))
    rest = free[outings : outings + 3]
    if member_ids:
        day, slot = rest.pop()
        add(
            day,
            *_SLOTS[slot],
            "Visiting my family",
            place="Mum's house",
            company=Company.CIRCLE,
            company_member_id=rng.choice(member_ids),
            fixed=False,
            recurrence=f"FREQ=WEEKLY;INTERVAL=2;BYDAY={wd.RRULE_DAYS[day]}",
            # Which fortnight: from a day on or after a Monday some weeks before today.
            repeats_from=plan_year_start(timezone.localdate())
            - dt.timedelta(weeks=rng.randint(1, 26))
            + dt.timedelta(days=day),
        )
    for day, slot in rest:
        add(day, *_SLOTS[slot], rng.choice(_ON_MY_OWN), place="Home", company=Company.ON_MY_OWN)
    return entries


def perfect_week(person_id: int) -> Week:
    return Week(person_id=person_id, kind=WeekKind.PERFECT)
