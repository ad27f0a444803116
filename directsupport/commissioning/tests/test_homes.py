# ruff: noqa: F811 (fixtures imported from test_overview are named as test arguments)
"""What commissioning puts on the home page, per role: the council's waiting work, the
supplier's requests, offers and contracts, and the market shaper's counts, each with links,
and nothing of another organisation."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from directsupport.commissioning.models import (
    Contract,
    ContractStatus,
    OfferStatus,
    PoolStatus,
)
from directsupport.commissioning.overview.links import link_to
from directsupport.funds.models import Agreement, AgreementStatus, Fund

from .test_overview import dees_commissioning, elsewhere  # noqa: F401  (fixtures)


def _home(client_for, user) -> str:
    """The home page's words (tags taken out, spaces squeezed), then its links."""
    response = client_for(user).get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    # The panels separate an item from its note with an en dash; tests write a hyphen.
    words = " ".join(re.sub(r"<[^>]+>", "", html).split()).replace("\u2013", "-")
    return words + "\n" + html


@pytest.fixture
def dees_agreement_waits_for_the_council(dee, provider, council) -> Fund:
    fund = Fund.objects.create(person=dee, provider=provider, council=council, reference="ISF-D1")
    Agreement.objects.create(
        fund=fund,
        version=1,
        status=AgreementStatus.AGREED,
        annual_budget_pence=3_120_000,
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2027, 3, 31),
        first_review_on=dt.date(2026, 9, 1),
    )
    return fund


# --- The commissioner ----------------------------------------------------------------------


def test_the_council_sees_the_agreement_waiting_for_it_with_a_link(
    client_for, commissioner, dee, dees_agreement_waits_for_the_council
) -> None:
    page = _home(client_for, commissioner)
    assert "What waits for the council" in page
    assert "ISF agreements waiting for your decision (1)" in page
    assert f'href="{reverse("funds:agreement", args=[dee.pk])}"' in page
    assert "ISF-D1" in page


def test_the_council_notes_contracts_and_pools_of_people_it_funds(
    client_for, commissioner, dees_commissioning: dict[str, Any], elsewhere: dict[str, Any]
) -> None:
    page = _home(client_for, commissioner)
    assert "CON-WIL-1: Supported swimming on Tuesday evenings" in page
    assert "POOL-WIL-1: Swimming together on Tuesdays" in page
    assert "CON-FAR-1" not in page and "POOL-FAR-1" not in page
    url = link_to(
        "commissioning:contract_detail", support_contract_pk=dees_commissioning["contract"].pk
    )
    assert url and f'href="{url}"' in page


def test_a_draft_contract_is_not_for_the_council_yet(
    client_for, commissioner, dees_commissioning: dict[str, Any]
) -> None:
    Contract.objects.filter(pk=dees_commissioning["contract"].pk).update(
        status=ContractStatus.DRAFT
    )
    page = _home(client_for, commissioner)
    assert "CON-WIL-1" not in page
    assert "No contracts for the people you fund yet." in page


def test_another_council_sees_none_of_it(
    client_for,
    other_commissioner,
    dees_commissioning: dict[str, Any],
    dees_agreement_waits_for_the_council,
) -> None:
    page = _home(client_for, other_commissioner)
    assert "No agreement is waiting for the council." in page
    assert "CON-WIL-1" not in page and "POOL-WIL-1" not in page and "ISF-D1" not in page


# --- The supplier ----------------------------------------------------------------------------


def test_the_supplier_sees_the_request_the_counter_offer_and_the_contract(
    client_for, supplier, dees_commissioning: dict[str, Any], elsewhere: dict[str, Any]
) -> None:
    page = _home(client_for, supplier)
    assert "RFQ-WIL-1: Supported swimming - reply by 14 December 2026" in page
    assert "a counter-offer for you to answer" in page
    assert "CON-WIL-1: Supported swimming on Tuesday evenings - active" in page
    assert "RFQ-FAR-1" not in page and "CON-FAR-1" not in page
    # Never a person's name or private details: only what the request says.
    assert "Okafor" not in page and "epilepsy" not in page
    for name, key, obj in (
        ("request_portal_detail", "rfq_pk", "rfq"),
        ("offer_new_for_supplier", "rfq_pk", "rfq"),
        ("contract_portal_detail", "support_contract_pk", "contract"),
    ):
        url = link_to(f"commissioning:{name}", **{key: dees_commissioning[obj].pk})
        assert url and f'href="{url}"' in page, name
    # The directory entry panel is still there.
    assert "Your directory entry" in page


