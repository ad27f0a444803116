# ruff: noqa: F811 (fixtures imported from directory_fixtures are named as test arguments)
"""Who may see and change the supplier directory, page by page.

Market shapers and managers keep it; coordinators, finance, support workers and the council's
commissioners read it; a supplier sees and changes its own entry only; people supported, their
circles, experts by experience and another provider's staff get "not found".
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from directsupport.audit.models import AuditEvent

from .directory_fixtures import (  # noqa: F401
    other_entry,
    other_service,
    own_entry,
    own_service,
    part_kwargs,
)
from .factories import PostcodeDistrictFactory, standard_term

pytestmark = pytest.mark.django_db

KEEPERS = ["market_shaper", "manager"]
READERS = ["coordinator", "finance", "worker", "commissioner"]
NOBODIES = ["person_user", "sister_user", "expert", "outsider"]

SERVICE_PAGES = [
    "market:service_edit",
    "market:service_remove",
    "market:schedule_add",
    "market:area_add",
    "market:price_add",
    "market:closure_add",
]
REMOVE_BUTTONS = [
    ("market:schedule_remove", "schedule_pk"),
    ("market:area_remove", "area_pk"),
    ("market:price_remove", "cost_pk"),
    ("market:closure_remove", "closure_pk"),
]
REFERENCE_PAGES = ["market:terms", "market:term_add", "market:districts", "market:district_add"]


def _entry_pages(service: Any) -> list[str]:
    supplier_pk, service_pk = service.supplier_id, service.pk
    return [
        reverse("market:supplier", args=[supplier_pk]),
        reverse("market:supplier_edit", args=[supplier_pk]),
        reverse("market:service_add", args=[supplier_pk]),
        *(reverse(name, args=[supplier_pk, service_pk]) for name in SERVICE_PAGES),
    ]


def _reference_pages() -> list[str]:
    term = standard_term("swimming")
    return [
        *(reverse(name) for name in REFERENCE_PAGES),
        reverse("market:term_rename", args=[term.pk]),
    ]


@pytest.fixture
def everyone(request) -> dict[str, Any]:
    """Every persona by fixture name (with Dee, so the council funds this provider's people)."""
    request.getfixturevalue("dee")
    names = [*KEEPERS, *READERS, *NOBODIES, "supplier", "sister"]
    return {name: request.getfixturevalue(name) for name in names}


@pytest.mark.parametrize("role", KEEPERS)
def test_keepers_open_every_page(client_for, everyone, other_service, role):
    client = client_for(everyone[role])
    pages = [
        reverse("market:supplier_list"),
        reverse("market:supplier_add"),
        *_entry_pages(other_service),
        *_reference_pages(),
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", KEEPERS)
def test_keepers_remove_parts(client_for, everyone, other_service, role):
    client = client_for(everyone[role])
    kwargs = part_kwargs(other_service)
    for name, key in REMOVE_BUTTONS:
        url = reverse(
            name,
            kwargs={"supplier_pk": kwargs["supplier_pk"], "service_pk": kwargs["service_pk"]}
            | {key: kwargs[key]},
        )
        assert client.get(url).status_code == 405, url
        assert client.post(url).status_code == 302, url
    other_service.refresh_from_db()
    assert not other_service.schedules.exists()
    assert not other_service.areas.exists()
    assert not other_service.cost_options.exists()
    assert not other_service.exceptions.exists()


@pytest.mark.parametrize("role", READERS)
def test_readers_see_the_directory_but_change_nothing(client_for, everyone, other_service, role):
    client = client_for(everyone[role])
    listing = client.get(reverse("market:supplier_list"))
    assert listing.status_code == 200
    assert "Hollowfield Lido Swimmers" in listing.content.decode()
    page = client.get(reverse("market:supplier", args=[other_service.supplier_id]))
    assert page.status_code == 200
    assert "Change details" not in page.content.decode()
    for url in _entry_pages(other_service)[1:]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"name": "Changed"}).status_code == 403, url
    kwargs = part_kwargs(other_service)
    for name, key in REMOVE_BUTTONS:
        url = reverse(
            name,
            kwargs={"supplier_pk": kwargs["supplier_pk"], "service_pk": kwargs["service_pk"]}
            | {key: kwargs[key]},
        )
        assert client.post(url).status_code == 403, url
    # Adding a supplier and the reference pages do not exist for them.
    assert client.get(reverse("market:supplier_add")).status_code == 404
    for url in _reference_pages():
        assert client.get(url).status_code == 404, url
    assert other_service.schedules.exists()


