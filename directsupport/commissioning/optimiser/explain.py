"""Why the optimiser left a need unmet, in words: which limits conflict.

Needs with no option at all were explained before the solve (no service of that kind, none
within travel, none at that time, the person's choice or exclusions, over their budget, no
places). A need the solver left unmet had options, and each was blocked in the plan found: its
service's places all taken by other needs, or the person's budget used by their other needs.
"""

from __future__ import annotations

from collections import defaultdict

from .model import (
    BUDGET,
    CAPACITY,
    Assignment,
    Conflict,
    PoolChoice,
    Prepared,
    Unmet,
    _names,
    _pounds,
)


def explain_unmet(
    prepared: Prepared,
    unmet_ids: list[int],
    assignments: list[Assignment],
    pools: list[PoolChoice],
) -> list[Unmet]:
    instance = prepared.instance
    person_of = {need.id: need.person_id for need in instance.needs}
    used: dict[int, int] = defaultdict(int)
    spent: dict[int, int] = defaultdict(int)
    for assignment in assignments:
        if assignment.option.service_id is not None:
            used[assignment.option.service_id] += 1
        spent[person_of[assignment.need_id]] += assignment.option.pence_a_week
    for pool in pools:
        if pool.option.service_id is not None:
            used[pool.option.service_id] += len(pool.need_ids)
        for position, need_id in enumerate(pool.need_ids):
            spent[person_of[need_id]] += pool.option.shares[position]
    explained = []
    for need_id in unmet_ids:
        person_id = person_of[need_id]
        person = instance.people.get(person_id)
        budget = person.budget_pence_a_week if person is not None else None
        full: list[int] = []
        too_dear: list[int] = []
        for option in prepared.usable.get(need_id, []):
            service = option.service_id
            if service is not None and used[service] >= instance.capacities.get(service, 0):
                full.append(option.supplier_id)
            if budget is not None and spent[person_id] + option.pence_a_week > budget:
                too_dear.append(option.pence_a_week)
        conflicts = []
        if full:
            conflicts.append(
                Conflict(
                    CAPACITY,
                    "Every place is taken by other needs at " + _names(instance, full),
                )
            )
        if too_dear and budget is not None:
            conflicts.append(
                Conflict(
                    BUDGET,
                    f"The person's other support already uses {_pounds(spent[person_id])} of "
                    f"their {_pounds(budget)} a week; the cheapest option here costs "
                    f"{_pounds(min(too_dear))}",
                )
            )
        if not conflicts:
            conflicts.append(
                Conflict(
                    CAPACITY,
                    "Meeting it would take places or money the plan gives to other needs",
                )
            )
        explained.append(Unmet(need_id, tuple(conflicts)))
    return explained
