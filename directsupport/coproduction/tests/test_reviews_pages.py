"""The review pages: who may open each (allowed and denied for every role), and what they show
and refuse: the pack, scheduling with bad input kept, Dee asking in her own words, Ngozi
answering, the write-up with its conflict page, completing, and the easy read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from directsupport.coproduction.models import InvitationAnswer, Review, ReviewStatus
from directsupport.funds.models import AgreementReview
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion
from tests.clock import on_day

from .reviews_fixtures import (
    MEETING_DAY,
    WRITE_UP_DAY,
    dee_fund,
    held,
    on_today,
    plan_book,
    scheduled,
    swim,
)

__all__ = ["dee_fund", "held", "on_today", "plan_book", "scheduled", "swim"]

pytestmark = pytest.mark.django_db

SEES_DEE = ("manager", "coordinator", "finance", "market_shaper", "worker", "person_user")
CIRCLE_SEES = ("sister_user", "cousin_user")
NEVER = (
    "other_worker",
    "expert",
    "commissioner",
    "other_commissioner",
    "supplier",
    "outsider",
    "neighbour_user",
)
RUN_REVIEWS = ("manager", "coordinator")
READ_ONLY = ("finance", "market_shaper", "worker", "person_user", "sister_user", "cousin_user")


@pytest.fixture
def cast(request, sister, cousin, neighbour):
    return lambda name: request.getfixturevalue(name)


def _status(client_for, user, url: str) -> int:
    return client_for(user).get(url).status_code


def _person_url(name: str, dee) -> str:
    return reverse(f"coproduction:{name}", kwargs={"pk": dee.pk})


def _review_url(name: str, review: Review) -> str:
    return reverse(f"coproduction:{name}", kwargs={"pk": review.person_id, "review_pk": review.pk})


# --- Allowed and denied -----------------------------------------------------------------------


@pytest.mark.parametrize("who", RUN_REVIEWS)
def test_the_review_list_is_for_those_who_run_reviews(who, cast, client_for, on_today):
    assert _status(client_for, cast(who), reverse("coproduction:review_list")) == 200


@pytest.mark.parametrize(
    "who",
    ("finance", "market_shaper", "worker", "person_user", "sister_user", *NEVER[1:5]),
)
def test_the_review_list_is_404_for_everyone_else(who, cast, client_for, on_today):
    assert _status(client_for, cast(who), reverse("coproduction:review_list")) == 404


@pytest.mark.parametrize("who", SEES_DEE + CIRCLE_SEES)
def test_dees_reviews_and_the_review_are_for_those_who_see_her(
    who, cast, client_for, scheduled, dee
):
    user = cast(who)
    assert _status(client_for, user, _person_url("reviews_person", dee)) == 200
    assert _status(client_for, user, _review_url("review_detail", scheduled)) == 200
    assert _status(client_for, user, _review_url("review_easy_read", scheduled)) == 200


@pytest.mark.parametrize("who", NEVER)
def test_dees_reviews_are_404_for_those_who_may_not_see_them(who, cast, client_for, scheduled, dee):
    user = cast(who)
    for url in (
        _person_url("reviews_person", dee),
        _person_url("review_new", dee),
        _person_url("review_ask", dee),
        _review_url("review_detail", scheduled),
        _review_url("review_record", scheduled),
        _review_url("review_complete", scheduled),
        _review_url("review_easy_read", scheduled),
        _review_url("review_invitation", scheduled),
    ):
        assert _status(client_for, user, url) == 404, url


@pytest.mark.parametrize("who", RUN_REVIEWS)
def test_managers_and_coordinators_schedule_and_write_up(who, cast, client_for, held, dee):
    user = cast(who)
    with on_day(WRITE_UP_DAY):
        assert _status(client_for, user, _review_url("review_record", held)) == 200
        assert _status(client_for, user, _review_url("review_complete", held)) == 200
        Review.objects.filter(pk=held.pk).update(status=ReviewStatus.CANCELLED)
        assert _status(client_for, user, _person_url("review_new", dee)) == 200


@pytest.mark.parametrize("who", READ_ONLY)
def test_everyone_else_who_sees_dee_is_read_only(who, cast, client_for, scheduled, dee):
    user = cast(who)
    assert _status(client_for, user, _person_url("review_new", dee)) == 403
    assert _status(client_for, user, _review_url("review_record", scheduled)) == 403
    assert _status(client_for, user, _review_url("review_complete", scheduled)) == 403


@pytest.mark.parametrize("who", ("person_user", "sister_user", "coordinator", "manager", "worker"))
def test_dee_her_sister_and_staff_may_ask_for_a_review(who, cast, client_for, on_today, dee):
    assert _status(client_for, cast(who), _person_url("review_ask", dee)) == 200


@pytest.mark.parametrize("who", ("cousin_user", "finance", "market_shaper"))
def test_those_who_only_read_may_not_ask(who, cast, client_for, on_today, dee):
    assert _status(client_for, cast(who), _person_url("review_ask", dee)) == 403


@pytest.mark.parametrize("who", ("person_user", "sister_user", "coordinator"))
def test_each_invitee_opens_their_invitation(who, cast, client_for, scheduled):
    assert _status(client_for, cast(who), _review_url("review_invitation", scheduled)) == 200


@pytest.mark.parametrize("who", ("cousin_user", "manager", "worker"))
def test_no_invitation_no_invitation_page(who, cast, client_for, scheduled):
    assert _status(client_for, cast(who), _review_url("review_invitation", scheduled)) == 404


# --- What the pages show and do ------------------------------------------------------------


def test_the_list_shows_dee_overdue_with_a_link_to_schedule(
    client_for, coordinator, on_today, dee_fund, dee
):
    page = client_for(coordinator).get(reverse("coproduction:review_list")).content.decode()
    assert "Dee Okafor" in page and "20 July 2026" in page and "Overdue" in page
    assert _person_url("review_new", dee) in page


def test_dees_page_tells_her_when_her_review_is_in_her_own_words(
    client_for, person_user, scheduled, dee
):
    page = client_for(person_user).get(_person_url("reviews_person", dee)).content.decode()
    assert "My reviews" in page
    assert "Your next review is on <strong>Sunday 13 December 2026 at 14:00</strong>" in page


def test_scheduling_through_the_page(
    client_for, coordinator, on_today, dee, sister, dee_fund, plan_book
):
    response = client_for(coordinator).post(
        _person_url("review_new", dee),
        {
            "kind": "first",
            "meets_on": "2026-12-13",
            "meets_time": "14:00",
            "place": "Dee's flat",
            "invite_person": "on",
            "circle": [str(sister.pk)],
            "staff": [str(coordinator.pk)],
        },
    )
    review = Review.objects.get()
    assert response.status_code == 302
    assert review.due_on == dt.date(2026, 7, 20)
    assert {i.name for i in review.invitations.all()} == {
        "Dee Okafor",
        "Ngozi Okafor",
        "Priya Shah",
    }


def test_a_time_in_the_past_is_refused_and_what_was_typed_is_kept(
    client_for, coordinator, on_today, dee, sister, dee_fund
):
    response = client_for(coordinator).post(
        _person_url("review_new", dee),
        {
            "kind": "first",
            "meets_on": "2026-12-01",
            "meets_time": "14:00",
            "place": "The Lido café",
            "invite_person": "on",
            "circle": [str(sister.pk)],
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The review cannot be in the past" in page
    assert 'value="The Lido café"' in page
    assert not Review.objects.exists()


def test_the_neighbour_is_not_offered_as_an_invitee(
    client_for, coordinator, on_today, dee, sister, neighbour, dee_fund
):
    page = client_for(coordinator).get(_person_url("review_new", dee)).content.decode()
    assert "Ngozi Okafor" in page and "Bob Price" not in page


def test_dee_asks_for_a_review_in_her_own_words(client_for, person_user, on_today, dee, dee_fund):
    client = client_for(person_user)
    empty = client.post(_person_url("review_ask", dee), {"because": "  "})
    assert "Say why you want a review" in empty.content.decode()
    response = client.post(
        _person_url("review_ask", dee), {"because": "<b>Sundays</b> are too long."}
    )
    assert response.status_code == 302
    assert Review.objects.get().asked_because == "<b>Sundays</b> are too long."


def test_the_asked_for_review_shows_on_the_list_as_text(
    client_for, person_user, coordinator, on_today, dee, dee_fund
):
    client_for(person_user).post(_person_url("review_ask", dee), {"because": "<b>Sundays</b>"})
    page = client_for(coordinator).get(reverse("coproduction:review_list")).content.decode()
    assert "&lt;b&gt;Sundays&lt;/b&gt;" in page and "<b>Sundays</b>" not in page


def test_ngozi_answers_her_invitation_through_the_page(client_for, sister_user, scheduled):
    client = client_for(sister_user)
    url = _review_url("review_invitation", scheduled)
    assert "Sunday 13 December 2026 at 14:00" in client.get(url).content.decode()
    assert client.post(url, {"answer": "coming"}).status_code == 302
    assert scheduled.invitations.get(user=sister_user).answer == InvitationAnswer.COMING


def test_the_pack_shows_outcomes_and_money_side_by_side(client_for, coordinator, scheduled):
    page = client_for(coordinator).get(_review_url("review_detail", scheduled)).content.decode()
    assert "I want to swim every week at the lido" in page
    assert "Budget for the agreement" in page
    assert "it never changes the budget by itself" in page


def _record_data(review: Review, **overrides) -> dict[str, str]:
    data = {
        "version": str(review.version),
        "held_on": MEETING_DAY.isoformat(),
        "whose_0": "Dee Okafor",
        "role_0": "person",
        "working_0": "Swimming with Sam.",
        "not_working_0": "Sundays.",
        "next_steps": "Try the Sunday lunch club.",
        "survey_doing_more": "5",
    }
    data.update(overrides)
    return data


def test_writing_up_through_the_page(client_for, coordinator, scheduled):
    with on_day(WRITE_UP_DAY):
        response = client_for(coordinator).post(
            _review_url("review_record", scheduled), _record_data(scheduled)
        )
    assert response.status_code == 302
    scheduled.refresh_from_db()
    assert scheduled.status == ReviewStatus.HELD
    assert scheduled.survey.get().answer == 5


def test_a_write_up_without_dees_view_or_a_reason_keeps_what_was_typed(
    client_for, coordinator, scheduled
):
    with on_day(WRITE_UP_DAY):
        response = client_for(coordinator).post(
            _review_url("review_record", scheduled),
            _record_data(scheduled, working_0="", not_working_0="", tried="Lunch club twice."),
        )
    page = response.content.decode()
    assert "say why Dee&#x27;s view is not here" in page
    assert "Lunch club twice." in page
    scheduled.refresh_from_db()
    assert scheduled.status == ReviewStatus.SCHEDULED


def test_a_stale_write_up_shows_both_versions_and_keeps_what_was_typed(
    client_for, coordinator, held
):
    with on_day(WRITE_UP_DAY):
        response = client_for(coordinator).post(
            _review_url("review_record", held),
            _record_data(held, version=str(held.version - 1), tried="My newer words."),
        )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this review while you were writing" in page
    assert "My newer words." in page and "Swimming at the lido on quiet mornings." in page


def test_completing_through_the_page_starts_the_next_plan_book(client_for, coordinator, held, swim):
    with on_day(WRITE_UP_DAY):
        response = client_for(coordinator).post(
            _review_url("review_complete", held),
            {
                "version": str(held.version),
                "outcome_0": str(swim.pk),
                "what_0": "Book the lunch club",
                "who_0": "Ngozi",
                "by_when_0": "2027-01-10",
            },
        )
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == ReviewStatus.COMPLETED
    assert AgreementReview.objects.count() == 1
    draft = PlanBookVersion.objects.get(status=PlanBookStatus.DRAFT)
    assert draft.changes_summary.startswith("After the review on 13 December 2026")
    assert swim.actions.filter(what="Book the lunch club").exists()


def test_a_new_action_half_typed_is_refused_and_kept(client_for, coordinator, held, swim):
    with on_day(WRITE_UP_DAY):
        response = client_for(coordinator).post(
            _review_url("review_complete", held),
            {"version": str(held.version), "what_0": "Book the lunch club"},
        )
    page = response.content.decode()
    assert "Choose the outcome this action is for." in page
    assert 'value="Book the lunch club"' in page
    held.refresh_from_db()
    assert held.status == ReviewStatus.HELD


def test_the_easy_read_says_whats_working_whats_not_and_what_next(client_for, person_user, held):
    page = client_for(person_user).get(_review_url("review_easy_read", held)).content.decode()
    assert "What is working for me" in page
    assert "What is not working for me" in page
    assert "What happens next" in page
    assert "Try the Sunday lunch club" in page


def test_reading_a_review_is_audited(client_for, sister_user, scheduled):
    from directsupport.audit.models import AuditEvent

    client_for(sister_user).get(_review_url("review_detail", scheduled))
    assert AuditEvent.objects.filter(
        actor=sister_user, person_id=scheduled.person_id, action="view"
    ).exists()
