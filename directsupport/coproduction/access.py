"""Who may see and change co-production records. The only place these decisions are made;
person-level checks start from ``people.access``.

- **Decisions about a person:** whoever may see the person (people.access) reads them, except
  suppliers and experts by experience; a commissioner reads only the money, support and contract
  decisions of people their council funds. Managers, coordinators and market shapers record.
- **Decisions about how the service works** (no person): the provider's staff, its experts by
  experience, and commissioners of councils whose people it supports read them.
- **The panel:** managers and coordinators run it (members, meetings, papers, attendance);
  finance and managers decide time claims. An expert by experience sees the meetings they are
  invited to, their papers, and only their own claims, and claims their own time.
- **Feedback, reviews, outcomes' progress and the learning log:** the person, circle members who
  may see (and, to add, contribute), and staff who may see the person. Commissioners, suppliers
  and experts see none of it. Reviews are run by managers and coordinators; progress and the
  learning log are written by them and by the person's support workers.
- **The programme dashboard:** the provider's staff (except support workers) see their whole
  provider; commissioners only their council's people; experts by experience the provider's
  figures anonymised (no names, no per-person rows).

Everything here answers 404 (NoAccess) for no access and 403 (ReadOnly) for read-only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.lib.denials import Found, Missing, NoAccess, ReadOnly
from directsupport.lib.denials import one_for_user as _one
from directsupport.people.access import get_person_for_user, people_visible_to
from directsupport.people.models import CircleMember, Person
from directsupport.planning.models import Outcome

from .models import (
    Attendance,
    Decision,
    Feedback,
    LearningLogEntry,
    MeetingPaper,
    Panel,
    PanelMeeting,
    PanelMember,
    Review,
    ReviewInvitation,
    TimeClaim,
    Topic,
)

PROVIDER_READERS = frozenset({Role.MANAGER, Role.COORDINATOR, Role.FINANCE, Role.MARKET_SHAPER})
DECISION_RECORDERS = frozenset({Role.MANAGER, Role.COORDINATOR, Role.MARKET_SHAPER})
PANEL_RUNNERS = frozenset({Role.MANAGER, Role.COORDINATOR})
CLAIM_DECIDERS = frozenset({Role.MANAGER, Role.FINANCE})
REVIEWERS = frozenset({Role.MANAGER, Role.COORDINATOR})
PROGRESS_WRITERS = frozenset({Role.MANAGER, Role.COORDINATOR, Role.SUPPORT_WORKER})
# Who may see a person's feedback, reviews, outcomes and learning log at all (on top of seeing
# the person): not commissioners, whose view of a person is the council's narrow one.
PERSON_SIDE_READERS = frozenset(
    {
        Role.MANAGER,
        Role.COORDINATOR,
        Role.SUPPORT_WORKER,
        Role.FINANCE,
        Role.MARKET_SHAPER,
        Role.PERSON,
        Role.CIRCLE,
    }
)
COUNCIL_TOPICS = frozenset({Topic.MONEY, Topic.SUPPORT, Topic.CONTRACT})
DASHBOARD_STAFF = frozenset({Role.MANAGER, Role.COORDINATOR, Role.FINANCE, Role.MARKET_SHAPER})


def _role_name(user: User) -> str:
    return user.get_role_display().lower()


def _no_access(user: User, *, subject_type: str, subject_id: object, what: str) -> NoAccess:
    return NoAccess(
        subject_type=subject_type,
        subject_id=subject_id,
        reason=f"No access to {what} for a {_role_name(user)}",
    )


# --- Decisions ------------------------------------------------------------------------------


def decisions_visible_to(user: User) -> QuerySet[Decision]:
    decisions = Decision.objects.all()
    role = user.role
    if not user.is_active:
        return decisions.none()
    people = people_visible_to(user).values("pk")
    if role in PROVIDER_READERS:
        return decisions.filter(organisation_id=user.organisation_id)
    if role in (Role.SUPPORT_WORKER, Role.PERSON, Role.CIRCLE):
        return decisions.filter(person__in=people)
    if role == Role.COMMISSIONER:
        providers = Person.objects.filter(funding_council_id=user.organisation_id).values(
            "organisation_id"
        )
        return decisions.filter(
            Q(person__in=people, topic__in=COUNCIL_TOPICS)
            | Q(person__isnull=True, organisation_id__in=providers)
        )
    if role == Role.EXPERT:
        return decisions.filter(person__isnull=True, organisation_id=user.organisation_id)
    return decisions.none()


def can_record_decisions(user: User) -> bool:
    return user.is_active and user.role in DECISION_RECORDERS


def check_may_record_decisions(user: User) -> None:
    if not can_record_decisions(user):
        raise ReadOnly(
            subject_type="coproduction.decision",
            subject_id="new",
            reason="Read-only access: tried to record a decision",
        )


def check_may_see_decisions(user: User) -> None:
    """The decision log's list: 404 for suppliers (who have no part in it)."""
    if user.role == Role.SUPPLIER or not user.is_active:
        raise _no_access(
            user, subject_type="coproduction.decision", subject_id="*", what="the decision log"
        )


