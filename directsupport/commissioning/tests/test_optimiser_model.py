"""The optimiser's exact model, on plain data: small instances solved by hand (the answer in
the test), random ones checked against trying every plan, pools that never make a member pay
more than alone unless they agreed, and the limits named for each need left unmet."""

from __future__ import annotations

import itertools
import random

import pytest

from directsupport.commissioning.optimiser.greedy import greedy
from directsupport.commissioning.optimiser.model import (
    BUDGET,
    CAPACITY,
    CHOICE,
    EXCLUDED,
    KIND,
    TIME,
    TRAVEL,
    Conflict,
    Instance,
    Need,
    Option,
    Person,
    PoolCandidate,
    PoolOption,
    Settings,
)
from directsupport.commissioning.optimiser.solve import prepare, solve

SWIM_CLUB, LEISURE_TRUST, TOGETHER_CIC = 10, 20, 30


def _swimming(*, pool_shares=(2000, 2000, 2000), agreed=False, budget=None):
    """Ann, Ben and Cara each want swimming on Tuesday evenings. The swim club (one place) and
    the leisure trust (one place) meet one person each; Together CIC takes three at a shared
    ratio at £60 a week in all."""
    needs = tuple(
        Need(
            need_id,
            person_id,
            (
                Option(SWIM_CLUB, 3000, service_id=100),
                Option(LEISURE_TRUST, 4000, service_id=200),
            ),
            agreed_to_pay_more=agreed,
        )
        for need_id, person_id in ((1, 1), (2, 2), (3, 3))
    )
    pool = PoolCandidate(
        (1, 2, 3),
        (PoolOption(TOGETHER_CIC, pool_shares, (4500, 4500, 4500), service_id=300),),
    )
    return Instance(
        needs=needs,
        people={p: Person(p, budget_pence_a_week=budget) for p in (1, 2, 3)},
        capacities={100: 1, 200: 1, 300: 3},
        pools=(pool,),
        supplier_names={SWIM_CLUB: "Swim Club", LEISURE_TRUST: "Leisure Trust"},
    )


def test_two_suppliers_with_one_place_each_and_a_cheaper_pool_meets_all_three_together():
    solution = solve(_swimming())
    assert solution.status == "optimal"
    assert solution.cost_pence_a_week == 6000
    assert solution.lower_bound_pence_a_week == 6000
    assert solution.gap == 0
    assert [p.need_ids for p in solution.pools] == [(1, 2, 3)]
    assert solution.assignments == [] and solution.unmet == []
    # Greedy: Ann the swim club (£30), Ben the leisure trust (£40), Cara nothing.
    assert (solution.greedy_cost_pence_a_week, solution.greedy_unmet) == (7000, 1)


def test_without_the_pool_two_are_met_at_the_least_cost_and_the_third_is_named_with_why():
    instance = _swimming()
    solution = solve(
        Instance(
            instance.needs,
            instance.people,
            instance.capacities,
            supplier_names=instance.supplier_names,
        )
    )
    assert solution.cost_pence_a_week == 7000
    assert len(solution.unmet) == 1
    [conflict] = solution.unmet[0].conflicts
    assert conflict.code == CAPACITY
    assert "Swim Club" in conflict.words and "Leisure Trust" in conflict.words


def test_capacity_decides_who_takes_the_cheap_place():
    """Dee can only use the day centre (£50); Eli can use it or a dearer one (£80); one place
    at the day centre. Dee must have it: £50 + £80 = £130, not Eli £50 and Dee unmet."""
    instance = Instance(
        needs=(
            Need(1, 1, (Option(1, 5000, service_id=1),)),
            Need(2, 2, (Option(1, 5000, service_id=1), Option(2, 8000, service_id=2))),
        ),
        people={1: Person(1), 2: Person(2)},
        capacities={1: 1, 2: 5},
    )
    solution = solve(instance)
    assert solution.cost_pence_a_week == 13000
    assert {a.need_id: a.option.service_id for a in solution.assignments} == {1: 1, 2: 2}
    assert solution.greedy_cost_pence_a_week == 13000  # person 1 comes first in greedy's order


def test_budget_makes_the_cheaper_mix_win():
    """Fay has £100 a week: two needs each at £40 or £70 with places for only one at £40."""
    instance = Instance(
        needs=(
            Need(1, 1, (Option(1, 4000, service_id=1), Option(2, 7000, service_id=2))),
            Need(2, 1, (Option(1, 4000, service_id=1), Option(2, 7000, service_id=2))),
        ),
        people={1: Person(1, budget_pence_a_week=10000)},
        capacities={1: 1, 2: 2},
    )
    solution = solve(instance)
    # £40 + £70 = £110 is over £100: only one need can be met, the cheaper way.
    assert solution.cost_pence_a_week == 4000
    [unmet] = solution.unmet
    assert {c.code for c in unmet.conflicts} >= {BUDGET}


