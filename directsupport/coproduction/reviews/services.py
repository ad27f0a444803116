"""Reviews: asking for one, scheduling it with invitations, answering an invitation, writing it
up, and completing it.

Reviews extend what funds already schedules: when one falls due is ``reviews.due`` (funds' rule),
and completing one records funds' ``AgreementReview`` through ``funds.reviews.record_review``, so
the "reviews due" alert and our lists read one answer. Completing also starts the next Plan Book
version through planning's own services, updates the actions agreed through planning's outcome
services, and announces the decision to the decision log. A review never changes a budget: no
ledger entry or agreement is written here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
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
from directsupport.funds.agreement_terms import uk_date
from directsupport.funds.models import AgreementReview, Fund
from directsupport.funds.reviews import record_review as record_funds_review
from directsupport.lib.decision_feed import DecisionTaken, Participant, ParticipantRole, announce
from directsupport.lib.transitions import check_transition
from directsupport.people.models import CircleMember, Person
from directsupport.planning.models import Outcome, OutcomeAction, PlanBookStatus, PlanBookVersion
from directsupport.planning.outcome_services import (
    ActionInput,
    OutcomeDetails,
    mark_action_done,
    update_outcome,
)
from directsupport.planning.planbook_services import (
    PlanBookChangeRefused,
    compile_draft,
    open_version_of,
    start_version,
    update_draft,
)

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
CHANGES_SUMMARY_MAX = 2000


class ReviewConflict(Exception):
    """Someone else saved the review after this user loaded it; nothing was changed."""

    def __init__(self, *, saved: Review) -> None:
        super().__init__(f"Review {saved.pk} is at version {saved.version}")
        self.saved = saved


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


@dataclass(frozen=True)
class NewAction:
    outcome: Outcome
    what: str
    who: str
    by_when: dt.date


@dataclass(frozen=True)
class ActionsAgreed:
    """What next, as actions on the person's outcomes: new ones, and ones now done."""

    new: list[NewAction] = field(default_factory=list)
    done: list[OutcomeAction] = field(default_factory=list)


# --- Small helpers --------------------------------------------------------------------------


def _snapshot(review: Review) -> dict[str, Any]:
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
    """The person's review in progress (asked for, scheduled, or held and being written up)."""
    return Review.objects.filter(person=person, status__in=OPEN_STATUSES).first()


def _set_status(review: Review, status: str) -> None:
    check_transition(REVIEW_TRANSITIONS, current=review.status, wanted=status)
    review.status = status


def _when(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{uk_date(local.date())} at {local:%H:%M}"


def _open_refusal(existing: Review, person: Person) -> ValidationError:
    if existing.status == ReviewStatus.HELD:
        return ValidationError(
            f"{person.called}'s review held on {uk_date(existing.held_on or existing.due_on)} "
            "is still being written up: complete it before arranging another."
        )
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
        review, before = existing, _snapshot(existing)
        _set_status(review, ReviewStatus.SCHEDULED)
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
            **model_changes(before, _snapshot(review)),
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
    if current.version != expected_version:
        raise ReviewConflict(saved=current)
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
    before = _snapshot(current)
    if current.status == ReviewStatus.SCHEDULED:
        _set_status(current, ReviewStatus.HELD)
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
            **model_changes(before, _snapshot(current)),
            "perspectives": {"from": None, "to": "; ".join(p.whose for p in perspectives)},
            "survey": {
                "from": None,
                "to": "; ".join(f"{s.question}={s.answer}" for s in survey),
            },
        },
    )
    return current


# --- Completing -----------------------------------------------------------------------------


