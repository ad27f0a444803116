"""Reviews: asking for one, scheduling it with invitations, answering an invitation, writing it
up, and completing it.

Reviews extend what funds already schedules: when one falls due is ``reviews.due`` (funds' rule),
and completing one records funds' ``AgreementReview`` through
``funds.agreements.reviews.record_review``, so the "reviews due" alert and our lists read one
answer. Completing also starts the next Plan Book version through planning's own services, updates
the actions agreed through planning's outcome services, and announces the decision to the decision
log. A review never changes a budget: no ledger entry or agreement is written here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_change
from directsupport.coproduction.outcomes.services import record_progress
from directsupport.funds.agreements.terms import uk_date
from directsupport.funds.models import Fund
from directsupport.lib import conflicts
from directsupport.lib.decision_feed import ParticipantRole
from directsupport.lib.transitions import check_transition
from directsupport.people.models import CircleMember, Person
from directsupport.planning.models import Outcome

from ..models import (
    REVIEW_TRANSITIONS,
    InvitationAnswer,
    Perspective,
    Review,
    ReviewInvitation,
    ReviewKind,
    ReviewStatus,
    SurveyQuestion,
    SurveyResponse,
)
from .due import due_for

OPEN_STATUSES = (ReviewStatus.ASKED, ReviewStatus.SCHEDULED, ReviewStatus.HELD)
# One review to come at a time. A review already held and being written up does not stop the
# next being arranged: its completion may wait (on the person agreeing a Plan Book version, say)
# while the person asks for another meeting.
TO_COME = (ReviewStatus.ASKED, ReviewStatus.SCHEDULED)


class ReviewConflict(conflicts.EditConflict[Review]):
    """Someone else saved the review after this user loaded it; nothing was changed."""


# --- What the pages pass in ----------------------------------------------------------------


@dataclass(frozen=True)
class Invitee:
    """Someone invited: the person, a circle member the person lets see, staff, or anyone else
    named with the part they take."""

    name: str
    role: str  # a ParticipantRole value
    user: User | None = None
    circle_member: CircleMember | None = None


@dataclass(frozen=True)
class PerspectiveInput:
    whose: str
    role: str
    working: str = ""
    not_working: str = ""


@dataclass(frozen=True)
class FourPlusOne:
    tried: str = ""
    learned: str = ""
    pleased: str = ""
    concerned: str = ""
    next_steps: str = ""


@dataclass(frozen=True)
class SurveyInput:
    question: str
    answer: int
    comment: str = ""


@dataclass(frozen=True)
class ProgressInput:
    outcome: Outcome
    status: str
    evidence: str


# --- Small helpers --------------------------------------------------------------------------


def snapshot(review: Review) -> dict[str, Any]:
    return {
        "kind": review.kind,
        "status": review.status,
        "due_on": review.due_on,
        "meets_at": review.meets_at,
        "place": review.place,
        "asked_because": review.asked_because,
        "held_on": review.held_on,
        "tried": review.tried,
        "learned": review.learned,
        "pleased": review.pleased,
        "concerned": review.concerned,
        "next_steps": review.next_steps,
        "money_notes": review.money_notes,
        "without_person_reason": review.without_person_reason,
    }


def open_review_of(person: Person) -> Review | None:
    """The person's review to come (asked for, or scheduled), if there is one."""
    return Review.objects.filter(person=person, status__in=TO_COME).first()


