"""A Perfect Week entry whose support a contract pays for is planned once: by the contract's own
postings, not again at the provider's rate card (funds.hours.planned.planned_support leaves those
days out)."""

from __future__ import annotations

import datetime as dt

import pytest

from directsupport.commissioning.contracts.services import activate, member_leaves
from directsupport.funds.hours.planned import planned_support
from directsupport.week.models import Company, Week, WeekEntry, WeekKind
from directsupport.week.tests.conftest import rate_card  # noqa: F401 (fixture)

from .contract_fixtures import *  # noqa: F403 (fixtures)
from .contract_fixtures import agree_everyone

pytestmark = pytest.mark.django_db

DECEMBER = (dt.date(2026, 12, 1), dt.date(2026, 12, 31))


def _tuesday_swim(person) -> WeekEntry:
    week, _ = Week.objects.get_or_create(person=person, kind=WeekKind.PERFECT)
    return WeekEntry.objects.create(
        week=week,
        weekday=1,
        starts_at=dt.time(18),
        ends_at=dt.time(20),
        what="Swimming",
        company=Company.PAID,
        support_ratio="one_to_one",
        support_kind="community_access",
    )


def _link(contract, person) -> None:
    need = contract.parties.get(person=person).need
    need.week_entry = _tuesday_swim(person)
    need.save()


def test_a_running_contract_takes_its_days_out_of_the_perfect_weeks_plan(
    dee,
    dee_contract,
    supplier,
    market_shaper,
    rate_card,  # noqa: F811
):
    _link(dee_contract, dee)
    before = planned_support(dee, *DECEMBER)
    assert before.minutes == 5 * 120  # five Tuesdays in December 2026, two hours each

    agree_everyone(dee_contract, supplier=supplier, staff=market_shaper)
    activate(actor=market_shaper, contract=dee_contract)

    after = planned_support(dee, *DECEMBER)
    assert after.minutes == 0 and after.cost_pence == 0  # the contract starts on 1 December


def test_a_draft_contract_leaves_the_plan_as_it_was(dee, dee_contract, rate_card):  # noqa: F811
    _link(dee_contract, dee)
    assert planned_support(dee, *DECEMBER).minutes == 5 * 120


def test_after_someone_leaves_the_perfect_week_plans_their_days_again(
    pool_contract,
    supplier,
    market_shaper,
    rate_card,  # noqa: F811
):
    agree_everyone(pool_contract, supplier=supplier, staff=market_shaper)
    activate(actor=market_shaper, contract=pool_contract)
    party = pool_contract.parties.order_by("id").last()
    _link(pool_contract, party.person)
    assert planned_support(party.person, *DECEMBER).minutes == 0

    member_leaves(
        actor=market_shaper,
        contract=pool_contract,
        party=party,
        leaves_on=dt.date(2026, 12, 16),
        reason="Moving to Leeds",
    )
    # Out from Wednesday 16 December: the Tuesdays 22 and 29 December are the Perfect Week's.
    assert planned_support(party.person, *DECEMBER).minutes == 2 * 120
