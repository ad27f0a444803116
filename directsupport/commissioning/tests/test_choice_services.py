"""Choosing an offer: recorded weights (adding up to 100, not price first), scores, the
person's reason and who decided; the request is chosen, the other offers declined."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from directsupport.audit.models import AuditEvent
from directsupport.commissioning.models import OfferChoice, OfferStatus, RequestStatus
from directsupport.commissioning.offers.choice import (
    DEFAULT_WEIGHTS,
    choose_offer,
    suggest_scores,
    total_score,
)
from directsupport.commissioning.offers.services import make_offer
from directsupport.commissioning.requests.services import withdraw_request
from directsupport.people.models import DecidedBy

START = dt.date(2027, 1, 4)


@pytest.fixture
def two_offers(supplier, anchor_user, sent_request):
    bright = make_offer(
        actor=supplier, rfq=sent_request, pence_per_hour=3400, minutes_a_week=120, starts_on=START
    )
    anchor = make_offer(
        actor=anchor_user,
        rfq=sent_request,
        pence_per_hour=2900,
        minutes_a_week=120,
        starts_on=START,
    )
    return bright, anchor


def scores_for(bright, anchor):
    return {
        bright.pk: {"quality": 5, "fit": 5, "price": 3},
        anchor.pk: {"quality": 3, "fit": 2, "price": 5},
    }


def test_the_default_weights_do_not_put_price_first() -> None:
    assert sum(DEFAULT_WEIGHTS.values()) == 100
    assert DEFAULT_WEIGHTS["price"] < DEFAULT_WEIGHTS["quality"]
    assert DEFAULT_WEIGHTS["price"] < DEFAULT_WEIGHTS["fit"]


def test_total_is_out_of_a_hundred() -> None:
    # (40 x 5 + 40 x 5 + 20 x 3) / 5 = 92; (40 x 3 + 40 x 2 + 20 x 5) / 5 = 60
    assert total_score(DEFAULT_WEIGHTS, {"quality": 5, "fit": 5, "price": 3}) == 92
    assert total_score(DEFAULT_WEIGHTS, {"quality": 3, "fit": 2, "price": 5}) == 60


def test_the_persons_choice_decides_even_against_the_top_score(
    market_shaper, sent_request, two_offers, dee
) -> None:
    bright, anchor = two_offers
    choice = choose_offer(
        actor=market_shaper,
        rfq=sent_request,
        offer=anchor,
        weights=DEFAULT_WEIGHTS,
        scores=scores_for(bright, anchor),
        reason="Anchor's worker speaks Punjabi with me.",
        decided_by=DecidedBy.PERSON,
    )
    assert choice.offer == anchor
    assert choice.scores[str(bright.pk)]["total"] == 92
    assert choice.scores[str(anchor.pk)]["total"] == 60
    assert (choice.weight_quality, choice.weight_fit, choice.weight_price) == (40, 40, 20)
    sent_request.refresh_from_db()
    bright.refresh_from_db()
    anchor.refresh_from_db()
    assert sent_request.status == RequestStatus.CHOSEN
    assert anchor.status == OfferStatus.ACCEPTED
    assert bright.status == OfferStatus.DECLINED
    event = AuditEvent.objects.get(subject_type="commissioning.offerchoice")
    assert event.person_id == dee.pk


def test_weights_not_adding_up_to_100_are_refused(market_shaper, sent_request, two_offers) -> None:
    bright, anchor = two_offers
    with pytest.raises(ValidationError) as refused:
        choose_offer(
            actor=market_shaper,
            rfq=sent_request,
            offer=bright,
            weights={"quality": 40, "fit": 40, "price": 10},
            scores=scores_for(bright, anchor),
            reason="Good",
            decided_by=DecidedBy.PERSON,
        )
    assert refused.value.message_dict["weights"] == [
        "The weights add up to 90: make them add up to 100"
    ]
    assert not OfferChoice.objects.exists()
    sent_request.refresh_from_db()
    assert sent_request.status == RequestStatus.SENT


def test_a_representative_must_be_named_with_the_reason(
    market_shaper, sent_request, two_offers
) -> None:
    bright, anchor = two_offers
    with pytest.raises(ValidationError) as refused:
        choose_offer(
            actor=market_shaper,
            rfq=sent_request,
            offer=bright,
            weights=DEFAULT_WEIGHTS,
            scores=scores_for(bright, anchor),
            reason="Best fit",
            decided_by=DecidedBy.REPRESENTATIVE,
        )
    assert set(refused.value.message_dict) == {"representative_name", "representative_reason"}
    assert not OfferChoice.objects.exists()


def test_choosing_on_a_withdrawn_request_is_refused(
    market_shaper, sent_request, two_offers
) -> None:
    bright, anchor = two_offers
    withdraw_request(actor=market_shaper, rfq=sent_request, reason="Dee moved")
    with pytest.raises(ValidationError, match="was withdrawn"):
        choose_offer(
            actor=market_shaper,
            rfq=sent_request,
            offer=bright,
            weights=DEFAULT_WEIGHTS,
            scores=scores_for(bright, anchor),
            reason="Best fit",
            decided_by=DecidedBy.PERSON,
        )
    assert not OfferChoice.objects.exists()


def test_suggested_scores_give_the_cheaper_offer_the_better_price_score(
    sent_request, two_offers
) -> None:
    bright, anchor = two_offers
    suggested = {s.offer.pk: s.scores for s in suggest_scores(sent_request, [bright, anchor])}
    assert suggested[anchor.pk]["price"] == 5
    assert suggested[bright.pk]["price"] == 4  # 5 x 2900 / 3400 = 4.26
    assert all(0 <= v <= 5 for scores in suggested.values() for v in scores.values())
