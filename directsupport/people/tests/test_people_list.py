"""The people list: who sees whom, search, filters, pagination, and constant queries."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directsupport.accounts.roles import Role
from directsupport.people.models import PreferredFormat, Stage
from tests.factories import AreaFactory, PersonFactory, SupportAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def found(pattern: bytes, content: bytes) -> re.Match[bytes]:
    match = re.search(pattern, content, re.S)
    assert match is not None, f"{pattern!r} not on the page"
    return match


def names(response) -> list[str]:
    return [person.display_name for person in response.context["page"]]


@pytest.mark.parametrize("name", ["coordinator", "manager", "finance", "market_shaper"])
def test_provider_staff_see_everyone_their_provider_supports(
    name, persona, client_for, provider, other_provider
):
    PersonFactory.create(organisation=provider, first_name="Zed", last_name="Able")
    PersonFactory.create(organisation=other_provider, first_name="Otto", last_name="Elsewhere")

    response = client_for(persona(name)).get("/people/")

    assert response.status_code == 200
    assert sorted(names(response)) == ["Dee Okafor", "Zed Able"]


def test_support_worker_sees_only_the_people_they_are_assigned_to(
    client_for, worker, dee, provider
):
    PersonFactory.create(organisation=provider, first_name="Zed", last_name="Able")

    response = client_for(worker).get("/people/")

    assert names(response) == ["Dee Okafor"]


def test_other_worker_sees_nobody(client_for, other_worker, dee):
    response = client_for(other_worker).get("/people/")

    assert names(response) == []
    assert b"There is nobody to show yet." in response.content


def test_commissioner_sees_only_people_their_council_funds(
    client_for, commissioner, other_commissioner, dee, provider
):
    PersonFactory.create(organisation=provider, first_name="Zed", last_name="Able")

    assert names(client_for(commissioner).get("/people/")) == ["Dee Okafor"]
    assert names(client_for(other_commissioner).get("/people/")) == []


def test_circle_member_sees_only_people_who_let_them_see(
    client_for, sister_user, neighbour_user, everyone
):
    assert names(client_for(sister_user).get("/people/")) == ["Dee Okafor"]
    assert names(client_for(neighbour_user).get("/people/")) == []


def test_staff_of_another_provider_see_nobody_of_ours(outsider, client_for, everyone):
    response = client_for(outsider).get("/people/")

    assert response.status_code == 200
    assert names(response) == []


@pytest.mark.parametrize("name", ["supplier", "expert"])
def test_roles_that_never_see_people_have_no_people_list(name, persona, client_for):
    assert client_for(persona(name)).get("/people/").status_code == 404


def test_person_sees_only_themselves(client_for, person_user, dee, provider):
    PersonFactory.create(organisation=provider, first_name="Zed", last_name="Able")

    assert names(client_for(person_user).get("/people/")) == ["Dee Okafor"]


def test_signed_out_visitor_is_sent_to_sign_in(client, dee):
    response = client.get("/people/")

    assert response.status_code == 302
    assert "/account/sign-in/" in response["Location"]


# --- Search and filters -----------------------------------------------------------------------


@pytest.fixture
def three_people(provider, dee, coordinator):
    other_coordinator = UserFactory.create(
        organisation=provider, role=Role.COORDINATOR, full_name="Ben Ward"
    )
    southside = AreaFactory.create(organisation=provider, name="Southside")
    PersonFactory.create(
        organisation=provider,
        first_name="Zachary",
        preferred_name="Zak",
        last_name="Able",
        area=southside,
        coordinator=other_coordinator,
        stage=Stage.PLANNING,
    )
    PersonFactory.create(
        organisation=provider,
        first_name="Mary",
        last_name="Okonjo",
        area=southside,
        coordinator=coordinator,
        stage=Stage.ISF_LIVE,
        preferred_format=PreferredFormat.LARGE_PRINT,
    )
    return {"southside": southside, "ben": other_coordinator}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("adaeze", ["Dee Okafor"]),  # first name
        ("DEE", ["Dee Okafor"]),  # preferred name, any case
        ("oKo", ["Mary Okonjo"]),  # part of a last name
        ("zak", ["Zak Able"]),
        ("ok", ["Dee Okafor", "Mary Okonjo"]),
        ("dee okafor", ["Dee Okafor"]),  # every word must match
        ("dee okonjo", []),
    ],
)
def test_search_by_first_last_or_preferred_name(
    query, expected, client_for, coordinator, three_people
):
    response = client_for(coordinator).get("/people/", {"q": query})

    assert sorted(names(response)) == expected


def test_search_keeps_what_was_typed(client_for, coordinator, three_people):
    response = client_for(coordinator).get("/people/", {"q": "okon"})

    assert b'value="okon"' in response.content


def test_filter_by_area(client_for, coordinator, three_people):
    response = client_for(coordinator).get("/people/", {"area": three_people["southside"].pk})

    assert names(response) == ["Zak Able", "Mary Okonjo"]


def test_filter_by_coordinator(client_for, coordinator, three_people):
    response = client_for(coordinator).get("/people/", {"coordinator": three_people["ben"].pk})

    assert names(response) == ["Zak Able"]


def test_filter_mine_shows_the_people_i_coordinate(client_for, coordinator, three_people):
    response = client_for(coordinator).get("/people/", {"coordinator": "mine"})

    assert names(response) == ["Dee Okafor", "Mary Okonjo"]


def test_mine_is_off_by_default(client_for, coordinator, three_people):
    response = client_for(coordinator).get("/people/")

    assert len(names(response)) == 3
    assert re.search(rb'<option value="mine">People I coordinate</option>', response.content)
    assert b'<option value="mine" selected' not in response.content


def test_mine_is_offered_only_to_someone_who_coordinates(client_for, manager, three_people):
    response = client_for(manager).get("/people/")

    assert b'value="mine"' not in response.content


def test_filter_by_stage(client_for, coordinator, three_people):
    response = client_for(coordinator).get("/people/", {"stage": Stage.ISF_LIVE})

    assert names(response) == ["Mary Okonjo"]


def test_filters_combine(client_for, coordinator, three_people):
    response = client_for(coordinator).get(
        "/people/", {"area": three_people["southside"].pk, "coordinator": "mine", "q": "mary"}
    )

    assert names(response) == ["Mary Okonjo"]


def test_nobody_matching_says_so_with_a_way_back(client_for, coordinator, three_people):
    response = client_for(coordinator).get("/people/", {"q": "nobody-has-this-name"})

    assert b"Nobody matches this search." in response.content
    assert b"Clear the search and filters" in response.content


def test_an_area_that_is_not_a_choice_gets_a_clear_message(client_for, coordinator, dee):
    response = client_for(coordinator).get("/people/", {"area": "999999", "q": "dee"})

    assert response.status_code == 200
    assert b"Choose an area from the list" in response.content
    assert response.context["form"]["q"].value() == "dee"
    assert names(response) == ["Dee Okafor"]  # the valid filters still apply


def test_filter_choices_come_only_from_people_the_user_may_see(
    client_for, commissioner, dee, other_provider
):
    hidden_area = AreaFactory.create(organisation=other_provider, name="Secret Ward")
    PersonFactory.create(organisation=other_provider, area=hidden_area)

    response = client_for(commissioner).get("/people/")

    assert b"Northfield" in response.content
    assert b"Secret Ward" not in response.content
    assert b"Priya Shah" in response.content  # Dee's coordinator
    assert b"Vic Stone" not in response.content


def test_the_form_has_labels_for_every_field(client_for, coordinator, dee):
    response = client_for(coordinator).get("/people/")

    for field in ("q", "area", "coordinator", "stage"):
        assert f'<label class="label" for="id_{field}">'.encode() in response.content


def test_columns_show_area_coordinator_stage_and_format(client_for, coordinator, dee):
    response = client_for(coordinator).get("/people/")
    row = found(rb"<tr>\s*<th scope=\"row\">.*?</tr>", response.content).group(0)

    assert b"Dee Okafor" in row
    assert b"Northfield" in row
    assert b"Priya Shah" in row
    assert b"Getting started" in row
    assert b"Easy read" in row
    assert f'href="/people/{dee.pk}/"'.encode() in row


# --- Pagination -------------------------------------------------------------------------------


def test_pages_of_25_with_a_count(client_for, coordinator, provider):
    PersonFactory.create_batch(60, organisation=provider)

    first = client_for(coordinator).get("/people/")
    third = client_for(coordinator).get("/people/", {"page": 3})

    assert len(names(first)) == 25
    assert b"Showing 1 to 25 of 60 people" in first.content
    assert len(names(third)) == 10
    assert b"Showing 51 to 60 of 60 people" in third.content


def test_page_links_keep_the_search_and_filters(client_for, coordinator, provider, dee):
    northfield = dee.area
    PersonFactory.create_batch(30, organisation=provider, area=northfield, last_name="Smith")

    response = client_for(coordinator).get(
        "/people/", {"q": "smith", "area": northfield.pk, "stage": ""}
    )

    assert b"Showing 1 to 25 of 30 people" in response.content
    next_link = found(rb'href="([^"]+)" rel="next"', response.content).group(1)
    assert b"q=smith" in next_link
    assert f"area={northfield.pk}".encode() in next_link
    assert b"page=2" in next_link
    second = client_for(coordinator).get("/people/" + next_link.decode().replace("&amp;", "&"))
    assert b"Showing 26 to 30 of 30 people" in second.content


def test_a_page_number_past_the_end_shows_the_last_page(client_for, coordinator, dee):
    response = client_for(coordinator).get("/people/", {"page": 99})

    assert names(response) == ["Dee Okafor"]


# --- Adding -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "sees_button"),
    [
        ("coordinator", True),
        ("manager", True),
        ("worker", False),
        ("finance", False),
        ("commissioner", False),
        ("sister_user", False),
    ],
)
def test_add_a_person_button_only_for_editors(name, sees_button, persona, client_for):
    response = client_for(persona(name)).get("/people/")

    assert (b"Add a person" in response.content) is sees_button


# --- Speed ------------------------------------------------------------------------------------


def _queries_for(client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["coordinator", "worker", "commissioner", "sister_user"])
def test_queries_do_not_grow_with_the_number_of_people(
    name, persona, client_for, provider, council, worker, sister
):
    user = persona(name)
    client = client_for(user)
    areas = [AreaFactory.create(organisation=provider, name=f"Ward {n}") for n in range(3)]
    coordinators = [
        UserFactory.create(organisation=provider, role=Role.COORDINATOR) for _ in range(3)
    ]

    def add_people(count: int) -> None:
        for n in range(count):
            person = PersonFactory.create(
                organisation=provider,
                funding_council=council,
                area=areas[n % 3],
                coordinator=coordinators[n % 3],
            )
            SupportAssignmentFactory.create(person=person, worker=worker)
            sister.pk = None  # the sister is in every circle and may see everyone
            sister.person = person
            sister.save()

    add_people(2)  # with Dee: 3 people
    client.get("/people/")  # the first request of a session does one-off work
    few = _queries_for(client, "/people/", {"q": "a", "stage": Stage.GETTING_STARTED})
    add_people(37)  # 40 people
    many = _queries_for(client, "/people/", {"q": "a", "stage": Stage.GETTING_STARTED})
    many_unfiltered = _queries_for(client, "/people/")

    assert few == many
    assert many_unfiltered == many
    assert many <= 10


@pytest.mark.parametrize("value", ["", "2", "mine", "nobody"])
def test_quick_select_is_the_html_of_djangos_select(value):
    """QuickSelect builds the <select> in Python; it must say exactly what forms.Select says,
    escaping included."""
    from django import forms as django_forms
    from django.test import SimpleTestCase

    from directsupport.people.forms import QuickSelect

    choices = [
        ("", "Any coordinator"),
        ("mine", "People I coordinate"),
        (2, 'Ann "Nan" O\'Neil & <Co>'),
        ("3", "Bo"),
    ]
    attrs = {"id": "id_coordinator", "class": "wide"}
    quick = QuickSelect(attrs=attrs, choices=choices).render("coordinator", value)
    django = django_forms.Select(attrs=attrs, choices=choices).render("coordinator", value)
    SimpleTestCase().assertHTMLEqual(quick, django)
    assert "&lt;Co&gt;" in quick and "&quot;Nan&quot;" in quick


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("stage=bogus", "Choose a stage from the list"),
        ("coordinator=nobody", "Choose a coordinator from the list"),
    ],
)
def test_a_filter_value_not_in_its_list_says_so_in_plain_words(
    client_for, coordinator, dee, query, message
):
    """A stale bookmark or an edited address: the filter says what to do, the search stays."""
    body = client_for(coordinator).get(f"/people/?q=Dee&{query}").content.decode()
    assert message in body
    assert "not one of the available choices" not in body
    assert 'value="Dee"' in body
