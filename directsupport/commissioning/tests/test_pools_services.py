"""Proposing pools, members answering and leaving, and sending an agreed pool out to quote."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from directsupport.audit.models import AuditEvent
from directsupport.commissioning.models import (
    MemberStatus,
    Pool,
    PoolMember,
    PoolStatus,
    QuoteRequest,
    RequestStatus,
)
from directsupport.commissioning.pools import proposing
from directsupport.commissioning.pools.proposing import propose_pools
from directsupport.commissioning.pools.services import (
    answer,
    close_pool,
    leave_pool,
    send_pool_to_quote,
)
from directsupport.market.models import Commissioning
from directsupport.market.tests.factories import PostcodeDistrictFactory
from directsupport.people.models import DecidedBy
from tests.factories import PersonFactory

from .test_pools_fixtures import *  # noqa: F403 - the pool fixtures
from .test_pools_fixtures import TODAY, joint_swim

pytestmark = pytest.mark.django_db


def _member(pool: Pool, first_name: str) -> PoolMember:
    return pool.members.get(person__first_name=first_name)


def _yes(actor, member: PoolMember, **extra) -> PoolMember:
    return answer(actor=actor, member=member, agrees=True, decided_by=DecidedBy.PERSON, **extra)


# --- Proposing -----------------------------------------------------------------------------


def test_three_swimmers_are_proposed_as_one_pool_with_costs_alone_and_together(
    swim_pool, swimmers
) -> None:
    assert swim_pool.reference == "POOL-001"
    assert swim_pool.status == PoolStatus.PROPOSED
    assert swim_pool.title == "Swimming on Tuesdays, 18:00 to 20:00"
    assert swim_pool.people_max == 3
    assert swim_pool.estimate_pence_per_hour == 2400
    costs = {
        m.person.first_name: (m.alone_pence_a_week, m.pooled_pence_a_week)
        for m in swim_pool.members.select_related("person")
    }
    assert costs == {"Adaeze": (4800, 1600), "Ravi": (4800, 1600), "Lena": (3600, 1600)}
    assert AuditEvent.objects.filter(subject_type="commissioning.pool").exists()


def test_proposing_again_proposes_nothing_new(market_shaper, provider, swim_pool) -> None:
    assert propose_pools(actor=market_shaper, organisation=provider, today=TODAY) == []
    assert Pool.objects.count() == 1


def test_a_closed_pool_is_not_proposed_again(market_shaper, provider, swim_pool) -> None:
    close_pool(actor=market_shaper, pool=swim_pool, reason="The lido is closing for repairs")
    assert propose_pools(actor=market_shaper, organisation=provider, today=TODAY) == []


def test_needs_not_wanted_together_or_far_away_are_left_out(
    market_shaper, provider, dee, ravi, swim_price
) -> None:
    joint_swim(dee)
    joint_swim(ravi, commissioning=Commissioning.DIRECT_PAYMENT)
    assert propose_pools(actor=market_shaper, organisation=provider, today=TODAY) == []
    joint_swim(PersonFactory.create(organisation=provider), "HF9")  # 6 km from HF3
    assert propose_pools(actor=market_shaper, organisation=provider, today=TODAY) == []


def test_another_supplier_with_a_shared_ratio_counts_as_wanting_to_share(
    market_shaper, provider, dee, ravi, swim_price
) -> None:
    joint_swim(dee)
    joint_swim(ravi, commissioning=Commissioning.OTHER_SUPPLIER)
    (pool,) = propose_pools(actor=market_shaper, organisation=provider, today=TODAY)
    assert pool.members.count() == 2


def test_no_need_is_in_two_proposed_pools_and_the_biggest_group_goes_first(
    market_shaper, provider, swim_price
) -> None:
    people = [PersonFactory.create(organisation=provider) for _ in range(5)]
    for person in people:
        joint_swim(person)
    pools = propose_pools(actor=market_shaper, organisation=provider, today=TODAY)
    assert [pool.members.count() for pool in pools] == [3, 2]
    assert PoolMember.objects.values("need").distinct().count() == 5


def test_a_member_who_would_pay_more_is_not_proposed_unless_they_agreed_before(
    market_shaper, provider, dee, ravi, swim_price, monkeypatch
) -> None:
    # With one worker and an equal split nobody pays more (see the property test in
    # test_pools_compatibility); a cost rule that charged more must still be caught.
    needs = [joint_swim(dee), joint_swim(ravi, "HF4")]
    monkeypatch.setattr(proposing, "pooled_cost_per_person", lambda *args: 5000)
    assert propose_pools(actor=market_shaper, organisation=provider, today=TODAY) == []
    # Both said yes to paying more in an earlier pool (now closed) for the same needs.
    earlier = Pool.objects.create(
        organisation=provider,
        reference="POOL-900",
        title="Earlier",
        term=needs[0].term,
        weekday=1,
        starts_at=dt.time(18),
        ends_at=dt.time(20),
        district=needs[0].district or PostcodeDistrictFactory.create(code="HF3"),
        people_max=2,
        status=PoolStatus.CLOSED,
    )
    for need in needs[:1]:
        PoolMember.objects.create(
            pool=earlier,
            person=need.person,
            need=need,
            status=MemberStatus.AGREED,
            agreed_to_pay_more=True,
        )
    assert propose_pools(actor=market_shaper, organisation=provider, today=TODAY) == []
    PoolMember.objects.create(
        pool=Pool.objects.create(
            organisation=provider,
            reference="POOL-901",
            title="Earlier too",
            term=needs[1].term,
            weekday=1,
            starts_at=dt.time(18),
            ends_at=dt.time(20),
            district=needs[1].district or PostcodeDistrictFactory.create(code="HF4"),
            people_max=2,
            status=PoolStatus.CLOSED,
        ),
        person=needs[1].person,
        need=needs[1],
        status=MemberStatus.AGREED,
        agreed_to_pay_more=True,
    )
    (pool,) = propose_pools(actor=market_shaper, organisation=provider, today=TODAY)
    assert all(member.agreed_to_pay_more for member in pool.members.all())


def test_without_any_price_no_pool_is_proposed(market_shaper, provider, dee, ravi) -> None:
    joint_swim(dee)
    joint_swim(ravi, "HF4")
    assert propose_pools(actor=market_shaper, organisation=provider, today=TODAY) == []


# --- Answering -----------------------------------------------------------------------------


def test_two_yeses_make_the_pool_agreed(person_user, market_shaper, swim_pool) -> None:
    _yes(person_user, _member(swim_pool, "Adaeze"), in_their_words="I'd like company")
    swim_pool.refresh_from_db()
    assert swim_pool.status == PoolStatus.PROPOSED
    _yes(market_shaper, _member(swim_pool, "Ravi"))
    swim_pool.refresh_from_db()
    assert swim_pool.status == PoolStatus.AGREED
    dee_member = _member(swim_pool, "Adaeze")
    assert dee_member.status == MemberStatus.AGREED
    assert dee_member.in_their_words == "I'd like company"
    assert dee_member.recorded_by == person_user


def test_a_no_after_agreement_takes_the_pool_back_to_proposed(
    person_user, market_shaper, swim_pool
) -> None:
    _yes(person_user, _member(swim_pool, "Adaeze"))
    _yes(market_shaper, _member(swim_pool, "Ravi"))
    answer(
        actor=person_user,
        member=_member(swim_pool, "Adaeze"),
        agrees=False,
        decided_by=DecidedBy.PERSON,
        in_their_words="I changed my mind",
    )
    swim_pool.refresh_from_db()
    assert swim_pool.status == PoolStatus.PROPOSED
    assert _member(swim_pool, "Adaeze").status == MemberStatus.DECLINED


def test_a_person_cannot_answer_for_someone_else(person_user, swim_pool) -> None:
    ravi_member = _member(swim_pool, "Ravi")
    with pytest.raises(ValidationError) as refused:
        _yes(person_user, ravi_member)
    assert refused.value.message_dict == {"member": ["You can only answer for yourself."]}
    ravi_member.refresh_from_db()
    assert ravi_member.status == MemberStatus.ASKED


def test_a_person_cannot_say_a_representative_decided(person_user, swim_pool) -> None:
    with pytest.raises(ValidationError) as refused:
        answer(
            actor=person_user,
            member=_member(swim_pool, "Adaeze"),
            agrees=True,
            decided_by=DecidedBy.REPRESENTATIVE,
            representative_name="Ngozi",
            representative_reason="x",
        )
    assert "decided_by" in refused.value.message_dict


def test_a_representative_needs_a_name_and_a_reason(market_shaper, swim_pool) -> None:
    member = _member(swim_pool, "Lena")
    with pytest.raises(ValidationError) as refused:
        answer(actor=market_shaper, member=member, agrees=True, decided_by=DecidedBy.REPRESENTATIVE)
    assert set(refused.value.message_dict) == {"representative_name", "representative_reason"}
    answer(
        actor=market_shaper,
        member=member,
        agrees=True,
        decided_by=DecidedBy.REPRESENTATIVE,
        representative_name="Marta Novak",
        representative_reason="Lena's deputy for health and welfare decisions",
    )
    member.refresh_from_db()
    assert member.representative_name == "Marta Novak"


def test_saying_yes_to_a_pool_that_costs_more_needs_agreeing_to_pay_more(
    market_shaper, swim_pool
) -> None:
    member = _member(swim_pool, "Lena")
    PoolMember.objects.filter(pk=member.pk).update(pooled_pence_a_week=4000)
    member.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        _yes(market_shaper, member)
    assert "agreed_to_pay_more" in refused.value.message_dict
    _yes(market_shaper, member, agreed_to_pay_more=True)
    member.refresh_from_db()
    assert member.agreed_to_pay_more and member.status == MemberStatus.AGREED


def test_staff_record_a_yes_to_paying_more_than_alone(
    market_shaper, provider, dee, ravi, swim_price
) -> None:
    need_dee = joint_swim(dee)
    joint_swim(ravi, "HF4")
    (pool,) = propose_pools(actor=market_shaper, organisation=provider, today=TODAY)
    member = pool.members.get(need=need_dee)
    PoolMember.objects.filter(pk=member.pk).update(pooled_pence_a_week=9999)
    member.refresh_from_db()
    _yes(market_shaper, member, agreed_to_pay_more=True)
    assert member.agreed_to_pay_more


# --- Leaving and closing -------------------------------------------------------------------


def test_leaving_before_a_contract(person_user, market_shaper, swim_pool) -> None:
    _yes(person_user, _member(swim_pool, "Adaeze"))
    _yes(market_shaper, _member(swim_pool, "Ravi"))
    member = leave_pool(
        actor=person_user,
        member=_member(swim_pool, "Adaeze"),
        left_on=TODAY,
        reason="I am moving away",
    )
    assert member.status == MemberStatus.LEFT and member.left_on == TODAY
    swim_pool.refresh_from_db()
    assert swim_pool.status == PoolStatus.PROPOSED


def test_leaving_a_contracted_pool_goes_through_the_contract(market_shaper, swim_pool) -> None:
    Pool.objects.filter(pk=swim_pool.pk).update(status=PoolStatus.CONTRACTED)
    with pytest.raises(ValidationError) as refused:
        leave_pool(actor=market_shaper, member=_member(swim_pool, "Ravi"), left_on=TODAY)
    assert "contract" in refused.value.message_dict["status"][0]


def test_closing_needs_a_reason(market_shaper, swim_pool) -> None:
    with pytest.raises(ValidationError) as refused:
        close_pool(actor=market_shaper, pool=swim_pool, reason="  ")
    assert refused.value.message_dict == {"reason": ["Say why the pool is closing"]}
    swim_pool.refresh_from_db()
    assert swim_pool.status == PoolStatus.PROPOSED


# --- Going out to quote --------------------------------------------------------------------


def test_an_agreed_pool_goes_out_as_one_request(
    person_user, market_shaper, swim_pool, bright_days, anchor_supplier
) -> None:
    _yes(person_user, _member(swim_pool, "Adaeze"))
    _yes(market_shaper, _member(swim_pool, "Ravi"))
    swim_pool.refresh_from_db()
    rfq = send_pool_to_quote(
        actor=market_shaper,
        pool=swim_pool,
        suppliers=[bright_days, anchor_supplier],
        respond_by=dt.date(2026, 12, 14),
        starts_on=dt.date(2027, 1, 5),
    )
    swim_pool.refresh_from_db()
    assert swim_pool.status == PoolStatus.OUT_TO_QUOTE
    assert rfq.pool == swim_pool and rfq.status == RequestStatus.SENT
    assert rfq.people_count == 2
    assert {rn.need.person.first_name for rn in rfq.needs.select_related("need__person")} == {
        "Adaeze",
        "Ravi",
    }


def test_a_pool_not_agreed_does_not_go_out(market_shaper, swim_pool, bright_days) -> None:
    with pytest.raises(ValidationError) as refused:
        send_pool_to_quote(
            actor=market_shaper,
            pool=swim_pool,
            suppliers=[bright_days],
            respond_by=dt.date(2026, 12, 14),
            starts_on=dt.date(2027, 1, 5),
        )
    assert "status" in refused.value.message_dict
    assert not QuoteRequest.objects.exists()


def test_leaving_before_the_pool_was_proposed_is_refused(market_shaper, swim_pool) -> None:
    with pytest.raises(ValidationError) as refused:
        leave_pool(
            actor=market_shaper, member=_member(swim_pool, "Ravi"), left_on=dt.date(2026, 1, 1)
        )
    assert refused.value.message_dict == {
        "left_on": ["The date cannot be before the pool was proposed"]
    }
    assert _member(swim_pool, "Ravi").status == MemberStatus.ASKED


def test_create_pool_for_chosen_needs_once(market_shaper, provider, dee, ravi, swim_price):
    needs = [joint_swim(dee), joint_swim(ravi, "HF4")]
    pool = proposing.create_pool(
        actor=market_shaper, organisation=provider, needs=needs, pence_per_hour=2400
    )
    assert pool.members.count() == 2 and pool.reference == "POOL-001"
    with pytest.raises(ValidationError) as refused:
        proposing.create_pool(
            actor=market_shaper, organisation=provider, needs=needs, pence_per_hour=2400
        )
    assert refused.value.message_dict == {"needs": ["These needs are already in a pool"]}
