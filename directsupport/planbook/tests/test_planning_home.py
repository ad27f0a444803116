"""What needs doing in Planning Live shows where people land: the staff home page and the
person's own easy-read page."""

from __future__ import annotations

from django.urls import reverse

from directsupport.planbook.book.compile import compile_plan_book
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion
from directsupport.planning.models import Question, Speaker

from .conftest import add_note


def _guess(dee, sister):
    return add_note(
        dee,
        text="Dee would love to go to the seaside",
        question=Question.FUTURE,
        speaker=Speaker.CIRCLE,
        said_by=sister.name,
        relationship=sister.relationship,
    )


def _shared_book(dee, coordinator) -> PlanBookVersion:
    return PlanBookVersion.objects.create(
        person=dee,
        number=1,
        status=PlanBookStatus.SHARED,
        content=compile_plan_book(dee),
        created_by=coordinator,
    )


def test_the_coordinator_home_shows_events_guesses_and_plan_books_waiting(
    client_for, coordinator, dee, sister, planning_day
):
    _guess(dee, sister)
    _shared_book(dee, coordinator)
    page = client_for(coordinator).get(reverse("home")).content.decode()
    assert "Spring Planning Live" in page
    assert reverse("planning:event_detail", args=[planning_day.pk]) in page
    assert reverse("planning:best_guesses", args=[dee.pk]) in page
    assert "1 to check" in page
    assert "waiting for Dee to agree" in page


def test_a_worker_sees_only_events_they_help_run(client_for, other_worker, planning_day):
    page = client_for(other_worker).get(reverse("home")).content.decode()
    assert "Planning Live" in page
    assert "Spring Planning Live" not in page


def test_people_outside_the_provider_staff_get_no_planning_panel(client_for, commissioner, dee):
    page = client_for(commissioner).get(reverse("home")).content.decode()
    assert "Best guesses to check" not in page


def test_dee_is_asked_to_check_guesses_and_agree_her_plan_book(
    client_for, person_user, coordinator, dee, sister
):
    _guess(dee, sister)
    _shared_book(dee, coordinator)
    page = client_for(person_user).get(reverse("people:easy_read", args=[dee.pk])).content
    text = page.decode()
    assert "Please check what people said about you" in text
    assert reverse("planning:best_guesses", args=[dee.pk]) in text
    assert reverse("planbook:plan_book_agree", args=[dee.pk, 1]) in text


def test_others_reading_dees_easy_read_page_are_not_asked_to_agree(
    client_for, sister_user, coordinator, dee, sister
):
    _guess(dee, sister)
    _shared_book(dee, coordinator)
    text = client_for(sister_user).get(reverse("people:easy_read", args=[dee.pk])).content.decode()
    assert "Please check what people said about you" not in text
    assert "agree" not in text.lower()