def test_a_pool_share_dearer_than_alone_is_not_offered_unless_the_member_agreed():
    dearer = _swimming(pool_shares=(3500, 2000, 2000))  # Ann pays £35, alone £30
    solution = solve(dearer)
    assert solution.pools == []
    assert solution.pools_refused_dearer == 1
    agreed = _swimming(pool_shares=(3500, 2000, 2000), agreed=True)
    solution = solve(agreed)
    assert [p.need_ids for p in solution.pools] == [(1, 2, 3)]
    assert solution.cost_pence_a_week == 7500


@pytest.mark.parametrize(
    ("need", "person", "code", "words"),
    [
        (
            Need(1, 1, (), screening=(Conflict(KIND, "No service offers swimming"),)),
            Person(1),
            KIND,
            "swimming",
        ),
        (
            Need(1, 1, (), screening=(Conflict(TRAVEL, "None of 3 travels to HF7"),)),
            Person(1),
            TRAVEL,
            "HF7",
        ),
        (
            Need(1, 1, (), screening=(Conflict(TIME, "None works Tuesdays 18:00"),)),
            Person(1),
            TIME,
            "Tuesdays",
        ),
        (
            Need(1, 1, (Option(10, 100, service_id=1),), chosen_supplier_id=20),
            Person(1),
            CHOICE,
            "Leisure Trust",
        ),
        (
            Need(1, 1, (Option(10, 100, service_id=1),)),
            Person(1, excluded_supplier_ids=frozenset({10})),
            EXCLUDED,
            "Swim Club",
        ),
        (
            Need(1, 1, (Option(10, 3000, service_id=1),)),
            Person(1, budget_pence_a_week=2500),
            BUDGET,
            "£30.00",
        ),
        (Need(1, 1, (Option(10, 100, service_id=2),)), Person(1), CAPACITY, "Swim Club"),
    ],
)
def test_a_need_nobody_can_meet_names_the_limit_that_stops_it(need, person, code, words):
    instance = Instance(
        needs=(need,),
        people={1: person},
        capacities={1: 5, 2: 0},
        supplier_names={10: "Swim Club", 20: "Leisure Trust"},
    )
    solution = solve(instance)
    assert solution.status == "optimal"
    [unmet] = solution.unmet
    assert unmet.conflicts[0].code == code
    assert words in unmet.conflicts[0].words


def test_pruning_keeps_options_up_to_the_first_service_that_can_never_be_full():
    options = tuple(Option(s, 1000 * s, service_id=s) for s in (1, 2, 3, 4))
    instance = Instance(
        needs=(Need(1, 1, options), Need(2, 2, options)),
        people={1: Person(1), 2: Person(2)},
        capacities={1: 1, 2: 9, 3: 1, 4: 1},
    )
    prepared = prepare(instance, Settings())
    assert [o.service_id for o in prepared.options[1]] == [1, 2]
    assert solve(instance).cost_pence_a_week == 3000


def test_options_past_the_limit_are_counted_as_truncated():
    options = tuple(Option(s, 1000 * s, service_id=s) for s in range(1, 6))
    instance = Instance(
        needs=(Need(1, 1, options), Need(2, 2, options)),
        people={1: Person(1), 2: Person(2)},
        capacities={s: 1 for s in range(1, 6)},
    )
    assert prepare(instance, Settings(options_per_need=3)).truncated == 2


# --- Random instances against trying every plan ---------------------------------------------


def _random_instance(rng: random.Random) -> Instance:
    services = {s: rng.randint(1, 2) for s in range(1, rng.randint(2, 4) + 1)}
    supplier_of = {s: 100 + (s % 3) for s in services}
    people = {}
    needs = []
    need_id = 0
    for person_id in range(1, rng.randint(2, 4) + 1):
        excluded = frozenset({rng.choice([100, 101, 102])}) if rng.random() < 0.2 else frozenset()
        budget = rng.choice([None, 3000, 6000, 9000])
        people[person_id] = Person(person_id, budget, excluded)
        for _ in range(rng.randint(1, 2)):
            need_id += 1
            chosen = rng.sample(sorted(services), rng.randint(0, min(3, len(services))))
            options = tuple(
                Option(supplier_of[s], rng.randrange(500, 6000, 250), service_id=s) for s in chosen
            )
            chosen_supplier = (
                rng.choice([100, 101, 102]) if options and rng.random() < 0.15 else None
            )
            needs.append(
                Need(
                    need_id,
                    person_id,
                    options,
                    chosen_supplier_id=chosen_supplier,
                    agreed_to_pay_more=rng.random() < 0.2,
                )
            )
    pools = []
    ids = [n.id for n in needs]
    for size in (2, 3):
        if len(ids) >= size and rng.random() < 0.7:
            group = tuple(sorted(rng.sample(ids, size)))
            service = rng.choice(sorted(services))
            shares = tuple(rng.randrange(300, 3000, 100) for _ in group)
            alone = tuple(rng.randrange(1000, 5000, 100) for _ in group)
            pools.append(
                PoolCandidate(
                    group, (PoolOption(supplier_of[service], shares, alone, service_id=service),)
                )
            )
    return Instance(tuple(needs), people, services, tuple(pools))


