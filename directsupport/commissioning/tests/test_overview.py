"""The person's "My contracts" tab: their requests for quote, contracts (with their share of the
cost) and pools, standard and easy read, for exactly the roles commissioning/access.py allows.

Dee's swimming request RFQ-WIL-1 went to Bright Days, who offered £34 an hour; Tom countered
with £32 and Dee chose it; contract CON-WIL-1 is active at £32 an hour for two hours a week.
She is also in a pool swimming together on Tuesdays (£66 a week alone, £24 in the pool).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from directsupport.accounts.roles import OrganisationKind, Role
from directsupport.audit.models import AuditEvent
from directsupport.commissioning.models import ContractParty
from directsupport.commissioning.overview.rows import share_of
from directsupport.market.models import Supplier, SupportNeed
from directsupport.market.tests.factories import SupplierFactory
from directsupport.market.tests.matching_fixtures import swimming_need
from directsupport.people.models import Person
from tests.access_walk.world import commissioning_objects
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

ALLOWED = ("manager", "coordinator", "market_shaper", "finance", "commissioner", "person_user")
DENIED = ("worker", "expert", "supplier", "outsider", "other_commissioner", "neighbour_user")


@pytest.fixture
def dees_commissioning(
    swim_need: SupportNeed, bright_days: Supplier, market_shaper, supplier
) -> dict[str, Any]:
    return commissioning_objects(
        need=swim_need,
        supplier=bright_days,
        shaper=market_shaper,
        supplier_user=supplier,
        tag="Wil",
    )


@pytest.fixture
def elsewhere(other_provider, other_council) -> dict[str, Any]:
    """Another provider's person with a request, contract and pool of their own."""
    shaper = UserFactory.create(organisation=other_provider, role=Role.MARKET_SHAPER)
    entry = SupplierFactory.create(
        organisation=OrganisationFactory.create(name="Far Swim", kind=OrganisationKind.SUPPLIER),
        directory_owner=other_provider,
    )
    supplier_user = UserFactory.create(organisation=entry.organisation, role=Role.SUPPLIER)
    person = PersonFactory.create(
        organisation=other_provider, first_name="Zed", funding_council=other_council
    )
    made = commissioning_objects(
        need=swimming_need(person),
        supplier=entry,
        shaper=shaper,
        supplier_user=supplier_user,
        tag="Far",
    )
    return {**made, "person": person, "shaper": shaper, "supplier_user": supplier_user}


def _url(person: Person, *, easy: bool = False) -> str:
    name = "overview_person_easy_read" if easy else "overview_person"
    return reverse(f"commissioning:{name}", args=[person.pk])


@pytest.mark.parametrize("easy", [False, True])
@pytest.mark.parametrize("persona", ALLOWED)
def test_the_roles_that_may_read_see_the_persons_contract(
    request, client_for, dee, dees_commissioning, persona: str, easy: bool
) -> None:
    response = client_for(request.getfixturevalue(persona)).get(_url(dee, easy=easy))
    assert response.status_code == 200
    assert dees_commissioning["contract"].supplier.name in response.content.decode()


@pytest.mark.parametrize("easy", [False, True])
def test_a_circle_member_who_may_see_reads_it(
    client_for, dee, sister, sister_user, dees_commissioning, easy: bool
) -> None:
    assert client_for(sister_user).get(_url(dee, easy=easy)).status_code == 200


@pytest.mark.parametrize("easy", [False, True])
@pytest.mark.parametrize("persona", DENIED)
def test_everyone_else_gets_not_found(
    request, client_for, dee, neighbour, dees_commissioning, persona: str, easy: bool
) -> None:
    response = client_for(request.getfixturevalue(persona)).get(_url(dee, easy=easy))
    assert response.status_code == 404


def test_staff_see_the_request_its_offers_the_contract_with_its_cost_and_the_pool(
    client_for, market_shaper, dee, dees_commissioning
) -> None:
    page = client_for(market_shaper).get(_url(dee)).content.decode()
    assert "RFQ-WIL-1" in page and "Sent to suppliers" in page
    assert "1 open of 2" in page
    assert "CON-WIL-1" in page and "Active" in page
    assert "£64.00" in page  # £32 an hour for two hours a week, all Dee's
    assert "POOL-WIL-1" in page and "£66.00" in page and "£24.00" in page


