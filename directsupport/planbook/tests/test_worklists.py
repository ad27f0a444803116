"""The home page's Planning Live panels say how many there are when they show only the first
few, and link to the full lists: everyone with best guesses to check, and every Plan Book
waiting. The lists follow the panels' rules: a coordinator's own people, a manager's whole
organisation, a support worker's assigned people; 404 for every other role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from directsupport.planbook.book.compile import compile_plan_book
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion
from directsupport.planning.models import Question, Speaker
from directsupport.planning.templatetags.planning_home import SHOWN
from tests.factories import PersonFactory

from .conftest import add_note

MANY = SHOWN + 3


def _guess(person) -> None:
    add_note(
        person,
        text="Would love to go to the seaside",
        question=Question.FUTURE,
        speaker=Speaker.CIRCLE,
        said_by="A friend",
    )


def _shared_book(person, by) -> None:
    PlanBookVersion.objects.create(
        person=person,
        number=1,
        status=PlanBookStatus.SHARED,
        content=compile_plan_book(person),
        created_by=by,
    )


@pytest.fixture
def busy(provider, coordinator, manager):
    """MANY people Priya coordinates, each with a best guess and a shared Plan Book, and one
    coordinated by someone else."""
    mine = [
        PersonFactory.create(
            organisation=provider, coordinator=coordinator, last_name=f"Mine{n:02}"
        )
        for n in range(MANY)
    ]
    theirs = PersonFactory.create(organisation=provider, coordinator=manager, last_name="Theirs")
    for person in [*mine, theirs]:
        _guess(person)
        _shared_book(person, coordinator)
    return mine, theirs


def test_a_cut_short_panel_says_how_many_and_links_to_all(client_for, coordinator, busy):
    page = client_for(coordinator).get(reverse("home")).content.decode()
    assert f"{SHOWN} of {MANY} people shown" in page
    assert f"See all {MANY} people with best guesses" in page
    assert reverse("planning:best_guesses_waiting") in page
    assert f"{SHOWN} of {MANY} shown" in page
    assert f"See all {MANY} Plan Books waiting" in page
    assert reverse("planbook:plan_books_waiting") in page


def test_a_panel_that_shows_everything_says_no_count(client_for, coordinator, dee):
    _guess(dee)
    _shared_book(dee, coordinator)
    page = client_for(coordinator).get(reverse("home")).content.decode()
    assert " of 1 " not in page
    assert "All best guesses to check" in page
    assert "All Plan Books waiting" in page


def test_the_coordinator_sees_all_their_people_with_guesses_and_no_one_elses(
    client_for, coordinator, busy
):
    mine, theirs = busy
    response = client_for(coordinator).get(reverse("planning:best_guesses_waiting"))
    assert response.status_code == 200
    page = response.content.decode()
    for person in mine:
        assert reverse("planning:best_guesses", args=[person.pk]) in page
    assert reverse("planning:best_guesses", args=[theirs.pk]) not in page
    assert f"{MANY} people have best guesses to check" in page


def test_the_coordinator_sees_all_their_plan_books_waiting(client_for, coordinator, busy):
    mine, theirs = busy
    response = client_for(coordinator).get(reverse("planbook:plan_books_waiting"))
    assert response.status_code == 200
    page = response.content.decode()
    for person in mine:
        assert reverse("planbook:plan_book_version", args=[person.pk, 1]) in page
    assert reverse("planbook:plan_book_version", args=[theirs.pk, 1]) not in page
    assert f"{MANY} Plan Books waiting" in page


def test_the_manager_sees_everyone_in_the_organisation(client_for, manager, busy):
    _mine, theirs = busy
    page = client_for(manager).get(reverse("planbook:plan_books_waiting")).content.decode()
    assert f"{MANY + 1} Plan Books waiting" in page
    assert reverse("planbook:plan_book_version", args=[theirs.pk, 1]) in page


def test_a_worker_sees_only_people_assigned_to_them(client_for, other_worker, busy):
    page = client_for(other_worker).get(reverse("planning:best_guesses_waiting")).content.decode()
    assert "Nothing to check" in page
    assert "Mine00" not in page


@pytest.mark.parametrize("role", ["finance", "market_shaper", "commissioner", "supplier", "expert"])
@pytest.mark.parametrize("name", ["planning:best_guesses_waiting", "planbook:plan_books_waiting"])
def test_other_roles_get_not_found(client_for, request, busy, role, name):
    user = request.getfixturevalue(role)
    assert client_for(user).get(reverse(name)).status_code == 404
