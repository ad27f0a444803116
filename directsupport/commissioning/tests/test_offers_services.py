"""Offers and counter-offers (the services): the thread per supplier, superseding, refusals and
per-field messages for figures that cannot be right."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from directsupport.audit.models import AuditEvent
from directsupport.commissioning.models import Offer, OfferSide, OfferStatus
from directsupport.commissioning.offers.services import counter_offer, make_offer, withdraw_offer
from directsupport.commissioning.requests.services import withdraw_request

START = dt.date(2027, 1, 4)


def offer_from(user, rfq, **changes) -> Offer:
    terms: dict[str, Any] = {
        "pence_per_hour": 3150,
        "minutes_a_week": 120,
        "starts_on": START,
        "cancellation_terms": "24 hours' notice",
        "travel_terms": "No travel charged",
    }
    terms.update(changes)
    return make_offer(actor=user, rfq=rfq, **terms)


def test_a_supplier_makes_an_offer_and_it_is_audited(supplier, sent_request, dee) -> None:
    offer = offer_from(supplier, sent_request)
    assert offer.side == OfferSide.SUPPLIER
    assert offer.status == OfferStatus.OPEN
    assert offer.supplier.organisation_id == supplier.organisation_id
    assert offer.pence_a_week == 6300
    event = AuditEvent.objects.get(subject_type="commissioning.offer", subject_id=str(offer.pk))
    assert event.person_id == dee.pk
    assert "£31.50 an hour" in event.summary


def test_a_new_offer_supersedes_the_suppliers_earlier_one_only(
    supplier, anchor_user, sent_request
) -> None:
    first = offer_from(supplier, sent_request)
    anchors = offer_from(anchor_user, sent_request, pence_per_hour=3300)
    second = offer_from(supplier, sent_request, pence_per_hour=3050)
    first.refresh_from_db()
    anchors.refresh_from_db()
    assert first.status == OfferStatus.SUPERSEDED
    assert second.replies_to == first
    assert anchors.status == OfferStatus.OPEN


def test_counter_offer_and_the_suppliers_reply_make_one_thread(
    supplier, market_shaper, sent_request
) -> None:
    offer = offer_from(supplier, sent_request, pence_per_hour=4500)
    counter = counter_offer(
        actor=market_shaper,
        offer=offer,
        pence_per_hour=3400,
        minutes_a_week=120,
        starts_on=START,
        message="Our fair rate is nearer £34.",
    )
    offer.refresh_from_db()
    assert counter.side == OfferSide.BUYER
    assert counter.replies_to == offer
    assert offer.status == OfferStatus.SUPERSEDED
    reply = offer_from(supplier, sent_request, pence_per_hour=3400, replies_to=counter)
    counter.refresh_from_db()
    assert counter.status == OfferStatus.SUPERSEDED
    assert reply.replies_to == counter
    thread = list(Offer.objects.filter(request=sent_request).order_by("made_at", "id"))
    assert [o.status for o in thread] == ["superseded", "superseded", "open"]


def test_a_counter_offer_to_a_replaced_offer_is_refused(
    supplier, market_shaper, sent_request
) -> None:
    first = offer_from(supplier, sent_request)
    offer_from(supplier, sent_request, pence_per_hour=3000)
    with pytest.raises(ValidationError, match="no longer open"):
        counter_offer(
            actor=market_shaper,
            offer=first,
            pence_per_hour=2900,
            minutes_a_week=120,
            starts_on=START,
        )


def test_a_supplier_the_request_was_not_sent_to_is_refused(
    other_supplier_user, sent_request
) -> None:
    with pytest.raises(ValidationError, match="was not sent to you"):
        offer_from(other_supplier_user, sent_request)
    assert not Offer.objects.exists()


def test_a_withdrawn_request_takes_no_offers(supplier, market_shaper, sent_request) -> None:
    withdraw_request(actor=market_shaper, rfq=sent_request, reason="Dee found a club")
    with pytest.raises(ValidationError, match="was withdrawn"):
        offer_from(supplier, sent_request)
    assert not Offer.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"pence_per_hour": 0}, "pence_per_hour", "more than £0.00"),
        ({"pence_per_hour": 450}, "pence_per_hour", "too low to be a real rate"),
        ({"pence_per_hour": 25_000}, "pence_per_hour", "too high to be a real rate"),
        ({"minutes_a_week": 150}, "minutes_a_week", "asks for 2 hours a week"),
        ({"minutes_a_week": 100}, "minutes_a_week", "quarter hours"),
        ({"minutes_a_week": 0}, "minutes_a_week", "more than 0"),
        ({"starts_on": dt.date(2026, 12, 1)}, "starts_on", "has passed"),
        ({"starts_on": dt.date(2026, 12, 20)}, "starts_on", "wanted from 4 January 2027"),
    ],
)
def test_figures_that_cannot_be_right_are_refused_beside_their_field(
    supplier, sent_request, changes, field, words
) -> None:
    with pytest.raises(ValidationError) as refused:
        offer_from(supplier, sent_request, **changes)
    assert words in " ".join(refused.value.message_dict[field])
    assert not Offer.objects.exists()


def test_a_rate_far_from_fair_is_not_refused(supplier, sent_request) -> None:
    assert offer_from(supplier, sent_request, pence_per_hour=9000).pk


def test_a_supplier_withdraws_its_open_offer_but_not_anothers(
    supplier, anchor_user, sent_request
) -> None:
    offer = offer_from(supplier, sent_request)
    with pytest.raises(ValidationError, match="Only whoever made"):
        withdraw_offer(actor=anchor_user, offer=offer)
    withdraw_offer(actor=supplier, offer=offer)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.WITHDRAWN
