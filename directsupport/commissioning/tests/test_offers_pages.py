"""The negotiation pages: staff threads with fair-cost flags and counter-offers, the supplier's
own thread in its portal, and every offer in easy read for the person and their circle."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from directsupport.commissioning.fair_cost.services import create_fair_cost_model
from directsupport.commissioning.models import Offer, OfferSide, OfferStatus
from directsupport.commissioning.offers.services import make_offer

START = dt.date(2027, 1, 4)


@pytest.fixture
def fair_model(market_shaper, provider):
    return create_fair_cost_model(
        actor=market_shaper,
        organisation=provider,
        fields={
            "name": "Willowbrook homecare",
            "term": None,
            "pay_pence_per_hour": 1221,
            "employer_ni_bp": 900,
            "pension_bp": 300,
            "holiday_bp": 1207,
            "travel_minutes_per_hour": 15,
            "travel_pence_per_hour": 150,
            "training_bp": 300,
            "overheads_bp": 2500,
            "surplus_bp": 300,
            "flag_below_bp": 1500,
            "flag_above_bp": 2500,
        },
    )


@pytest.fixture
def bright_offer(supplier, sent_request):
    return make_offer(
        actor=supplier,
        rfq=sent_request,
        pence_per_hour=4500,
        minutes_a_week=120,
        starts_on=START,
        travel_terms="Mileage at 45p a mile",
    )


@pytest.fixture
def anchor_offer(anchor_user, sent_request):
    return make_offer(
        actor=anchor_user,
        rfq=sent_request,
        pence_per_hour=2975,
        minutes_a_week=120,
        starts_on=START,
        message="Our swim teacher is free on Tuesdays",
    )


def thread_url(rfq) -> str:
    return reverse("commissioning:offer_thread", args=[rfq.pk])


def portal_url(rfq) -> str:
    return reverse("commissioning:offer_new_for_supplier", args=[rfq.pk])


def easy_url(rfq) -> str:
    return reverse("commissioning:offer_easy_read", args=[rfq.pk])


# --- Staff threads --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["market_shaper", "manager", "coordinator", "finance"])
def test_provider_staff_read_every_thread_with_the_fair_cost_flag(
    request, client_for, role, sent_request, fair_model, bright_offer, anchor_offer
) -> None:
    page = client_for(request.getfixturevalue(role)).get(thread_url(sent_request))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Anchor Swim CIC" in text and "Bright Days CIC" in text
    assert "£45.00 an hour is well above the fair range £23.03 to £33.88: ask why." in text
    assert "£29.75" in text


@pytest.mark.parametrize(
    "role",
    [
        "worker",
        "expert",
        "supplier",
        "commissioner",
        "other_commissioner",
        "outsider",
        "person_user",
        "sister_user",
    ],
)
def test_others_get_not_found_for_the_staff_thread(
    request, client_for, role, sent_request, sister, bright_offer
) -> None:
    page = client_for(request.getfixturevalue(role)).get(thread_url(sent_request))
    assert page.status_code == 404


def test_the_market_shaper_counters_the_latest_offer(
    client_for, market_shaper, sent_request, bright_offer
) -> None:
    prefix = f"s{bright_offer.supplier_id}"
    page = client_for(market_shaper).post(
        thread_url(sent_request),
        {
            "offer": bright_offer.pk,
            "action": "counter",
            f"{prefix}-pence_per_hour": "£34.00",
            f"{prefix}-hours_a_week": "2",
            f"{prefix}-starts_on": "2027-01-04",
            f"{prefix}-message": "Our fair rate is nearer £34",
        },
    )
    assert page.status_code == 302
    counter = Offer.objects.get(side=OfferSide.BUYER)
    assert counter.pence_per_hour == 3400 and counter.replies_to == bright_offer
    bright_offer.refresh_from_db()
    assert bright_offer.status == OfferStatus.SUPERSEDED


def test_a_coordinator_may_read_but_not_counter(
    client_for, coordinator, sent_request, bright_offer
) -> None:
    prefix = f"s{bright_offer.supplier_id}"
    page = client_for(coordinator).post(
        thread_url(sent_request),
        {
            "offer": bright_offer.pk,
            f"{prefix}-pence_per_hour": "34",
            f"{prefix}-hours_a_week": "2",
            f"{prefix}-starts_on": "2027-01-04",
        },
    )
    assert page.status_code == 403
    assert Offer.objects.count() == 1


def test_a_bad_counter_offer_says_why_and_keeps_what_was_typed(
    client_for, market_shaper, sent_request, bright_offer
) -> None:
    prefix = f"s{bright_offer.supplier_id}"
    page = client_for(market_shaper).post(
        thread_url(sent_request),
        {
            "offer": bright_offer.pk,
            "action": "counter",
            f"{prefix}-pence_per_hour": "3.50",
            f"{prefix}-hours_a_week": "3",
            f"{prefix}-starts_on": "2027-01-04",
        },
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "too low to be a real rate" in text
    assert 'value="3.50"' in text
    assert Offer.objects.count() == 1


# --- The supplier's portal ------------------------------------------------------------------


def test_a_supplier_sees_only_its_own_thread(
    client_for, supplier, sent_request, bright_offer, anchor_offer
) -> None:
    page = client_for(supplier).get(portal_url(sent_request))
    assert page.status_code == 200
    text = page.content.decode()
    assert "£45.00" in text
    assert "£29.75" not in text
    assert "Our swim teacher" not in text
    assert "epilepsy" not in text
    assert "fair range" not in text


def test_a_supplier_makes_an_offer_in_pounds_and_pence(client_for, anchor_user, sent_request):
    page = client_for(anchor_user).post(
        portal_url(sent_request),
        {
            "action": "offer",
            "pence_per_hour": "£31.50",
            "hours_a_week": "1.75",
            "starts_on": "2027-01-05",
            "cancellation_terms": "48 hours",
        },
    )
    assert page.status_code == 302
    offer = Offer.objects.get()
    assert (offer.pence_per_hour, offer.minutes_a_week) == (3150, 105)


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("pence_per_hour", "-5", "£0.00 or more"),
        ("pence_per_hour", "250", "too high to be a real rate"),
        ("pence_per_hour", "lots", "pounds and pence"),
        ("hours_a_week", "3", "asks for 2 hours a week"),
        ("hours_a_week", "1.1", "quarter hours"),
        ("starts_on", "2026-11-30", "has passed"),
        ("starts_on", "2026-12-28", "wanted from 4 January 2027"),
    ],
)
def test_bad_offers_get_a_message_beside_the_field_and_nothing_is_saved(
    client_for, supplier, sent_request, field, value, words
) -> None:
    data = {
        "action": "offer",
        "pence_per_hour": "31.50",
        "hours_a_week": "2",
        "starts_on": "2027-01-04",
    }
    data[field] = value
    page = client_for(supplier).post(portal_url(sent_request), data)
    assert page.status_code == 200
    text = page.content.decode()
    assert words in text
    assert f'id="id_{field}_error"' in text
    assert "There is a problem" in text
    assert not Offer.objects.exists()


def test_a_supplier_replies_to_a_counter_offer(
    client_for, supplier, market_shaper, sent_request, bright_offer
) -> None:
    from directsupport.commissioning.offers.services import counter_offer

    counter = counter_offer(
        actor=market_shaper,
        offer=bright_offer,
        pence_per_hour=3400,
        minutes_a_week=120,
        starts_on=START,
    )
    supplier_client = client_for(supplier)
    page = supplier_client.get(portal_url(sent_request))
    assert "Reply to the counter-offer" in page.content.decode()
    assert 'value="34.00"' in page.content.decode()
    supplier_client.post(
        portal_url(sent_request),
        {
            "action": "offer",
            "pence_per_hour": "34.00",
            "hours_a_week": "2",
            "starts_on": "2027-01-04",
        },
    )
    reply = Offer.objects.filter(side=OfferSide.SUPPLIER).latest("id")
    assert reply.replies_to == counter and reply.pence_per_hour == 3400


@pytest.mark.parametrize(
    "role",
    [
        "other_supplier_user",
        "market_shaper",
        "coordinator",
        "person_user",
        "outsider",
        "commissioner",
    ],
)
def test_the_portal_page_is_not_found_for_anyone_but_the_invited_supplier(
    request, client_for, role, sent_request
) -> None:
    page = client_for(request.getfixturevalue(role)).get(portal_url(sent_request))
    assert page.status_code == 404


def test_a_withdrawn_request_shows_withdrawn_and_refuses_offers(
    client_for, supplier, market_shaper, sent_request
) -> None:
    from directsupport.commissioning.requests.services import withdraw_request

    withdraw_request(actor=market_shaper, rfq=sent_request, reason="Dee found a club")
    supplier_client = client_for(supplier)
    assert "was withdrawn" in supplier_client.get(portal_url(sent_request)).content.decode()
    supplier_client.post(
        portal_url(sent_request),
        {
            "action": "offer",
            "pence_per_hour": "31.50",
            "hours_a_week": "2",
            "starts_on": "2027-01-04",
        },
    )
    assert not Offer.objects.exists()


# --- Easy read ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["person_user", "sister_user", "market_shaper", "coordinator"])
def test_the_person_and_who_may_see_read_every_offer_in_easy_read(
    request, client_for, role, sister, sent_request, bright_offer, anchor_offer
) -> None:
    page = client_for(request.getfixturevalue(role)).get(easy_url(sent_request))
    assert page.status_code == 200
    text = page.content.decode()
    assert "£45.00 for each hour." in text
    assert "£90.00 each week." in text
    assert "2 hours each week." in text
    assert "Anchor Swim CIC" in text
    assert "Monday 4 January 2027" in text


@pytest.mark.parametrize(
    "role", ["neighbour_user", "supplier", "worker", "expert", "outsider", "commissioner"]
)
def test_easy_read_offers_are_not_found_for_others(
    request, client_for, role, neighbour, sent_request, bright_offer
) -> None:
    page = client_for(request.getfixturevalue(role)).get(easy_url(sent_request))
    assert page.status_code == 404


def test_easy_read_shows_every_figure_of_the_thread_with_the_counter_offer(
    client_for, person_user, market_shaper, sent_request, bright_offer
) -> None:
    from directsupport.commissioning.offers.services import counter_offer

    counter_offer(
        actor=market_shaper,
        offer=bright_offer,
        pence_per_hour=3400,
        minutes_a_week=120,
        starts_on=START,
    )
    text = client_for(person_user).get(easy_url(sent_request)).content.decode()
    assert "£45.00 for each hour." in text
    assert "This changed later." in text
    assert "we asked Bright Days CIC for a different price" in text
    assert "£34.00 for each hour." in text
    assert "We are waiting for their answer." in text


def test_a_supplier_withdraws_its_offer_from_the_portal(
    client_for, supplier, sent_request, bright_offer
) -> None:
    page = client_for(supplier).post(portal_url(sent_request), {"action": "withdraw"})
    assert page.status_code == 302
    bright_offer.refresh_from_db()
    assert bright_offer.status == OfferStatus.WITHDRAWN


def test_the_market_shaper_withdraws_a_counter_offer(
    client_for, market_shaper, sent_request, bright_offer
) -> None:
    from directsupport.commissioning.offers.services import counter_offer

    counter = counter_offer(
        actor=market_shaper,
        offer=bright_offer,
        pence_per_hour=3400,
        minutes_a_week=120,
        starts_on=START,
    )
    page = client_for(market_shaper).post(
        thread_url(sent_request), {"offer": counter.pk, "action": "withdraw"}
    )
    assert page.status_code == 302
    counter.refresh_from_db()
    assert counter.status == OfferStatus.WITHDRAWN
