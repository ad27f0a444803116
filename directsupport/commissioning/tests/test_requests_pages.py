"""The provider's pages for requests for quote: who may see and change them, drawing one up from
Dee's need, sending and withdrawing, and bad input."""

from __future__ import annotations

import pytest
from django.urls import reverse

from directsupport.commissioning.models import QuoteRequest, RequestStatus, RequestSupplier
from directsupport.commissioning.requests.services import decline_request
from directsupport.market.tests.factories import SupplierFactory, standard_term
from directsupport.market.tests.matching_fixtures import swimming_need
from tests.factories import PersonFactory

READERS = ["market_shaper", "manager", "coordinator", "finance"]
WRITERS = ["market_shaper", "manager"]
READ_ONLY = ["coordinator", "finance"]
OUTSIDERS = ["worker", "expert", "person_user", "commissioner", "supplier", "outsider"]


def _client(request, client_for, persona: str):
    return client_for(request.getfixturevalue(persona))


def _new_url(dee, swim_need) -> str:
    return reverse("commissioning:request_new", args=[dee.pk, swim_need.pk])


def _form(bright_days, **changes: str) -> dict[str, str | list[str]]:
    return {
        "what": "Supported swimming",
        "term": str(standard_term("swimming").pk),
        "weekday": "1",
        "starts_at": "18:00",
        "ends_at": "20:00",
        "minutes_a_week": "120",
        "starts_on": "2027-01-04",
        "respond_by": "2026-12-14",
        "place": "Hollowfield Lido",
        "wanted_languages": "Punjabi",
        "name_shown": "first_name",
        "suppliers": [str(bright_days.pk)],
        "action": "save",
        **changes,
    }


# --- The list ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", READERS)
def test_staff_who_commission_or_read_see_the_list(
    request, client_for, persona: str, sent_request
) -> None:
    page = _client(request, client_for, persona).get(reverse("commissioning:request_list"))
    assert page.status_code == 200
    assert "RFQ-0001: Swimming" in page.content.decode()


@pytest.mark.parametrize("persona", [p for p in OUTSIDERS if p != "outsider"])
def test_others_get_no_list(request, client_for, persona: str, sent_request) -> None:
    page = _client(request, client_for, persona).get(reverse("commissioning:request_list"))
    assert page.status_code == 404


def test_another_providers_staff_see_only_their_own(client_for, outsider, sent_request) -> None:
    page = client_for(outsider).get(reverse("commissioning:request_list"))
    assert page.status_code == 200
    assert "RFQ-0001" not in page.content.decode()


def test_the_list_filters_by_status(client_for, market_shaper, sent_request) -> None:
    url = reverse("commissioning:request_list")
    assert "RFQ-0001" in client_for(market_shaper).get(url, {"status": "sent"}).content.decode()
    assert (
        "RFQ-0001" not in client_for(market_shaper).get(url, {"status": "draft"}).content.decode()
    )


def test_the_list_offers_needs_still_looking(client_for, market_shaper, swim_need, dee) -> None:
    page = client_for(market_shaper).get(reverse("commissioning:request_list")).content.decode()
    assert _new_url(dee, swim_need) in page


# --- A new request from a need ---------------------------------------------------------------


@pytest.mark.parametrize("persona", WRITERS)
def test_a_new_request_starts_from_the_need(
    request, client_for, persona: str, dee, swim_need, bright_days
) -> None:
    page = _client(request, client_for, persona).get(_new_url(dee, swim_need))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'value="Swimming"' in text
    assert "What suppliers will see" in text
    assert "First name only" in text
    assert "Bright Days CIC" in text
    assert "epilepsy" not in text.split("What suppliers will see")[-1]