def get_decision_for_user(user: User, pk: int, *, write: bool = False) -> Decision:
    return _one(
        decisions_visible_to(user).select_related("person", "organisation", "meeting"),
        pk,
        user=user,
        subject_type="coproduction.decision",
        what="this decision",
        write=write,
        may_change=lambda decision: (
            can_record_decisions(user) and decision.organisation_id == user.organisation_id
        ),
        tried="change a decision",
    )


def get_person_for_decisions(user: User, pk: int, *, write: bool = False) -> Person:
    """A person's own decision log (their tab): anyone who may see the person except suppliers
    and experts; recording one is for decision recorders of the person's provider."""
    person = get_person_for_user(user, pk)
    if write and not (
        can_record_decisions(user) and person.organisation_id == user.organisation_id
    ):
        raise ReadOnly(
            subject_type="coproduction.decision",
            subject_id="new",
            person_id=pk,
            reason="Read-only access: tried to record a decision about the person",
        )
    return person


# --- The panel ------------------------------------------------------------------------------


def can_run_panel(user: User) -> bool:
    return user.is_active and user.role in PANEL_RUNNERS


def can_decide_claims(user: User) -> bool:
    return user.is_active and user.role in CLAIM_DECIDERS


def panel_for_user(user: User) -> Panel | None:
    """The panel this user works with: their provider's (staff), or the one they are a member
    of (experts by experience). None for everyone else."""
    if not user.is_active:
        return None
    if user.role in PROVIDER_READERS:
        return Panel.objects.filter(organisation_id=user.organisation_id).first()
    if user.role == Role.EXPERT:
        member = PanelMember.objects.filter(user=user, left_on__isnull=True).first()
        return member.panel if member is not None else None
    return None


def member_for_user(user: User) -> PanelMember | None:
    """The expert's own panel membership (None for anyone else)."""
    if user.role != Role.EXPERT or not user.is_active:
        return None
    return PanelMember.objects.filter(user=user).select_related("panel").first()


def get_panel_for_user(user: User, *, write: bool = False) -> Panel:
    panel = panel_for_user(user)
    if panel is None:
        raise _no_access(user, subject_type="coproduction.panel", subject_id="*", what="the panel")
    if write and not can_run_panel(user):
        raise ReadOnly(
            subject_type="coproduction.panel",
            subject_id=panel.pk,
            reason="Read-only access: tried to change the panel",
        )
    return panel


def members_visible_to(user: User) -> QuerySet[PanelMember]:
    if user.is_active and user.role in PROVIDER_READERS:
        return PanelMember.objects.filter(panel__organisation_id=user.organisation_id)
    return PanelMember.objects.none()


def get_member_for_user(user: User, pk: int, *, write: bool = False) -> PanelMember:
    return _one(
        members_visible_to(user).select_related("panel", "user"),
        pk,
        user=user,
        subject_type="coproduction.panelmember",
        what="this panel member",
        write=write,
        may_change=lambda member: can_run_panel(user),
        tried="change a panel member",
    )


def meetings_visible_to(user: User) -> QuerySet[PanelMeeting]:
    if not user.is_active:
        return PanelMeeting.objects.none()
    if user.role in PROVIDER_READERS:
        return PanelMeeting.objects.filter(panel__organisation_id=user.organisation_id)
    if user.role == Role.EXPERT:
        invited = Attendance.objects.filter(meeting=OuterRef("pk"), member__user=user)
        return PanelMeeting.objects.filter(Exists(invited))
    return PanelMeeting.objects.none()


def get_meeting_for_user(user: User, pk: int, *, write: bool = False) -> PanelMeeting:
    return _one(
        meetings_visible_to(user).select_related("panel"),
        pk,
        user=user,
        subject_type="coproduction.panelmeeting",
        what="this meeting",
        write=write,
        may_change=lambda meeting: can_run_panel(user),
        tried="change a panel meeting",
    )


def get_paper_for_user(user: User, meeting_pk: int, paper_pk: int) -> MeetingPaper:
    meeting = get_meeting_for_user(user, meeting_pk)
    paper = MeetingPaper.objects.filter(meeting=meeting, pk=paper_pk).first()
    if paper is None:
        raise _no_access(
            user, subject_type="coproduction.meetingpaper", subject_id=paper_pk, what="this paper"
        )
    paper.meeting = meeting
    return paper


