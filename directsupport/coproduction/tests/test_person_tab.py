"""Co-production's tab on every person's pages: "How it's going" for the person, "How it's going
for Dee" for the others who may see it, none for the council, suppliers or experts; and its page,
which sums up each part and links only to the pages that exist."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.urls import NoReverseMatch, reverse

from directsupport.commissioning.overview import links
from directsupport.coproduction.models import (
    Decision,
    Feedback,
    FeedbackFrom,
    Feeling,
    LearningLogEntry,
    Level,
    Topic,
)
from directsupport.coproduction.outcomes.services import record_progress

from .outcomes_fixtures import TODAY, cook_outcome, on_today, swim_outcome

__all__ = ["cook_outcome", "on_today", "swim_outcome"]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today", "sister")]

SEE_THE_TAB = ["coordinator", "manager", "worker", "finance", "market_shaper", "sister_user"]
NO_TAB = ["commissioner"]  # may see Dee's About page, but not her co-production side
NOT_FOUND = ["other_worker", "supplier", "expert", "outsider", "other_commissioner"]


def tab_labels(page: str) -> list[str]:
    nav = re.search(r'<nav class="sub-nav"[^>]*>(.*?)</nav>', page, re.S)
    assert nav is not None
    return [html.unescape(label.strip()) for label in re.findall(r">([^<]+)</a>", nav.group(1))]


def test_dee_reads_how_its_going_in_her_own_words(client_for, person_user, dee):
    client = client_for(person_user)
    assert "How it's going" in tab_labels(client.get(f"/people/{dee.pk}/").content.decode())
    page = client.get(f"/coproduction/people/{dee.pk}/").content.decode()
    for words in ("My reviews", "What I said", "My goals", "What we learned", "Decisions about me"):
        assert words in page


@pytest.mark.parametrize("name", SEE_THE_TAB)
def test_staff_and_circle_see_how_its_going_for_dee(request, client_for, dee, name):
    client = client_for(request.getfixturevalue(name))
    labels = tab_labels(client.get(f"/people/{dee.pk}/").content.decode())
    assert "How it's going for Dee" in labels
    assert client.get(f"/coproduction/people/{dee.pk}/").status_code == 200


@pytest.mark.parametrize("name", NO_TAB)
def test_the_council_sees_no_tab_and_no_page(request, client_for, dee, name):
    client = client_for(request.getfixturevalue(name))
    page = client.get(f"/people/{dee.pk}/").content.decode()
    assert "How it" not in " ".join(tab_labels(page))
    assert client.get(f"/coproduction/people/{dee.pk}/").status_code == 404


@pytest.mark.parametrize("name", NOT_FOUND)
def test_others_find_no_page(request, client_for, dee, name):
    client = client_for(request.getfixturevalue(name))
    assert client.get(f"/coproduction/people/{dee.pk}/").status_code == 404


def test_the_summary_counts_each_part(
    client_for, coordinator, worker, dee, swim_outcome, cook_outcome
):
    record_progress(
        outcome=swim_outcome,
        status="achieved",
        evidence="Swam the hour",
        recorded_on=TODAY,
        actor=worker,
    )
    record_progress(
        outcome=cook_outcome,
        status="started",
        evidence="Made pasta",
        recorded_on=TODAY,
        actor=worker,
    )
    Feedback.objects.create(
        person=dee,
        given_by=dee.user,
        given_by_name="Dee Okafor",
        from_role=FeedbackFrom.PERSON,
        feeling=Feeling.VERY_HAPPY,
        words="Friday club is the best.",
    )
    LearningLogEntry.objects.create(
        person=dee,
        happened_on=TODAY - dt.timedelta(days=3),
        activity="Tried the 10am swim",
        who_was_there="Dee and Sam",
        what_worked="Quieter",
        recorded_by=worker,
    )
    Decision.objects.create(
        organisation=dee.organisation,
        person=dee,
        topic=Topic.SUPPORT,
        title="Swimming on Tuesdays",
        reasons="Dee chose it",
        level=Level.CO_PRODUCTION,
        decided_on=TODAY - dt.timedelta(days=9),
        recorded_by=coordinator,
    )
    page = client_for(coordinator).get(f"/coproduction/people/{dee.pk}/").content.decode()
    assert "Dee has 2 outcomes. 1 is achieved." in page
    assert "Achieved: 1" in page and "Started: 1" in page
    assert "Friday club is the best." in page and "Really good" in page
    assert "Last: Tried the 10am swim, on 4 December 2026." in page
    assert "Last: Swimming on Tuesdays, on 28 November 2026." in page


def _hrefs(page: str) -> set[str]:
    main = page.split('class="sub-nav"', 1)[1]
    return set(re.findall(r'href="(/coproduction/[^"#?]+)', main))


def test_every_link_goes_to_a_page_that_opens(client_for, coordinator, dee, swim_outcome):
    client = client_for(coordinator)
    page = client.get(f"/coproduction/people/{dee.pk}/").content.decode()
    hrefs = _hrefs(page)
    assert reverse("coproduction:outcomes_person", kwargs={"pk": dee.pk}) in hrefs
    assert reverse("coproduction:learning_log", kwargs={"pk": dee.pk}) in hrefs
    for href in hrefs:
        assert client.get(href).status_code == 200, href


def test_a_page_not_built_yet_shows_no_link(monkeypatch, client_for, coordinator, dee):
    real = links.reverse

    def without_reviews(name, *args, **kwargs):
        if name == "coproduction:reviews_person":
            raise NoReverseMatch(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(links, "reverse", without_reviews)
    response = client_for(coordinator).get(f"/coproduction/people/{dee.pk}/")
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "See Dee's reviews" not in page
    assert "Reviews" in page
    assert "See each outcome" in page


def test_a_review_held_and_being_written_up_is_not_the_next_one(client_for, person_user, dee):
    """Dee's review held in August and still being written up is in the past: her page says so,
    and never calls it "my next review" (the demo's July-held review read as one)."""
    from directsupport.coproduction.models import Review, ReviewKind, ReviewStatus

    held_on = TODAY - dt.timedelta(days=100)
    Review.objects.create(
        person=dee,
        kind=ReviewKind.FIRST,
        due_on=held_on,
        meets_at=dt.datetime.combine(held_on, dt.time(14), tzinfo=dt.UTC),
        place="Dee's home",
        status=ReviewStatus.HELD,
        held_on=held_on,
    )
    page = client_for(person_user).get(f"/coproduction/people/{dee.pk}/").content.decode()

    assert "My next review is on" not in page
    assert f"My review on {held_on.day} {held_on:%B %Y} is being written up." in page