def cut(text: str, limit: int) -> str:
    """Text cut to a field's limit, with an ellipsis where it was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def set_status(review: Review, status: str) -> None:
    check_transition(REVIEW_TRANSITIONS, current=review.status, wanted=status)
    review.status = status


def _when(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{uk_date(local.date())} at {local:%H:%M}"


def _open_refusal(existing: Review, person: Person) -> ValidationError:
    when = f" on {_when(existing.meets_at)}" if existing.meets_at else ""
    return ValidationError(
        f"{person.called} already has a review {existing.get_status_display().lower()}{when}. "
        "Open it rather than starting a second."
    )


def _check_invitees(person: Person, invitees: list[Invitee]) -> list[str]:
    problems = []
    if not invitees:
        problems.append("Invite at least one person: the review is held with the circle.")
    for invitee in invitees:
        member = invitee.circle_member
        if not invitee.name.strip():
            problems.append("Give each person invited a name.")
        if invitee.role not in ParticipantRole.values:
            problems.append(f"Say what part {invitee.name or 'each person'} takes in the review.")
        if member is not None and member.person_id != person.pk:
            problems.append(f"{member.name} is not in {person.called}'s circle.")
        elif member is not None and not member.may_see:
            problems.append(
                f"{person.called} has not agreed that {member.name} may see their information, "
                "so they cannot be invited to the review."
            )
    return problems


def _unique(invitees: list[Invitee]) -> list[Invitee]:
    seen: set[tuple[str, int]] = set()
    kept = []
    for invitee in invitees:
        keys = set()
        if invitee.user is not None:
            keys.add(("user", invitee.user.pk))
        if invitee.circle_member is not None:
            keys.add(("member", invitee.circle_member.pk))
        if keys & seen:
            continue
        seen |= keys
        kept.append(invitee)
    return kept


# --- Asking for a review --------------------------------------------------------------------


@transaction.atomic
def ask_for_review(
    *, person: Person, because: str, actor: User, request: HttpRequest | None = None
) -> Review:
    """The person (or someone in their circle, or staff for them) asks for a review: it waits,
    in their words, for staff to arrange a day. Refused without words, or when a review is
    already on its way."""
    because = because.strip()
    Person.objects.select_for_update().filter(pk=person.pk).first()
    existing = open_review_of(person)
    if existing is not None:
        raise ValidationError({"because": str(_open_refusal(existing, person).messages[0])})
    if not because:
        raise ValidationError({"because": "Say why you want a review, in your own words."})
    today = timezone.localdate()
    review = Review(
        person=person,
        fund=Fund.objects.filter(person=person).first(),
        kind=ReviewKind.ASKED,
        status=ReviewStatus.ASKED,
        due_on=today,
        asked_because=because,
        created_by=actor,
    )
    review.full_clean()
    review.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=person.pk,
        subject=review,
        summary=f"Asked for a review for {person.display_name}",
        changes=model_changes({}, {"status": review.status, "asked_because": because}),
    )
    return review


# --- Scheduling -----------------------------------------------------------------------------


@transaction.atomic
def schedule_review(
    *,
    person: Person,
    kind: str,
    meets_at: dt.datetime | None,
    place: str,
    invitees: list[Invitee],
    actor: User,
    request: HttpRequest | None = None,
) -> Review:
    """Arrange the person's review and invite the circle. A review the person asked for is the
    one arranged (it keeps their words); otherwise a new one, due when funds says.

    Refused (ValidationError by field) for a time in the past, no place, no one invited, a
    circle member the person does not let see, or a second review while one is open.
    """
    Person.objects.select_for_update().filter(pk=person.pk).first()
    place = " ".join(place.split())
    invitees = _unique(invitees)
    errors: dict[str, list[str]] = {}
    existing = open_review_of(person)
    if existing is not None and existing.status != ReviewStatus.ASKED:
        raise _open_refusal(existing, person)
    if kind not in ReviewKind.values:
        errors["kind"] = ["Choose which review this is."]
    now = timezone.now()
    if meets_at is None:
        errors["meets_at"] = ["Choose the day and time of the review."]
    elif meets_at < now:
        errors["meets_at"] = [
            f"The review cannot be in the past: choose a time after {_when(now)}."
        ]
    if not place:
        errors["place"] = ["Say where the review will be held."]
    invitee_problems = _check_invitees(person, invitees)
    if invitee_problems:
        errors["invitees"] = invitee_problems
    if errors:
        raise ValidationError(errors)
    if meets_at is None:  # pragma: no cover - refused above; narrows the type
        raise ValidationError({"meets_at": "Choose the day and time of the review."})
    today = timezone.localdate()
    due = due_for(person, today)
    if existing is not None:
        review, before = existing, snapshot(existing)
        set_status(review, ReviewStatus.SCHEDULED)
    else:
        before = {}
        review = Review(person=person, kind=kind, created_by=actor)
        review.due_on = today if kind == ReviewKind.ASKED or due is None else due.due_on
        review.status = ReviewStatus.SCHEDULED
    review.fund = Fund.objects.filter(person=person).first()
    review.meets_at = meets_at
    review.place = place
    review.full_clean()
    review.save()
    if existing is not None:
        Review.objects.filter(pk=review.pk).update(version=F("version") + 1)
        review.version += 1
    for invitee in invitees:
        invitation = ReviewInvitation(
            review=review,
            user=invitee.user,
            circle_member=invitee.circle_member,
            name=" ".join(invitee.name.split()),
            role=invitee.role,
        )
        invitation.full_clean()
        invitation.save()
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE if existing is not None else Action.CREATE,
        person_id=person.pk,
        subject=review,
        summary=(
            f"Scheduled {person.display_name}'s review for {_when(meets_at)} at {place}, "
            f"inviting {', '.join(i.name for i in invitees)}"
        ),
        changes={
            **model_changes(before, snapshot(review)),
            "invited": {"from": None, "to": "; ".join(f"{i.name} ({i.role})" for i in invitees)},
        },
    )
    return review


# --- Answering an invitation ----------------------------------------------------------------


def invitation_for(review: Review, user: User) -> ReviewInvitation | None:
    """The signed-in user's own invitation to the review, if they have one."""
    return review.invitations.filter(user=user).first()


