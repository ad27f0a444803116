"""Contract pages: allowed and denied for every role, bad input kept with a clear message, the
PDFs readable, and the supplier accepting in its portal."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from directsupport.commissioning.models import Contract, ContractStatus

from .contract_fixtures import *  # noqa: F403 (fixtures)
from .contract_fixtures import agree_everyone

pytestmark = pytest.mark.django_db


def url(name: str, contract: Contract, **more: int) -> str:
    return reverse(f"commissioning:{name}", kwargs={"support_contract_pk": contract.pk, **more})


def _get(client_for, user, address: str):
    return client_for(user).get(address)


@pytest.fixture
def people_around(sister, neighbour):
    return sister, neighbour


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("market_shaper", 200),
        ("manager", 200),
        ("coordinator", 200),
        ("finance", 200),
        ("commissioner", 200),
        ("worker", 404),
        ("expert", 404),
        ("supplier", 404),
        ("person_user", 404),
        ("outsider", 200),
    ],
)
def test_contract_list_by_role(request, client_for, dee_contract, persona, status):
    user = request.getfixturevalue(persona)
    response = _get(client_for, user, reverse("commissioning:contract_list"))
    assert response.status_code == status
    if status == 200:
        # The council sees no drafts; another provider's coordinator none of ours.
        shown = persona not in ("commissioner", "outsider")
        assert (b"CON-0001" in response.content) == shown


def test_contract_list_filters_by_state(client_for, market_shaper, dee_contract):
    address = reverse("commissioning:contract_list")
    assert b"CON-0001" in _get(client_for, market_shaper, f"{address}?status=draft").content
    assert b"CON-0001" not in _get(client_for, market_shaper, f"{address}?status=active").content


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("market_shaper", 200),
        ("coordinator", 200),
        ("finance", 200),
        ("person_user", 200),
        ("sister_user", 200),
        ("supplier", 302),
        ("commissioner", 404),  # a draft is not the council's yet
        ("other_commissioner", 404),
        ("worker", 404),
        ("expert", 404),
        ("neighbour_user", 404),
        ("other_supplier_user", 404),
        ("outsider", 404),
    ],
)
def test_contract_detail_by_role(request, client_for, dee_contract, people_around, persona, status):
    user = request.getfixturevalue(persona)
    assert _get(client_for, user, url("contract_detail", dee_contract)).status_code == status


def test_the_council_reads_an_agreed_contract(
    client_for, commissioner, dee_contract, supplier, market_shaper
):
    agree_everyone(dee_contract, supplier=supplier, staff=market_shaper)
    response = _get(client_for, commissioner, url("contract_detail", dee_contract))
    assert response.status_code == 200
    assert b"ISF-" in response.content


def test_the_pdf_holds_the_parties_and_the_rate(client_for, market_shaper, dee_contract):
    response = _get(client_for, market_shaper, url("contract_pdf", dee_contract))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for words in ("Willowbrook Support", "Splash Swim CIC", "Dee Okafor", "ISF-", "£31.47"):
        assert words in text
    assert "£62.94" in text


def test_the_easy_read_pdf_opens_for_the_person(client_for, person_user, dee_contract):
    response = _get(client_for, person_user, url("contract_easy_read_pdf", dee_contract))
    assert response.status_code == 200
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "£31.47 an hour" in text
    assert "You pay £62.94 a week" in text


@pytest.mark.parametrize(
    ("persona", "status"),
    [("person_user", 200), ("market_shaper", 200), ("worker", 404), ("outsider", 404)],
)
def test_easy_read_page_by_role(request, client_for, dee_contract, persona, status):
    user = request.getfixturevalue(persona)
    assert _get(client_for, user, url("contract_easy_read", dee_contract)).status_code == status


def test_the_person_says_yes_in_easy_read(client_for, person_user, dee_contract):
    client = client_for(person_user)
    page = client.get(url("contract_agree", dee_contract))
    assert page.status_code == 200
    assert b"Do you want this contract?" in page.content
    refused = client.post(url("contract_agree", dee_contract), {"comment": "Maybe"})
    assert b"Tick the box to say yes" in refused.content
    assert b"Maybe" in refused.content  # what was typed is kept
    assert dee_contract.parties.get().agreed_at is None
    client.post(url("contract_agree", dee_contract), {"agree": "on", "comment": "Yes please"})
    party = dee_contract.parties.get()
    assert party.agreed_at is not None
    assert party.person_comment == "Yes please"


@pytest.mark.parametrize("persona", ["sister_user", "market_shaper", "outsider"])
def test_only_the_person_agrees_on_their_own_page(
    request, client_for, dee_contract, people_around, persona
):
    user = request.getfixturevalue(persona)
    assert _get(client_for, user, url("contract_agree", dee_contract)).status_code == 404


def test_staff_record_a_representatives_decision_with_name_and_reason(
    client_for, market_shaper, dee_contract
):
    party = dee_contract.parties.get()
    address = url("contract_party_agree", dee_contract, party_pk=party.pk)
    client = client_for(market_shaper)
    assert client.get(address).status_code == 200
    response = client.post(
        address, {"decided_by": "representative", "comment": "She smiled at the pool"}
    )
    assert response.status_code == 200
    assert b"Enter the name of the representative" in response.content
    assert b"She smiled at the pool" in response.content
    party.refresh_from_db()
    assert party.agreed_at is None
    client.post(
        address,
        {
            "decided_by": "representative",
            "representative_name": "Ngozi Okafor",
            "representative_reason": "Dee's deputy for her care decisions",
        },
    )
    party.refresh_from_db()
    assert party.representative_name == "Ngozi Okafor"


@pytest.mark.parametrize(("persona", "status"), [("coordinator", 403), ("worker", 404)])
def test_recording_agreement_is_for_commissioning_staff(
    request, client_for, dee_contract, persona, status
):
    party = dee_contract.parties.get()
    user = request.getfixturevalue(persona)
    address = url("contract_party_agree", dee_contract, party_pk=party.pk)
    assert _get(client_for, user, address).status_code == status


def test_drawing_up_from_the_choice(client_for, market_shaper, dee_choice):
    address = reverse("commissioning:contract_new", kwargs={"rfq_pk": dee_choice.request_id})
    client = client_for(market_shaper)
    page = client.get(address)
    assert page.status_code == 200
    assert b"24 hours" in page.content  # the offer's cancellation terms to start from
    bad = client.post(
        address,
        {
            "cancellation_rules": "",
            "change_rules": "In writing",
            "notice_weeks": "99",
            "ends_on": "2026-11-01",
            "split_rule": "equal",
        },
    )
    assert bad.status_code == 200
    for message in (
        b"Enter cancellation rules",
        b"The notice can be at most 52 weeks",
        b"give a later end date",
    ):
        assert message in bad.content
    assert b"In writing" in bad.content
    assert not Contract.objects.exists()
    done = client.post(
        address,
        {
            "cancellation_rules": "24 hours' notice",
            "change_rules": "In writing",
            "notice_weeks": "4",
            "ends_on": "",
            "split_rule": "equal",
        },
    )
    contract = Contract.objects.get()
    assert done.url == url("contract_detail", contract)


@pytest.mark.parametrize(
    ("persona", "status"), [("coordinator", 403), ("worker", 404), ("supplier", 404)]
)
def test_drawing_up_is_for_commissioning_staff(request, client_for, dee_choice, persona, status):
    user = request.getfixturevalue(persona)
    address = reverse("commissioning:contract_new", kwargs={"rfq_pk": dee_choice.request_id})
    assert _get(client_for, user, address).status_code == status


def test_activate_refuses_without_agreement_and_says_why(
    client_for, market_shaper, dee_contract, supplier
):
    from directsupport.commissioning.contracts.services import accept_for_supplier

    accept_for_supplier(actor=supplier, contract=dee_contract)
    client = client_for(market_shaper)
    response = client.post(url("contract_activate", dee_contract), follow=True)
    assert "can&#x27;t become active without the person&#x27;s agreement" in (
        response.content.decode()
    )
    dee_contract.refresh_from_db()
    assert dee_contract.status == ContractStatus.DRAFT


@pytest.mark.parametrize(("persona", "status"), [("finance", 403), ("expert", 404)])
def test_activate_is_for_commissioning_staff(request, client_for, dee_contract, persona, status):
    user = request.getfixturevalue(persona)
    assert client_for(user).post(url("contract_activate", dee_contract)).status_code == status


@pytest.fixture
def active_contract(dee_contract, supplier, market_shaper):
    from directsupport.commissioning.contracts.services import activate

    agree_everyone(dee_contract, supplier=supplier, staff=market_shaper)
    activate(actor=market_shaper, contract=dee_contract)
    dee_contract.refresh_from_db()
    return dee_contract


def test_notice_page_keeps_input_and_explains_the_earliest_date(
    client_for, market_shaper, active_contract
):
    client = client_for(market_shaper)
    address = url("contract_notice", active_contract)
    page = client.get(address)
    assert b"the earliest end is 4 January 2027" in page.content
    bad = client.post(address, {"ends_on": "2026-12-20", "reason": "Dee is moving"})
    assert b"4 weeks&#x27; notice" in bad.content
    assert b"Dee is moving" in bad.content
    active_contract.refresh_from_db()
    assert active_contract.status == ContractStatus.ACTIVE
    client.post(address, {"ends_on": "2027-01-12", "reason": "Dee is moving"})
    active_contract.refresh_from_db()
    assert active_contract.status == ContractStatus.ENDING
    assert active_contract.ends_on == dt.date(2027, 1, 12)


@pytest.mark.parametrize("name", ["contract_notice", "contract_end"])
@pytest.mark.parametrize(
    ("persona", "status"), [("finance", 403), ("sister_user", 403), ("neighbour_user", 404)]
)
def test_change_pages_are_for_commissioning_staff(
    request, client_for, active_contract, people_around, name, persona, status
):
    user = request.getfixturevalue(persona)
    assert _get(client_for, user, url(name, active_contract)).status_code == status


def test_ending_from_its_page(client_for, market_shaper, active_contract):
    client = client_for(market_shaper)
    bad = client.post(url("contract_end", active_contract), {"reason": ""})
    assert b"Say why" in bad.content
    client.post(url("contract_end", active_contract), {"reason": "Dee changed her mind"})
    active_contract.refresh_from_db()
    assert active_contract.status == ContractStatus.ENDED


def test_a_member_leaves_from_its_page(client_for, market_shaper, pool_contract, swimmers):
    party = pool_contract.parties.get(person=swimmers[0])
    address = url("contract_member_leaves", pool_contract, party_pk=party.pk)
    client = client_for(market_shaper)
    assert client.get(address).status_code == 200
    bad = client.post(address, {"leaves_on": "not a date", "reason": "Moving"})
    assert b"Enter a real date" in bad.content
    client.post(address, {"leaves_on": "2026-12-16", "reason": "Moving"})
    party.refresh_from_db()
    assert party.leaves_on == dt.date(2026, 12, 16)


@pytest.mark.parametrize(("persona", "status"), [("coordinator", 403), ("worker", 404)])
def test_member_leaving_is_for_commissioning_staff(
    request, client_for, pool_contract, persona, status
):
    party = pool_contract.parties.first()
    user = request.getfixturevalue(persona)
    address = url("contract_member_leaves", pool_contract, party_pk=party.pk)
    assert _get(client_for, user, address).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [("supplier", 200), ("market_shaper", 404), ("person_user", 404), ("outsider", 404)],
)
def test_portal_list_by_role(request, client_for, dee_contract, persona, status):
    user = request.getfixturevalue(persona)
    response = _get(client_for, user, reverse("commissioning:contract_portal_list"))
    assert response.status_code == status


def test_the_supplier_accepts_in_its_portal(client_for, supplier, dee_contract):
    client = client_for(supplier)
    page = client.get(url("contract_portal_detail", dee_contract))
    assert page.status_code == 200
    assert b"Dee" in page.content  # the name the request showed (first name)
    assert b"Okafor" not in page.content
    client.post(url("contract_portal_detail", dee_contract))
    dee_contract.refresh_from_db()
    assert dee_contract.supplier_accepted_by == supplier


@pytest.mark.parametrize("persona", ["other_supplier_user", "market_shaper", "person_user"])
def test_portal_contract_denied_to_others(request, client_for, dee_contract, persona):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    assert client.get(url("contract_portal_detail", dee_contract)).status_code == 404
    assert client.post(url("contract_portal_detail", dee_contract)).status_code == 404
    dee_contract.refresh_from_db()
    assert dee_contract.supplier_accepted_at is None


def test_the_supplier_pdf_names_people_only_as_the_request_did(client_for, supplier, dee_contract):
    response = _get(client_for, supplier, url("contract_pdf", dee_contract))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Dee" in text
    assert "Okafor" not in text


def test_another_councils_pool_member_is_not_named_to_the_council(
    client_for, commissioner, other_council, pool_contract, swimmers, supplier, market_shaper
):
    ayo = swimmers[0]
    ayo.funding_council = other_council
    ayo.save()
    agree_everyone(pool_contract, supplier=supplier, staff=market_shaper)
    page = _get(client_for, commissioner, url("contract_detail", pool_contract)).content.decode()
    assert "Dee Okafor" in page
    assert "Ayo Swimmer" not in page
    assert "Another person" in page


def test_the_council_learns_a_representative_decided_but_not_who(
    client_for, commissioner, market_shaper, dee_contract, supplier
):
    from directsupport.commissioning.contracts.services import (
        accept_for_supplier,
        record_person_agreement,
    )

    record_person_agreement(
        actor=market_shaper,
        party=dee_contract.parties.get(),
        decided_by="representative",
        representative_name="Ngozi Okafor",
        representative_reason="Dee's deputy",
    )
    accept_for_supplier(actor=supplier, contract=dee_contract)
    for persona, shown in ((commissioner, False), (market_shaper, True)):
        page = _get(client_for, persona, url("contract_detail", dee_contract)).content.decode()
        assert "by a representative" in page or shown
        assert ("Ngozi Okafor" in page) == shown
