"""A synthetic borough for the optimiser benchmark: pure and seeded (the same seed gives the
same borough), no database.

Districts on a grid 2 km apart; suppliers based in them, each with a few services of one kind
of support that work some weekdays between set hours, travel a few kilometres, charge £18 to
£36 an hour and have a number of places free; people at home in a district, each with a weekly
budget and about ``needs_per_person`` needs (a kind, a weekday, a start and a length; some at a
shared ratio). A need's options are the services of its kind that work that day through its
hours and travel to its district, priced by the hour (as the market's matching judges and
prices them); some needs also have an open offer. Pool candidates come from the pools'
compatibility rules (``candidate_groups``) with the services that could meet every member.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from dataclasses import dataclass

from directsupport.commissioning.optimiser.model import (
    Instance,
    Need,
    Option,
    Person,
    PoolCandidate,
    PoolOption,
)
from directsupport.commissioning.pools.compatibility import (
    PlainNeed,
    Point,
    alone_cost,
    candidate_groups,
    group_minutes,
    pooled_cost_per_person,
    session_minutes,
)

KINDS = 17
GRID_KM = 2
POOL_TRAVEL_KM = 3
POOL_SIZE = 3


@dataclass(frozen=True)
class Service:
    id: int
    supplier_id: int
    kind: int
    district: int
    radius_km: int
    days: frozenset[int]
    opens: int  # hour
    closes: int
    pence_per_hour: int
    places: int


def generate(
    *,
    people: int,
    suppliers: int,
    needs_per_person: int = 20,
    services_per_supplier: int = 3,
    seed: int = 12,
    with_pools: bool = True,
    places_choice: tuple[int, ...] = (20, 40, 80, 160, 320),
) -> Instance:
    rng = random.Random(seed)
    side = max(3, math.ceil(math.sqrt(max(people, suppliers) / 120)))
    districts = [(x * GRID_KM * 1000, y * GRID_KM * 1000) for x in range(side) for y in range(side)]
    kind_weights = [30, 14, 12, 8, 4, 3, 3, 4, 4, 3, 3, 3, 2, 3, 2, 3, 3][:KINDS]

    services: list[Service] = []
    for supplier_id in range(1, suppliers + 1):
        base = rng.randrange(len(districts))
        for _ in range(rng.randint(1, 2 * services_per_supplier - 1)):
            opens = rng.choice([7, 8, 9, 10])
            services.append(
                Service(
                    id=len(services) + 1,
                    supplier_id=supplier_id,
                    kind=rng.choices(range(KINDS), kind_weights)[0],
                    district=base,
                    radius_km=rng.choice([3, 4, 5, 6, 8]),
                    days=frozenset(rng.sample(range(7), rng.randint(3, 7))),
                    opens=opens,
                    closes=rng.choice([17, 19, 21, 22]),
                    pence_per_hour=rng.randrange(1800, 3600, 10),
                    places=rng.choice(places_choice),
                )
            )
    reach: dict[tuple[int, int, int], list[Service]] = defaultdict(list)
    for service in services:
        sx, sy = districts[service.district]
        for index, (x, y) in enumerate(districts):
            if math.hypot(sx - x, sy - y) <= service.radius_km * 1000:
                for day in service.days:
                    reach[(service.kind, day, index)].append(service)

    people_rows: dict[int, Person] = {}
    needs: list[Need] = []
    plain: list[PlainNeed] = []
    minutes_of: dict[int, int] = {}
    options_of: dict[int, list[Service]] = {}
    offer_id = 0
    for person_id in range(1, people + 1):
        home = rng.randrange(len(districts))
        count = max(1, round(rng.gauss(needs_per_person, 3)))
        # Budgets: most people have room to spare; one in ten is tight (about £70 a need).
        budget = (7000 if rng.random() < 0.1 else 15000) * count
        people_rows[person_id] = Person(person_id, budget_pence_a_week=budget)
        for _ in range(count):
            need_id = len(needs) + 1
            kind = rng.choices(range(KINDS), kind_weights)[0]
            day = rng.randrange(7)
            start = rng.randrange(8, 19)
            hours = rng.choice([1, 2, 2, 3, 4])
            minutes = hours * 60
            able = [
                s
                for s in reach.get((kind, day, home), ())
                if s.opens <= start and start + hours <= s.closes
            ]
            options = [
                Option(s.supplier_id, s.pence_per_hour * hours, service_id=s.id) for s in able
            ]
            if able and rng.random() < 0.02:
                offer_id += 1
                maker = rng.choice(able)
                options.append(
                    Option(
                        maker.supplier_id,
                        (maker.pence_per_hour - 100) * hours,
                        offer_id=offer_id,
                    )
                )
            needs.append(Need(need_id, person_id, tuple(options)))
            shared = rng.random() < 0.15
            minutes_of[need_id] = minutes
            options_of[need_id] = able
            plain.append(
                PlainNeed(
                    pk=need_id,
                    person_id=person_id,
                    term_id=kind,
                    weekday=day,
                    starts_at=dt.time(start),
                    ends_at=dt.time(start + hours),
                    district=Point(*districts[home]),
                    ratio="shared" if shared else "one_to_one",
                    shared_by=POOL_SIZE if shared else None,
                )
            )
    pools: list[PoolCandidate] = []
    if with_pools:
        by_id = {need.pk: need for need in plain}
        for group in candidate_groups(
            plain, max_travel_km=POOL_TRAVEL_KM, max_size=POOL_SIZE, limit=10_000_000
        ):
            common = set.intersection(*({s.id for s in options_of[n]} for n in group))
            if not common:
                continue
            members = [by_id[n] for n in group]
            minutes = group_minutes(members)
            pool_options = []
            for service in sorted(
                (s for s in options_of[group[0]] if s.id in common), key=lambda s: s.pence_per_hour
            )[:3]:
                share = pooled_cost_per_person(service.pence_per_hour, minutes, 1, len(group))
                pool_options.append(
                    PoolOption(
                        service.supplier_id,
                        tuple(share for _ in group),
                        tuple(
                            alone_cost(service.pence_per_hour, session_minutes(m)) for m in members
                        ),
                        service_id=service.id,
                    )
                )
            pools.append(PoolCandidate(tuple(group), tuple(pool_options)))
    return Instance(
        needs=tuple(needs),
        people=people_rows,
        capacities={s.id: s.places for s in services},
        pools=tuple(pools),
        supplier_names={},
    )
