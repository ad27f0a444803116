"""Splitting the optimiser's instance into parts that can be solved on their own.

Two needs are linked when a limit that can bind joins them: a service whose places could run
out (more needs could use it than it has places), a person whose budget could run out (their
dearest choices together cost more than it), or a pool candidate they are both in. Needs in
different parts share no such limit, so the best plan is the best plan of each part. A part of
one need with no limit that can bind takes its cheapest option without a solver.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .model import Prepared


@dataclass
class Component:
    need_ids: list[int] = field(default_factory=list)
    pool_indexes: list[int] = field(default_factory=list)
    services: set[int] = field(default_factory=set)  # places that can run out
    people: set[int] = field(default_factory=set)  # budgets that can run out

    @property
    def needs_solved_by_milp(self) -> bool:
        return len(self.need_ids) > 1 or bool(self.pool_indexes or self.services or self.people)


class _Joined:
    def __init__(self, items: list[int]) -> None:
        self.parent = {item: item for item in items}

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def join(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def binding_limits(prepared: Prepared) -> tuple[set[int], set[int]]:
    """The services whose places, and the people whose budgets, could run out."""
    instance = prepared.instance
    places: dict[int, int] = defaultdict(int)
    most: dict[int, int] = defaultdict(int)  # need id -> the most it could cost the person
    for need_id, options in prepared.options.items():
        for service in {o.service_id for o in options if o.service_id is not None}:
            places[service] += 1
        most[need_id] = max(o.pence_a_week for o in options)
    for candidate, pool_options in prepared.pools:
        for service in {o.service_id for o in pool_options if o.service_id is not None}:
            places[service] += len(candidate.need_ids)
        for index, need_id in enumerate(candidate.need_ids):
            most[need_id] = max(most[need_id], *(o.shares[index] for o in pool_options))
    services = {s for s, wanted in places.items() if wanted > instance.capacities.get(s, 0)}
    spend: dict[int, int] = defaultdict(int)
    person_of = {need.id: need.person_id for need in instance.needs}
    for need_id, pence in most.items():
        spend[person_of[need_id]] += pence
    people = set()
    for person_id, pence in spend.items():
        person = instance.people.get(person_id)
        budget = person.budget_pence_a_week if person is not None else None
        if budget is not None and pence > budget:
            people.add(person_id)
    return services, people


def split_components(prepared: Prepared, *, decompose: bool = True) -> list[Component]:
    need_ids = sorted(prepared.options)
    services, people = binding_limits(prepared)
    if not decompose:
        whole = Component(need_ids=need_ids, pool_indexes=list(range(len(prepared.pools))))
        whole.services, whole.people = services, people
        return [whole] if need_ids else []
    joined = _Joined(need_ids)
    first_of_service: dict[int, int] = {}
    first_of_person: dict[int, int] = {}
    person_of = {need.id: need.person_id for need in prepared.instance.needs}
    for need_id in need_ids:
        for option in prepared.options[need_id]:
            if option.service_id is not None and option.service_id in services:
                first = first_of_service.setdefault(option.service_id, need_id)
                joined.join(first, need_id)
        person_id = person_of[need_id]
        if person_id in people:
            joined.join(first_of_person.setdefault(person_id, need_id), need_id)
    for candidate, pool_options in prepared.pools:
        for need_id in candidate.need_ids[1:]:
            joined.join(candidate.need_ids[0], need_id)
        for pool_option in pool_options:
            if pool_option.service_id is not None and pool_option.service_id in services:
                first = first_of_service.setdefault(pool_option.service_id, candidate.need_ids[0])
                joined.join(first, candidate.need_ids[0])
    by_root: dict[int, Component] = {}
    for need_id in need_ids:
        component = by_root.setdefault(joined.find(need_id), Component())
        component.need_ids.append(need_id)
        if person_of[need_id] in people:
            component.people.add(person_of[need_id])
        for option in prepared.options[need_id]:
            if option.service_id is not None and option.service_id in services:
                component.services.add(option.service_id)
    for index, (candidate, pool_options) in enumerate(prepared.pools):
        component = by_root[joined.find(candidate.need_ids[0])]
        component.pool_indexes.append(index)
        for pool_option in pool_options:
            if pool_option.service_id is not None and pool_option.service_id in services:
                component.services.add(pool_option.service_id)
    return list(by_root.values())
