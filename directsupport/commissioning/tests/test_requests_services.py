"""Drawing up, sending, withdrawing and declining requests for quote (the services), and what a
supplier reads about the person."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from directsupport.audit.models import AuditEvent
from directsupport.commissioning.models import (
    NameShown,
    QuoteRequest,
    RequestNeed,
    RequestStatus,
    RequestSupplier,
)
from directsupport.commissioning.requests.display import what_suppliers_see
from directsupport.commissioning.requests.services import (
    NeedNaming,
    create_request,
    decline_request,
    invite_suppliers,
    next_reference,
    request_from_need,
    send_request,
    withdraw_request,
)
from directsupport.market.models import NeedStatus
from directsupport.market.tests.factories import SupplierFactory
from directsupport.market.tests.matching_fixtures import swimming_need
from tests.factories import OrganisationFactory, PersonFactory

from .conftest import REPLY_BY, STARTS_ON


def _draw_up(actor: Any, *namings: NeedNaming, **changes: Any) -> QuoteRequest:
    values = request_from_need(namings[0].need) | {
        "starts_on": STARTS_ON,
        "respond_by": REPLY_BY,
        **changes,
    }
    return create_request(actor=actor, needs=list(namings), **values)


def _refused(actor: Any, *namings: NeedNaming, **changes: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        _draw_up(actor, *namings, **changes)
    assert not QuoteRequest.objects.exists()
    assert not RequestNeed.objects.exists()
    return refused.value.message_dict


def test_the_shared_request_is_sent_to_two_suppliers(sent_request) -> None:
    assert sent_request.status == RequestStatus.SENT
    assert sent_request.reference == "RFQ-0001"
    assert sent_request.invited.count() == 2
    assert sent_request.people_count == 1
    assert sent_request.sent_at is not None


def test_references_count_up(market_shaper, draft_request, provider) -> None:
    assert next_reference(provider) == "RFQ-0002"


def test_a_request_starts_from_the_need_but_never_its_notes(swim_need) -> None:
    values = request_from_need(swim_need)
    assert values["what"] == "Swimming"
    assert values["weekday"] == 1
    assert values["starts_at"] == dt.time(18)
    assert values["minutes_a_week"] == 120
    assert values["district"].code == "HF3"
    assert values["place"] == "Hollowfield Lido"
    assert values["wanted_languages"] == ["Punjabi"]
    assert "epilepsy" not in str(values)


def test_a_place_at_home_is_left_out(dee) -> None:
    need = swimming_need(dee, place="Home, 4 Elm Road")
    assert request_from_need(need)["place"] == ""


def test_drawing_up_is_audited(market_shaper, draft_request, dee) -> None:
    row = AuditEvent.objects.get(subject_type="commissioning.quoterequest", action="create")
    assert row.person_id == dee.pk
    assert row.actor == market_shaper
    assert "RFQ-0001" in row.summary


def test_a_reply_date_in_the_past_is_refused(market_shaper, swim_need) -> None:
    problems = _refused(market_shaper, NeedNaming(need=swim_need), respond_by=dt.date(2026, 12, 6))
    assert problems["respond_by"] == ["The reply date must be today or later, not in the past"]


def test_support_cannot_start_before_the_replies(market_shaper, swim_need) -> None:
    problems = _refused(market_shaper, NeedNaming(need=swim_need), starts_on=dt.date(2026, 12, 10))
    assert "Support cannot start before suppliers have replied" in problems["starts_on"][0]


def test_an_alias_must_be_given(market_shaper, swim_need) -> None:
    problems = _refused(market_shaper, NeedNaming(need=swim_need, name_shown=NameShown.ALIAS))
    assert problems["alias"] == ["Give the alias suppliers will see"]


def test_the_full_name_only_when_someone_agreed(market_shaper, swim_need) -> None:
    problems = _refused(market_shaper, NeedNaming(need=swim_need, name_shown=NameShown.FULL_NAME))
    assert "Say who agreed that suppliers see the full name" in problems["full_name_agreed_by"][0]


def test_a_need_of_another_organisation_is_refused(market_shaper) -> None:
    stranger = PersonFactory.create(organisation=OrganisationFactory.create(name="Far Care"))
    problems = _refused(market_shaper, NeedNaming(need=swimming_need(stranger)))
    assert problems["needs"] == ["Choose needs of the people your organisation supports"]


@pytest.mark.parametrize("status", [NeedStatus.MET, NeedStatus.WITHDRAWN])
def test_a_need_met_or_withdrawn_is_refused(market_shaper, swim_need, status: str) -> None:
    swim_need.status = status
    swim_need.save()
    problems = _refused(market_shaper, NeedNaming(need=swim_need))
    assert "open it again before asking for quotes" in problems["needs"][0]


def test_a_pools_request_covers_every_members_need(market_shaper, provider, swim_need) -> None:
    ravi = PersonFactory.create(organisation=provider, first_name="Ravi", last_name="Mehta")
    rfq = _draw_up(
        market_shaper,
        NeedNaming(need=swim_need),
        NeedNaming(need=swimming_need(ravi), name_shown=NameShown.ALIAS, alias="R"),
    )
    assert rfq.people_count == 2
    assert [person.name for person in what_suppliers_see(rfq).people] == ["Dee", "R"]


def test_suppliers_see_the_first_name_only(sent_request, dee) -> None:
    view = what_suppliers_see(sent_request)
    text = str(view)
    assert view.names == "Dee"
    for private in ("Okafor", "Adaeze", "epilepsy", "HF1 2AB", str(dee.date_of_birth.year)):
        assert private not in text
    assert view.people[0].when == "Tuesdays, 6pm to 8pm"
    assert view.people[0].how_long == "2 hours a week"
    assert ("Languages", "Punjabi") in view.wanted


def test_an_alias_or_the_agreed_full_name(market_shaper, swim_need) -> None:
    rfq = _draw_up(
        market_shaper,
        NeedNaming(
            need=swim_need, name_shown=NameShown.FULL_NAME, full_name_agreed_by="Dee herself"
        ),
    )
    assert what_suppliers_see(rfq).names == "Dee Okafor"
    RequestNeed.objects.filter(request=rfq).update(name_shown=NameShown.ALIAS, alias="Swimmer D")
    assert what_suppliers_see(rfq).names == "Swimmer D"


def test_sending_needs_a_supplier(market_shaper, draft_request) -> None:
    with pytest.raises(ValidationError) as refused:
        send_request(actor=market_shaper, rfq=draft_request)
    assert refused.value.message_dict == {
        "suppliers": ["Choose at least one supplier to send it to"]
    }
    draft_request.refresh_from_db()
    assert draft_request.status == RequestStatus.DRAFT


def test_only_suppliers_in_the_directory_are_asked(market_shaper, draft_request) -> None:
    elsewhere = SupplierFactory.create(
        directory_owner=OrganisationFactory.create(name="Other Care Ltd")
    )
    with pytest.raises(ValidationError) as refused:
        invite_suppliers(actor=market_shaper, rfq=draft_request, suppliers=[elsewhere])
    assert refused.value.message_dict == {"suppliers": ["Choose suppliers from your directory"]}
    assert not RequestSupplier.objects.exists()


def test_a_sent_request_cannot_be_sent_again(market_shaper, sent_request) -> None:
    with pytest.raises(ValidationError) as refused:
        send_request(actor=market_shaper, rfq=sent_request)
    assert "'sent to suppliers'" in refused.value.message_dict["status"][0]


def test_withdrawing_needs_a_reason(market_shaper, sent_request) -> None:
    with pytest.raises(ValidationError) as refused:
        withdraw_request(actor=market_shaper, rfq=sent_request, reason="  ")
    assert "Say why the request is withdrawn" in refused.value.message_dict["reason"][0]
    sent_request.refresh_from_db()
    assert sent_request.status == RequestStatus.SENT


def test_withdrawing_closes_the_request(market_shaper, sent_request) -> None:
    withdraw_request(actor=market_shaper, rfq=sent_request, reason="Dee found a club")
    sent_request.refresh_from_db()
    assert sent_request.status == RequestStatus.WITHDRAWN
    assert what_suppliers_see(sent_request).withdrawn_reason == "Dee found a club"
    with pytest.raises(ValidationError):
        withdraw_request(actor=market_shaper, rfq=sent_request, reason="Again")


def test_a_supplier_declines_with_a_reason(supplier, sent_request) -> None:
    invitation = decline_request(actor=supplier, rfq=sent_request, reason="No women free")
    assert invitation.declined_at is not None
    assert invitation.supplier.organisation == supplier.organisation
    with pytest.raises(ValidationError) as again:
        decline_request(actor=supplier, rfq=sent_request, reason="Still no")
    assert again.value.message_dict["reason"] == ["You have already said you will not quote"]


def test_a_supplier_cannot_decline_a_withdrawn_request(
    market_shaper, supplier, sent_request
) -> None:
    withdraw_request(actor=market_shaper, rfq=sent_request, reason="Dee found a club")
    with pytest.raises(ValidationError) as refused:
        decline_request(actor=supplier, rfq=sent_request, reason="No women free")
    assert "'withdrawn': it is closed to replies" in refused.value.message_dict["reason"][0]
    assert not RequestSupplier.objects.filter(declined_at__isnull=False).exists()


def test_a_supplier_not_asked_cannot_decline(other_supplier_user, sent_request) -> None:
    with pytest.raises(ValidationError) as refused:
        decline_request(actor=other_supplier_user, rfq=sent_request, reason="No")
    assert refused.value.message_dict["reason"] == [
        "This request was not sent to your organisation"
    ]