def funds_summary(review: Review) -> str:
    """What funds keeps of the review (its ``AgreementReview.summary``): the 4 plus 1 and each
    perspective, cut to funds' limit."""
    parts = []
    for view in review.perspectives.all():
        said = "; ".join(
            text
            for text in (
                f"working: {view.working}" if view.working else "",
                f"not working: {view.not_working}" if view.not_working else "",
            )
            if text
        )
        parts.append(f"{view.whose} ({view.get_role_display().lower()}): {said}.")
    for label, text in (
        ("Tried", review.tried),
        ("Learned", review.learned),
        ("Pleased about", review.pleased),
        ("Concerned about", review.concerned),
        ("What next", review.next_steps),
        ("Money", review.money_notes),
    ):
        if text:
            parts.append(f"{label}: {text}")
    if review.without_person_reason:
        parts.append(f"Without {review.person.called}'s own view: {review.without_person_reason}")
    return _cut("\n".join(parts), 4000)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plan_changes(review: Review) -> str:
    """The next Plan Book version's note of what changed: "After the review on 13 December
    2026: …"."""
    held = uk_date(review.held_on or timezone.localdate())
    text = f"After the review on {held}: {review.next_steps}"
    if review.pleased:
        text += f"\nWe are pleased about: {review.pleased}"
    if review.concerned:
        text += f"\nWe are concerned about: {review.concerned}"
    return text


def _agreement_review(review: Review, actor: User, request: HttpRequest | None) -> AgreementReview:
    """funds' record of the review: the one a coordinator already recorded on funds' page for
    the same day (so one review is never counted twice), or a new one through funds' own
    service, whose refusals stand."""
    fund = review.fund or Fund.objects.filter(person=review.person).first()
    if fund is None or review.held_on is None:  # pragma: no cover - callers check both
        raise ValidationError("The review has no ISF or no day held.")
    already = (
        AgreementReview.objects.filter(
            fund=fund, held_on=review.held_on, coproduction_review__isnull=True
        )
        .order_by("id")
        .first()
    )
    if already is not None:
        return already
    return record_funds_review(
        fund=fund,
        held_on=review.held_on,
        summary=funds_summary(review),
        actor=actor,
        request=request,
    )


def _update_actions(
    review: Review, actions: ActionsAgreed, actor: User, request: HttpRequest | None
) -> None:
    person_pk = review.person_id
    for action in actions.done:
        if action.outcome.person_id != person_pk:
            raise ValidationError({"actions": "That action is for someone else's outcome."})
        mark_action_done(actor=actor, action=action, request=request)
    by_outcome: dict[int, list[NewAction]] = {}
    for new in actions.new:
        if new.outcome.person_id != person_pk:
            raise ValidationError({"actions": "That outcome is someone else's."})
        if not new.what.strip() or not new.who.strip():
            raise ValidationError({"actions": "Say what each new action is and who will do it."})
        by_outcome.setdefault(new.outcome.pk, []).append(new)
    for outcome_pk, added in by_outcome.items():
        outcome = Outcome.objects.select_related("source_note").get(pk=outcome_pk)
        outcome.person = review.person
        kept = [
            ActionInput(
                what=a.what, who=a.who, by_when=a.by_when, done=a.done_on is not None, id=a.pk
            )
            for a in outcome.actions.all()
        ]
        update_outcome(
            actor=actor,
            outcome=outcome,
            expected_version=outcome.version,
            details=OutcomeDetails(
                text=outcome.text,
                source_note=outcome.source_note,
                source_tool=outcome.source_tool,
                source_text=outcome.source_text,
                achieved_on=outcome.achieved_on,
            ),
            actions=kept
            + [
                ActionInput(what=n.what.strip(), who=n.who.strip(), by_when=n.by_when)
                for n in added
            ],
            request=request,
        )


def _next_plan_version(review: Review, actor: User, request: HttpRequest | None) -> PlanBookVersion:
    """The next Plan Book version, started by planning's service (a draft already open carries
    the review's changes instead); refused while a version waits for the person's agreement."""
    person = review.person
    note = plan_changes(review)
    open_version = open_version_of(person)
    if open_version is not None and open_version.status != PlanBookStatus.DRAFT:
        raise ValidationError(
            {
                "plan": (
                    f"Plan Book version {open_version.number} is "
                    f"{open_version.get_status_display().lower()}: finish it with "
                    f"{person.called} before the review starts the next version."
                )
            }
        )
    try:
        if open_version is None:
            version = start_version(actor=actor, person=person, request=request)
        else:
            open_version.person = person
            version = compile_draft(
                actor=actor,
                version=open_version,
                expected_version=open_version.version,
                request=request,
            )
            if version.changes_summary:
                note = f"{version.changes_summary}\n\n{note}"
    except PlanBookChangeRefused as refused:
        raise ValidationError({"plan": str(refused)}) from refused
    version.person = person
    return update_draft(
        actor=actor,
        version=version,
        expected_version=version.version,
        introduction=version.introduction,
        changes_summary=_cut(note, CHANGES_SUMMARY_MAX),
        request=request,
    )


