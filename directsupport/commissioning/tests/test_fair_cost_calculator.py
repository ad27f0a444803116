"""The fair-cost calculator: one model worked out by hand, line by line, and the flags."""

from __future__ import annotations

from typing import Any

import pytest

from directsupport.commissioning.fair_cost.calculator import (
    breakdown,
    fair_model_for,
    fair_range,
    fair_rate_for,
    flag_for,
)
from directsupport.commissioning.models import FairCostModel


def willowbrook_homecare(**changes: Any) -> FairCostModel:
    fields = dict(
        name="Homecare",
        pay_pence_per_hour=1221,  # £12.21, the National Living Wage 2025/26
        employer_ni_bp=900,  # 9%
        pension_bp=300,  # 3%
        holiday_bp=1207,  # 12.07%
        travel_minutes_per_hour=15,
        travel_pence_per_hour=150,
        training_bp=300,  # 3%
        overheads_bp=2500,  # 25%
        surplus_bp=300,  # 3%
        flag_below_bp=1500,
        flag_above_bp=2500,
    )
    fields.update(changes)
    return FairCostModel(**fields)


def test_breakdown_matches_the_sum_worked_by_hand() -> None:
    # pay 1221; NI 1221 x 9% = 109.89 → 110; pension 36.63 → 37; holiday 147.37 → 147
    # a paid hour = 1221 + 110 + 37 + 147 = 1515; travel time 1515 x 15/60 = 378.75 → 379
    # care cost = 1515 + 379 + 150 = 2044; training 2044 x 3% = 61.32 → 61
    # overheads (2044 + 61) x 25% = 526.25 → 526; surplus (2105 + 526) x 3% = 78.93 → 79
    cost = breakdown(willowbrook_homecare())
    assert [pence for _, pence in cost.lines()] == [1221, 110, 37, 147, 379, 150, 61, 526, 79]
    assert cost.care_cost == 2044
    assert cost.total == 2710


def test_half_pennies_round_up_once_per_line() -> None:
    # 1250 x 10% = 125 exactly; 1250 x 0.04% = 0.5 → 1 (half up)
    cost = breakdown(
        willowbrook_homecare(
            pay_pence_per_hour=1250,
            employer_ni_bp=4,
            pension_bp=0,
            holiday_bp=0,
            travel_minutes_per_hour=0,
            travel_pence_per_hour=0,
            training_bp=0,
            overheads_bp=0,
            surplus_bp=0,
        )
    )
    assert cost.employer_ni == 1
    assert cost.total == 1251


def test_fair_range_and_flags() -> None:
    model = willowbrook_homecare()
    # 2710 - 15% (406.5 → 407) = 2303; 2710 + 25% (677.5 → 678) = 3388
    assert fair_range(model) == (2303, 3388)
    assert flag_for(2303, model) == (None, "")
    assert flag_for(3388, model) == (None, "")
    flag, reason = flag_for(4500, model)
    assert flag == "above"
    assert reason == "£45.00 an hour is well above the fair range £23.03 to £33.88: ask why."
    flag, reason = flag_for(2302, model)
    assert flag == "below"
    assert reason.startswith("£23.02 an hour is well below the fair range £23.03 to £33.88")


@pytest.mark.django_db
def test_the_kinds_own_model_wins_over_the_default(provider) -> None:
    from directsupport.market.tests.factories import standard_term

    swimming = standard_term("community-access")
    default = willowbrook_homecare(name="Default")
    default.organisation = provider
    default.save()
    own = willowbrook_homecare(name="Swimming", pay_pence_per_hour=1400)
    own.organisation = provider
    own.term = swimming
    own.save()
    assert fair_model_for(provider, swimming) == own
    assert fair_model_for(provider, standard_term("swimming")) == default
    assert fair_model_for(provider, None) == default
    assert fair_rate_for(provider, None) == 2710