def _brute_force(instance: Instance, penalty: int) -> int:
    """The least cost + penalty per need unmet over every plan, checked limit by limit."""
    needs = {n.id: n for n in instance.needs}

    def allowed(need: Need, supplier: int) -> bool:
        person = instance.people[need.person_id]
        if need.chosen_supplier_id is not None and supplier != need.chosen_supplier_id:
            return False
        return supplier not in person.excluded_supplier_ids

    def own_options(need: Need) -> list[Option]:
        budget = instance.people[need.person_id].budget_pence_a_week
        return [
            o
            for o in need.options
            if allowed(need, o.supplier_id) and (budget is None or o.pence_a_week <= budget)
        ]

    def pool_ok(candidate: PoolCandidate, option: PoolOption) -> bool:
        for i, need_id in enumerate(candidate.need_ids):
            need = needs[need_id]
            if not allowed(need, option.supplier_id) or not own_options(need):
                return False
            alone = min([option.alone[i], *(o.pence_a_week for o in own_options(need))])
            if option.shares[i] > alone and not need.agreed_to_pay_more:
                return False
        return True

    pool_choices = [[None, *[(c, o) for o in c.options if pool_ok(c, o)]] for c in instance.pools]
    best = None
    for picked in itertools.product(*pool_choices):
        chosen_pools = [p for p in picked if p is not None]
        in_pools = [n for c, _ in chosen_pools for n in c.need_ids]
        if len(in_pools) != len(set(in_pools)):
            continue
        rest = [n for n in instance.needs if n.id not in in_pools]
        for plan in itertools.product(*[[None, *own_options(n)] for n in rest]):
            places: dict[int | None, int] = {k: v for k, v in instance.capacities.items()}
            spent: dict[int, int] = {}
            cost = 0
            for c, o in chosen_pools:
                places[o.service_id] -= len(c.need_ids)
                for i, need_id in enumerate(c.need_ids):
                    person = needs[need_id].person_id
                    spent[person] = spent.get(person, 0) + o.shares[i]
                cost += o.pence_a_week
            unmet = 0
            for need, option in zip(rest, plan, strict=True):
                if option is None:
                    unmet += 1
                    continue
                places[option.service_id] -= 1
                spent[need.person_id] = spent.get(need.person_id, 0) + option.pence_a_week
                cost += option.pence_a_week
            if any(v < 0 for v in places.values()):
                continue
            budgets = {p: instance.people[p].budget_pence_a_week for p in spent}
            if any(budgets[p] is not None and v > (budgets[p] or 0) for p, v in spent.items()):
                continue
            total = cost + penalty * unmet
            best = total if best is None else min(best, total)
    assert best is not None
    return best


@pytest.mark.parametrize("seed", range(60))
def test_random_small_instances_reach_the_brute_force_optimum(seed):
    rng = random.Random(seed)
    instance = _random_instance(rng)
    for decompose in (True, False):
        solution = solve(instance, Settings(decompose=decompose))
        objective = solution.cost_pence_a_week + solution.penalty_pence * len(solution.unmet)
        assert objective == _brute_force(instance, solution.penalty_pence), decompose
        assert solution.lower_bound_pence_a_week <= solution.cost_pence_a_week
        # Pooling never makes a member pay more than alone unless they agreed.
        needs = {n.id: n for n in instance.needs}
        prepared = prepare(instance, Settings())
        for pool in solution.pools:
            for i, need_id in enumerate(pool.need_ids):
                alone = min(
                    [pool.option.alone[i], *(o.pence_a_week for o in prepared.usable[need_id])]
                )
                assert pool.option.shares[i] <= alone or needs[need_id].agreed_to_pay_more


@pytest.mark.parametrize("seed", range(20))
def test_greedy_respects_places_and_budgets(seed):
    instance = _random_instance(random.Random(1000 + seed))
    prepared = prepare(instance, Settings())
    result = greedy(instance, prepared.usable)
    used: dict[int | None, int] = {}
    spent: dict[int, int] = {}
    person_of = {n.id: n.person_id for n in instance.needs}
    for need_id, option in result.chosen.items():
        used[option.service_id] = used.get(option.service_id, 0) + 1
        spent[person_of[need_id]] = spent.get(person_of[need_id], 0) + option.pence_a_week
    assert all(s is not None and used[s] <= instance.capacities[s] for s in used)
    for p, v in spent.items():
        budget = instance.people[p].budget_pence_a_week
        assert budget is None or v <= budget
    assert result.cost_pence_a_week == sum(spent.values())