def test_a_commissioner_sees_the_contract_and_pool_but_not_the_requests(
    client_for, commissioner, dee, dees_commissioning
) -> None:
    page = client_for(commissioner).get(_url(dee)).content.decode()
    assert "CON-WIL-1" in page and "POOL-WIL-1" in page
    assert "RFQ-WIL-1" not in page


def test_dee_reads_her_own_contract_in_her_own_voice(
    client_for, person_user, dee, dees_commissioning
) -> None:
    page = client_for(person_user).get(_url(dee, easy=True)).content.decode()
    assert "My contracts" in page
    assert "I pay £64.00 a week." in page
    assert "It is happening now." in page
    assert "Alone it costs £66.00 a week." in page and "Together it costs £24.00 a week." in page
    assert "You said yes." in page


def test_a_pool_contract_shows_her_share_and_the_whole(
    client_for, person_user, dee, dees_commissioning
) -> None:
    ContractParty.objects.filter(pk=dees_commissioning["party"].pk).update(share_bp=3_334)
    page = client_for(person_user).get(_url(dee, easy=True)).content.decode()
    assert "I pay £21.34 a week." in page  # a third of £64, to the penny
    assert "The whole cost is £64.00 a week." in page


def test_nothing_of_another_organisations_person_shows(
    client_for, market_shaper, dee, dees_commissioning, elsewhere
) -> None:
    page = client_for(market_shaper).get(_url(dee)).content.decode()
    assert "CON-FAR-1" not in page and "RFQ-FAR-1" not in page and "POOL-FAR-1" not in page
    assert client_for(market_shaper).get(_url(elsewhere["person"])).status_code == 404


def test_the_read_is_audited(client_for, coordinator, dee, dees_commissioning) -> None:
    client_for(coordinator).get(_url(dee))
    assert AuditEvent.objects.filter(
        person_id=dee.pk, action="view", summary="Requests and contracts"
    ).exists()


def test_the_tab_shows_to_the_person_and_staff_but_not_a_support_worker(
    client_for, person_user, market_shaper, worker, dee
) -> None:
    about = reverse("people:detail", args=[dee.pk])
    # On her own pages the tab is one of "My money and support": its second row names it.
    own = client_for(person_user).get(_url(dee)).content.decode()
    assert "My money and support" in client_for(person_user).get(about).content.decode()
    assert f'<a href="{_url(dee)}" aria-current="page">My contracts</a>' in own
    assert "Buying Dee&#x27;s support" in client_for(market_shaper).get(about).content.decode()
    assert _url(dee) not in client_for(worker).get(about).content.decode()


def test_empty_lists_say_so_plainly(client_for, person_user, dee) -> None:
    page = client_for(person_user).get(_url(dee, easy=True)).content.decode()
    assert "We have not asked suppliers for you yet." in page
    assert "You have no contracts yet." in page


@pytest.mark.parametrize(
    ("pence", "share_bp", "expected"),
    [(6_400, 10_000, 6_400), (6_400, 3_334, 2_134), (6_400, 3_333, 2_133), (1, 5_000, 1)],
)
def test_a_share_is_rounded_half_up_to_the_penny(pence: int, share_bp: int, expected: int) -> None:
    assert share_of(pence, share_bp) == expected


@pytest.mark.parametrize("easy", [False, True])
@pytest.mark.parametrize("persona", [*ALLOWED, "sister_user"])
def test_every_link_on_the_page_opens_for_the_viewer(
    request, client_for, dee, sister, dees_commissioning, persona: str, easy: bool
) -> None:
    client = client_for(request.getfixturevalue(persona))
    html = client.get(_url(dee, easy=easy)).content.decode()
    content = html[html.find("<main") :]
    links = set(re.findall(r'href="(/commissioning/[^"]*)"', content))
    assert links, "the page links to the request, contract or pool pages"
    for url in links:
        assert client.get(url).status_code == 200, url
