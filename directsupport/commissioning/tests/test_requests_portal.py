"""The supplier portal's requests for quote: a supplier sees only the requests sent to it, only
what suppliers may read about the person, never who else was asked, and can decline an open
request but not act on a withdrawn one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from directsupport.commissioning.models import QuoteRequest, RequestSupplier
from directsupport.commissioning.requests.services import decline_request, withdraw_request

STAFF_AND_OTHERS = [
    "market_shaper",
    "manager",
    "coordinator",
    "finance",
    "worker",
    "expert",
    "person_user",
    "commissioner",
    "outsider",
]
PRIVATE = ("Okafor", "Adaeze", "epilepsy", "Ngozi", "HF1 2AB", "Short spoken sentences")


def _detail(rfq: QuoteRequest) -> str:
    return reverse("commissioning:request_portal_detail", args=[rfq.pk])


def _decline(rfq: QuoteRequest) -> str:
    return reverse("commissioning:request_decline", args=[rfq.pk])


@pytest.mark.parametrize("persona", ["supplier", "anchor_user"])
def test_each_supplier_asked_sees_the_request(
    request, client_for, persona: str, sent_request
) -> None:
    client = client_for(request.getfixturevalue(persona))
    listed = client.get(reverse("commissioning:request_portal_list"))
    assert listed.status_code == 200
    assert "RFQ-0001: Swimming" in listed.content.decode()
    page = client.get(_detail(sent_request))
    assert page.status_code == 200
    assert "Tuesdays, 6pm to 8pm" in page.content.decode()


def test_a_supplier_reads_the_first_name_and_nothing_private(
    client_for, supplier, sent_request, sister
) -> None:
    text = client_for(supplier).get(_detail(sent_request)).content.decode()
    assert "<h4>Dee</h4>" in text
    for private in PRIVATE:
        assert private not in text


def test_a_supplier_never_sees_who_else_was_asked(client_for, supplier, sent_request) -> None:
    for url in (reverse("commissioning:request_portal_list"), _detail(sent_request)):
        assert "Anchor Swim" not in client_for(supplier).get(url).content.decode()


@pytest.mark.parametrize("persona", STAFF_AND_OTHERS)
def test_the_portal_is_only_for_suppliers(request, client_for, persona: str, sent_request) -> None:
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("commissioning:request_portal_list")).status_code == 404
    assert client.get(_detail(sent_request)).status_code == 404
    assert client.post(_decline(sent_request), {"reason": "No"}).status_code == 404


def test_a_supplier_not_asked_sees_nothing(client_for, other_supplier_user, sent_request) -> None:
    client = client_for(other_supplier_user)
    assert (
        "RFQ-0001" not in client.get(reverse("commissioning:request_portal_list")).content.decode()
    )
    assert client.get(_detail(sent_request)).status_code == 404
    assert client.post(_decline(sent_request), {"reason": "No"}).status_code == 404


def test_a_draft_is_not_in_the_portal(
    client_for, supplier, market_shaper, draft_request, bright_days
) -> None:
    RequestSupplier.objects.create(request=draft_request, supplier=bright_days)
    client = client_for(supplier)
    assert (
        "RFQ-0001" not in client.get(reverse("commissioning:request_portal_list")).content.decode()
    )
    assert client.get(_detail(draft_request)).status_code == 404


def test_declining(client_for, supplier, sent_request) -> None:
    page = client_for(supplier).post(_decline(sent_request), {"reason": "No women free"})
    assert page.status_code == 302
    invitation = sent_request.invited.get(supplier__organisation=supplier.organisation)
    assert invitation.decline_reason == "No women free"
    shown = client_for(supplier).get(_detail(sent_request)).content.decode()
    assert "You said on 7 December 2026 that you will not quote" in shown
    listed = client_for(supplier).get(reverse("commissioning:request_portal_list"))
    assert "You said you will not quote" in listed.content.decode()


def test_declining_needs_a_reason(client_for, supplier, sent_request) -> None:
    page = client_for(supplier).post(_decline(sent_request), {"reason": ""})
    assert page.status_code == 200
    assert "Why you will not quote: say why" in page.content.decode()
    assert not RequestSupplier.objects.filter(declined_at__isnull=False).exists()


def test_a_withdrawn_request_says_so_and_refuses_replies(
    client_for, supplier, market_shaper, sent_request
) -> None:
    withdraw_request(actor=market_shaper, rfq=sent_request, reason="Dee found a club")
    client = client_for(supplier)
    page = client.get(_detail(sent_request)).content.decode()
    assert "This request was withdrawn: Dee found a club. Offers are closed." in page
    assert "Say you will not quote" not in page
    assert "Make an offer" not in page
    refused = client.post(_decline(sent_request), {"reason": "No women free"})
    assert "it is closed to replies" in refused.content.decode()
    assert not RequestSupplier.objects.filter(declined_at__isnull=False).exists()
    listed = client.get(reverse("commissioning:request_portal_list"), {"status": "withdrawn"})
    assert "RFQ-0001" in listed.content.decode()


def test_the_portal_filters(client_for, supplier, anchor_user, sent_request) -> None:
    decline_request(actor=supplier, rfq=sent_request, reason="No women free")
    url = reverse("commissioning:request_portal_list")
    assert "RFQ-0001" in client_for(supplier).get(url, {"status": "answered"}).content.decode()
    assert "RFQ-0001" not in client_for(supplier).get(url, {"status": "open"}).content.decode()
    assert "RFQ-0001" in client_for(anchor_user).get(url, {"status": "open"}).content.decode()


def test_an_open_request_links_to_making_an_offer(client_for, supplier, sent_request) -> None:
    page = client_for(supplier).get(_detail(sent_request)).content.decode()
    assert reverse("commissioning:offer_new_for_supplier", args=[sent_request.pk]) in page


def test_the_staff_page_links_to_the_offers(client_for, market_shaper, sent_request) -> None:
    page = client_for(market_shaper).get(
        reverse("commissioning:request_detail", args=[sent_request.pk])
    )
    assert reverse("commissioning:offer_thread", args=[sent_request.pk]) in page.content.decode()
