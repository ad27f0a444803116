"""Preparing and solving an instance of the borough-wide optimiser (the data and the model are
in ``model``): ``prepare`` applies each person's choices, exclusions and budget, the alone rule
and pruning, and takes the greedy baseline; ``solve`` splits the rest into independent
components, solves each (``milp``), bounds the whole and explains each need not met.
Apart from the data it reads, so the parts it calls (``greedy``, ``components``, ``milp``,
``explain``) import the data and never this module, and nothing imports round a circle.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Mapping

import numpy as np

from .components import Component, split_components
from .explain import explain_unmet
from .greedy import greedy
from .milp import LpDuals, full_bound, solve_component
from .model import (
    BUDGET,
    CAPACITY,
    CHOICE,
    EXCLUDED,
    KIND,
    MIN_PENALTY_PENCE,
    UNMET_PENALTY_FACTOR,
    Assignment,
    Conflict,
    FlatOptions,
    Instance,
    Option,
    Person,
    PoolCandidate,
    PoolChoice,
    PoolOption,
    Prepared,
    Progress,
    Settings,
    Solution,
    Unmet,
    _names,
    _pounds,
)


def _no_progress(percent: int, words: str) -> None:
    return None


# --- Preparing the instance: choices, exclusions, budgets, the alone rule, pruning ----------


def prepare(instance: Instance, settings: Settings) -> Prepared:
    usable: dict[int, list[Option]] = {}
    unmet: dict[int, tuple[Conflict, ...]] = {}
    for need in instance.needs:
        person = instance.people.get(need.person_id, Person(need.person_id))
        if not need.options:
            unmet[need.id] = need.screening or (
                Conflict(KIND, "No service in the directory can meet this need"),
            )
            continue
        kept = list(need.options)
        if need.chosen_supplier_id is not None:
            kept = [o for o in kept if o.supplier_id == need.chosen_supplier_id]
            if not kept:
                unmet[need.id] = (
                    Conflict(
                        CHOICE,
                        f"The person chose {_names(instance, [need.chosen_supplier_id])}, "
                        "which cannot meet it (not that kind, not then, or not there)",
                    ),
                )
                continue
        allowed = [o for o in kept if o.supplier_id not in person.excluded_supplier_ids]
        if not allowed:
            unmet[need.id] = (
                Conflict(
                    EXCLUDED,
                    "The person said no to every supplier that could: "
                    + _names(instance, [o.supplier_id for o in kept]),
                ),
            )
            continue
        budget = person.budget_pence_a_week
        affordable = [o for o in allowed if budget is None or o.pence_a_week <= budget]
        if not affordable:
            cheapest = min(o.pence_a_week for o in allowed)
            unmet[need.id] = (
                Conflict(
                    BUDGET,
                    f"The cheapest option costs {_pounds(cheapest)} a week, more than the "
                    f"{_pounds(budget or 0)} a week the person has for support",
                ),
            )
            continue
        with_places = [
            o
            for o in affordable
            if o.service_id is None or instance.capacities.get(o.service_id, 0) > 0
        ]
        if not with_places:
            unmet[need.id] = (
                Conflict(
                    CAPACITY,
                    "No places free at " + _names(instance, [o.supplier_id for o in affordable]),
                ),
            )
            continue
        usable[need.id] = sorted(
            with_places, key=lambda o: (o.pence_a_week, o.supplier_id, o.service_id or 0)
        )

    pools, refused = _usable_pools(instance, usable)
    baseline = greedy(instance, usable)
    options, truncated, flat = _pruned(
        instance, usable, pools, settings.options_per_need, baseline.chosen
    )
    dearest = max(
        [o.pence_a_week for opts in options.values() for o in opts]
        + [max(p.shares) for _, opts in pools for p in opts]
        + [0]
    )
    penalty = max(MIN_PENALTY_PENCE, UNMET_PENALTY_FACTOR * dearest)
    return Prepared(
        instance, options, usable, pools, unmet, baseline, truncated, refused, penalty, flat
    )


def _usable_pools(
    instance: Instance, usable: dict[int, list[Option]]
) -> tuple[list[tuple[PoolCandidate, list[PoolOption]]], int]:
    """Pool options every member may take: their chosen supplier if they chose one, none they
    said no to, each share within their budget and (unless they agreed to pay more) no more
    than buying alone: the cheaper of their own options and the same supplier alone."""
    needs = {need.id: need for need in instance.needs}
    result: list[tuple[PoolCandidate, list[PoolOption]]] = []
    refused = 0
    for candidate in instance.pools:
        if any(need_id not in usable for need_id in candidate.need_ids):
            continue
        members = [needs[need_id] for need_id in candidate.need_ids]
        kept: list[PoolOption] = []
        for option in candidate.options:
            fits = True
            for index, member in enumerate(members):
                person = instance.people.get(member.person_id, Person(member.person_id))
                share = option.shares[index]
                if (
                    (
                        member.chosen_supplier_id is not None
                        and member.chosen_supplier_id != option.supplier_id
                    )
                    or option.supplier_id in person.excluded_supplier_ids
                    or (
                        person.budget_pence_a_week is not None
                        and share > person.budget_pence_a_week
                    )
                ):
                    fits = False
                    break
                # ``usable`` is cheapest first: its first option is the cheapest alone.
                alone = min(option.alone[index], usable[member.id][0].pence_a_week)
                if share > alone and not member.agreed_to_pay_more:
                    fits = False
                    refused += 1
                    break
            if fits:
                kept.append(option)
        if kept:
            result.append((candidate, sorted(kept, key=lambda o: o.pence_a_week)))
    return result, refused


def _pruned(
    instance: Instance,
    usable: dict[int, list[Option]],
    pools: list[tuple[PoolCandidate, list[PoolOption]]],
    k: int,
    keep: Mapping[int, Option],
) -> tuple[dict[int, list[Option]], int, FlatOptions | None]:
    """Each need's options cut after its first option at an ample service (exact), then at
    ``k`` (counted). Ampleness is worked out again on the cut lists: fewer needs then use each
    service, so more are ample (still exact: the argument holds for the cut problem).

    Worked on flat arrays (one entry per option, needs in turn, each cheapest first): every cut
    keeps a prefix of each need's list, so a need's state is how many of its options remain."""
    need_ids = list(usable)
    if not need_ids:
        return {}, 0, None
    lengths = np.fromiter((len(usable[n]) for n in need_ids), dtype=np.int64, count=len(need_ids))
    total = int(lengths.sum())
    first = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    owner = np.repeat(np.arange(len(need_ids)), lengths)
    position = np.arange(total) - first[owner]
    raw = np.fromiter(
        (-1 if o.service_id is None else o.service_id for n in need_ids for o in usable[n]),
        dtype=np.int64,
        count=total,
    )
    services, service = np.unique(raw, return_inverse=True)
    offer = raw < 0
    capacity = np.array(
        [instance.capacities.get(int(s), 0) if s >= 0 else 0 for s in services], dtype=np.int64
    )
    pool_demand = np.zeros(len(services), dtype=np.int64)
    where = {int(s): i for i, s in enumerate(services)}
    for candidate, pool_options in pools:
        for pool_service in {o.service_id for o in pool_options if o.service_id is not None}:
            if pool_service in where:
                pool_demand[where[pool_service]] += len(candidate.need_ids)
    # A need counts once per service, however many of its options are there.
    pair = owner * (len(services) + 1) + service
    order = np.argsort(pair, kind="stable")
    distinct = np.ones(total, dtype=bool)
    distinct[order[1:]] = pair[order[1:]] != pair[order[:-1]]
    keep_len = lengths.copy()
    for _ in range(2):
        alive = position < keep_len[owner]
        counted = alive & distinct & ~offer
        wanted = np.bincount(service[counted], minlength=len(services)) + pool_demand
        ample = wanted <= capacity
        stop = alive & (offer | ample[service])
        first_stop = np.full(len(need_ids), total, dtype=np.int64)
        np.minimum.at(first_stop, owner[stop], position[stop])
        keep_len = np.minimum(keep_len, first_stop + 1)
    truncated = int((keep_len > k).sum())
    final: dict[int, list[Option]] = {}
    for need_id, count in zip(need_ids, np.minimum(keep_len, k).tolist(), strict=True):
        kept = usable[need_id][:count]
        if need_id in keep and keep[need_id] not in kept:
            kept.append(keep[need_id])  # the greedy plan stays possible: never worse than it
        final[need_id] = kept
    pence = np.fromiter(
        (o.pence_a_week for n in need_ids for o in usable[n]), dtype=np.float64, count=total
    )
    truncated_ids = {need_ids[i] for i in np.flatnonzero(keep_len > k).tolist()}
    flat = FlatOptions(need_ids, first, lengths, pence, raw, truncated_ids)
    return final, truncated, flat


# --- Solving --------------------------------------------------------------------------------


def solve(
    instance: Instance, settings: Settings | None = None, *, progress: Progress | None = None
) -> Solution:
    """The cheapest plan within every limit (see the module note), with its bound and the
    greedy baseline's cost, and for each need not met the limits that stop it."""
    settings = settings or Settings()
    report = progress or _no_progress
    started = time.perf_counter()
    prepared = prepare(instance, settings)
    greedy_result = prepared.baseline
    components = split_components(prepared, decompose=settings.decompose)
    prepared_at = time.perf_counter()
    deadline = started + settings.time_limit_seconds
    assignments: list[Assignment] = []
    chosen_pools: list[PoolChoice] = []
    left_unmet: list[int] = []
    bound = 0.0
    lp_parts: list[LpDuals] = []
    lp_bound = 0.0
    statuses: set[str] = set()
    columns = 0
    solved = 0
    big = [c for c in components if c.needs_solved_by_milp]
    # The time left is shared among the parts still to solve by their size, so the first big
    # part cannot take it all.
    size_left = sum(_size(prepared, c) for c in big)
    for component in components:
        if not component.needs_solved_by_milp:
            for need_id in component.need_ids:
                option = prepared.options[need_id][0]
                assignments.append(Assignment(need_id, option))
                bound += option.pence_a_week
                columns += len(prepared.options[need_id])
            continue
        result = solve_component(
            prepared,
            component,
            mip_rel_gap=settings.mip_rel_gap,
            time_limit=max(
                1.0,
                (deadline - time.perf_counter()) * _size(prepared, component) / max(1, size_left),
            ),
            time_left=deadline - time.perf_counter(),
        )
        solved += 1
        if os.environ.get("OPTIMISER_DEBUG") and _size(prepared, component) > 2000:
            print(
                "part",
                len(component.need_ids),
                _size(prepared, component),
                result.status,
                result.bound,
                time.perf_counter() - started,
            )
        size_left -= _size(prepared, component)
        report(
            10 + int(80 * solved / max(1, len(big))),
            f"Solved {solved:,} of {len(big):,} linked groups of needs",
        )
        statuses.add(result.status)
        assignments.extend(result.assignments)
        chosen_pools.extend(result.pools)
        left_unmet.extend(result.unmet)
        bound += result.bound
        columns += result.columns
        if result.lp is not None:
            lp_parts.append(result.lp)
            lp_bound += result.bound
    pruned_bound = bound
    if lp_parts:
        # The LP route's bound over the pruned options, replaced by one over every option.
        bound += full_bound(prepared, lp_parts, lp_bound) - lp_bound
    unmet = [Unmet(n, c) for n, c in prepared.unmet_before.items()]
    unmet += explain_unmet(prepared, left_unmet, assignments, chosen_pools)
    cost = sum(a.option.pence_a_week for a in assignments) + sum(
        p.option.pence_a_week for p in chosen_pools
    )
    # Costs are whole pence: any plan's cost is at least the bound rounded up.
    cost_bound = min(cost, max(0, math.ceil(bound - prepared.penalty * len(left_unmet) - 1e-6)))
    pruned_cost_bound = min(
        cost, max(0, math.ceil(pruned_bound - prepared.penalty * len(left_unmet) - 1e-6))
    )
    if lp_parts:
        statuses.discard("within gap")
        if cost - cost_bound > settings.mip_rel_gap * cost:
            statuses.add("time limit" if time.perf_counter() > deadline else "gap not reached")
        else:
            statuses.add("within gap")
    return Solution(
        status=_overall(statuses, bool(instance.needs)),
        assignments=sorted(assignments, key=lambda a: a.need_id),
        pools=chosen_pools,
        unmet=sorted(unmet, key=lambda u: u.need_id),
        cost_pence_a_week=cost,
        lower_bound_pence_a_week=cost_bound,
        penalty_pence=prepared.penalty,
        greedy_cost_pence_a_week=greedy_result.cost_pence_a_week,
        greedy_unmet=greedy_result.unmet,
        solve_seconds=time.perf_counter() - started,
        needs_count=len(instance.needs),
        options_count=columns,
        components=len(components),
        solved_components=solved,
        truncated_needs=prepared.truncated,
        pools_offered=sum(len(opts) for _, opts in prepared.pools),
        pools_refused_dearer=prepared.refused_dearer,
        prepare_seconds=prepared_at - started,
        pruned_lower_bound_pence_a_week=pruned_cost_bound,
        lp_parts=len(lp_parts),
    )


def _size(prepared: Prepared, component: Component) -> int:
    return sum(len(prepared.options[n]) for n in component.need_ids) + len(component.pool_indexes)


def _overall(statuses: set[str], any_needs: bool) -> str:
    if not any_needs:
        return "no needs"
    for worst in ("time limit", "gap not reached", "within gap"):
        if worst in statuses:
            return worst
    return "optimal"
