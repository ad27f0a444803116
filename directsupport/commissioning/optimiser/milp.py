"""One part of the optimiser's instance as a mixed-integer programme, solved by HiGHS (see the
model in ``model.py``'s note). Built column by column into one sparse matrix (numpy arrays),
so a part of a hundred thousand options is passed to HiGHS in one call."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import highspy
import numpy as np

from .model import Assignment, Option, PoolCandidate, PoolChoice, PoolOption, Prepared

if TYPE_CHECKING:
    from .components import Component

EPSILON = 1e-6


@dataclass
class ComponentResult:
    status: str
    bound: float
    columns: int
    assignments: list[Assignment] = field(default_factory=list)
    pools: list[PoolChoice] = field(default_factory=list)
    unmet: list[int] = field(default_factory=list)


def solve_component(
    prepared: Prepared,
    component: Component,
    *,
    mip_rel_gap: float,
    time_limit: float,
    use_start: bool = True,
) -> ComponentResult:
    instance = prepared.instance
    person_of = {need.id: need.person_id for need in instance.needs}
    rows: dict[tuple[str, int], int] = {}
    row_upper: list[float] = []
    row_lower: list[float] = []

    def row(kind: str, key: int, lower: float, upper: float) -> int:
        rows[(kind, key)] = len(row_upper)
        row_lower.append(lower)
        row_upper.append(upper)
        return rows[(kind, key)]

    for need_id in component.need_ids:
        row("need", need_id, 1.0, 1.0)
    for service in sorted(component.services):
        row("places", service, -math.inf, float(instance.capacities.get(service, 0)))
    for person_id in sorted(component.people):
        budget = instance.people[person_id].budget_pence_a_week
        row("budget", person_id, -math.inf, float(budget if budget is not None else math.inf))

    costs: list[float] = []
    integer: list[bool] = []
    starts: list[int] = [0]
    index: list[int] = []
    value: list[float] = []
    x_columns: list[tuple[int, Option]] = []
    y_columns: list[tuple[PoolCandidate, PoolOption]] = []
    meaning: list[tuple[str, int]] = []  # ("x" | "y" | "u", index into its list or need id)

    def column(cost: float, entries: list[tuple[int, float]], is_integer: bool) -> None:
        costs.append(cost)
        integer.append(is_integer)
        for row_index, coefficient in entries:
            index.append(row_index)
            value.append(coefficient)
        starts.append(len(index))

    for need_id in component.need_ids:
        need_row = rows[("need", need_id)]
        budget_row = rows.get(("budget", person_of[need_id]))
        for option in prepared.options[need_id]:
            entries = [(need_row, 1.0)]
            if option.service_id is not None and ("places", option.service_id) in rows:
                entries.append((rows[("places", option.service_id)], 1.0))
            if budget_row is not None and option.pence_a_week:
                entries.append((budget_row, float(option.pence_a_week)))
            column(float(option.pence_a_week), entries, True)
            meaning.append(("x", len(x_columns)))
            x_columns.append((need_id, option))
        column(float(prepared.penalty), [(need_row, 1.0)], False)
        meaning.append(("u", need_id))
    for pool_index in component.pool_indexes:
        candidate, pool_options = prepared.pools[pool_index]
        for pool_option in pool_options:
            entries = [(rows[("need", need_id)], 1.0) for need_id in candidate.need_ids]
            pool_service = pool_option.service_id
            if pool_service is not None and ("places", pool_service) in rows:
                entries.append((rows[("places", pool_service)], float(len(candidate.need_ids))))
            for position, need_id in enumerate(candidate.need_ids):
                budget_row = rows.get(("budget", person_of[need_id]))
                if budget_row is not None and pool_option.shares[position]:
                    entries.append((budget_row, float(pool_option.shares[position])))
            column(float(pool_option.pence_a_week), entries, True)
            meaning.append(("y", len(y_columns)))
            y_columns.append((candidate, pool_option))

    highs = highspy.Highs()
    highs.setOptionValue("output_flag", bool(os.environ.get("OPTIMISER_SOLVER_LOG")))
    # The gap asked for is on the cost, not on the cost plus the penalties for needs left
    # unmet (which can dwarf it): an absolute gap of that share of the starting plan's cost.
    highs.setOptionValue("mip_rel_gap", 0.0 if mip_rel_gap <= 0 else mip_rel_gap / 10)
    highs.setOptionValue("time_limit", time_limit)
    model = highspy.HighsLp()
    model.num_col_ = len(costs)
    model.num_row_ = len(row_upper)
    model.col_cost_ = np.array(costs, dtype=np.float64)
    model.col_lower_ = np.zeros(len(costs))
    model.col_upper_ = np.ones(len(costs))
    model.row_lower_ = np.array(row_lower, dtype=np.float64)
    model.row_upper_ = np.array(row_upper, dtype=np.float64)
    model.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    model.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    model.a_matrix_.index_ = np.array(index, dtype=np.int32)
    model.a_matrix_.value_ = np.array(value, dtype=np.float64)
    model.integrality_ = [
        highspy.HighsVarType.kInteger if is_integer else highspy.HighsVarType.kContinuous
        for is_integer in integer
    ]
    highs.passModel(model)
    start = _greedy_start(prepared, component, meaning, x_columns)
    if use_start:
        solution = highspy.HighsSolution()
        solution.col_value = start
        solution.value_valid = True
        highs.setSolution(solution)
    if mip_rel_gap > 0:
        start_cost = sum(
            value * cost
            for value, cost, (kind, _) in zip(start, costs, meaning, strict=True)
            if kind != "u"
        )
        highs.setOptionValue("mip_abs_gap", max(1.0, mip_rel_gap * start_cost))
    highs.run()
    model_status = highs.getModelStatus()
    info = highs.getInfo()
    start_objective = sum(v * c for v, c in zip(start, costs, strict=True))
    values = start
    objective = start_objective
    if info.primal_solution_status == 2:  # kSolutionStatusFeasible
        found = list(highs.getSolution().col_value)
        found_objective = sum(v * c for v, c in zip(found, costs, strict=True))
        if abs(found_objective - float(info.objective_function_value)) > 0.5:
            # HiGHS 1.16 can hand back, after presolve, a plan that is not the one it reports
            # when given a starting plan (found by the brute-force tests). When it had proved
            # its answer, solve again without the start; when time ran out, keep the start.
            if use_start and model_status == highspy.HighsModelStatus.kOptimal:
                return solve_component(
                    prepared,
                    component,
                    mip_rel_gap=mip_rel_gap,
                    time_limit=time_limit,
                    use_start=False,
                )
        elif found_objective <= start_objective:
            values, objective = found, found_objective
    result = ComponentResult(status=_status(highs, model_status, info), bound=0.0, columns=0)
    dual_bound = float(info.mip_dual_bound)
    if not math.isfinite(dual_bound):
        # Stopped before the first LP: each need costs at least its cheapest way to be met.
        dual_bound = _cheapest_bound(prepared, component)
    result.bound = min(objective, max(dual_bound, _cheapest_bound(prepared, component)))
    result.columns = len(x_columns) + len(y_columns)
    for (kind, which), chosen in zip(meaning, values, strict=True):
        if chosen < 0.5:
            continue
        if kind == "x":
            need_id, option = x_columns[which]
            result.assignments.append(Assignment(need_id, option))
        elif kind == "y":
            candidate, pool_option = y_columns[which]
            result.pools.append(PoolChoice(candidate.need_ids, pool_option))
        else:
            result.unmet.append(which)
    return result


def _cheapest_bound(prepared: Prepared, component: Component) -> float:
    """A bound that needs no solver: every need met as cheaply as it could be on its own or in
    any pool (the penalty for not meeting it is dearer than any of them)."""
    cheapest = {n: float(prepared.options[n][0].pence_a_week) for n in component.need_ids}
    for pool_index in component.pool_indexes:
        candidate, pool_options = prepared.pools[pool_index]
        for position, need_id in enumerate(candidate.need_ids):
            share = min(o.shares[position] for o in pool_options)
            cheapest[need_id] = min(cheapest[need_id], float(share))
    return sum(cheapest.values())


def _greedy_start(
    prepared: Prepared,
    component: Component,
    meaning: list[tuple[str, int]],
    x_columns: list[tuple[int, Option]],
) -> list[float]:
    """A plan to start from, so the solver always has one however short the time: each need
    in turn (by person, then need) its cheapest option that still has a place and fits the
    budget, else not met."""
    instance = prepared.instance
    person_of = {need.id: need.person_id for need in instance.needs}
    places = {s: instance.capacities.get(s, 0) for s in component.services}
    left: dict[int, float] = {}
    for person_id in component.people:
        budget = instance.people[person_id].budget_pence_a_week
        left[person_id] = math.inf if budget is None else float(budget)
    column_of: dict[tuple[int, int], int] = {}
    unmet_column: dict[int, int] = {}
    for position, (kind, which) in enumerate(meaning):
        if kind == "x":
            column_of[(x_columns[which][0], which)] = position
        elif kind == "u":
            unmet_column[which] = position
    values = [0.0] * len(meaning)
    by_need: dict[int, list[int]] = {}
    for which, (need_id, _) in enumerate(x_columns):
        by_need.setdefault(need_id, []).append(which)
    for need_id in sorted(component.need_ids, key=lambda n: (person_of[n], n)):
        person_id = person_of[need_id]
        for which in by_need.get(need_id, []):  # cheapest first, as prepared
            option = x_columns[which][1]
            if option.service_id in places and places[option.service_id] <= 0:
                continue
            if person_id in left and option.pence_a_week > left[person_id]:
                continue
            if option.service_id in places:
                places[option.service_id] -= 1
            if person_id in left:
                left[person_id] -= option.pence_a_week
            values[column_of[(need_id, which)]] = 1.0
            break
        else:
            values[unmet_column[need_id]] = 1.0
    return values


def _status(
    highs: highspy.Highs, model_status: highspy.HighsModelStatus, info: highspy.HighsInfo
) -> str:
    if model_status == highspy.HighsModelStatus.kOptimal:
        return "optimal" if float(info.mip_gap) <= EPSILON else "within gap"
    if model_status == highspy.HighsModelStatus.kTimeLimit:
        return "time limit"
    return highs.modelStatusToString(model_status).lower()