def test_a_supplier_not_asked_sees_nothing(
    client_for, other_supplier_user, dees_commissioning: dict[str, Any]
) -> None:
    page = _home(client_for, other_supplier_user)
    assert "No requests for quote have been sent to you yet." in page
    assert "You have no contracts yet." in page
    assert "RFQ-WIL-1" not in page


def test_a_contract_to_accept_comes_first(
    client_for, supplier, dees_commissioning: dict[str, Any]
) -> None:
    Contract.objects.filter(pk=dees_commissioning["contract"].pk).update(
        status=ContractStatus.AGREED
    )
    page = _home(client_for, supplier)
    assert "(1 to accept)" in page
    assert "CON-WIL-1: Supported swimming on Tuesday evenings - for you to accept" in page


def test_the_suppliers_own_offer_waits_for_an_answer(
    client_for, supplier, dees_commissioning: dict[str, Any]
) -> None:
    dees_commissioning["counter"].status = OfferStatus.SUPERSEDED
    dees_commissioning["counter"].save()
    dees_commissioning["offer"].status = OfferStatus.OPEN
    dees_commissioning["offer"].save()
    assert "your offer, waiting for an answer" in _home(client_for, supplier)


# --- The market shaper and manager -------------------------------------------------------


@pytest.mark.parametrize("persona", ["market_shaper", "manager"])
def test_commissioning_counts_for_those_who_commission(
    request, client_for, persona: str, dees_commissioning: dict[str, Any], elsewhere
) -> None:
    page = _home(client_for, request.getfixturevalue(persona))
    # Bright Days' offer was countered, so the request waits for an offer again.
    assert "Requests waiting for offers: 1" in page
    assert "Offers to answer: 0" in page
    assert "Contracts waiting to be agreed: 0" in page
    assert "Pools proposed: 1" in page  # only Willowbrook's own pool
    assert "Latest optimiser run" in page


@pytest.mark.parametrize("persona", ["coordinator", "finance", "worker", "expert"])
def test_no_commissioning_counts_for_other_staff(request, client_for, persona: str) -> None:
    assert "Requests waiting for offers" not in _home(client_for, request.getfixturevalue(persona))


def test_a_proposed_pool_counts_until_it_is_agreed(
    client_for, market_shaper, dees_commissioning: dict[str, Any]
) -> None:
    dees_commissioning["pool"].status = PoolStatus.AGREED
    dees_commissioning["pool"].save()
    assert "Pools proposed: 0" in _home(client_for, market_shaper)


def test_the_supplier_is_sent_to_its_portal_pages_not_the_staffs(
    client_for, supplier, dees_commissioning: dict[str, Any]
) -> None:
    page = _home(client_for, supplier)
    rfq = dees_commissioning["rfq"]
    assert reverse("commissioning:request_detail", kwargs={"rfq_pk": rfq.pk}) + '"' not in page
    assert f'href="{reverse("commissioning:request_portal_list")}"' in page
    assert f'href="{reverse("commissioning:contract_portal_list")}"' in page


def test_every_link_on_the_panels_opens_for_the_user(
    client_for, commissioner, supplier, market_shaper, dees_commissioning: dict[str, Any]
) -> None:
    for user in (commissioner, supplier, market_shaper):
        client = client_for(user)
        html = client.get(reverse("home")).content.decode()
        start = html.find("<main")
        for url in set(re.findall(r'href="(/commissioning/[^"]*)"', html[start:])):
            assert client.get(url).status_code == 200, (user.role, url)


# --- The main navigation ---------------------------------------------------------------------

NAV = {
    "manager": ("Commissioning", "commissioning:request_list"),
    "coordinator": ("Commissioning", "commissioning:request_list"),
    "market_shaper": ("Commissioning", "commissioning:request_list"),
    "finance": ("Commissioning", "commissioning:request_list"),
    "commissioner": ("Support contracts", "commissioning:contract_list"),
    "supplier": ("Requests for quote", "commissioning:request_portal_list"),
}


@pytest.mark.parametrize("persona", sorted(NAV))
def test_commissioning_is_in_the_navigation_and_opens(request, client_for, persona: str) -> None:
    client = client_for(request.getfixturevalue(persona))
    label, name = NAV[persona]
    links = client.get(reverse("home")).context["nav_links"]
    assert {"label": label, "url": reverse(name), "current": False} in links
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("persona", ["worker", "expert", "person_user", "sister_user"])
def test_no_commissioning_in_the_navigation_of_others(request, client_for, persona: str) -> None:
    links = client_for(request.getfixturevalue(persona)).get(reverse("home")).context["nav_links"]
    assert not [link for link in links if link["url"].startswith("/commissioning/")]