@pytest.mark.parametrize("persona", READ_ONLY)
def test_readers_may_not_draw_up_a_request(
    request, client_for, persona: str, dee, swim_need, bright_days
) -> None:
    client = _client(request, client_for, persona)
    assert client.get(_new_url(dee, swim_need)).status_code == 403
    assert client.post(_new_url(dee, swim_need), _form(bright_days)).status_code == 403
    assert not QuoteRequest.objects.exists()


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_others_cannot_draw_up_a_request(
    request, client_for, persona: str, dee, swim_need, bright_days
) -> None:
    client = _client(request, client_for, persona)
    assert client.get(_new_url(dee, swim_need)).status_code == 404
    assert client.post(_new_url(dee, swim_need), _form(bright_days)).status_code == 404
    assert not QuoteRequest.objects.exists()


def test_saving_a_draft(client_for, market_shaper, dee, swim_need, bright_days) -> None:
    page = client_for(market_shaper).post(_new_url(dee, swim_need), _form(bright_days))
    rfq = QuoteRequest.objects.get()
    assert page.status_code == 302
    assert page["Location"] == reverse("commissioning:request_detail", args=[rfq.pk])
    assert rfq.status == RequestStatus.DRAFT
    assert rfq.what == "Supported swimming"
    assert list(rfq.invited.values_list("supplier", flat=True)) == [bright_days.pk]
    assert rfq.needs.get().need == swim_need


