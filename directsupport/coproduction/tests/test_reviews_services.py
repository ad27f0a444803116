"""Reviews through their services: due dates come from funds, every refusal, the version check,
and completing a review (one ISF review record, one new Plan Book draft, updated actions, a
decision, and the money untouched)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from directsupport.coproduction.models import (
    Decision,
    InvitationAnswer,
    OutcomeProgress,
    Progress,
    Review,
    ReviewStatus,
)
from directsupport.coproduction.reviews.completion import (
    ActionsAgreed,
    NewAction,
    complete_review,
)
from directsupport.coproduction.reviews.due import due_for
from directsupport.coproduction.reviews.services import (
    FourPlusOne,
    Invitee,
    ProgressInput,
    ReviewConflict,
    SurveyInput,
    answer_invitation,
    ask_for_review,
    schedule_review,
)
from directsupport.funds.alerts.rules import AlertKind, alerts_for
from directsupport.funds.ledger.balances import fund_balances
from directsupport.funds.models import Agreement, AgreementReview, Fund, LedgerEntry
from directsupport.lib.decision_feed import ParticipantRole
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion
from directsupport.planning.models import OutcomeAction
from tests.clock import on_day

from .reviews_fixtures import (
    MEETING_DAY,
    NGOZI_VIEW,
    TODAY,
    WRITE_UP_DAY,
    at,
    dee_fund,
    held,
    invitees,
    money_in,
    on_today,
    plan_book,
    scheduled,
    swim,
    write_up,
)

__all__ = ["dee_fund", "held", "money_in", "on_today", "plan_book", "scheduled", "swim"]

pytestmark = pytest.mark.django_db


def _due(person, today: dt.date) -> dt.date:
    due = due_for(person, today)
    assert due is not None
    return due.due_on


def _schedule(person, actor, people, **overrides) -> Review:
    fields: dict[str, Any] = {
        "person": person,
        "kind": "yearly",
        "meets_at": at(MEETING_DAY),
        "place": "Dee's flat",
        "invitees": people,
        "actor": actor,
    }
    fields.update(overrides)
    return schedule_review(**fields)


# --- When a review is due: always funds' answer -------------------------------------------------


def test_the_due_date_is_funds_first_review(scheduled):
    assert scheduled.due_on == dt.date(2026, 7, 20)
    assert scheduled.status == ReviewStatus.SCHEDULED


def test_changing_the_agreement_changes_when_the_review_is_due(on_today, dee, dee_fund):
    Agreement.objects.filter(fund=dee_fund).update(first_review_on=dt.date(2026, 12, 21))
    assert _due(dee, TODAY) == dt.date(2026, 12, 21)
    AgreementReview.objects.create(
        fund=dee_fund, held_on=dt.date(2026, 7, 22), summary="Went well."
    )
    assert _due(dee, TODAY) == dt.date(2027, 7, 22)
    Agreement.objects.filter(fund=dee_fund).update(review_every_months=6)
    assert _due(dee, TODAY) == dt.date(2027, 1, 22)


def test_no_agreement_no_due_date(on_today, dee):
    assert due_for(dee, TODAY) is None


def test_an_asked_for_review_is_due_the_day_it_is_asked(on_today, dee, dee_fund, person_user):
    review = ask_for_review(
        person=dee, because="I want to stop going to the day centre.", actor=person_user
    )
    assert review.status == ReviewStatus.ASKED
    assert review.due_on == TODAY
    assert review.meets_at is None


# --- Refusals when scheduling ---------------------------------------------------------------


def _refused(field: str, message: str, call) -> None:
    with pytest.raises(ValidationError) as caught:
        call()
    assert any(message in m for m in caught.value.message_dict[field]), caught.value.message_dict
    assert not Review.objects.exists()


def test_a_time_in_the_past_is_refused(on_today, dee, sister, coordinator, dee_fund):
    people = invitees(dee, sister, coordinator)
    _refused(
        "meets_at",
        "The review cannot be in the past",
        lambda: _schedule(dee, coordinator, people, meets_at=at(TODAY - dt.timedelta(days=1))),
    )


def test_no_one_invited_is_refused(on_today, dee, coordinator, dee_fund):
    _refused("invitees", "Invite at least one person", lambda: _schedule(dee, coordinator, []))


def test_no_place_is_refused(on_today, dee, sister, coordinator, dee_fund):
    people = invitees(dee, sister, coordinator)
    _refused("place", "Say where", lambda: _schedule(dee, coordinator, people, place="  "))


def test_a_circle_member_dee_does_not_let_see_cannot_be_invited(
    on_today, dee, neighbour, coordinator, dee_fund
):
    bob = Invitee(name="Bob Price", role="family", user=neighbour.user, circle_member=neighbour)
    _refused(
        "invitees",
        "has not agreed that Bob Price may see",
        lambda: _schedule(dee, coordinator, [bob]),
    )


def test_a_second_open_review_is_refused(scheduled, dee, sister, coordinator):
    with pytest.raises(ValidationError) as caught:
        _schedule(dee, coordinator, invitees(dee, sister, coordinator))
    assert "already has a review" in caught.value.messages[0]
    assert Review.objects.count() == 1


def test_asking_is_refused_without_words_or_while_a_review_is_open(scheduled, dee, person_user):
    with pytest.raises(ValidationError) as caught:
        ask_for_review(person=dee, because="I want one", actor=person_user)
    assert "already has a review" in caught.value.message_dict["because"][0]
    Review.objects.all().delete()
    with pytest.raises(ValidationError) as caught:
        ask_for_review(person=dee, because="   ", actor=person_user)
    assert caught.value.message_dict["because"] == ["Say why you want a review, in your own words."]


def test_scheduling_arranges_the_review_dee_asked_for(
    on_today, dee, sister, coordinator, dee_fund, person_user
):
    asked = ask_for_review(person=dee, because="Sundays are too long.", actor=person_user)
    review = _schedule(dee, coordinator, invitees(dee, sister, coordinator))
    assert review.pk == asked.pk
    assert review.status == ReviewStatus.SCHEDULED
    assert review.kind == "asked"
    assert review.asked_because == "Sundays are too long."
    assert review.invitations.count() == 3


# --- Invitations ------------------------------------------------------------------------------


def test_ngozi_answers_her_invitation(scheduled, sister_user):
    invitation = scheduled.invitations.get(user=sister_user)
    answer_invitation(invitation=invitation, coming=True, actor=sister_user)
    invitation.refresh_from_db()
    assert invitation.answer == InvitationAnswer.COMING


def test_only_the_invitee_answers(scheduled, sister_user, coordinator):
    invitation = scheduled.invitations.get(user=sister_user)
    with pytest.raises(ValidationError):
        answer_invitation(invitation=invitation, coming=False, actor=coordinator)
    invitation.refresh_from_db()
    assert invitation.answer == InvitationAnswer.WAITING


def test_no_answer_once_the_review_is_held(held, sister_user):
    invitation = held.invitations.get(user=sister_user)
    with pytest.raises(ValidationError) as caught:
        answer_invitation(invitation=invitation, coming=False, actor=sister_user)
    assert "can no longer be answered" in caught.value.messages[0]


# --- Writing it up ------------------------------------------------------------------------------


def test_the_write_up_is_saved_and_the_review_is_held(held):
    assert held.status == ReviewStatus.HELD
    assert held.held_on == MEETING_DAY
    assert [p.whose for p in held.perspectives.all()] == ["Dee Okafor", "Ngozi Okafor"]
    assert {s.question: s.answer for s in held.survey.all()} == {"doing_more": 5, "money": 3}
    assert held.invitations.filter(attended=True).count() == 3


def _write_up_refused(review, actor, field: str, message: str, **overrides) -> None:
    with on_day(WRITE_UP_DAY), pytest.raises(ValidationError) as caught:
        write_up(review, actor, **overrides)
    assert any(message in m for m in caught.value.message_dict[field]), caught.value.message_dict
    review.refresh_from_db()
    assert review.status == ReviewStatus.SCHEDULED and not review.perspectives.exists()


def test_a_write_up_in_the_future_is_refused(scheduled, coordinator):
    _write_up_refused(
        scheduled, coordinator, "held_on", "before it is held", held_on=dt.date(2026, 12, 20)
    )


def test_without_dees_own_view_a_reason_is_needed(scheduled, coordinator):
    _write_up_refused(
        scheduled,
        coordinator,
        "without_person_reason",
        "say why Dee's view is not here",
        perspectives=[NGOZI_VIEW],
    )
    with on_day(WRITE_UP_DAY):
        review = write_up(
            scheduled,
            coordinator,
            perspectives=[NGOZI_VIEW],
            without_person_reason="Dee was in hospital; Ngozi told us what Dee had said.",
        )
    assert review.without_person_reason.startswith("Dee was in hospital")


def test_no_what_next_is_refused(scheduled, coordinator):
    _write_up_refused(
        scheduled, coordinator, "next_steps", "what happens next", answers=FourPlusOne()
    )


def test_a_survey_answer_off_the_scale_is_refused(scheduled, coordinator):
    _write_up_refused(
        scheduled,
        coordinator,
        "survey",
        "on the scale from 1 to 5",
        survey=[SurveyInput(question="health", answer=7)],
    )


def test_a_stale_write_up_is_a_conflict_and_changes_nothing(held, coordinator):
    with on_day(WRITE_UP_DAY), pytest.raises(ReviewConflict) as caught:
        write_up(held, coordinator, expected_version=held.version - 1, money_notes="Stale")
    assert caught.value.saved.version == held.version
    held.refresh_from_db()
    assert held.money_notes == "Spending is on plan; nothing to change."


def test_progress_is_recorded_through_outcomes_progress(scheduled, coordinator, swim):
    with on_day(WRITE_UP_DAY):
        write_up(
            scheduled,
            coordinator,
            progress=[
                ProgressInput(outcome=swim, status=Progress.PARTLY, evidence="Swims most weeks.")
            ],
        )
    progress = OutcomeProgress.objects.get()
    assert progress.review_id == scheduled.pk
    assert progress.recorded_on == MEETING_DAY


# --- Completing -----------------------------------------------------------------------------


def _money(fund: Fund) -> tuple:
    agreement = Agreement.objects.get(fund=fund)
    return (
        fund_balances(fund.pk),
        LedgerEntry.objects.filter(fund=fund).count(),
        agreement.annual_budget_pence,
        agreement.contingency_pence,
        agreement.version,
        agreement.status,
    )


def test_completing_records_one_isf_review_one_plan_book_draft_actions_and_a_decision(
    held, coordinator, dee_fund, money_in, swim
):
    money_before = _money(dee_fund)
    action = OutcomeAction.objects.get(outcome=swim)
    with on_day(WRITE_UP_DAY):
        done = complete_review(
            review=held,
            actor=coordinator,
            actions=ActionsAgreed(
                new=[
                    NewAction(
                        outcome=swim,
                        what="Book the Sunday lunch club",
                        who="Ngozi",
                        by_when=dt.date(2027, 1, 10),
                    )
                ],
                done=[action],
            ),
        )
    assert done.status == ReviewStatus.COMPLETED
    funds_review = AgreementReview.objects.get()
    assert done.agreement_review == funds_review
    assert funds_review.held_on == MEETING_DAY
    assert "Sunday lunch club" in funds_review.summary
    draft = PlanBookVersion.objects.get(person=done.person, status=PlanBookStatus.DRAFT)
    assert done.next_plan_version == draft
    assert draft.number == 2
    assert draft.changes_summary.startswith("After the review on 13 December 2026: Try the")
    action.refresh_from_db()
    assert action.done_on == WRITE_UP_DAY
    assert swim.actions.filter(what="Book the Sunday lunch club", who="Ngozi").exists()
    decision = Decision.objects.get(source_key=f"coproduction.review:{done.pk}")
    assert decision.person_took_part
    roles = set(decision.participants.values_list("role", flat=True))
    assert roles == {ParticipantRole.PERSON, ParticipantRole.FAMILY, ParticipantRole.STAFF}
    assert "Swimming on Tuesdays" in decision.person_words
    assert _money(dee_fund) == money_before


def test_the_reviews_due_alert_no_longer_lists_dee_after_her_review(held, coordinator, dee_fund):
    with on_day(WRITE_UP_DAY):
        before = alerts_for(Fund.objects.all(), WRITE_UP_DAY)
        assert [a.person_name for a in before if a.kind == AlertKind.REVIEW] == ["Dee Okafor"]
        complete_review(review=held, actor=coordinator)
        after = alerts_for(Fund.objects.all(), WRITE_UP_DAY)
    assert not [a for a in after if a.kind == AlertKind.REVIEW]
    assert _due(held.person, WRITE_UP_DAY) == dt.date(2027, 12, 13)


def test_a_review_funds_refuses_is_not_completed_and_nothing_is_saved(held, coordinator, dee_fund):
    Agreement.objects.filter(fund=dee_fund).update(starts_on=dt.date(2026, 12, 14))
    with on_day(WRITE_UP_DAY), pytest.raises(ValidationError) as caught:
        complete_review(review=held, actor=coordinator)
    assert "No agreement was in force on 13 December 2026" in caught.value.message_dict["funds"][0]
    held.refresh_from_db()
    assert held.status == ReviewStatus.HELD
    assert not AgreementReview.objects.exists()
    assert not PlanBookVersion.objects.filter(status=PlanBookStatus.DRAFT).exists()
    assert not Decision.objects.exists()


def test_an_open_draft_carries_the_reviews_changes(held, coordinator, plan_book):
    PlanBookVersion.objects.create(
        person=held.person,
        number=2,
        status=PlanBookStatus.DRAFT,
        changes_summary="New photo.",
        created_by=coordinator,
    )
    with on_day(WRITE_UP_DAY):
        done = complete_review(review=held, actor=coordinator)
    draft = done.next_plan_version
    assert draft is not None
    assert draft.number == 2
    assert draft.changes_summary.startswith("New photo.\n\nAfter the review on 13 December 2026")
    assert PlanBookVersion.objects.count() == 2


def test_a_plan_book_waiting_for_dee_stops_completion(held, coordinator, plan_book):
    PlanBookVersion.objects.create(
        person=held.person, number=2, status=PlanBookStatus.SHARED, created_by=coordinator
    )
    with on_day(WRITE_UP_DAY), pytest.raises(ValidationError) as caught:
        complete_review(review=held, actor=coordinator)
    assert "finish it with Dee" in caught.value.message_dict["plan"][0]
    assert not AgreementReview.objects.exists()


def test_only_a_held_review_is_completed(scheduled, coordinator):
    with pytest.raises(ValidationError) as caught:
        complete_review(review=scheduled, actor=coordinator)
    assert "held and written up" in caught.value.messages[0]


def test_a_review_funds_already_recorded_that_day_is_linked_not_doubled(
    held, coordinator, dee_fund
):
    recorded = AgreementReview.objects.create(
        fund=dee_fund, held_on=MEETING_DAY, summary="Recorded on the ISF page."
    )
    with on_day(WRITE_UP_DAY):
        done = complete_review(review=held, actor=coordinator)
    assert done.agreement_review == recorded
    assert AgreementReview.objects.count() == 1


def test_without_an_isf_the_review_still_moves_the_plan_on(
    on_today, dee, sister, coordinator, plan_book
):
    review = _schedule(dee, coordinator, invitees(dee, sister, coordinator))
    assert review.due_on == TODAY  # no agreement, so no due date of funds' to keep
    with on_day(WRITE_UP_DAY):
        review = write_up(review, coordinator)
        done = complete_review(review=review, actor=coordinator)
    assert done.agreement_review is None
    assert done.next_plan_version is not None
    assert not AgreementReview.objects.exists()


def test_a_review_being_written_up_does_not_stop_the_next_being_arranged(
    held, dee, sister, coordinator
):
    with on_day(WRITE_UP_DAY):
        second = _schedule(
            dee, coordinator, invitees(dee, sister, coordinator), meets_at=at(dt.date(2027, 1, 5))
        )
    assert second.status == ReviewStatus.SCHEDULED
    assert Review.objects.filter(status=ReviewStatus.HELD).count() == 1