@pytest.mark.parametrize("role", NOBODIES)
def test_people_circles_experts_and_outsiders_find_nothing(
    client_for, everyone, other_service, role
):
    client = client_for(everyone[role])
    for url in [*_entry_pages(other_service), reverse("market:supplier_add")]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "Intruder"}).status_code == 404, url
    for url in _reference_pages():
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("market:my_entry")).status_code == 404
    listing = client.get(reverse("market:supplier_list"))
    if role == "outsider":
        # Another provider's coordinator reads their own provider's directory: not ours.
        assert listing.status_code == 200
        assert "Hollowfield Lido Swimmers" not in listing.content.decode()
    else:
        assert listing.status_code == 404
    assert AuditEvent.objects.filter(action="denied", actor=everyone[role]).exists()


def test_a_supplier_changes_its_own_entry_only(client_for, everyone, own_service, other_service):
    client = client_for(everyone["supplier"])
    for url in _entry_pages(own_service):
        assert client.get(url).status_code == 200, url
    for url in _entry_pages(other_service):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "Intruder"}).status_code == 404, url
    kwargs = part_kwargs(other_service)
    for name, key in REMOVE_BUTTONS:
        url = reverse(
            name,
            kwargs={"supplier_pk": kwargs["supplier_pk"], "service_pk": kwargs["service_pk"]}
            | {key: kwargs[key]},
        )
        assert client.post(url).status_code == 404, url
    # The directory itself, adding suppliers and the reference data are not theirs.
    assert client.get(reverse("market:supplier_list")).status_code == 404
    assert client.get(reverse("market:supplier_add")).status_code == 404
    for url in _reference_pages():
        assert client.get(url).status_code == 404, url
    assert other_service.schedules.exists()


def test_my_entry_takes_a_supplier_to_its_own_page(client_for, supplier, own_entry):
    response = client_for(supplier).get(reverse("market:my_entry"))
    assert response.status_code == 302
    assert response["Location"] == reverse("market:supplier", args=[own_entry.pk])


def test_a_supplier_not_in_the_directory_has_no_entry_page(client_for, supplier):
    assert client_for(supplier).get(reverse("market:my_entry")).status_code == 404


def test_a_part_of_another_service_is_not_found(
    client_for, market_shaper, own_service, other_service
):
    """A schedule is removed only through its own service's address."""
    own = part_kwargs(own_service)
    other = part_kwargs(other_service)
    url = reverse(
        "market:schedule_remove",
        kwargs={
            "supplier_pk": own["supplier_pk"],
            "service_pk": own["service_pk"],
            "schedule_pk": other["schedule_pk"],
        },
    )
    assert client_for(market_shaper).post(url).status_code == 404
    assert other_service.schedules.filter(pk=other["schedule_pk"]).exists()


def test_a_service_of_another_supplier_is_not_found(
    client_for, market_shaper, own_entry, other_service
):
    url = reverse("market:service_edit", args=[own_entry.pk, other_service.pk])
    assert client_for(market_shaper).get(url).status_code == 404


def test_another_providers_keeper_cannot_reach_our_entries(
    client_for, other_provider, other_service
):
    from tests.factories import UserFactory

    their_shaper = UserFactory.create(organisation=other_provider, role="market_shaper")
    client = client_for(their_shaper)
    for url in _entry_pages(other_service):
        assert client.get(url).status_code == 404, url
    PostcodeDistrictFactory.create(code="HF9")
    assert client.get(reverse("market:districts")).status_code == 200
