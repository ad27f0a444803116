"""A coordinator's home lists the first people they coordinate; when there are more, it says
how many it shows of how many, and links to the people list filtered to theirs."""

from __future__ import annotations

from django.urls import reverse

from directsupport.frontpage.views import MY_PEOPLE_SHOWN
from tests.factories import PersonFactory


def test_a_coordinator_with_more_people_than_shown_is_told_and_led_to_them_all(
    client_for, provider, coordinator, manager
):
    total = MY_PEOPLE_SHOWN + 6
    people = [
        PersonFactory.create(organisation=provider, coordinator=coordinator, last_name=f"Zed{n:02}")
        for n in range(total)
    ]
    PersonFactory.create(organisation=provider, coordinator=manager, last_name="Elsewhere")
    client = client_for(coordinator)
    page = client.get(reverse("home")).content.decode()
    assert f"{MY_PEOPLE_SHOWN} of {total} shown" in page
    assert f"See all {total} people you coordinate" in page
    full_list = f"{reverse('people:list')}?coordinator=mine"
    assert full_list in page
    # The first ones by surname are shown; the last is not, but the full list has everyone.
    assert reverse("people:detail", args=[people[0].pk]) in page
    assert reverse("people:detail", args=[people[-1].pk]) not in page
    listed = client.get(full_list).content.decode()
    for person in people:
        assert reverse("people:detail", args=[person.pk]) in listed
    assert "Elsewhere" not in listed


def test_a_coordinator_whose_people_all_fit_gets_no_count(client_for, provider, coordinator):
    PersonFactory.create(organisation=provider, coordinator=coordinator)
    page = client_for(coordinator).get(reverse("home")).content.decode()
    assert " of 1 shown" not in page
    assert "All the people you coordinate" in page
