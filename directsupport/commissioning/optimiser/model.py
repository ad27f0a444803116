"""The borough-wide optimiser as plain data: an instance in, a solution out. No Django.
``solve`` prepares and solves an instance; this module is the data every part shares.

**The instance.** Each need has its *options*: ways one supplier can meet it on its own (a
service's price in force for the need's hours, or an open offer made for it), already judged
able to meet it by the market's matching rules (kind, time, area, CQC; ``build.py``). Each
*pool candidate* is a group of compatible needs (``pools.compatibility``) with its pool options:
one service meeting all of them together, each member paying a share. Each person has a weekly
budget (what their ISF leaves for support, not yet promised elsewhere; ``None`` when no
agreement is in force, then unlimited), the suppliers they said no to, and for a need perhaps
the supplier they chose. Each service has its places free (``capacity_people``).

**The exact model** (``milp.py``, HiGHS): binary x[need, option] and y[pool, option]; a
continuous u[need] in [0, 1] for "not met". Minimise the weekly cost plus ``penalty`` per need
not met, subject to

- each need met once, by itself or in one pool, or not met (u): sum x + sum y + u = 1;
- the person's choice (only the chosen supplier's options) and exclusions (no option of a
  supplier they said no to), applied by leaving those options out;
- places: for each service, the needs it meets alone plus the members of the pools it meets
  take at most ``capacity_people`` places (a place per need met: conservative when one person
  has two needs met by one service);
- budget: each person's options and pool shares cost at most their weekly budget;
- pools: a group never larger than every member's ratio allows and never further apart than
  the travel limit (``compatibility.candidate_groups``); a pool option is offered only when no
  member pays more than buying alone (the cheaper of their own options and the same supplier
  alone), unless that member agreed to pay more.

The penalty is ``UNMET_PENALTY_FACTOR`` times the dearest option (at least £1 a week): meeting
a need always beats leaving it unmet unless it takes a chain of more than that many switches.
A need with no option at all is left out of the solve, unmet, with the reasons.

**Pruning.** A need's options are sorted by cost and cut after the first *ample* one — a
service with at least as many places as needs that could ever use it, so it can never be full:
any dearer option is then never better (it costs more and uses more budget). That cut is exact.
Past it, at most ``options_per_need`` are kept (cheapest first); a need cut there is counted in
``truncated_needs``: only there may the optimum be missed. Constraints that can never bind
(an ample service; a person whose dearest choices all fit the budget) are dropped, and needs
linked by no binding constraint or pool solve independently (``components``): a need alone in
its component simply takes its cheapest option.

**Bounds.** Each component's solver reports its dual bound (HiGHS's ``mip_dual_bound``, at least
the LP relaxation); their sum, less the penalties of the needs left unmet, bounds the cost of
any plan meeting as many needs. ``gap`` is (cost - bound) / cost.

**Big parts, when a gap is allowed** (the city): a part of more than ``milp.LARGE_COLUMNS``
columns, or holding a need pruning truncated, is solved LP first (``milp._solve_by_lp``): the LP
relaxation by dual simplex, every need it meets whole fixed, a small MILP on the rest. Its LP
bound holds only for the pruned model (``pruned_lower_bound_pence_a_week``); the bound reported
(``lower_bound_pence_a_week``) is over every usable option: the Lagrangian value from the LPs'
duals, raised by a few subgradient steps (``milp.full_bound``). Exact runs (gap 0) never take
this route.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

UNMET_PENALTY_FACTOR = 10
MIN_PENALTY_PENCE = 100
DEFAULT_OPTIONS_PER_NEED = 8

# Why a need cannot be met: the code, and a plain-words sentence per code.
KIND, TRAVEL, TIME, CHOICE, EXCLUDED, BUDGET, CAPACITY, PRICE = (
    "kind",
    "travel",
    "time",
    "choice",
    "excluded",
    "budget",
    "capacity",
    "price",
)
CONFLICT_TITLES = {
    KIND: "No service of that kind",
    TRAVEL: "None within travel",
    TIME: "None at that time",
    PRICE: "No price",
    CHOICE: "The chosen supplier cannot",
    EXCLUDED: "Excluded by the person",
    BUDGET: "Over the person's budget",
    CAPACITY: "Places taken",
}


@dataclass(frozen=True)
class Conflict:
    code: str
    words: str


@dataclass(frozen=True)
class Option:
    """One supplier meeting one need on its own."""

    supplier_id: int
    pence_a_week: int
    service_id: int | None = None  # the service whose places it takes (None: an offer)
    offer_id: int | None = None
    label: str = ""


@dataclass(frozen=True)
class Need:
    id: int
    person_id: int
    options: tuple[Option, ...]
    chosen_supplier_id: int | None = None
    # Agreed to pay more in a pool than alone (recorded with the person, never assumed).
    agreed_to_pay_more: bool = False
    # Why the market has no option at all, when it has none (kind, travel, time, price).
    screening: tuple[Conflict, ...] = ()
    label: str = ""


@dataclass(frozen=True)
class Person:
    id: int
    budget_pence_a_week: int | None = None
    excluded_supplier_ids: frozenset[int] = frozenset()
    label: str = ""


@dataclass(frozen=True)
class PoolOption:
    """One service meeting a whole group: each member's share and what they would pay alone
    with the same supplier, in the order of the group's need ids."""

    supplier_id: int
    shares: tuple[int, ...]
    alone: tuple[int, ...]
    service_id: int | None = None
    label: str = ""

    @property
    def pence_a_week(self) -> int:
        return sum(self.shares)


