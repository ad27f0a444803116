"""Reviews of how an ISF is working: when the next one is due, and recording one held."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from directsupport.funds.agreements.reviews import next_review_due
from directsupport.funds.models import Agreement, AgreementReview

RECORDERS = ["finance", "manager", "coordinator"]
NOT_FOUND = [
    "sister_user",
    "cousin_user",
    "worker",
    "market_shaper",
    "supplier",
    "outsider",
    "other_commissioner",
    "expert",
]


@pytest.fixture
def persona(request: pytest.FixtureRequest, dee, sister, cousin, neighbour) -> Any:
    return request.getfixturevalue


def url(fund: Any) -> str:
    return f"/funds/people/{fund.person.pk}/agreement/reviews/new/"


def review(fund: Any, held_on: dt.date) -> AgreementReview:
    return AgreementReview(fund=fund, held_on=held_on, summary="Going well")


def test_the_first_review_is_due_until_one_is_held(dee_fund):
    agreement = Agreement.objects.get(fund=dee_fund)
    assert next_review_due(agreement, []) == dt.date(2026, 5, 20)
    # A review held before this agreement started does not count for it.
    assert next_review_due(agreement, [review(dee_fund, dt.date(2026, 3, 1))]) == dt.date(
        2026, 5, 20
    )


def test_after_a_review_the_next_is_due_from_the_last_held(dee_fund):
    agreement = Agreement.objects.get(fund=dee_fund)
    held = [review(dee_fund, dt.date(2026, 5, 22)), review(dee_fund, dt.date(2026, 8, 31))]
    assert next_review_due(agreement, held) == dt.date(2027, 8, 31)
    agreement.review_every_months = 6
    assert next_review_due(agreement, held) == dt.date(2027, 2, 28)


@pytest.mark.parametrize(
    ("held_on", "every", "due"),
    [
        (dt.date(2026, 5, 31), 1, dt.date(2026, 6, 30)),  # a shorter month: its last day
        (dt.date(2026, 12, 15), 3, dt.date(2027, 3, 15)),  # over the year's end
        (dt.date(2027, 1, 31), 13, dt.date(2028, 2, 29)),  # a leap year's February
    ],
)
def test_months_are_counted_as_the_calendar_counts_them(held_on, every, due, dee_fund):
    agreement = Agreement.objects.get(fund=dee_fund)
    agreement.review_every_months = every
    assert next_review_due(agreement, [review(dee_fund, held_on)]) == due


@pytest.mark.parametrize("name", RECORDERS)
def test_staff_record_a_review_held(name, persona, client_for, dee_fund):
    client = client_for(persona(name))
    assert client.get(url(dee_fund)).status_code == 200
    response = client.post(url(dee_fund), {"held_on": "2026-05-21", "summary": "Going well."})
    assert response.status_code == 302
    saved = AgreementReview.objects.get()
    assert (saved.held_on, saved.recorded_by) == (dt.date(2026, 5, 21), persona(name))
    page = client.get(f"/funds/people/{dee_fund.person.pk}/agreement/").content.decode()
    assert "Going well." in page
    assert "Next review due:</strong> 21 May 2027" in page


@pytest.mark.parametrize("name", ["person_user", "commissioner"])
def test_readers_may_not_record_a_review(name, persona, client_for, dee_fund):
    client = client_for(persona(name))
    assert client.get(url(dee_fund)).status_code == 403
    assert client.post(url(dee_fund), {"held_on": "2026-05-21", "summary": "x"}).status_code == 403


@pytest.mark.parametrize("name", NOT_FOUND)
def test_everyone_else_gets_not_found(name, persona, client_for, dee_fund):
    assert client_for(persona(name)).get(url(dee_fund)).status_code == 404


# A month ahead of the day the suite started: still ahead if the run crosses midnight.
NEXT_MONTH = timezone.localdate() + dt.timedelta(days=30)
BAD = [
    ({"held_on": NEXT_MONTH.isoformat()}, "The review date cannot be in the future"),
    (
        {"held_on": "2026-03-31"},
        "a review must be on or after the agreement&#x27;s start (1 April 2026)",
    ),
    ({"held_on": "not a day"}, "Enter the day the review was held as a real date"),
    ({"summary": "   "}, "Say what was said and decided at the review."),
]


@pytest.mark.parametrize(("changes", "message"), BAD)
def test_bad_reviews_are_refused_and_nothing_is_lost(
    changes, message, client_for, finance, dee_fund
):
    data = {"held_on": "2026-05-21", "summary": "Dee wants more swimming.", **changes}
    response = client_for(finance).post(url(dee_fund), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    if "summary" not in changes:
        assert "Dee wants more swimming." in page
    assert not AgreementReview.objects.exists()
