"""The demo's co-production reviews, told through the review services.

- **Completed:** about a dozen first reviews, held with the person and their circle 6 to 8 weeks
  after their ISF started. funds' demo already recorded those reviews on the ISF (seed_funds); the
  co-production write-up completes the same review, so each links to funds' record of that day
  rather than counting the review twice, and funds' dates (and its "reviews due" alert) stay as
  they were. Each has points of view, the 4 plus 1, the survey, outcomes' progress, and carries
  what changed into the person's Plan Book draft (only people whose next version is already a
  draft, so the Plan Book story the planning demo tells keeps its shape).
- **Coming:** Dee asked for a review about her Sundays; Priya arranged it within the next month
  with Ngozi invited (Ngozi has not answered yet: it waits on her home page). Two first reviews
  of people who started last month are arranged for the next two weeks.
- **Held, being written up:** one first review held yesterday.
- **Asked for:** Tariq asked, in his own words (his brother Bilal typed it), and waits for a day.
- **Overdue:** the rest of last month's starters and Natalia show as due or overdue, from funds.

The services stamp "now"; the history happened over the months before, so (as seed_funds does)
the days the meetings happened are given to them afterwards.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.coproduction.models import (
    InvitationAnswer,
    Progress,
    Review,
    ReviewInvitation,
    ReviewKind,
    SurveyQuestion,
)
from directsupport.coproduction.reviews.completion import ActionsAgreed, NewAction, complete_review
from directsupport.coproduction.reviews.due import dues_for
from directsupport.coproduction.reviews.services import (
    FourPlusOne,
    Invitee,
    PerspectiveInput,
    ProgressInput,
    SurveyInput,
    answer_invitation,
    ask_for_review,
    record_review,
    schedule_review,
)
from directsupport.funds.agreements.services import agreement_in_force
from directsupport.funds.models import AgreementReview
from directsupport.lib.decision_feed import ParticipantRole
from directsupport.people.models import CircleMember, Person, Sector
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion
from directsupport.planning.models import Outcome

from . import funds_data as fd

SEED = "willowbrook-reviews-2026"
COMPLETED_WANTED = 12
DEE = ("Adaeze", "Okafor")
ASKING = ("Tariq", "Mahmood")
TARIQ_WORDS = (
    "I want my boxing on Saturday, not Wednesday. My brother Bilal can come on Saturdays. "
    "Bilal wrote this for me and I said yes."
)
DEE_WORDS = (
    "I want to talk about my Sundays. They are too long and I am on my own. "
    "I want to go to the lunch at church with Ngozi."
)
NGOZI_EMAIL = "ngozi.okafor@example.org"
DEE_PLACE = "Dee's flat (tea and biscuits; Ngozi brings the photos)"

PERSON_WORKING = (
    "Choosing who comes with me. {activity} every week.",
    "I like my worker. We go out when I want, not when the centre says.",
    "{activity} is the best bit of my week. I do it with my friends.",
    "I can say no now. I choose what we do in the afternoons.",
)
PERSON_NOT_WORKING = (
    "Sundays are long. Nothing happens.",
    "The bus is hard when it is busy.",
    "Sometimes a new worker comes and does not know me.",
    "I want more time for {activity}.",
)
CIRCLE_WORKING = (
    "{name} is calmer and talks about the week ahead.",
    "{name} tells us what they did, with photos. We did not hear that before.",
    "The same two workers each week has made a big difference to {name}.",
)
CIRCLE_NOT_WORKING = (
    "Rotas changed twice in the first month; {name} found that hard.",
    "Evenings are still quiet; {name} would like company.",
    "",
)
STAFF_WORKING = (
    "Hours delivered are close to plan and the money is on track.",
    "{name} is choosing more: the Perfect Week is being lived, not just written.",
)
STAFF_NOT_WORKING = (
    "Two sessions were missed while rotas settled; sorted now.",
    "Travel takes longer than planned on Mondays.",
)
NEXT_STEPS = (
    "Try one new activity near home before Christmas; {coordinator} will bring three ideas.",
    "Keep the same workers; look at the Sunday lunch club at St Mark's with the family.",
    "Ask the bus company about a travel buddy; practise the route with {name}'s worker.",
    "Add a second {activity} session if the money allows; check at the yearly review.",
)
HOW_FAR = ("on track", "a good start", "some weeks missed")
ACTIVITIES = ("Swimming", "Music group", "Cooking", "Art", "Football", "Dancing", "Walking")


@dataclass
class ReviewCounts:
    completed: int = 0
    perspectives: int = 0
    survey_answers: int = 0
    plan_books: int = 0
    scheduled: int = 0
    held: int = 0
    asked: int = 0
    dee_meets: dt.datetime | None = None


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _first_name(person: Person) -> str:
    return person.called


def _circle_member(person: Person) -> CircleMember | None:
    return (
        CircleMember.objects.filter(person=person, may_see=True)
        .exclude(sector=Sector.PAID)
        .order_by("closeness", "name")
        .first()
    )


def _invitees(person: Person, coordinator: User, member: CircleMember | None) -> list[Invitee]:
    found = [Invitee(name=person.display_name, role=ParticipantRole.PERSON, user=person.user)]
    if member is not None:
        role = (
            ParticipantRole.FAMILY
            if member.sector in (Sector.FAMILY, Sector.FRIENDS)
            else ParticipantRole.REPRESENTATIVE
        )
        found.append(Invitee(name=member.name, role=role, user=member.user, circle_member=member))
    found.append(Invitee(name=coordinator.full_name, role=ParticipantRole.STAFF, user=coordinator))
    return found


def _schedule_then_date(
    person: Person, *, kind: str, meets_at: dt.datetime, place: str, invitees: list[Invitee]
) -> Review:
    """Schedule through the service (which only takes a time to come), then give the meeting the
    day it happened."""
    coordinator = person.coordinator
    if coordinator is None:
        raise ValueError(f"{person.display_name} has no coordinator: seed the people first.")
    review = schedule_review(
        person=person,
        kind=kind,
        meets_at=timezone.now() + dt.timedelta(hours=1),
        place=place,
        invitees=invitees,
        actor=coordinator,
    )
    arranged = meets_at - dt.timedelta(days=21)
    Review.objects.filter(pk=review.pk).update(meets_at=meets_at, created_at=arranged)
    review.meets_at, review.created_at = meets_at, arranged
    return review


def _everyone_came(review: Review) -> dict[int, bool]:
    invitations = list(review.invitations.all())
    for invitation in invitations:
        if invitation.user is not None:
            answer_invitation(invitation=invitation, coming=True, actor=cast(User, invitation.user))
    # Those without a sign-in answered by phone.
    ReviewInvitation.objects.filter(review=review, user__isnull=True).update(
        answer=InvitationAnswer.COMING
    )
    return {invitation.pk: True for invitation in invitations}


def _views(
    person: Person, member: CircleMember | None, coordinator: User, rng: random.Random
) -> list[PerspectiveInput]:
    name, activity = _first_name(person), rng.choice(ACTIVITIES)
    views = [
        PerspectiveInput(
            whose=person.display_name,
            role=ParticipantRole.PERSON,
            working=rng.choice(PERSON_WORKING).format(activity=activity),
            not_working=rng.choice(PERSON_NOT_WORKING).format(activity=activity.lower()),
        )
    ]
    if member is not None:
        views.append(
            PerspectiveInput(
                whose=member.name,
                role=ParticipantRole.FAMILY,
                working=rng.choice(CIRCLE_WORKING).format(name=name),
                not_working=rng.choice(CIRCLE_NOT_WORKING).format(name=name),
            )
        )
    views.append(
        PerspectiveInput(
            whose=coordinator.full_name,
            role=ParticipantRole.STAFF,
            working=rng.choice(STAFF_WORKING).format(name=name),
            not_working=rng.choice(STAFF_NOT_WORKING),
        )
    )
    return views


def _answers(person: Person, coordinator: User, rng: random.Random) -> FourPlusOne:
    name = _first_name(person)
    return FourPlusOne(
        tried=f"Support at the times {name} chose, with the same workers where we could.",
        learned=f"{name} settles best with notice of any change, and a photo of who is coming.",
        pleased=f"{name} is choosing more and the Perfect Week is mostly happening.",
        concerned=rng.choice(
            ("Quiet weekends.", "Missed sessions when rotas changed.", "The busy bus.")
        ),
        next_steps=rng.choice(NEXT_STEPS).format(
            coordinator=coordinator.get_short_name(),
            name=name,
            activity=rng.choice(ACTIVITIES).lower(),
        ),
    )


def _survey(rng: random.Random) -> list[SurveyInput]:
    return [
        SurveyInput(question=question.value, answer=rng.choice((3, 4, 4, 5, 5)))
        for question in SurveyQuestion
    ]


def _progress(person: Person, held_on: dt.date, rng: random.Random) -> list[ProgressInput]:
    written = [
        outcome
        for outcome in Outcome.objects.filter(person=person).order_by("position", "id")[:3]
        if timezone.localtime(outcome.created_at).date() <= held_on
    ]
    return [
        ProgressInput(
            outcome=outcome,
            status=rng.choice((Progress.STARTED, Progress.STARTED, Progress.PARTLY)),
            evidence=f"Talked through at the review: {rng.choice(HOW_FAR)}.",
        )
        for outcome in written
    ]


def _held_first_review(
    person: Person,
    coordinator: User,
    funds_review: AgreementReview,
    rng: random.Random,
    counts: ReviewCounts,
    member: CircleMember | None,
) -> Review:
    """The first review as it was held and written up, on the day funds recorded it."""
    held_on = funds_review.held_on
    review = _schedule_then_date(
        person,
        kind=ReviewKind.FIRST,
        meets_at=_at(held_on, rng.choice((10, 11, 14, 15))),
        place=rng.choice(
            (
                f"{_first_name(person)}'s home",
                "Riverside Days, the quiet room",
                "The café at Northfield Library",
            )
        ),
        invitees=_invitees(person, coordinator, member),
    )
    # Due, then, by the agreement in force that day (funds' rule now says the next one).
    in_force = agreement_in_force(funds_review.fund, held_on)
    if in_force is not None:
        Review.objects.filter(pk=review.pk).update(due_on=in_force.first_review_on)
    views = _views(person, member, coordinator, rng)
    survey = _survey(rng)
    counts.perspectives += len(views)
    counts.survey_answers += len(survey)
    return record_review(
        review=review,
        held_on=held_on,
        perspectives=views,
        answers=_answers(person, coordinator, rng),
        survey=survey,
        money_notes="We looked at the statement together: spending is close to plan.",
        progress=_progress(person, held_on, rng),
        attendance=_everyone_came(review),
        expected_version=review.version,
        actor=coordinator,
    )


def _complete_one(
    person: Person, funds_review: AgreementReview, rng: random.Random, counts: ReviewCounts
) -> None:
    coordinator = person.coordinator
    if coordinator is None:
        return
    held_on = funds_review.held_on
    review = _held_first_review(
        person, coordinator, funds_review, rng, counts, _circle_member(person)
    )
    # The action goes on an outcome still being worked on, with room for it (three steps at a
    # time).
    outcome = (
        Outcome.objects.filter(person=person)
        .annotate(steps=Count("actions"))
        .filter(steps__lt=3, achieved_on__isnull=True)
        .order_by("position", "id")
        .first()
    )
    new = (
        [
            NewAction(
                outcome=outcome,
                what="Talk about how this is going at the next review",
                who=coordinator.full_name,
                by_when=held_on + dt.timedelta(weeks=52),
            )
        ]
        if outcome is not None
        else []
    )
    done = complete_review(review=review, actor=coordinator, actions=ActionsAgreed(new=new))
    Review.objects.filter(pk=done.pk).update(completed_at=_at(held_on, 17))
    counts.completed += 1
    counts.plan_books += done.next_plan_version_id is not None


def _completed(people: list[Person], counts: ReviewCounts) -> set[int]:
    """First reviews already on the ISF, for people whose next Plan Book version is already a
    draft (a first version still being written has no 'what changed' to carry)."""
    drafts = set(
        PlanBookVersion.objects.filter(
            person__in=people, status=PlanBookStatus.DRAFT, number__gte=2
        ).values_list("person_id", flat=True)
    )
    firsts: dict[int, AgreementReview] = {}
    for funds_review in (
        AgreementReview.objects.filter(fund__person__in=people, fund__person_id__in=drafts)
        .select_related("fund")
        .order_by("held_on", "id")
    ):
        firsts.setdefault(funds_review.fund.person_id, funds_review)
    chosen = [p for p in people if p.pk in firsts and (p.first_name, p.last_name) != ASKING]
    done: set[int] = set()
    for person in chosen[:COMPLETED_WANTED]:
        rng = random.Random(f"{SEED}:{person.first_name}:{person.last_name}")  # noqa: S311
        _complete_one(person, firsts[person.pk], rng, counts)
        done.add(person.pk)
    return done


def _dees_review(
    people: dict[tuple[str, str], Person], today: dt.date, counts: ReviewCounts
) -> None:
    dee = people.get(DEE)
    if dee is None or dee.user is None or dee.coordinator is None:
        return
    ngozi = CircleMember.objects.filter(person=dee, user__email=NGOZI_EMAIL, may_see=True).first()
    first = (
        AgreementReview.objects.filter(fund__person=dee)
        .select_related("fund")
        .order_by("held_on")
        .first()
    )
    if first is not None:
        # Dee's first review was held in July; completing it waits for Dee to agree her Plan
        # Book version 2 (planning refuses a new version while one waits for her), so it shows
        # as held, not completed, with planning's reason on its page.
        rng = random.Random(f"{SEED}:Dee")  # noqa: S311
        held = _held_first_review(dee, dee.coordinator, first, rng, counts, ngozi)
        try:
            with transaction.atomic():
                complete_review(review=held, actor=dee.coordinator)
        except ValidationError:
            counts.held += 1
        else:
            counts.completed += 1
    ask_for_review(person=dee, because=DEE_WORDS, actor=dee.user)
    meets_on = today + dt.timedelta(days=23)
    review = schedule_review(
        person=dee,
        kind=ReviewKind.ASKED,
        meets_at=_at(meets_on, 14),
        place=DEE_PLACE,
        invitees=_invitees(dee, dee.coordinator, ngozi or _circle_member(dee)),
        actor=dee.coordinator,
    )
    counts.scheduled += 1
    counts.dee_meets = review.meets_at


def _starters(people: list[Person], today: dt.date, counts: ReviewCounts) -> None:
    """Last month's starters: two arranged for the next two weeks, one held yesterday and being
    written up; the rest stay due (funds' alert shows them)."""
    starters = [p for p in people if p.first_name in fd.LIVE_LAST_MONTH and p.coordinator]
    for days, person in zip((6, 13), starters[:2], strict=False):
        coordinator = person.coordinator
        if coordinator is None:
            continue
        schedule_review(
            person=person,
            kind=ReviewKind.FIRST,
            meets_at=_at(today + dt.timedelta(days=days), 11),
            place=f"{_first_name(person)}'s home",
            invitees=_invitees(person, coordinator, _circle_member(person)),
            actor=coordinator,
        )
        counts.scheduled += 1
    if len(starters) < 3:
        return
    person = starters[2]
    coordinator = person.coordinator
    if coordinator is None:
        return
    yesterday = today - dt.timedelta(days=1)
    rng = random.Random(f"{SEED}:held:{person.first_name}")  # noqa: S311
    member = _circle_member(person)
    review = _schedule_then_date(
        person,
        kind=ReviewKind.FIRST,
        meets_at=_at(yesterday, 10),
        place="Riverside Days, the quiet room",
        invitees=_invitees(person, coordinator, member),
    )
    record_review(
        review=review,
        held_on=yesterday,
        perspectives=_views(person, member, coordinator, rng),
        answers=_answers(person, coordinator, rng),
        survey=_survey(rng),
        money_notes="First month's statement read together; nothing to change.",
        progress=[],
        attendance=_everyone_came(review),
        expected_version=review.version,
        actor=coordinator,
    )
    counts.held += 1


def _tariq_asks(people: dict[tuple[str, str], Person], counts: ReviewCounts) -> None:
    tariq = people.get(ASKING)
    if tariq is None:
        return
    bilal = CircleMember.objects.filter(person=tariq, may_contribute=True, user__isnull=False)
    asker = bilal.first()
    actor = asker.user if asker is not None and asker.user is not None else tariq.coordinator
    if actor is None:
        return
    ask_for_review(person=tariq, because=TARIQ_WORDS, actor=actor)
    counts.asked += 1


def seed_reviews(*, provider: Organisation, users: dict[str, User]) -> list[str]:
    """Seed through the services; return the summary lines seed_demo prints."""
    if Review.objects.filter(person__organisation=provider).exists():
        return ["Reviews: already there, so nothing was added."]
    today = timezone.localdate()
    people = list(
        Person.objects.filter(organisation=provider)
        .select_related("coordinator", "user")
        .order_by("last_name", "first_name")
    )
    by_name = {(p.first_name, p.last_name): p for p in people}
    counts = ReviewCounts()
    done = _completed(people, counts)
    _dees_review(by_name, today, counts)
    _starters([p for p in people if p.pk not in done], today, counts)
    _tariq_asks(by_name, counts)
    dues = dues_for(Person.objects.filter(organisation=provider), today)
    horizon = today + dt.timedelta(weeks=8)
    due = [d for d in dues if d.due_on <= horizon]
    overdue = sum(1 for d in due if d.due_on < today)
    dee_when = (
        f"{timezone.localtime(counts.dee_meets):%-d %B} with Ngozi invited"
        if counts.dee_meets
        else "not arranged"
    )
    return [
        f"Reviews: {counts.completed} completed with the person and their circle "
        f"({counts.perspectives} points of view, {counts.survey_answers} survey answers, "
        f"{counts.plan_books} Plan Book drafts saying what changed); {counts.scheduled} arranged "
        f"(Dee's on {dee_when}); {counts.held} held and being written up; {counts.asked} asked "
        f"for; {len(due)} due within 8 weeks ({overdue} overdue) by the ISF agreements.",
    ]
