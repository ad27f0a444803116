"""The greedy baseline the optimiser is compared with: needs in a fixed order (by person, then
need), each taking its cheapest option that still has a place and still fits the person's
budget. No pools (buying together needs looking at several needs at once)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from .model import GreedyResult, Instance, Option


def greedy(instance: Instance, usable: Mapping[int, list[Option]]) -> GreedyResult:
    """``usable``: each need's options after the person's choice, exclusions and budget (the
    optimiser's ``prepare``), cheapest first."""
    places = dict(instance.capacities)
    spent: dict[int, int] = defaultdict(int)
    chosen: dict[int, Option] = {}
    unmet = 0
    for need in sorted(instance.needs, key=lambda n: (n.person_id, n.id)):
        person = instance.people.get(need.person_id)
        budget = person.budget_pence_a_week if person is not None else None
        for option in usable.get(need.id, ()):
            if option.service_id is not None and places.get(option.service_id, 0) <= 0:
                continue
            if budget is not None and spent[need.person_id] + option.pence_a_week > budget:
                continue
            chosen[need.id] = option
            spent[need.person_id] += option.pence_a_week
            if option.service_id is not None:
                places[option.service_id] -= 1
            break
        else:
            unmet += 1
    return GreedyResult(
        cost_pence_a_week=sum(o.pence_a_week for o in chosen.values()),
        unmet=unmet,
        chosen=chosen,
    )
