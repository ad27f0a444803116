"""People and their circles: Priya (coordinator) finds Dee, changes her record and adds to her
circle; Ngozi (Dee's sister) sees Dee and nobody else; Martin (commissioner) sees the people his
council funds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from directsupport.people.models import CircleMember, KeyDate, Person
from tests.factories import PersonFactory

from .helpers import sign_in

NEW_WAY_TO_TALK = "Show me a photo of where we are going before we set off."


@pytest.fixture
def other_people(provider, council, other_council) -> list[Person]:
    """People Dee shares her provider with, one funded by another council."""
    return [
        PersonFactory.create(
            organisation=provider, first_name="Marcus", last_name="Bell", funding_council=council
        ),
        PersonFactory.create(
            organisation=provider,
            first_name="Aisha",
            last_name="Rahman",
            funding_council=other_council,
        ),
    ]


def test_coordinator_finds_dee_and_changes_her_record(
    page: Page, live_server, axe_check, coordinator, dee, sister, other_people
):
    sign_in(page, live_server, coordinator)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Marcus Bell")
    axe_check(page)

    search = page.get_by_role("search", name="Find people")
    search.get_by_label("Name").fill("okafor")
    search.get_by_role("button", name="Search").click()
    expect(table).to_contain_text("Dee Okafor")
    expect(table).not_to_contain_text("Marcus Bell")
    expect(page.get_by_role("status")).to_contain_text("1 person")
    axe_check(page)

    table.get_by_role("link", name="Dee Okafor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dee Okafor")
    needs = page.get_by_role("region", name="How to communicate with Dee")
    expect(needs).to_contain_text("Makaton")
    expect(needs).to_contain_text("One question at a time")
    axe_check(page)

    page.get_by_role("link", name="Change details").click()
    expect(page.get_by_role("region", name="How to communicate with Dee")).to_be_visible()
    axe_check(page)
    page.get_by_label("How to communicate with me").fill(NEW_WAY_TO_TALK)
    # A postcode that is not one: a clear message, and what was typed elsewhere is kept.
    page.get_by_label("Postcode").fill("not a postcode")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a full UK postcode")
    expect(page.get_by_label("How to communicate with me")).to_have_value(NEW_WAY_TO_TALK)
    axe_check(page)
    page.get_by_label("Postcode").fill("hf1 2ab")
    page.get_by_role("button", name="Save changes").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Dee Okafor")
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.get_by_role("region", name="How to communicate with Dee")).to_contain_text(
        NEW_WAY_TO_TALK
    )
    axe_check(page)
    dee.refresh_from_db()
    assert dee.communicate_with_me == NEW_WAY_TO_TALK
    assert dee.postcode == "HF1 2AB"


def test_coordinator_adds_a_circle_member_and_sees_the_circle(
    page: Page, live_server, axe_check, coordinator, dee, sister
):
    sign_in(page, live_server, coordinator)
    page.goto(reverse("people:detail", args=[dee.pk]))
    page.get_by_role("navigation", name="Pages about Dee").get_by_role(
        "link", name="Circle of support"
    ).click()
    expect(page).to_have_url(f"{live_server.url}{reverse('people:circle', args=[dee.pk])}")
    expect(page.locator("main svg[role=img]")).to_be_visible()
    expect(page.get_by_role("region", name="The circle in words")).to_contain_text("Ngozi Okafor")
    axe_check(page)

    page.get_by_role("link", name="Add someone to the circle").click()
    expect(page).to_have_url(f"{live_server.url}{reverse('people:circle_add', args=[dee.pk])}")
    axe_check(page)
    # Forgetting the ring: a clear message, and what was typed is still there.
    page.get_by_label("Name", exact=True).fill("Rosa Diaz")
    page.get_by_label("Who they are to Dee").fill("my friend from the choir")
    page.get_by_role("radio", name="Friends and unpaid support").check()
    page.get_by_role("button", name="Add to the circle").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose how close they are to Dee.")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Rosa Diaz")
    expect(page.get_by_role("radio", name="Friends and unpaid support")).to_be_checked()
    axe_check(page)
    page.get_by_role("radio", name="Close (the second ring)").check()
    page.get_by_role("button", name="Add to the circle").click()

    expect(page.get_by_role("status")).to_contain_text("Rosa Diaz is now in Dee's circle")
    expect(page.get_by_role("region", name="The circle in words")).to_contain_text("Rosa Diaz")
    expect(page.locator("main svg[role=img] title").first).to_be_attached()
    axe_check(page)
    rosa = CircleMember.objects.get(person=dee, name="Rosa Diaz")
    assert rosa.relationship == "my friend from the choir"
    assert not rosa.may_see  # Dee decides that, not the coordinator

    # The circle is drawn on Dee's own page too.
    page.goto(reverse("people:detail", args=[dee.pk]))
    expect(page.locator("main svg[role=img]")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Rosa Diaz")
    axe_check(page)


def test_sister_sees_dee_but_nobody_else(
    page: Page, live_server, axe_check, dee, sister, neighbour, sister_user, other_people
):
    KeyDate.objects.create(person=dee, label="My birthday", date=dt.date(1990, 6, 14))
    sign_in(page, live_server, sister_user)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ngozi")
    axe_check(page)
    page.get_by_role("main").get_by_role("link", name="Dee Okafor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dee Okafor")
    expect(page.get_by_role("region", name="How to communicate with Dee")).to_be_visible()
    axe_check(page)

    # Her circle, read only: no contact details of the others, no changing.
    page.get_by_role("navigation", name="Pages about Dee").get_by_role(
        "link", name="Circle of support"
    ).click()
    expect(page.locator("main svg[role=img]")).to_be_visible()
    expect(page.get_by_role("link", name="Add someone to the circle")).to_have_count(0)
    axe_check(page)

    page.goto("/people/")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Dee Okafor")
    expect(table).not_to_contain_text("Marcus Bell")
    axe_check(page)

    response = page.goto(reverse("people:detail", args=[other_people[0].pk]))
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    axe_check(page, zoom=False)


def test_commissioner_sees_the_people_their_council_funds(
    page: Page, live_server, axe_check, commissioner, dee, sister, other_people
):
    sign_in(page, live_server, commissioner)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People we fund").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text("Dee Okafor")
    expect(table).to_contain_text("Marcus Bell")
    expect(table).not_to_contain_text("Aisha Rahman")  # funded by Eastmere Council
    axe_check(page)

    table.get_by_role("link", name="Dee Okafor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dee Okafor")
    expect(page.get_by_role("link", name="Change details")).to_have_count(0)  # read only
    expect(page.locator("main")).not_to_contain_text("Ngozi")  # never the circle
    axe_check(page)

    response = page.goto(reverse("people:detail", args=[other_people[1].pk]))
    assert response is not None and response.status == 404
