"""Giving feedback: whose view it is, what is enough, the Plan Book in force, the audit row, and
what the reviews page reads."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from directsupport.audit.models import Action, AuditEvent
from directsupport.coproduction.feedback.queries import feedback_for_review, plan_book_in_force
from directsupport.coproduction.feedback.services import NOTHING_GIVEN, WORDS_MAX, give_feedback
from directsupport.coproduction.models import Feedback, FeedbackAbout, FeedbackFrom, Feeling
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion

from .feedback_fixtures import PUBLISHED_ON, on_today, private_storage, published_book

__all__ = ["on_today", "private_storage", "published_book"]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today", "private_storage")]


def _at(day: dt.date, hour: int = 11) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(settings.TIME_ZONE))


def test_dee_chooses_a_face_and_it_is_kept_as_her_own_with_her_plan_book(
    dee, person_user, published_book
):
    feedback = give_feedback(
        person=dee, given_by=person_user, feeling=Feeling.VERY_HAPPY, actor=person_user
    )

    assert feedback.from_role == FeedbackFrom.PERSON
    assert feedback.given_by_name == "Dee Okafor"
    assert feedback.feeling == Feeling.VERY_HAPPY
    assert feedback.about == FeedbackAbout.GENERAL
    assert feedback.plan_version == published_book
    event = AuditEvent.objects.get(action=Action.CREATE, subject_type="coproduction.feedback")
    assert event.person_id == dee.pk
    assert event.actor == person_user
    assert event.changes["feeling"]["to"] == "Really good"
    assert event.changes["plan_version"]["to"] == 1


def test_her_sister_gives_feedback_as_family_and_a_worker_as_staff(
    dee, sister, sister_user, worker
):
    from_sister = give_feedback(
        person=dee,
        given_by=sister_user,
        words="Dee seems happier since the new worker started.",
        about=FeedbackAbout.CHANGE,
        actor=sister_user,
    )
    from_worker = give_feedback(person=dee, given_by=worker, feeling=Feeling.OK, actor=worker)

    assert from_sister.from_role == FeedbackFrom.FAMILY
    assert from_sister.about == FeedbackAbout.CHANGE
    assert from_worker.from_role == FeedbackFrom.STAFF
    assert from_worker.plan_version is None  # no Plan Book published yet


def test_nothing_given_is_refused_and_nothing_is_kept(dee, person_user):
    with pytest.raises(ValidationError) as refused:
        give_feedback(person=dee, given_by=person_user, words="   \n ", actor=person_user)

    assert refused.value.message_dict == {"__all__": [NOTHING_GIVEN]}
    assert NOTHING_GIVEN == (
        "Choose a face, say something in your own words, or add a voice note or a picture."
    )
    assert not Feedback.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.CREATE).exists()


def test_words_that_are_too_long_are_refused(dee, person_user):
    with pytest.raises(ValidationError) as refused:
        give_feedback(
            person=dee, given_by=person_user, words="a" * (WORDS_MAX + 1), actor=person_user
        )

    assert "2000 characters or fewer" in refused.value.message_dict["words"][0]
    assert not Feedback.objects.exists()


def test_a_face_outside_the_scale_is_refused(dee, person_user):
    with pytest.raises(ValidationError) as refused:
        give_feedback(person=dee, given_by=person_user, feeling=7, actor=person_user)

    assert refused.value.message_dict == {"feeling": ["Choose one of the five faces."]}


def test_a_person_cannot_give_feedback_as_someone_else(dee, provider):
    from tests.factories import UserFactory

    other_person = UserFactory.create(organisation=provider, role="person", full_name="Ann Lee")

    with pytest.raises(ValidationError) as refused:
        give_feedback(person=dee, given_by=other_person, feeling=4, actor=other_person)

    assert "Only the person" in refused.value.messages[0]
    assert not Feedback.objects.exists()


def test_the_plan_book_in_force_is_the_newest_published_not_a_draft(
    dee, person_user, coordinator, published_book
):
    PlanBookVersion.objects.create(
        person=dee, number=2, status=PlanBookStatus.DRAFT, created_by=coordinator
    )

    feedback = give_feedback(person=dee, given_by=person_user, feeling=4, actor=person_user)

    assert feedback.plan_version == published_book


def test_feedback_from_the_past_links_the_plan_book_in_force_then(dee, person_user, published_book):
    before = give_feedback(
        person=dee,
        given_by=person_user,
        feeling=2,
        actor=person_user,
        given_at=_at(PUBLISHED_ON - dt.timedelta(days=30)),
    )
    after = give_feedback(
        person=dee,
        given_by=person_user,
        feeling=4,
        actor=person_user,
        given_at=_at(PUBLISHED_ON + dt.timedelta(days=30)),
    )

    assert before.plan_version is None
    assert after.plan_version == published_book
    assert plan_book_in_force(dee) == published_book


def test_the_reviews_page_reads_feedback_since_a_day_newest_first(
    dee, person_user, sister_user, sister
):
    old = give_feedback(
        person=dee,
        given_by=person_user,
        feeling=2,
        actor=person_user,
        given_at=_at(dt.date(2026, 3, 2)),
    )
    middle = give_feedback(
        person=dee,
        given_by=sister_user,
        words="Better now.",
        actor=sister_user,
        given_at=_at(dt.date(2026, 9, 1), hour=0),
    )
    newest = give_feedback(person=dee, given_by=person_user, feeling=5, actor=person_user)

    assert feedback_for_review(dee, since=dt.date(2026, 9, 1)) == [newest, middle]
    assert feedback_for_review(dee, since=None) == [newest, middle, old]
    assert newest.given_at.date() == timezone.localdate()
