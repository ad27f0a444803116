"""Plans one demo person's Perfect Week (and, for some, their week now) from who they are.

How much help someone needs comes from how they communicate and where they live: people who
do not use words or use an iPad to talk get personal care morning and evening and 1:1 (some
2:1) support out; people in supported living share some support with their housemates and
have someone overnight. Everything else comes from their interests, faith, age and circle.
A seeded random generator per person keeps every run the same.

What repeats every other week or once a month started on a day of its own, some time in the
half year before the first demo ISFs went live (``with_first_dates``).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace

from directsupport.week.models import Company, SupportKind, SupportRatio
from directsupport.week.pricing import EntryFacts, next_occurrence

from . import week_data as wd
from .people_data import PersonSpec

HIGH_NEED = frozenset({"nonverbal_objects", "ipad_aac"})
SOME_NEED = frozenset({"short_makaton", "pictures_pecs", "autistic", "overwhelmed"})
TWO_TO_ONE_INTERESTS = frozenset({"swimming", "bus_trips"})
# Nights: a waking night where someone needs turning or may have seizures; a sleep-in otherwise.
WAKING_NIGHT_PEOPLE = frozenset({"Sophie"})
# How long before today a repeating entry started, in weeks: well before the first demo ISFs
# went live (five months ago), so planned hours and sessions count every occurrence since.
STARTED_WEEKS_AGO = (30, 52)


@dataclass(frozen=True)
class Member:
    id: int
    relationship: str


@dataclass(frozen=True)
class PlannedEntry:
    weekday: int
    starts_at: str
    ends_at: str
    what: str
    place: str
    company: str
    member_id: int | None = None
    ratio: str = SupportRatio.NONE
    kind: str = ""
    shared_by: int | None = None
    fixed: bool = True
    recurrence: str = ""
    repeats_from: dt.date | None = None
    overnight: bool = False
    notes: str = ""


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _recurrence(every: str, weekday: int) -> str:
    day = wd.RRULE_DAYS[weekday]
    if every == "fortnight":
        return f"FREQ=WEEKLY;INTERVAL=2;BYDAY={day}"
    if every == "month":
        return f"FREQ=MONTHLY;BYDAY=1{day}"
    return ""


@dataclass
class WeekPlan:
    """A week being filled: nothing overlaps anything else on the same day."""

    spec: PersonSpec
    members: list[Member]
    rng: random.Random
    entries: list[PlannedEntry] = field(default_factory=list)
    busy: dict[int, list[tuple[int, int]]] = field(
        default_factory=lambda: {day: [] for day in range(7)}
    )

    @property
    def need(self) -> str:
        if self.spec.communication_key in HIGH_NEED:
            return "high"
        if self.spec.communication_key in SOME_NEED:
            return "some"
        return "low"

    def member(self, words: str) -> Member | None:
        return next((m for m in self.members if words in m.relationship), None)

    def free(self, day: int, start: str, end: str) -> bool:
        lo, hi = _minutes(start), _minutes(end)
        return all(hi <= s or lo >= e for s, e in self.busy[day])

    def put(self, entry: PlannedEntry) -> bool:
        if not entry.overnight and not self.free(entry.weekday, entry.starts_at, entry.ends_at):
            return False
        if not entry.overnight:
            self.busy[entry.weekday].append((_minutes(entry.starts_at), _minutes(entry.ends_at)))
        self.entries.append(entry)
        return True

    def act(self, act: wd.Act, *, times: int = 1, interest: str = "") -> int:
        """Puts ``act`` on up to ``times`` of its days (first free ones); returns how many."""
        placed = 0
        for day in act.days:
            if placed == times:
                break
            if act.company == "own" and self.need == "some":
                placed += self._with_travel(act, day)
            elif self.put(self._entry(act, day, interest)):
                placed += 1
        return placed

    def _with_travel(self, act: wd.Act, day: int) -> bool:
        """On my own once there, with a worker on the journey (the half hour before)."""
        start = _minutes(act.start) - 30
        leave = f"{start // 60:02d}:{start % 60:02d}"
        if not (self.free(day, leave, act.start) and self.free(day, act.start, act.end)):
            return False
        self.put(
            PlannedEntry(
                weekday=day,
                starts_at=leave,
                ends_at=act.start,
                what=f"Bus to {act.place} with my worker, practising the route",
                place=act.place,
                company=Company.PAID,
                ratio=SupportRatio.ONE_TO_ONE,
                kind=SupportKind.TRAVEL,
                recurrence=_recurrence(act.every, day),
            )
        )
        return self.put(
            PlannedEntry(
                weekday=day,
                starts_at=act.start,
                ends_at=act.end,
                what=act.what,
                place=act.place,
                company=Company.ON_MY_OWN,
                fixed=act.fixed,
                recurrence=_recurrence(act.every, day),
                notes=act.notes,
            )
        )

    def _entry(self, act: wd.Act, day: int, interest: str) -> PlannedEntry:
        base = PlannedEntry(
            weekday=day,
            starts_at=act.start,
            ends_at=act.end,
            what=act.what,
            place=act.place,
            company=Company.PAID,
            fixed=act.fixed,
            recurrence=_recurrence(act.every, day),
            notes=act.notes,
        )
        company = act.company
        if company.startswith("circle:"):
            found = self.member(company.removeprefix("circle:"))
            if found is not None and self.need != "high":
                return replace(base, company=Company.CIRCLE, member_id=found.id)
            # No one from the circle to go with: on my own if I can, else with a worker.
            company = "own" if self.need == "low" else "paid"
        if company == "own" or company == "alone":
            if self.need == "low" or company == "alone":
                return replace(base, company=Company.ON_MY_OWN)
            return replace(
                base,
                ratio=SupportRatio.ONE_TO_ONE,
                kind=SupportKind.COMMUNITY_ACCESS,
                notes="My worker comes with me and stays with me all the time.",
            )
        if act.ratio.startswith("1:") and act.ratio != "1:1":
            return replace(
                base,
                ratio=SupportRatio.SHARED,
                kind=act.kind,
                shared_by=int(act.ratio.split(":")[1]),
            )
        two = self.spec.communication_key == "nonverbal_objects" and interest in (
            TWO_TO_ONE_INTERESTS
        )
        return replace(
            base,
            ratio=SupportRatio.TWO_TO_ONE if two else SupportRatio.ONE_TO_ONE,
            kind=act.kind,
        )


def plan_perfect_week(spec: PersonSpec, members: list[Member], rng: random.Random) -> WeekPlan:
    plan = WeekPlan(spec, members, rng)
    _personal_care(plan)
    _nights(plan)
    _weekday_anchor(plan)
    if spec.faith:
        plan.act(wd.FAITH_ACTS[spec.faith])
    for interest in spec.interests:
        for number, act in enumerate(wd.INTEREST_ACTS[interest]):
            # People who need little help go to their second club on their own.
            if number and plan.need == "low" and act.company == "paid":
                act = replace(act, company="own")
            plan.act(act, interest=interest)
    _family(plan)
    _home(plan)
    if spec.communication_key in ("autistic", "overwhelmed"):
        plan.act(wd.TALKING_THINGS_THROUGH)
    plan.act(wd.BARBER[spec.sex])
    if rng.random() < 0.5:
        plan.act(wd.MARKET)
    for act in rng.sample(wd.ON_MY_OWN, 2):
        plan.act(act)
    return plan


def with_first_dates(
    entries: list[PlannedEntry], rng: random.Random, today: dt.date
) -> list[PlannedEntry]:
    """The entries, each repeating one with the day it first happened: the first day its rule
    gives on or after a day between seven months and a year ago, so which fortnight differs from
    one activity to the next. The bus there and the activity start on the same day."""
    firsts: dict[tuple[int, str, str], dt.date | None] = {}
    dated = []
    for entry in entries:
        if not entry.recurrence:
            dated.append(entry)
            continue
        key = (entry.weekday, entry.recurrence, entry.place)
        if key not in firsts:
            since = today - dt.timedelta(weeks=rng.randint(*STARTED_WEEKS_AGO))
            facts = EntryFacts(
                id=None,
                weekday=entry.weekday,
                starts_at=dt.time.fromisoformat(entry.starts_at),
                ends_at=dt.time.fromisoformat(entry.ends_at),
                overnight=entry.overnight,
                support_ratio=entry.ratio,
                support_kind=entry.kind,
                shared_by=entry.shared_by,
                recurrence=entry.recurrence,
            )
            firsts[key] = next_occurrence(facts, since)
        dated.append(replace(entry, repeats_from=firsts[key]))
    return dated


def _personal_care(plan: WeekPlan) -> None:
    spec = plan.spec
    if plan.need == "high" or spec.age >= 70:
        for day in range(7):
            plan.put(_care(day, "07:30", "09:00", wd.MORNING_CARE))
            # At home with family, family help at bedtime.
            if spec.home not in ("family", "shared_lives"):
                plan.put(_care(day, "20:30", "21:30", wd.EVENING_CARE))
    elif plan.need == "some" and spec.home != "family":
        for day in range(5):
            plan.put(_care(day, "07:30", "08:30", wd.MORNING_PROMPT))
    elif spec.age >= 65:
        for day in (wd.MON, wd.WED, wd.FRI):
            plan.put(_care(day, "08:00", "09:00", wd.MORNING_CARE))


def _care(day: int, start: str, end: str, what: str) -> PlannedEntry:
    return PlannedEntry(
        weekday=day,
        starts_at=start,
        ends_at=end,
        what=what,
        place="Home",
        company=Company.PAID,
        ratio=SupportRatio.ONE_TO_ONE,
        kind=SupportKind.PERSONAL_CARE,
    )


def _nights(plan: WeekPlan) -> None:
    spec = plan.spec
    if spec.first_name in WAKING_NIGHT_PEOPLE:
        what, kind = wd.WAKING_NIGHT, SupportKind.WAKING_NIGHT
    elif (spec.home, plan.need) in (("supported", "some"), ("supported", "high"), ("flat", "high")):
        what, kind = wd.SLEEP_IN, SupportKind.SLEEP_IN
    else:
        return
    shared = spec.home == "supported" and kind == SupportKind.SLEEP_IN
    for day in range(7):
        plan.put(
            PlannedEntry(
                weekday=day,
                starts_at="22:00",
                ends_at="07:00",
                overnight=True,
                what=what,
                place="Home",
                company=Company.PAID,
                ratio=SupportRatio.SHARED if shared else SupportRatio.ONE_TO_ONE,
                shared_by=2 if shared else None,
                kind=kind,
                notes="Shared with my housemate next door." if shared else "",
            )
        )


def _weekday_anchor(plan: WeekPlan) -> None:
    """What fills the weekdays: work, college, the day centre or the lunch club."""
    spec = plan.spec
    if spec.age >= 65:
        plan.act(wd.LUNCH_CLUB)
        return
    if plan.need == "high" or spec.home == "supported":
        plan.act(wd.DAY_CENTRE[0], times=2)
    if spec.age <= 25:
        for act in wd.COLLEGE:
            plan.act(act)
        return
    if plan.need != "high" and plan.rng.random() < 0.6:
        job = plan.rng.choice(sorted(wd.JOBS))
        for act in wd.JOBS[job]:
            plan.act(act, times=len(act.days))


def _family(plan: WeekPlan) -> None:
    at_home = plan.spec.home in ("family", "shared_lives")
    options = wd.AT_HOME_FAMILY if at_home else wd.FAMILY_TIME
    chosen = 0
    for kind, what, day, start, end, every in options:
        member = plan.member(f"my {kind}")
        if member is None or chosen == 2:
            continue
        chosen += plan.put(
            PlannedEntry(
                weekday=day,
                starts_at=start,
                ends_at=end,
                what=what,
                place="Home" if at_home else f"{kind.title()}'s house",
                company=Company.CIRCLE,
                member_id=member.id,
                fixed=False,
                recurrence=_recurrence(every, day),
            )
        )
    carer = plan.member("Shared Lives carer")
    if carer is not None:
        plan.put(
            PlannedEntry(
                weekday=6,
                starts_at="18:00",
                ends_at="19:30",
                what="Sunday tea with my Shared Lives family",
                place="Home",
                company=Company.CIRCLE,
                member_id=carer.id,
            )
        )


def _home(plan: WeekPlan) -> None:
    home = plan.spec.home
    if home not in ("flat", "supported"):
        return
    plan.act(wd.FOOD_SHOP)
    if plan.need != "low" or plan.spec.age >= 65:
        plan.act(wd.CLEANING)
        plan.act(wd.MONEY)
    if home == "supported":
        plan.act(wd.SHARED_TEA, times=3)
    elif plan.need != "low":
        plan.act(wd.COOK_TEA, times=2)


def plan_current_week(perfect: WeekPlan) -> list[PlannedEntry]:
    """The week as it is now: no swimming yet, fewer outings, the day centre instead of work,
    and more evenings in front of the television."""
    entries: list[PlannedEntry] = []
    dropped_outing = False
    jobs = {e.place for e in perfect.entries if e.what.startswith(("Working", "My Saturday job"))}
    for entry in perfect.entries:
        if "wimming" in entry.what:
            continue
        if entry.kind == SupportKind.TRAVEL and entry.place in jobs:
            continue  # No job yet, so no practising the bus route to it.
        if entry.place in jobs and entry.company == Company.ON_MY_OWN:
            if entry.weekday >= wd.SAT:
                continue  # The day centre is closed at weekends.
            entries.append(
                replace(
                    entry,
                    what="Day centre: waiting for a job coach to start work",
                    place="Riverside Days",
                    company=Company.PAID,
                    ratio=SupportRatio.SHARED,
                    shared_by=4,
                    kind=SupportKind.COMMUNITY_ACCESS,
                    notes="",
                )
            )
            continue
        outing = entry.kind == SupportKind.COMMUNITY_ACCESS and entry.ratio in (
            SupportRatio.ONE_TO_ONE,
            SupportRatio.TWO_TO_ONE,
        )
        if outing and (entry.recurrence or not dropped_outing):
            dropped_outing = dropped_outing or not entry.recurrence
            entries.append(
                replace(
                    entry,
                    what="Watching television at home",
                    place="Home",
                    company=Company.ON_MY_OWN,
                    member_id=None,
                    ratio=SupportRatio.NONE,
                    kind="",
                    shared_by=None,
                    fixed=False,
                    recurrence="",
                    repeats_from=None,
                    notes="No one free to go out with me at this time yet.",
                )
            )
            continue
        entries.append(entry)
    return entries
