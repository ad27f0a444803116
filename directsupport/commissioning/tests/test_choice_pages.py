"""Compare and choose: the offers side by side with suggested scores, the weights entered and
recorded, the person's choice and reason."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from directsupport.commissioning.models import OfferChoice, OfferStatus, RequestStatus
from directsupport.commissioning.offers.services import make_offer

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


def choose_url(rfq) -> str:
    return reverse("commissioning:offer_choose", args=[rfq.pk])


def form_data(bright, anchor, **changes) -> dict[str, str]:
    data = {
        "weight_quality": "40",
        "weight_fit": "40",
        "weight_price": "20",
        f"score_{bright.pk}_quality": "5",
        f"score_{bright.pk}_fit": "5",
        f"score_{bright.pk}_price": "3",
        f"score_{anchor.pk}_quality": "3",
        f"score_{anchor.pk}_fit": "2",
        f"score_{anchor.pk}_price": "5",
        "offer": str(anchor.pk),
        "reason": "The Anchor worker speaks Punjabi with me.",
        "decided_by": "person",
        "representative_name": "",
        "representative_reason": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("role", ["market_shaper", "manager", "coordinator", "finance"])
def test_staff_compare_the_offers_side_by_side(
    request, client_for, role, sent_request, two_offers
) -> None:
    page = client_for(request.getfixturevalue(role)).get(choose_url(sent_request))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Bright Days CIC" in text and "Anchor Swim CIC" in text
    assert "Not on the preferred list" in text
    assert ("Record the choice" in text) == (role in ("market_shaper", "manager"))


@pytest.mark.parametrize(
    "role", ["worker", "expert", "supplier", "commissioner", "outsider", "person_user"]
)
def test_others_get_not_found_for_choosing(request, client_for, role, sent_request) -> None:
    assert (
        client_for(request.getfixturevalue(role)).get(choose_url(sent_request)).status_code == 404
    )


def test_the_choice_is_recorded_with_the_weights_and_the_persons_reason(
    client_for, market_shaper, sent_request, two_offers
) -> None:
    bright, anchor = two_offers
    page = client_for(market_shaper).post(choose_url(sent_request), form_data(bright, anchor))
    assert page.status_code == 302
    choice = OfferChoice.objects.get()
    assert choice.offer == anchor
    assert choice.reason == "The Anchor worker speaks Punjabi with me."
    assert choice.scores[str(bright.pk)]["total"] == 92
    sent_request.refresh_from_db()
    assert sent_request.status == RequestStatus.CHOSEN
    bright.refresh_from_db()
    assert bright.status == OfferStatus.DECLINED


def test_weights_not_adding_up_to_100_are_refused_and_nothing_is_saved(
    client_for, market_shaper, sent_request, two_offers
) -> None:
    bright, anchor = two_offers
    page = client_for(market_shaper).post(
        choose_url(sent_request), form_data(bright, anchor, weight_price="30")
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "The weights add up to 110: make them add up to 100" in text
    assert 'value="30"' in text
    assert not OfferChoice.objects.exists()


def test_a_representatives_choice_needs_their_name_and_reason(
    client_for, market_shaper, sent_request, two_offers
) -> None:
    bright, anchor = two_offers
    page = client_for(market_shaper).post(
        choose_url(sent_request), form_data(bright, anchor, decided_by="representative")
    )
    assert page.status_code == 200
    assert "Enter the name of the representative" in page.content.decode()
    assert not OfferChoice.objects.exists()


def test_a_score_out_of_range_is_refused_beside_it(
    client_for, market_shaper, sent_request, two_offers
) -> None:
    bright, anchor = two_offers
    page = client_for(market_shaper).post(
        choose_url(sent_request), form_data(bright, anchor, **{f"score_{bright.pk}_fit": "9"})
    )
    assert "Give Bright Days CIC" in page.content.decode()
    assert not OfferChoice.objects.exists()


def test_a_coordinator_cannot_record_the_choice(
    client_for, coordinator, sent_request, two_offers
) -> None:
    bright, anchor = two_offers
    page = client_for(coordinator).post(choose_url(sent_request), form_data(bright, anchor))
    assert page.status_code == 403
    assert not OfferChoice.objects.exists()
