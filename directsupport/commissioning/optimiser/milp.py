"""One part of the optimiser's instance as a mixed-integer programme, solved by HiGHS (see the
model in ``model.py``'s note). Built column by column into one sparse matrix (numpy arrays),
so a part of a hundred thousand options is passed to HiGHS in one call."""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass, field

import highspy
import numpy as np

from .components import Component
from .model import Assignment, Option, PoolCandidate, PoolChoice, PoolOption, Prepared

EPSILON = 1e-6
# A part with more columns than this, when a gap is allowed, is solved LP first (``_solve_by_lp``).
LARGE_COLUMNS = 2_000
SUBGRADIENT_STEPS = 40


@dataclass
class ComponentResult:
    status: str
    bound: float
    columns: int
    assignments: list[Assignment] = field(default_factory=list)
    pools: list[PoolChoice] = field(default_factory=list)
    unmet: list[int] = field(default_factory=list)
    lp: LpDuals | None = None  # the LP route's duals, for the bound over every option


@dataclass
class LpDuals:
    component: Component
    rows: dict[tuple[str, int], int]
    dual: np.ndarray
    y_columns: list[tuple[PoolCandidate, PoolOption]]


def solve_component(
    prepared: Prepared,
    component: Component,
    *,
    mip_rel_gap: float,
    time_limit: float,
    use_start: bool = True,
    time_left: float | None = None,
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
    start = _greedy_start(prepared, component, meaning, x_columns)
    truncated_here = prepared.flat is not None and any(
        n in prepared.flat.truncated_ids for n in component.need_ids
    )
    if mip_rel_gap > 0 and (len(costs) > LARGE_COLUMNS or truncated_here):
        return _solve_by_lp(
            prepared,
            component,
            model,
            meaning,
            x_columns,
            y_columns,
            rows,
            start,
            mip_rel_gap=mip_rel_gap,
            time_limit=time_limit,
            time_left=time_left,
        )
    highs.passModel(model)
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


def _solve_by_lp(
    prepared: Prepared,
    component: Component,
    model: highspy.HighsLp,
    meaning: list[tuple[str, int]],
    x_columns: list[tuple[int, Option]],
    y_columns: list[tuple[PoolCandidate, PoolOption]],
    rows: dict[tuple[str, int], int],
    start: list[float],
    *,
    mip_rel_gap: float,
    time_limit: float,
    time_left: float | None = None,
) -> ComponentResult:
    """A big part (a generalised assignment: each need takes at most one option, places per
    service, a budget per person), when a gap is allowed:

    1. the LP relaxation by dual simplex; its duals give the bound (the Lagrangian value, worked
       out here from the duals over every column, and over the options pruning left out of the
       part, so the bound holds for all of each need's usable options, not only the kept ones);
    2. every need the LP meets whole with one option (or one pool) is fixed to it;
    3. the few needs left (split between options) form a small MILP on the places and budgets
       left, solved by HiGHS within the gap and the time left; a greedy repair backs it up.
    The plan is the best of that and the greedy start, so never worse than the greedy plan."""
    began = time.perf_counter()
    costs = np.asarray(model.col_cost_, dtype=np.float64)
    starts = np.asarray(model.a_matrix_.start_, dtype=np.int64)
    index = np.asarray(model.a_matrix_.index_, dtype=np.int64)
    value = np.asarray(model.a_matrix_.value_, dtype=np.float64)
    row_lower = np.asarray(model.row_lower_, dtype=np.float64)
    row_upper = np.asarray(model.row_upper_, dtype=np.float64)
    n_cols, n_rows = len(costs), len(row_upper)
    column_of_entry = np.repeat(np.arange(n_cols), np.diff(starts))
    start_values = np.asarray(start, dtype=np.float64)
    start_objective = float(start_values @ costs)

    def fallback(status: str, bound: float) -> ComponentResult:
        return _result(status, bound, start_values, meaning, x_columns, y_columns, start_objective)

    highs = highspy.Highs()
    highs.setOptionValue("output_flag", bool(os.environ.get("OPTIMISER_SOLVER_LOG")))
    highs.setOptionValue("solver", "simplex")
    # The LP may use all the time left to the run's end (its bound is the one reported); the
    # MILP on what it leaves gets this part's share.
    highs.setOptionValue("time_limit", max(1.0, time_left if time_left is not None else time_limit))
    model.integrality_ = []
    highs.passModel(model)
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return fallback("time limit", _cheapest_bound(prepared, component))
    lp = highs.getSolution()
    x = np.asarray(lp.col_value, dtype=np.float64)
    dual = np.asarray(lp.row_dual, dtype=np.float64)
    is_need = row_lower > -math.inf
    bound = info_objective(highs)  # the pruned model's LP bound; ``full_bound`` prices the rest
    if os.environ.get("OPTIMISER_DEBUG"):
        print(
            "lp",
            info_objective(highs),
            "bound",
            bound,
            "took",
            time.perf_counter() - began,
            "whole",
            int((x > 1 - EPSILON).sum()),
            "cols",
            n_cols,
        )

    # Fix what the LP decided whole; the rest is a small MILP on what is left.
    whole = x > 1 - EPSILON
    kinds = np.array([kind for kind, _ in meaning])
    need_rows_of_column: dict[int, list[int]] = {}
    fixed_need_rows = np.zeros(n_rows, dtype=bool)
    for column in np.flatnonzero(whole):
        lo, hi = starts[column], starts[column + 1]
        fixed_need_rows[index[lo:hi][is_need[index[lo:hi]]]] = True
    entry_on_fixed = fixed_need_rows[index]
    touches_fixed = np.bincount(column_of_entry, weights=entry_on_fixed, minlength=n_cols) > 0
    free = ~touches_fixed
    del need_rows_of_column
    used = np.bincount(index, weights=value * whole[column_of_entry], minlength=n_rows)
    left_upper = np.where(is_need, np.where(fixed_need_rows, 0.0, row_upper), row_upper - used)
    left_lower = np.where(is_need & fixed_need_rows, 0.0, row_lower)
    plan = whole.astype(np.float64)
    free_columns = np.flatnonzero(free)
    if len(free_columns):
        sub = _sub_milp(
            costs,
            starts,
            index,
            value,
            free_columns,
            kinds,
            left_lower,
            left_upper,
            mip_rel_gap=mip_rel_gap,
            time_limit=max(1.0, time_limit - (time.perf_counter() - began)),
        )
        if sub is None:
            sub = _repair(costs, starts, index, value, free_columns, kinds, is_need, left_upper)
        plan[free_columns] = sub
    objective = float(plan @ costs)
    if objective > start_objective:
        plan, objective = start_values, start_objective
    bound = min(objective, bound)
    cost_only = float(plan[kinds != "u"] @ costs[kinds != "u"])
    if os.environ.get("OPTIMISER_DEBUG"):
        print(
            "objective",
            objective,
            "start",
            start_objective,
            "free",
            len(free_columns),
            "took",
            time.perf_counter() - began,
        )
    status = "within gap" if objective - bound <= mip_rel_gap * cost_only else "time limit"
    result = _result(status, bound, plan, meaning, x_columns, y_columns, objective)
    result.lp = LpDuals(component, rows, dual, y_columns)
    return result


def info_objective(highs: highspy.Highs) -> float:
    return float(highs.getInfo().objective_function_value)


def _result(
    status: str,
    bound: float,
    plan: np.ndarray,
    meaning: list[tuple[str, int]],
    x_columns: list[tuple[int, Option]],
    y_columns: list[tuple[PoolCandidate, PoolOption]],
    objective: float,
) -> ComponentResult:
    result = ComponentResult(status=status, bound=min(bound, objective), columns=0)
    result.columns = len(x_columns) + len(y_columns)
    for column in np.flatnonzero(plan > 0.5):
        kind, which = meaning[column]
        if kind == "x":
            need_id, option = x_columns[which]
            result.assignments.append(Assignment(need_id, option))
        elif kind == "y":
            candidate, pool_option = y_columns[which]
            result.pools.append(PoolChoice(candidate.need_ids, pool_option))
        else:
            result.unmet.append(which)
    return result


def full_bound(prepared: Prepared, parts: list[LpDuals], target_objective: float = 0.0) -> float:
    """A lower bound on the LP-solved parts' cost plus penalties over *every* usable option of
    their needs (not only those pruning kept), from the LPs' duals.

    Relax the place rows (alpha = -dual >= 0) and budget rows (beta >= 0), the duals of all
    the parts together (a place row in no part is relaxed: alpha 0, which only lowers the
    bound). What is left is a partition of the needs into own options, pools and "not met";
    any pi with pi[n] <= each own option's adjusted cost c (1 + beta) + alpha, pi[n] <= the
    penalty, and, for each pool, its members' pi summing to at most its adjusted cost, is dual
    feasible, so sum(pi) - alpha . places - beta . budgets bounds these parts. pi starts from
    the LPs' need duals, is capped by every usable option (numpy, over the flat arrays), then
    lowered where a pool would be broken. Parts solved otherwise keep their own bounds: they
    share no row with these (a place shared through a left-out option is relaxed here)."""
    instance = prepared.instance
    flat = prepared.flat
    if flat is None or not parts:
        return 0.0
    alpha: dict[int, float] = {}
    beta: dict[int, float] = {}
    constant = 0.0
    pi_of: dict[int, float] = {}
    for part in parts:
        for (kind, key), row in part.rows.items():
            if kind == "places":
                alpha[key] = max(0.0, -float(part.dual[row]))
                constant -= alpha[key] * float(instance.capacities.get(key, 0))
            elif kind == "budget":
                budget = instance.people[key].budget_pence_a_week
                if budget is not None:
                    beta[key] = max(0.0, -float(part.dual[row]))
                    constant -= beta[key] * float(budget)
            else:
                pi_of[key] = float(part.dual[row])
    person_of = {need.id: need.person_id for need in instance.needs}
    position_of = {n: i for i, n in enumerate(flat.need_ids)}
    need_ids = list(pi_of)
    positions = np.array([position_of[n] for n in need_ids], dtype=np.int64)
    lengths = flat.lengths[positions]
    owner = np.repeat(np.arange(len(need_ids)), lengths)
    gather = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    gather += np.repeat(flat.first[positions], lengths)
    pence = flat.pence[gather]
    service = flat.service[gather]
    need_beta = np.array([beta.get(person_of[n], 0.0) for n in need_ids])
    where = {n: i for i, n in enumerate(need_ids)}
    pool_members: list[int] = []
    pool_of_member: list[int] = []
    pool_pence: list[float] = []
    pool_budget: list[float] = []
    pool_size: list[int] = []
    for part in parts:
        for candidate, pool_option in part.y_columns:
            number = len(pool_pence)
            pool_pence.append(float(pool_option.pence_a_week))
            pool_budget.append(
                sum(
                    beta.get(person_of[n], 0.0) * pool_option.shares[i]
                    for i, n in enumerate(candidate.need_ids)
                )
            )
            pool_size.append(len(candidate.need_ids))
            for need_id in candidate.need_ids:
                pool_members.append(where[need_id])
                pool_of_member.append(number)
    members = np.array(pool_members, dtype=np.int64)
    member_pool = np.array(pool_of_member, dtype=np.int64)
    # Every service as a compact index, its places, and the LPs' alpha on it (0 if no row).
    services, compact = np.unique(np.maximum(service, -1), return_inverse=True)
    is_offer = services < 0
    places = np.array(
        [float(instance.capacities.get(int(x), 0)) for x in services.tolist()], dtype=np.float64
    )
    lp_alpha = np.array([alpha.get(int(x), 0.0) for x in services.tolist()], dtype=np.float64)
    budget_constant = constant + sum(
        alpha[k] * float(instance.capacities.get(k, 0)) for k in alpha
    )  # the beta part only
    known = set(services.tolist())
    pool_service = np.array(
        [
            int(np.searchsorted(services, o.service_id if o.service_id is not None else -1))
            for part in parts
            for _, o in part.y_columns
        ],
        dtype=np.int64,
    )
    pool_has_service = np.array(
        [
            o.service_id is not None and o.service_id in known
            for part in parts
            for _, o in part.y_columns
        ],
        dtype=bool,
    )

    def lagrangian(prices: np.ndarray, scale: float) -> tuple[float, np.ndarray]:
        """L(prices, scale * beta) and each service's places the relaxed plan takes."""
        adjusted = pence * (1.0 + scale * need_beta[owner]) + prices[compact]
        pi = np.full(len(need_ids), float(prepared.penalty))
        np.minimum.at(pi, owner, adjusted)
        if len(members):
            # Each member at most its share of the pool's adjusted cost: the members' pi
            # then sum to at most it.
            pool_prices = np.where(
                pool_has_service, prices[np.minimum(pool_service, len(prices) - 1)], 0.0
            )
            per_member = (
                np.array(pool_pence)
                + pool_prices * np.array(pool_size)
                + scale * np.array(pool_budget)
            ) / np.array(pool_size)
            np.minimum.at(pi, members, per_member[member_pool])
        value = float(pi.sum()) - float(prices @ places) + scale * budget_constant
        chosen = adjusted <= pi[owner] + 1e-9
        first = np.zeros(len(need_ids), dtype=bool)
        taken = np.zeros(len(services))
        order = np.flatnonzero(chosen)
        owners = owner[order]
        unique_owner, at = np.unique(owners, return_index=True)
        first[unique_owner] = True
        np.add.at(taken, compact[order[at]], 1.0)
        taken[is_offer] = 0.0
        return value, taken

    best = -math.inf
    best_scale = 1.0
    # L(t alpha, t beta) for a few t: the LP's duals (t = 1) are best for the pruned model, not
    # always for every option; t = 0 is each need at its cheapest. Each value is a bound.
    for scale in (0.0, 0.5, 1.0):
        value, _ = lagrangian(scale * lp_alpha, scale)
        if value > best:
            best, best_scale = value, scale
    # Then a few subgradient steps on the places' prices (every service, not only the rows the
    # pruned parts had): each L is a bound, the best is kept.
    prices = best_scale * lp_alpha
    target = max(best + 1.0, target_objective)
    factor, since_better = 1.0, 0
    for _ in range(SUBGRADIENT_STEPS):
        value, taken = lagrangian(prices, best_scale)
        if value > best:
            best, since_better = value, 0
        else:
            since_better += 1
            if since_better >= 3:  # Polyak's step with a halving factor
                factor, since_better = factor / 2, 0
        step = taken - places
        step[is_offer] = 0.0
        norm = float(step @ step)
        if norm <= 0:
            break
        prices = np.maximum(0.0, prices + factor * (target - value) / norm * step)
    return best


def _sub_milp(
    costs: np.ndarray,
    starts: np.ndarray,
    index: np.ndarray,
    value: np.ndarray,
    columns: np.ndarray,
    kinds: np.ndarray,
    row_lower: np.ndarray,
    row_upper: np.ndarray,
    *,
    mip_rel_gap: float,
    time_limit: float,
) -> np.ndarray | None:
    """The needs the LP split between options, as a MILP on the places and budgets left."""
    lengths = starts[columns + 1] - starts[columns]
    offsets = np.repeat(starts[columns] - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    gather = np.arange(int(lengths.sum())) + offsets
    model = highspy.HighsLp()
    model.num_col_ = len(columns)
    model.num_row_ = len(row_upper)
    model.col_cost_ = costs[columns]
    model.col_lower_ = np.zeros(len(columns))
    model.col_upper_ = np.ones(len(columns))
    model.row_lower_ = row_lower
    model.row_upper_ = np.maximum(row_upper, row_lower)
    model.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    model.a_matrix_.start_ = np.concatenate(([0], np.cumsum(lengths))).astype(np.int32)
    model.a_matrix_.index_ = index[gather].astype(np.int32)
    model.a_matrix_.value_ = value[gather]
    model.integrality_ = [
        highspy.HighsVarType.kContinuous if kinds[c] == "u" else highspy.HighsVarType.kInteger
        for c in columns
    ]
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", bool(os.environ.get("OPTIMISER_SOLVER_LOG")))
    highs.setOptionValue("mip_rel_gap", mip_rel_gap / 10)
    highs.setOptionValue("time_limit", time_limit)
    highs.passModel(model)
    highs.run()
    if highs.getInfo().primal_solution_status != 2:
        return None
    found = np.asarray(highs.getSolution().col_value, dtype=np.float64)
    return np.where(found > 0.5, 1.0, 0.0)


def _repair(
    costs: np.ndarray,
    starts: np.ndarray,
    index: np.ndarray,
    value: np.ndarray,
    columns: np.ndarray,
    kinds: np.ndarray,
    is_need: np.ndarray,
    row_upper: np.ndarray,
) -> np.ndarray:
    """Greedy: each need left takes its cheapest column (alone) that still fits, else unmet."""
    left = row_upper.copy()
    taken = np.zeros(len(columns))
    done: set[int] = set()
    for position in np.argsort(costs[columns], kind="stable"):
        column = columns[position]
        if kinds[column] == "y":
            continue
        rows = index[starts[column] : starts[column + 1]]
        amounts = value[starts[column] : starts[column + 1]]
        need = int(rows[is_need[rows]][0])
        if need in done:
            continue
        others = ~is_need[rows]
        if kinds[column] == "u" or np.all(amounts[others] <= left[rows[others]] + EPSILON):
            left[rows[others]] -= amounts[others]
            taken[position] = 1.0
            done.add(need)
    return taken