@transaction.atomic
def answer_invitation(
    *,
    invitation: ReviewInvitation,
    coming: bool,
    actor: User,
    request: HttpRequest | None = None,
) -> ReviewInvitation:
    """The invitee says whether they are coming; refused once the review has been held."""
    review = Review.objects.select_for_update().get(pk=invitation.review_id)
    if invitation.user_id != actor.pk:
        raise ValidationError("Only the person invited can answer this invitation.")
    if review.status != ReviewStatus.SCHEDULED:
        raise ValidationError(
            f"This review is {review.get_status_display().lower()}, so the invitation can no "
            "longer be answered."
        )
    before = invitation.answer
    invitation.answer = InvitationAnswer.COMING if coming else InvitationAnswer.NOT_COMING
    invitation.full_clean()
    invitation.save(update_fields=["answer"])
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=review.person_id,
        subject=invitation,
        summary=(
            f"{invitation.name} answered the invitation to the review on "
            f"{_when(review.meets_at) if review.meets_at else 'a day to be arranged'}: "
            f"{invitation.get_answer_display().lower()}"
        ),
        changes=model_changes({"answer": before}, {"answer": invitation.answer}),
    )
    return invitation


# --- Writing the review up ------------------------------------------------------------------


def _check_write_up(
    *,
    review: Review,
    held_on: dt.date | None,
    perspectives: list[PerspectiveInput],
    answers: FourPlusOne,
    survey: list[SurveyInput],
    without_person_reason: str,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    person = review.person
    if held_on is None:
        errors["held_on"] = ["Enter the day the review was held."]
    elif held_on > today:
        errors["held_on"] = [
            f"The review cannot be written up before it is held (today is {uk_date(today)})."
        ]
    elif review.meets_at and held_on < timezone.localtime(review.meets_at).date() - dt.timedelta(
        days=30
    ):
        errors["held_on"] = [
            f"That is long before the review was arranged for ({_when(review.meets_at)})."
        ]
    for view in perspectives:
        if not view.whose.strip():
            errors.setdefault("perspectives", []).append("Say whose view each one is.")
        elif not (view.working.strip() or view.not_working.strip()):
            errors.setdefault("perspectives", []).append(
                f"Say what is working or not working for {view.whose}."
            )
        if view.role not in ParticipantRole.values:
            errors.setdefault("perspectives", []).append(f"Say what part {view.whose} took.")
    has_own_view = any(
        view.role == ParticipantRole.PERSON and (view.working.strip() or view.not_working.strip())
        for view in perspectives
    )
    if not has_own_view and not without_person_reason.strip():
        errors["without_person_reason"] = [
            f"Write down what is working and not working from {person.called}'s own point of "
            f"view, or say why {person.called}'s view is not here."
        ]
    if not answers.next_steps.strip():
        errors["next_steps"] = ["Say what happens next: the review's 'what next?'."]
    questions = [item.question for item in survey]
    for item in survey:
        if item.question not in SurveyQuestion.values:
            errors.setdefault("survey", []).append("An answer is to a question we do not ask.")
        elif not 1 <= item.answer <= 5:
            errors.setdefault("survey", []).append(
                f"Answer “{SurveyQuestion(item.question).label}” on the scale from 1 to 5."
            )
    if len(set(questions)) != len(questions):
        errors.setdefault("survey", []).append("Each survey question is answered once.")
    return errors


@transaction.atomic
def record_review(
    *,
    review: Review,
    held_on: dt.date | None,
    perspectives: list[PerspectiveInput],
    answers: FourPlusOne,
    survey: list[SurveyInput],
    money_notes: str,
    progress: list[ProgressInput],
    attendance: dict[int, bool],
    expected_version: int,
    actor: User,
    without_person_reason: str = "",
    request: HttpRequest | None = None,
) -> Review:
    """Write up the review as held: each perspective, the 4 plus 1, the survey, what was said
    about the money, who came, and outcomes' progress. Saving again while it is being written up
    replaces the write-up (progress already recorded stays: it is history).

    Raises ReviewConflict, changing nothing, when someone else saved since ``expected_version``;
    ValidationError (by field) for a day in the future, no view from the person and no reason,
    no "what next", or a survey answer off the scale.
    """
    current = Review.objects.select_for_update().get(pk=review.pk)
    current.person = review.person
    conflicts.check_version(current, expected_version, ReviewConflict)
    if current.status not in (ReviewStatus.SCHEDULED, ReviewStatus.HELD):
        raise ValidationError(
            f"This review is {current.get_status_display().lower()}, so it cannot be written up."
        )
    errors = _check_write_up(
        review=current,
        held_on=held_on,
        perspectives=perspectives,
        answers=answers,
        survey=survey,
        without_person_reason=without_person_reason,
    )
    for item in progress:
        if item.outcome.person_id != current.person_id:
            errors.setdefault("progress", []).append("That outcome is someone else's.")
    if errors:
        raise ValidationError(errors)
    if held_on is None:  # pragma: no cover - refused above; narrows the type
        raise ValidationError({"held_on": "Enter the day the review was held."})
    before = snapshot(current)
    if current.status == ReviewStatus.SCHEDULED:
        set_status(current, ReviewStatus.HELD)
    current.held_on = held_on
    current.tried = answers.tried.strip()
    current.learned = answers.learned.strip()
    current.pleased = answers.pleased.strip()
    current.concerned = answers.concerned.strip()
    current.next_steps = answers.next_steps.strip()
    current.money_notes = money_notes.strip()
    current.without_person_reason = without_person_reason.strip()
    current.version = expected_version + 1
    current.full_clean()
    current.save()
    current.perspectives.all().delete()
    for view in perspectives:
        perspective = Perspective(
            review=current,
            whose=" ".join(view.whose.split()),
            role=view.role,
            working=view.working.strip(),
            not_working=view.not_working.strip(),
        )
        perspective.full_clean()
        perspective.save()
    current.survey.all().delete()
    for answer in survey:
        response = SurveyResponse(
            review=current,
            question=answer.question,
            answer=answer.answer,
            comment=answer.comment.strip(),
        )
        response.full_clean()
        response.save()
    for invitation in current.invitations.all():
        if invitation.pk in attendance and invitation.attended != attendance[invitation.pk]:
            invitation.attended = attendance[invitation.pk]
            invitation.save(update_fields=["attended"])
    already = {(p.outcome_id, p.status, p.evidence) for p in current.outcome_progress.all()}
    for item in progress:
        if (item.outcome.pk, item.status, item.evidence.strip()) in already:
            continue
        record_progress(
            outcome=item.outcome,
            status=item.status,
            evidence=item.evidence,
            recorded_on=held_on,
            actor=actor,
            review=current,
            request=request,
        )
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=current.person_id,
        subject=current,
        summary=f"Wrote up {current.person.display_name}'s review held on {uk_date(held_on)}",
        changes={
            **model_changes(before, snapshot(current)),
            "perspectives": {"from": None, "to": "; ".join(p.whose for p in perspectives)},
            "survey": {
                "from": None,
                "to": "; ".join(f"{s.question}={s.answer}" for s in survey),
            },
        },
    )
    return current