@dataclass(frozen=True)
class PoolCandidate:
    need_ids: tuple[int, ...]
    options: tuple[PoolOption, ...]


@dataclass(frozen=True)
class Instance:
    needs: tuple[Need, ...]
    people: Mapping[int, Person]
    capacities: Mapping[int, int]  # service id -> places free
    pools: tuple[PoolCandidate, ...] = ()
    supplier_names: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    options_per_need: int = DEFAULT_OPTIONS_PER_NEED
    mip_rel_gap: float = 0.0
    time_limit_seconds: float = 60.0
    decompose: bool = True


@dataclass(frozen=True)
class Assignment:
    need_id: int
    option: Option


@dataclass(frozen=True)
class PoolChoice:
    need_ids: tuple[int, ...]
    option: PoolOption


@dataclass(frozen=True)
class Unmet:
    need_id: int
    conflicts: tuple[Conflict, ...]


@dataclass
class Solution:
    status: str  # "optimal", "within gap", "time limit", "no needs"
    assignments: list[Assignment]
    pools: list[PoolChoice]
    unmet: list[Unmet]
    cost_pence_a_week: int
    lower_bound_pence_a_week: int
    penalty_pence: int
    greedy_cost_pence_a_week: int
    greedy_unmet: int
    solve_seconds: float
    needs_count: int = 0
    options_count: int = 0  # columns the solver saw (alone and pool options)
    components: int = 0
    solved_components: int = 0
    truncated_needs: int = 0
    pools_offered: int = 0
    pools_refused_dearer: int = 0  # pool options left out: a member would pay more than alone
    prepare_seconds: float = 0.0  # choices, budgets, pruning, greedy and splitting, before HiGHS
    # The bound of the pruned model only (each need's k cheapest options): not a bound on the
    # whole problem when needs were truncated; ``lower_bound_pence_a_week`` always is.
    pruned_lower_bound_pence_a_week: int = 0
    lp_parts: int = 0  # parts solved LP first (``milp._solve_by_lp``)

    @property
    def gap(self) -> float:
        if self.cost_pence_a_week <= 0:
            return 0.0
        return max(0.0, (self.cost_pence_a_week - self.lower_bound_pence_a_week)) / (
            self.cost_pence_a_week
        )

    @property
    def gap_bp(self) -> int:
        """The gap in basis points (1% = 100), rounded up so 'within 1%' is never flattered."""
        return -(-round(self.gap * 1_000_000) // 100)


Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class GreedyResult:
    cost_pence_a_week: int
    unmet: int
    chosen: dict[int, Option]


@dataclass
class Prepared:
    """What the solver sees, after the person's choices, exclusions and budget are applied."""

    instance: Instance
    options: dict[int, list[Option]]  # need id -> usable options, cheapest first (pruned)
    usable: dict[int, list[Option]]  # before pruning (greedy and explanations use them)
    pools: list[tuple[PoolCandidate, list[PoolOption]]]
    unmet_before: dict[int, tuple[Conflict, ...]]
    baseline: GreedyResult
    truncated: int = 0
    refused_dearer: int = 0
    penalty: int = MIN_PENALTY_PENCE
    # Every usable option as flat arrays (needs in ``flat_needs`` order, each cheapest first):
    # the LP route prices the options pruning left out with them (``milp._full_bound``).
    flat: FlatOptions | None = None


@dataclass
class FlatOptions:
    need_ids: list[int]
    first: np.ndarray  # where each need's options start
    lengths: np.ndarray
    pence: np.ndarray
    service: np.ndarray  # -1 for an offer
    truncated_ids: set[int]


def _names(instance: Instance, supplier_ids: Iterable[int]) -> str:
    names = sorted({instance.supplier_names.get(s, f"supplier {s}") for s in supplier_ids})
    return ", ".join(names)


def _pounds(pence: int) -> str:
    return f"£{pence // 100:,}.{pence % 100:02d}"
