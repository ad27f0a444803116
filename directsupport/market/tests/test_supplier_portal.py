# ruff: noqa: F811 (fixtures imported from directory_fixtures are named as test arguments)
"""A supplier's own home page: its entry, what it still needs (each gap with a link to put it
right) and where requests will appear; and the directory in each role's navigation."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from .directory_fixtures import TODAY, own_entry, own_service  # noqa: F401
from .factories import standard_term

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _home(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_complete_entry_says_so(client_for, supplier, own_entry):
    page = _home(client_for(supplier))
    assert "Your directory entry" in page
    assert "Your entry has everything people need to find and choose you." in page
    assert "To do" not in page
    assert "Published: other directories can list it." in page
    assert "Requests for quotes sent to you" in page


def test_each_gap_has_a_link_to_put_it_right(client_for, supplier, own_entry, own_service):
    own_service.schedules.all().delete()
    own_service.cost_options.update(valid_to=TODAY.date().replace(day=1))
    own_service.terms.add(standard_term("personal-care"))
    own_entry.languages = own_entry.skills = own_entry.interests = own_entry.worker_genders = []
    own_entry.published = False
    own_entry.save()
    page = _home(client_for(supplier))
    args = [own_entry.pk, own_service.pk]
    edit = reverse("market:supplier_edit", args=[own_entry.pk])
    for label, link in [
        ("When Community support runs", reverse("market:schedule_add", args=args)),
        ("A current price for Community support", reverse("market:price_add", args=args)),
        ("CQC registration details", f"{edit}#id_cqc_location_id"),
        ("What people can match on", f"{edit}#id_languages"),
        ("Published, so other directories can list it", f"{edit}#id_published"),
    ]:
        assert label in page, label
        assert f'href="{link}"' in page, link
    assert "Not published" in page
    # What is there is ticked off, in words, not colour alone.
    assert "Done</span> A description of what you offer" in page
    assert "Done</span> Where Community support works" in page


def test_an_entry_without_services_asks_for_one(client_for, supplier, own_entry):
    own_entry.services.all().delete()
    page = _home(client_for(supplier))
    assert "At least one service" in page
    assert reverse("market:service_add", args=[own_entry.pk]) in page


def test_a_supplier_not_in_the_directory_is_told_how_to_get_in(client_for, supplier):
    page = _home(client_for(supplier))
    assert "Bright Days CIC is not in the supplier directory yet" in page


def test_staff_home_pages_have_no_supplier_panel(client_for, market_shaper, own_entry):
    assert "Your directory entry" not in _home(client_for(market_shaper))


def test_the_checklist_is_on_the_entry_page_for_those_who_change_it(
    client_for, supplier, coordinator, own_entry, own_service, dee
):
    own_service.schedules.all().delete()
    url = reverse("market:supplier", args=[own_entry.pk])
    assert "What this entry still needs" in client_for(supplier).get(url).content.decode()
    assert "What this entry still needs" not in client_for(coordinator).get(url).content.decode()


@pytest.mark.parametrize(
    ("role", "label", "shown"),
    [
        ("market_shaper", "Suppliers", True),
        ("manager", "Suppliers", True),
        ("coordinator", "Suppliers", True),
        ("finance", "Suppliers", False),
        ("supplier", "My directory entry", True),
        ("person_user", "Suppliers", False),
    ],
)
def test_the_directory_in_the_navigation(request, client_for, role, label, shown):
    user = request.getfixturevalue(role)
    links = client_for(user).get(reverse("home")).context["nav_links"]
    labels = [link["label"] for link in links]
    assert (label in labels) is shown
