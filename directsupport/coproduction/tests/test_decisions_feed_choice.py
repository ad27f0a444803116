"""A supplier chosen by the person appears in the decision log by itself, once, with the person
(or their representative) and the market shaper who recorded it."""

from __future__ import annotations

import pytest

from directsupport.commissioning.offers.choice import DEFAULT_WEIGHTS, choose_offer
from directsupport.commissioning.offers.services import make_offer
from directsupport.commissioning.tests.conftest import (
    STARTS_ON,
    anchor_supplier,
    anchor_user,
    bright_days,
    draft_request,
    sent_request,
    swim_need,
)
from directsupport.coproduction.decisions.backfill import backfill_decisions
from directsupport.coproduction.models import Decision, Level, Source, Topic
from directsupport.people.models import DecidedBy

from .decisions_fixtures import _on_a_fixed_day

__all__ = [
    "_on_a_fixed_day",
    "anchor_supplier",
    "anchor_user",
    "bright_days",
    "draft_request",
    "sent_request",
    "swim_need",
]

pytestmark = pytest.mark.django_db


def choose(market_shaper, rfq, offer, **who):
    return choose_offer(
        actor=market_shaper,
        rfq=rfq,
        offer=offer,
        weights=DEFAULT_WEIGHTS,
        scores={offer.pk: {"quality": 4, "fit": 5, "price": 3}},
        reason="Anchor's worker swims with me at my pace.",
        **who,
    )


@pytest.fixture
def anchor_offer(anchor_user, sent_request):
    return make_offer(
        actor=anchor_user,
        rfq=sent_request,
        pence_per_hour=2900,
        minutes_a_week=120,
        starts_on=STARTS_ON,
    )


def test_the_persons_choice_is_logged(market_shaper, sent_request, anchor_offer, dee):
    choice = choose(market_shaper, sent_request, anchor_offer, decided_by=DecidedBy.PERSON)

    decision = Decision.objects.get()
    assert (decision.source, decision.source_key) == (
        Source.SUPPLIER_CHOICE,
        f"commissioning.offerchoice:{choice.pk}",
    )
    assert (decision.person, decision.topic) == (dee, Topic.SUPPORT)
    assert decision.title.startswith("Anchor Swim CIC chosen for ")
    assert decision.person_words == "Anchor's worker swims with me at my pace."
    assert [(p.name, p.role) for p in decision.participants.all()] == [
        ("Dee Okafor", "person"),
        ("Tom Reilly", "staff"),
    ]
    assert decision.level == Level.CO_DESIGN


def test_a_representatives_choice_says_why(market_shaper, sent_request, anchor_offer):
    choose(
        market_shaper,
        sent_request,
        anchor_offer,
        decided_by=DecidedBy.REPRESENTATIVE,
        representative_name="Ngozi Okafor",
        representative_reason="Dee cannot weigh up the offers at the moment.",
    )

    decision = Decision.objects.get()
    assert decision.person_took_part is False
    assert decision.person_words == ""
    assert "Ngozi Okafor" in decision.without_person_reason
    assert [p.role for p in decision.participants.all()] == ["representative", "staff"]


def test_the_backfill_finds_a_choice_once(market_shaper, sent_request, anchor_offer, provider):
    choose(market_shaper, sent_request, anchor_offer, decided_by=DecidedBy.PERSON)
    Decision.objects.all().delete()
    assert backfill_decisions(organisation=provider) == 1
    assert backfill_decisions(organisation=provider) == 0