def claims_visible_to(user: User) -> QuerySet[TimeClaim]:
    if not user.is_active:
        return TimeClaim.objects.none()
    if user.role in (Role.MANAGER, Role.COORDINATOR, Role.FINANCE):
        return TimeClaim.objects.filter(member__panel__organisation_id=user.organisation_id)
    if user.role == Role.EXPERT:
        return TimeClaim.objects.filter(member__user=user)
    return TimeClaim.objects.none()


def get_claim_for_user(user: User, pk: int, *, write: bool = False) -> TimeClaim:
    """``write`` is deciding the claim (approve, refuse, mark paid): managers and finance."""
    return _one(
        claims_visible_to(user).select_related("member", "member__panel", "meeting"),
        pk,
        user=user,
        subject_type="coproduction.timeclaim",
        what="this time claim",
        write=write,
        may_change=lambda claim: can_decide_claims(user),
        tried="decide a time claim",
    )


def check_may_claim_time(user: User) -> PanelMember:
    """Claiming time is for panel members themselves (staff record a claim for a member from the
    member's page, with ``get_member_for_user(write=True)``)."""
    member = member_for_user(user)
    if member is None or member.left_on is not None:
        raise _no_access(
            user, subject_type="coproduction.timeclaim", subject_id="new", what="claiming time"
        )
    return member


CLAIM_READERS = frozenset({Role.MANAGER, Role.COORDINATOR, Role.FINANCE})


def panel_settings_for_user(user: User) -> Panel | None:
    """The panel's settings: managers and coordinators change them (None: their provider has no
    panel yet, so they may set one up); other staff and members read-only (403); others 404."""
    if can_run_panel(user):
        return panel_for_user(user)
    panel = get_panel_for_user(user)
    raise ReadOnly(
        subject_type="coproduction.panel",
        subject_id=panel.pk,
        reason="Read-only access: tried to change the panel's settings",
    )


def check_may_see_claims(user: User) -> None:
    """The list of time claims: staff who see claims, and panel members (their own)."""
    if user.is_active and (user.role in CLAIM_READERS or member_for_user(user) is not None):
        return
    raise _no_access(
        user, subject_type="coproduction.timeclaim", subject_id="*", what="time claims"
    )


# --- Feedback, reviews, outcomes' progress, the learning log ------------------------------------


def _person_side(user: User, pk: int, *, what: str, subject_type: str) -> Person:
    person = get_person_for_user(user, pk)
    if user.role not in PERSON_SIDE_READERS:
        raise NoAccess(
            subject_type=subject_type,
            subject_id=pk,
            person_id=pk,
            reason=f"No access to {what} for a {_role_name(user)}",
        )
    return person


def _read_only(pk: int, *, subject_type: str, tried: str) -> ReadOnly:
    return ReadOnly(
        subject_type=subject_type,
        subject_id=pk,
        person_id=pk,
        reason=f"Read-only access: tried to {tried}",
    )


def _of_person(
    found: QuerySet[Found], person: Person, pk: int, *, subject_type: str, what: str
) -> Found:
    """The object of ``found`` (already limited to ``person``) with this id. The user may see
    the person, so an id that is not there is a mistyped or stale address: a 404 audited as
    missing, not a refusal on the person's "who looked at my information"."""
    thing = found.filter(pk=pk).first()
    if thing is None:
        raise Missing(
            subject_type=subject_type,
            subject_id=pk,
            reason=f"No such {what} for person {person.pk}",
        )
    return thing


def may_contribute(user: User, person: Person) -> bool:
    """The person, a circle member the person lets contribute, or staff who may see them."""
    if user.role == Role.PERSON:
        return person.user_id == user.pk
    if user.role == Role.CIRCLE:
        return CircleMember.objects.filter(person=person, user=user, may_contribute=True).exists()
    return user.role in (Role.MANAGER, Role.COORDINATOR, Role.SUPPORT_WORKER)


def get_person_for_feedback(user: User, pk: int, *, write: bool = False) -> Person:
    person = _person_side(user, pk, what="feedback", subject_type="coproduction.feedback")
    if write and not may_contribute(user, person):
        raise _read_only(pk, subject_type="coproduction.feedback", tried="give feedback")
    return person


def get_feedback_for_user(user: User, person_pk: int, feedback_pk: int) -> Feedback:
    person = get_person_for_feedback(user, person_pk)
    feedback = _of_person(
        Feedback.objects.filter(person=person),
        person,
        feedback_pk,
        subject_type="coproduction.feedback",
        what="feedback",
    )
    feedback.person = person
    return feedback


def can_run_reviews(user: User, person: Person) -> bool:
    return user.role in REVIEWERS and person.organisation_id == user.organisation_id


