"""Completing a review, all at once: funds' record of the review (so the next one falls due
from it), the actions agreed through planning's outcome services, the next Plan Book version
through planning's own services, and the decision announced to the decision log. Never the
money: no ledger entry, no agreement amount is touched here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_change
from directsupport.funds.agreements.reviews import record_review as record_funds_review
from directsupport.funds.agreements.terms import uk_date
from directsupport.funds.models import AgreementReview, Fund
from directsupport.lib.decision_feed import DecisionTaken, Participant, ParticipantRole, announce
from directsupport.planbook.book.services import (
    PlanBookChangeRefused,
    compile_draft,
    open_version_of,
    start_version,
    update_draft,
)
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion
from directsupport.planning.models import Outcome, OutcomeAction
from directsupport.planning.outcomes.services import (
    ActionInput,
    OutcomeDetails,
    mark_action_done,
    update_outcome,
)

from ..models import Review, ReviewStatus
from .services import ReviewConflict, cut, set_status, snapshot

CHANGES_SUMMARY_MAX = 2000


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
    return cut("\n".join(parts), 4000)


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
        changes_summary=cut(note, CHANGES_SUMMARY_MAX),
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
            title=cut(f"{review.get_kind_display()} for {person.display_name}", 200),
            reasons=cut(review.next_steps, 4000),
            decided_on=review.held_on or timezone.localdate(),
            participants=participants,
            person_took_part=took_part,
            without_person_reason=reason,
            person_words=cut(words, 2000),
            details=cut(
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
    current = Review.objects.select_for_update().get(pk=review.pk)
    current.person = review.person
    if expected_version is not None and current.version != expected_version:
        raise ReviewConflict(saved=current)
    if current.status != ReviewStatus.HELD:
        raise ValidationError(
            "Only a review that has been held and written up can be completed; this one is "
            f"{current.get_status_display().lower()}."
        )
    before = snapshot(current)
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
    set_status(current, ReviewStatus.COMPLETED)
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
            **model_changes(before, snapshot(current)),
            "agreement_review": {
                "from": None,
                "to": current.agreement_review_id,
            },
            "next_plan_version": {"from": None, "to": current.next_plan_version.pk},
        },
    )
    return current