def test_the_preview_saves_nothing_and_shows_the_alias(
    client_for, market_shaper, dee, swim_need, bright_days
) -> None:
    page = client_for(market_shaper).post(
        _new_url(dee, swim_need),
        _form(bright_days, action="preview", name_shown="alias", alias="Swimmer D"),
    )
    assert page.status_code == 200
    preview = page.content.decode().split("What suppliers will see")[-1]
    assert "Swimmer D" in preview
    assert "Okafor" not in preview
    assert not QuoteRequest.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"respond_by": "2026-12-01"}, "The reply date must be today or later, not in the past"),
        ({"starts_on": "2026-12-10"}, "Support cannot start before suppliers have replied"),
        ({"name_shown": "alias"}, "Give the alias suppliers will see"),
        ({"name_shown": "full_name"}, "Say who agreed that suppliers see the full name"),
        ({"minutes_a_week": "0"}, "Minutes a week must be at least 1"),
        ({"respond_by": "31/02/2027"}, "Reply by: enter a real date"),
    ],
)
def test_bad_input_says_what_is_wrong_and_keeps_what_was_typed(
    client_for, market_shaper, dee, swim_need, bright_days, changes, message: str
) -> None:
    page = client_for(market_shaper).post(
        _new_url(dee, swim_need), _form(bright_days, what="Swim at the lido", **changes)
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "There is a problem" in text
    assert message in text
    assert 'value="Swim at the lido"' in text
    assert not QuoteRequest.objects.exists()


def test_a_need_of_another_persons_page_is_not_found(
    client_for, market_shaper, dee, swim_need, outsider
) -> None:
    stranger = PersonFactory.create(organisation=outsider.organisation)
    theirs = swimming_need(stranger)
    client = client_for(market_shaper)
    assert client.get(_new_url(stranger, theirs)).status_code == 404
    assert client.get(_new_url(dee, theirs)).status_code == 404


# --- The request's page, sending and withdrawing ---------------------------------------------


@pytest.mark.parametrize("persona", READERS)
def test_staff_see_the_request_as_suppliers_do(
    request, client_for, persona: str, sent_request
) -> None:
    page = _client(request, client_for, persona).get(
        reverse("commissioning:request_detail", args=[sent_request.pk])
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "Bright Days CIC" in text and "Anchor Swim CIC" in text
    assert "What suppliers see" in text
    assert "Suppliers see: First name only" in text


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_others_do_not_see_the_request(request, client_for, persona: str, sent_request) -> None:
    page = _client(request, client_for, persona).get(
        reverse("commissioning:request_detail", args=[sent_request.pk])
    )
    assert page.status_code == 404


def test_the_page_says_who_declined(client_for, market_shaper, supplier, sent_request) -> None:
    decline_request(actor=supplier, rfq=sent_request, reason="No women free on Tuesdays")
    page = client_for(market_shaper).get(
        reverse("commissioning:request_detail", args=[sent_request.pk])
    )
    assert "Will not quote" in page.content.decode()
    assert "No women free on Tuesdays" in page.content.decode()


@pytest.mark.parametrize("persona", WRITERS)
def test_sending_after_confirming(
    request, client_for, persona: str, draft_request, bright_days
) -> None:
    RequestSupplier.objects.create(request=draft_request, supplier=bright_days)
    client = _client(request, client_for, persona)
    url = reverse("commissioning:request_send", args=[draft_request.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Bright Days CIC" in confirm.content.decode()
    assert client.post(url).status_code == 302
    draft_request.refresh_from_db()
    assert draft_request.status == RequestStatus.SENT


def test_sending_with_no_supplier_is_refused(client_for, market_shaper, draft_request) -> None:
    page = client_for(market_shaper).post(
        reverse("commissioning:request_send", args=[draft_request.pk])
    )
    assert page.status_code == 200
    assert "Choose at least one supplier to send it to" in page.content.decode()
    draft_request.refresh_from_db()
    assert draft_request.status == RequestStatus.DRAFT


@pytest.mark.parametrize("persona", READ_ONLY)
def test_readers_cannot_send_withdraw_or_ask(
    request, client_for, persona: str, draft_request, bright_days
) -> None:
    client = _client(request, client_for, persona)
    args = [draft_request.pk]
    assert client.post(reverse("commissioning:request_send", args=args)).status_code == 403
    assert (
        client.post(
            reverse("commissioning:request_withdraw", args=args), {"reason": "No"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("commissioning:request_invite", args=args), {"suppliers": [bright_days.pk]}
        ).status_code
        == 403
    )
    draft_request.refresh_from_db()
    assert draft_request.status == RequestStatus.DRAFT
    assert not draft_request.invited.exists()


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_others_cannot_send_withdraw_or_ask(
    request, client_for, persona: str, draft_request, bright_days
) -> None:
    client = _client(request, client_for, persona)
    args = [draft_request.pk]
    for name, data in (
        ("request_send", {}),
        ("request_withdraw", {"reason": "No"}),
        ("request_invite", {"suppliers": [bright_days.pk]}),
    ):
        assert client.post(reverse(f"commissioning:{name}", args=args), data).status_code == 404
    draft_request.refresh_from_db()
    assert draft_request.status == RequestStatus.DRAFT


def test_asking_more_suppliers(client_for, market_shaper, sent_request) -> None:
    more = SupplierFactory.create(directory_owner=sent_request.organisation)
    page = client_for(market_shaper).post(
        reverse("commissioning:request_invite", args=[sent_request.pk]),
        {"suppliers": [more.pk]},
    )
    assert page.status_code == 302
    assert sent_request.invited.filter(supplier=more).exists()


def test_asking_nobody_is_refused(client_for, market_shaper, sent_request) -> None:
    SupplierFactory.create(directory_owner=sent_request.organisation)
    page = client_for(market_shaper).post(
        reverse("commissioning:request_invite", args=[sent_request.pk]), {}
    )
    assert "Choose at least one supplier to ask" in page.content.decode()
    assert sent_request.invited.count() == 2


def test_withdrawing_with_a_reason(client_for, market_shaper, sent_request) -> None:
    client = client_for(market_shaper)
    url = reverse("commissioning:request_withdraw", args=[sent_request.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "Dee found a club"}).status_code == 302
    sent_request.refresh_from_db()
    assert sent_request.status == RequestStatus.WITHDRAWN
    assert sent_request.withdrawn_reason == "Dee found a club"


def test_withdrawing_without_a_reason_is_refused(client_for, market_shaper, sent_request) -> None:
    page = client_for(market_shaper).post(
        reverse("commissioning:request_withdraw", args=[sent_request.pk]), {"reason": " "}
    )
    assert "Why is it withdrawn: say why" in page.content.decode()
    sent_request.refresh_from_db()
    assert sent_request.status == RequestStatus.SENT
