"""The demo's commissioning: the fair cost and reference prices, requests and offers in every
state with Dee's negotiation thread, contracts agreed, accepted and active (one ending), a live
pool of three swimmers sharing a coach and a proposed one waiting for answers."""

from __future__ import annotations

from collections import Counter
from io import StringIO

from django.core.management import call_command

from directsupport.accounts.models import Organisation
from directsupport.commissioning.fair_cost.calculator import fair_range, fair_rate_for
from directsupport.commissioning.models import (
    Contract,
    ContractStatus,
    FairCostModel,
    MemberStatus,
    Offer,
    OfferSide,
    OfferStatus,
    OptimiserRun,
    Pool,
    PoolStatus,
    ProposalStatus,
    QuoteRequest,
    ReferencePrice,
    RequestStatus,
    RunStatus,
)
from directsupport.demo import commissioning_data as cd
from directsupport.market.models import NeedStatus

MODELS = (QuoteRequest, Offer, Contract, Pool, FairCostModel, ReferencePrice, OptimiserRun)


def test_a_fair_cost_build_up_and_the_homecare_associations_reference_prices(demo):
    model = FairCostModel.objects.select_related("organisation").get()
    assert model.pay_pence_per_hour == 1385  # London Living Wage 2025/26
    assert (
        fair_rate_for(Organisation.objects.get(pk=model.organisation_id), None)
        == cd.FAIR_RATE_PENCE
    )
    prices = dict(ReferencePrice.objects.values_list("region", "pence_per_hour"))
    assert prices == {"England": 3214, "Outer London": 3832}
    assert "fair rate £29.00 an hour" in demo


def test_requests_and_offers_in_every_state(demo):
    requests = set(QuoteRequest.objects.values_list("status", flat=True))
    assert requests == set(RequestStatus.values)
    assert set(Offer.objects.values_list("status", flat=True)) == set(OfferStatus.values)
    waiting = QuoteRequest.objects.filter(status=RequestStatus.SENT)
    assert any(
        not rfq.offers.exists() or rfq.invited.count() > rfq.offers.count() for rfq in waiting
    )
    withdrawn = QuoteRequest.objects.get(status=RequestStatus.WITHDRAWN)
    assert withdrawn.withdrawn_reason and withdrawn.sent_at


def test_dees_negotiation_thread_has_an_offer_a_counter_offer_and_a_revised_offer(demo):
    rfq = QuoteRequest.objects.get(needs__need__person__first_name="Adaeze")
    thread = list(rfq.offers.filter(supplier__organisation__name=cd.RIVERSIDE).order_by("made_at"))
    assert [(o.side, o.pence_per_hour) for o in thread] == [
        (OfferSide.SUPPLIER, 3450),
        (OfferSide.BUYER, 3100),
        (OfferSide.SUPPLIER, 3250),
    ]
    assert [o.status for o in thread] == [
        OfferStatus.SUPERSEDED,
        OfferStatus.SUPERSEDED,
        OfferStatus.ACCEPTED,
    ]
    assert thread[0].made_at < thread[1].made_at < thread[2].made_at
    marcia = rfq.offers.get(supplier__organisation__name=cd.MARCIA)
    assert marcia.status == OfferStatus.DECLINED
    choice = rfq.choices.get()
    assert (choice.weight_quality, choice.weight_fit, choice.weight_price) == (30, 50, 20)
    assert "friends" in choice.reason


def test_one_open_offer_is_flagged_above_the_fair_range(demo):
    _, highest = fair_range(FairCostModel.objects.get())
    flagged = Offer.objects.filter(pence_per_hour__gt=highest, status=OfferStatus.OPEN)
    assert flagged.count() == 1


def test_contracts_agreed_by_each_person_accepted_and_active_one_ending(demo):
    contracts = Contract.objects.all()
    statuses = list(contracts.values_list("status", flat=True))
    assert statuses.count(ContractStatus.ACTIVE) >= 4
    assert statuses.count(ContractStatus.ENDING) == 1
    for contract in contracts:
        assert contract.supplier_accepted_at and contract.activated_at
        for party in contract.parties.all():
            assert party.agreed_at and party.fund_id
            assert party.need is not None and party.need.status == NeedStatus.MET
    dees = contracts.get(parties__person__first_name="Adaeze")
    party = dees.parties.get()
    assert party.agreement_recorded_by == party.person.user  # Dee agreed herself
    ending = contracts.get(status=ContractStatus.ENDING)
    assert ending.ends_on and ending.notice_given_on


def test_a_live_pool_of_three_with_shares_and_a_proposed_one_waiting(demo):
    live = Pool.objects.get(members__person__first_name="Sophie")
    members = live.members.all()
    assert {m.person.first_name for m in members} == set(cd.SWIMMERS)
    assert all(m.status == MemberStatus.AGREED for m in members)
    assert all(m.pooled_pence_a_week <= m.alone_pence_a_week for m in members)
    contract = Contract.objects.get(request__pool=live)
    shares = sorted(contract.parties.values_list("share_bp", flat=True))
    assert len(shares) == 3 and sum(shares) == 10_000
    assert contract.status == ContractStatus.ACTIVE and contract.absence_rules
    assert live.status == PoolStatus.CONTRACTED
    proposed = Pool.objects.get(status=PoolStatus.PROPOSED)
    assert {m.person.first_name for m in proposed.members.all()} == set(cd.DISCO_FRIENDS)
    answers = list(proposed.members.values_list("status", flat=True))
    assert answers.count(MemberStatus.ASKED) == 2 and MemberStatus.AGREED in answers


def test_seeding_again_adds_no_commissioning(demo):
    before = {model.__name__: model.objects.count() for model in MODELS}
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert {model.__name__: model.objects.count() for model in MODELS} == before
    assert "Commissioning:" in out.getvalue()


def test_a_saved_optimiser_run_with_its_report_and_proposals_some_decided(demo):
    run = OptimiserRun.objects.get()
    assert run.status == RunStatus.DONE and run.solver_status == "optimal"
    assert run.cost_pence_a_week is not None and run.lower_bound_pence_a_week is not None
    assert run.greedy_cost_pence_a_week is not None
    assert run.greedy_cost_pence_a_week >= run.cost_pence_a_week
    decided = Counter(run.proposals.values_list("status", flat=True))
    assert decided[ProposalStatus.ACCEPTED] == 2 and decided[ProposalStatus.REJECTED] == 1
    assert decided[ProposalStatus.PENDING] > 0
    assert "1 optimiser run." in demo