def get_person_for_reviews(user: User, pk: int, *, write: bool = False) -> Person:
    person = _person_side(user, pk, what="reviews", subject_type="coproduction.review")
    if write and not can_run_reviews(user, person):
        raise _read_only(pk, subject_type="coproduction.review", tried="change a review")
    return person


def get_review_for_user(
    user: User, person_pk: int, review_pk: int, *, write: bool = False
) -> Review:
    person = get_person_for_reviews(user, person_pk, write=write)
    review = _of_person(
        Review.objects.filter(person=person).select_related("fund"),
        person,
        review_pk,
        subject_type="coproduction.review",
        what="review",
    )
    review.person = person
    return review


def may_ask_for_review(user: User, person: Person) -> bool:
    """The person, or someone in their circle (or staff) asking on their behalf."""
    return may_contribute(user, person)


def can_write_progress(user: User, person: Person) -> bool:
    return user.role in PROGRESS_WRITERS and person.organisation_id == user.organisation_id


def get_person_for_outcomes(user: User, pk: int, *, write: bool = False) -> Person:
    person = _person_side(
        user, pk, what="outcomes' progress", subject_type="coproduction.outcomeprogress"
    )
    if write and not can_write_progress(user, person):
        raise _read_only(
            pk, subject_type="coproduction.outcomeprogress", tried="record outcome progress"
        )
    return person


def get_person_for_learning_log(user: User, pk: int, *, write: bool = False) -> Person:
    person = _person_side(
        user, pk, what="the learning log", subject_type="coproduction.learninglogentry"
    )
    if write and not can_write_progress(user, person):
        raise _read_only(
            pk, subject_type="coproduction.learninglogentry", tried="add to the learning log"
        )
    return person


def get_learning_entry_for_user(
    user: User, person_pk: int, entry_pk: int, *, write: bool = False
) -> LearningLogEntry:
    person = get_person_for_learning_log(user, person_pk, write=write)
    entry = _of_person(
        LearningLogEntry.objects.filter(person=person),
        person,
        entry_pk,
        subject_type="coproduction.learninglogentry",
        what="learning log entry",
    )
    entry.person = person
    return entry


def get_outcome_for_user(
    user: User, person_pk: int, outcome_pk: int, *, write: bool = False
) -> Outcome:
    """One of the person's outcomes (planning's), for its progress: read by whoever may read
    outcomes' progress; ``write`` is recording progress."""
    person = get_person_for_outcomes(user, person_pk, write=write)
    outcome = _of_person(
        Outcome.objects.filter(person=person),
        person,
        outcome_pk,
        subject_type="planning.outcome",
        what="outcome",
    )
    outcome.person = person
    return outcome


# --- Reviews: the coordinator's list and answering an invitation --------------------------------


def check_may_see_review_list(user: User) -> None:
    """The list of reviews due, arranged and waiting: for those who run reviews (404 for the
    rest, who see a person's reviews from the person's pages)."""
    if not user.is_active or user.role not in REVIEWERS:
        raise _no_access(
            user, subject_type="coproduction.review", subject_id="*", what="the list of reviews"
        )


def get_invitation_for_user(user: User, person_pk: int, review_pk: int) -> ReviewInvitation:
    """The signed-in user's own invitation to a review they may see (404 for anyone else)."""
    review = get_review_for_user(user, person_pk, review_pk)
    invitation = ReviewInvitation.objects.filter(review=review, user=user).first()
    if invitation is None:
        raise NoAccess(
            subject_type="coproduction.reviewinvitation",
            subject_id=review_pk,
            person_id=person_pk,
            reason="No invitation to this review for this user",
        )
    invitation.review = review
    return invitation


# --- The programme dashboard ----------------------------------------------------------------


@dataclass(frozen=True)
class DashboardScope:
    """Whose figures a user sees: one provider's, perhaps one council's people only, and whether
    names and per-person rows are left out."""

    provider_id: int | None  # None: a commissioner, across every provider their council funds
    council_id: int | None
    anonymised: bool


def dashboard_scope_for(user: User) -> DashboardScope:
    if not user.is_active:
        raise _no_access(
            user,
            subject_type="coproduction.dashboard",
            subject_id="*",
            what="the programme dashboard",
        )
    if user.role in DASHBOARD_STAFF:
        return DashboardScope(provider_id=user.organisation_id, council_id=None, anonymised=False)
    if user.role == Role.COMMISSIONER:
        return DashboardScope(provider_id=None, council_id=user.organisation_id, anonymised=False)
    if user.role == Role.EXPERT:
        return DashboardScope(provider_id=user.organisation_id, council_id=None, anonymised=True)
    raise _no_access(
        user, subject_type="coproduction.dashboard", subject_id="*", what="the programme dashboard"
    )