def _participants(review: Review, actor: User) -> tuple[Participant, ...]:
    """Who came, each with their part; the one completing it stands for a write-up with no
    attendance recorded (the log needs someone)."""
    came = tuple(
        Participant(name=i.name, role=i.role, user_id=i.user_id)
        for i in review.invitations.filter(attended=True)
    )
    return came or (
        Participant(name=actor.full_name, role=ParticipantRole.STAFF, user_id=actor.pk),
    )


def _announce(review: Review, actor: User) -> None:
    """The review's decisions into the decision log, with who took part in what role."""
    person = review.person
    participants = _participants(review, actor)
    took_part = any(p.role == ParticipantRole.PERSON for p in participants)
    own_views = [v for v in review.perspectives.all() if v.role == ParticipantRole.PERSON]
    words = " ".join(
        " ".join(text for text in (v.working, v.not_working) if text) for v in own_views
    )
    reason = ""
    if not took_part:
        reason = review.without_person_reason or (
            f"{person.called} gave their view for the review but did not come to the meeting."
        )
    announce(
        DecisionTaken(
            source="review",
            source_key=f"coproduction.review:{review.pk}",
            organisation_id=person.organisation_id,
            person_id=person.pk,
            topic="review",
            title=_cut(f"{review.get_kind_display()} for {person.display_name}", 200),
            reasons=_cut(review.next_steps, 4000),
            decided_on=review.held_on or timezone.localdate(),
            participants=participants,
            person_took_part=took_part,
            without_person_reason=reason,
            person_words=_cut(words, 2000),
            details=_cut(
                "\n".join(
                    text
                    for text in (
                        f"Pleased about: {review.pleased}" if review.pleased else "",
                        f"Concerned about: {review.concerned}" if review.concerned else "",
                        f"Money: {review.money_notes}" if review.money_notes else "",
                    )
                    if text
                ),
                4000,
            ),
            actor_id=actor.pk,
        )
    )


@transaction.atomic
def complete_review(
    *,
    review: Review,
    actor: User,
    actions: ActionsAgreed | None = None,
    expected_version: int | None = None,
    request: HttpRequest | None = None,
) -> Review:
    """Complete a written-up review, all or nothing: funds' record of the review (so the next
    one falls due from it), the actions agreed, the next Plan Book version (its note of changes
    says what the review decided), and the decision announced to the log.

    Never touches the money: no ledger entry, no agreement amount. Raises ValidationError with
    funds' or planning's refusal (nothing is saved), ReviewConflict when someone else saved.
    """
    current = Review.objects.select_for_update().select_related("fund").get(pk=review.pk)
    current.person = review.person
    if expected_version is not None and current.version != expected_version:
        raise ReviewConflict(saved=current)
    if current.status != ReviewStatus.HELD:
        raise ValidationError(
            "Only a review that has been held and written up can be completed; this one is "
            f"{current.get_status_display().lower()}."
        )
    before = _snapshot(current)
    fund = current.fund or Fund.objects.filter(person=current.person).first()
    if fund is not None:
        current.fund = fund
        try:
            current.agreement_review = _agreement_review(current, actor, request)
        except ValidationError as refused:
            messages = [m for ms in refused.message_dict.values() for m in ms]
            raise ValidationError(
                {"funds": [f"The ISF review could not be recorded: {m}" for m in messages]}
            ) from refused
    _update_actions(current, actions or ActionsAgreed(), actor, request)
    current.next_plan_version = _next_plan_version(current, actor, request)
    _set_status(current, ReviewStatus.COMPLETED)
    current.completed_by = actor
    current.completed_at = timezone.now()
    current.version += 1
    current.full_clean()
    current.save()
    _announce(current, actor)
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=current.person_id,
        subject=current,
        summary=(
            f"Completed {current.person.display_name}'s review: Plan Book version "
            f"{current.next_plan_version.number} started"
        ),
        changes={
            **model_changes(before, _snapshot(current)),
            "agreement_review": {
                "from": None,
                "to": current.agreement_review_id,
            },
            "next_plan_version": {"from": None, "to": current.next_plan_version.pk},
        },
    )
    return current
