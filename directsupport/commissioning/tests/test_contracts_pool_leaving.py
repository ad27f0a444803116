"""A pool member leaving mid-contract: the split is worked out again by the recorded rule from
the stated date, and the ledger postings reconcile to the penny.

Three people swim together on Tuesdays: £31.47 an hour for two hours, £62.94 a week, from
Tuesday 1 December 2026 to 31 January 2027. Bea leaves on Wednesday 16 December.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from directsupport.commissioning.contracts.postings import planned_totals, sync_planned_postings
from directsupport.commissioning.contracts.services import ContractRefused, activate, member_leaves
from directsupport.funds.models import Account, LedgerEntry, LedgerTransaction

from .contract_fixtures import *  # noqa: F403 (fixtures)
from .contract_fixtures import agree_everyone

pytestmark = pytest.mark.django_db
WEEK = 6294


def _planned(person) -> int:
    return sum(
        LedgerEntry.objects.filter(fund=person.fund, account=Account.PLANNED).values_list(
            "amount_pence", flat=True
        )
    )


@pytest.fixture
def active_pool(pool_contract, supplier, market_shaper):
    agree_everyone(pool_contract, supplier=supplier, staff=market_shaper)
    activate(actor=market_shaper, contract=pool_contract)
    pool_contract.refresh_from_db()
    return pool_contract


def test_before_anyone_leaves_each_pays_their_share_of_every_segment(active_pool, dee, swimmers):
    people = [dee, *swimmers]
    # December has 5 Tuesdays, January 4: 9 weeks, £566.46 in all.
    assert sum(_planned(person) for person in people) == 9 * WEEK
    # Shares 3334 (Dee, added first) / 3333 / 3333 of each month, largest remainder.
    for person, bp in zip(people, (3334, 3333, 3333), strict=True):
        exact = Fraction(5 * WEEK * bp, 10_000) + Fraction(4 * WEEK * bp, 10_000)
        assert abs(_planned(person) - exact) < 2


def test_a_member_leaving_mid_month_reconciles_to_the_penny(
    active_pool, dee, swimmers, market_shaper
):
    ayo, bea = swimmers
    bea_party = active_pool.parties.get(person=bea)
    change = member_leaves(
        actor=market_shaper,
        contract=active_pool,
        party=bea_party,
        leaves_on=dt.date(2026, 12, 16),
        reason="Bea is moving to Leeds",
    )
    assert change.shares == {str(dee.pk): 5000, str(ayo.pk): 5000}
    # Segments: 1-15 December (3 Tuesdays, £188.82 by 3334/3333/3333), 16-31 December
    # (2 Tuesdays, £125.88 by halves), January (4 Tuesdays, £251.76 by halves).
    first = 3 * WEEK  # 18,882p: exact shares 6,295.26 / 6,293.37 / 6,293.37
    assert first == 18_882
    dee_first, ayo_first, bea_first = 6295, 6294, 6293  # the two .37s tie: Ayo (first) gets it
    assert dee_first + ayo_first + bea_first == first
    assert _planned(dee) == dee_first + WEEK + 2 * WEEK
    assert _planned(ayo) == ayo_first + WEEK + 2 * WEEK
    assert _planned(bea) == bea_first
    # Every penny of the contract is someone's, and the ledger agrees by party.
    assert _planned(dee) + _planned(ayo) + _planned(bea) == 9 * WEEK
    by_party = planned_totals(active_pool)
    for party in active_pool.parties.all():
        assert by_party[party.pk] == _planned(party.person)
    # The old December and January postings were reversed, not edited.
    assert LedgerTransaction.objects.filter(reverses__isnull=False).count() == 6
    # Working it out again posts nothing new.
    before = LedgerTransaction.objects.count()
    result = sync_planned_postings(
        contract=active_pool, actor=market_shaper, today=dt.date(2026, 12, 7)
    )
    assert (result.posted, result.reversed) == (0, 0)
    assert LedgerTransaction.objects.count() == before


def test_leaving_before_the_last_share_change_is_refused_with_the_date(
    active_pool, swimmers, market_shaper
):
    with pytest.raises(ValidationError) as error:
        member_leaves(
            actor=market_shaper,
            contract=active_pool,
            party=active_pool.parties.get(person=swimmers[1]),
            leaves_on=dt.date(2026, 12, 1),
            reason="Never came",
        )
    assert "after 1 December 2026" in error.value.message_dict["leaves_on"][0]
    assert active_pool.share_changes.count() == 1


def test_the_last_person_cannot_leave(active_pool, dee, swimmers, market_shaper):
    for day, person in ((16, swimmers[1]), (23, swimmers[0])):
        member_leaves(
            actor=market_shaper,
            contract=active_pool,
            party=active_pool.parties.get(person=person),
            leaves_on=dt.date(2026, 12, day),
            reason="Moving",
        )
    with pytest.raises(ContractRefused) as refused:
        member_leaves(
            actor=market_shaper,
            contract=active_pool,
            party=active_pool.parties.get(person=dee),
            leaves_on=dt.date(2026, 12, 30),
            reason="Moving",
        )
    assert "end the contract instead" in str(refused.value)
