"""The demo's decision log: every Plan Book agreed, ISF agreement approved, supplier chosen and
preferred-list decision the demo made before the log existed (the backfill), then eighteen months
of decisions about how the service works, recorded with who took part, from informing to
co-production, and a few about people, one of them a best-interests decision.

Each recorded decision has a demo source key, so seeding again logs nothing twice.
Decisions about how the service works are read by experts by experience, so their words never
name anyone supported; a person supported who took part is named by their part only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.coproduction.decisions.backfill import backfill_decisions, past_decisions
from directsupport.coproduction.decisions.services import record_decision
from directsupport.coproduction.models import Decision, Level, ParticipantRole, Source, Topic
from directsupport.lib.decision_feed import Participant
from directsupport.people.models import CircleMember, Person

HELEN = "helen.carter@willowbrook.example"
PRIYA = "priya.shah@willowbrook.example"
TOM = "tom.reilly@willowbrook.example"
FARAH = "farah.siddiqui@willowbrook.example"
MARTIN = "martin.hughes@hollowfield.gov.example"
JO = "jo.whitfield@example.org"
AMIR = "amir.haddad@example.org"
KWAME = "kwame@riversidedays.example"

P = ParticipantRole
# Groups named by their part, never by the names of people supported.
FAMILY_FORUM = "Willowbrook family carers' forum (6 members)"
PEOPLE_AT_REVIEW_DAY = "People supported at the programme review day (12 people)"


@dataclass(frozen=True)
class ServiceDecision:
    days_ago: int
    title: str
    reasons: str
    # (email of a user, or a group's name, part taken)
    who: tuple[tuple[str, str], ...]
    words: str = ""
    details: str = ""
    level: int | None = None  # None: worked out from who took part


SERVICE_DECISIONS: tuple[ServiceDecision, ...] = (
    ServiceDecision(
        530,
        "Move from the block contract to Individual Service Funds over three years",
        "People said the block contract decided their week for them. ISFs ring-fence each "
        "person's money so they direct how it is spent.",
        ((HELEN, P.STAFF), (MARTIN, P.COMMISSIONER), (JO, P.EXPERT), (FAMILY_FORUM, P.FAMILY)),
        words="If it is my money, I want to say what it pays for.",
    ),
    ServiceDecision(
        500,
        "Office hours change to 8am to 6pm on weekdays",
        "Most calls came before 9am; the phone rota now covers them.",
        ((HELEN, P.STAFF), (PRIYA, P.STAFF)),
    ),
    ServiceDecision(
        470,
        "Split the block contract into one ISF for each person by their assessed hours",
        "Each person's share follows the support they were getting, so nobody starts with less; "
        "the contingency stays with the council for changes in need.",
        (
            (HELEN, P.STAFF),
            (FARAH, P.STAFF),
            (MARTIN, P.COMMISSIONER),
            (JO, P.EXPERT),
            (AMIR, P.EXPERT),
            (FAMILY_FORUM, P.FAMILY),
        ),
        words="Show everyone their own number before anything changes.",
        details="Worked through at two panel meetings, with an easy-read summary of the split.",
    ),
    ServiceDecision(
        440,
        "Management fee set at 8% of each ISF",
        "The fee covers holding the money, statements and the coordinator's time; the family "
        "forum asked that it is the same for everyone and shown on every statement.",
        ((FARAH, P.STAFF), (MARTIN, P.COMMISSIONER), (FAMILY_FORUM, P.FAMILY)),
    ),
    ServiceDecision(
        400,
        "Safeguarding refresher training required for every support worker each year",
        "The council's contract requires it; the panel was told why it matters.",
        ((HELEN, P.STAFF), (MARTIN, P.COMMISSIONER), (JO, P.EXPERT)),
        level=Level.EDUCATING,
    ),
    ServiceDecision(
        360,
        "Preferred-supplier criteria: quality, fair price, our values, flexible contracts and "
        "references",
        "Quality and fit come before price. The panel wrote the values criterion in its own "
        "words and asked that suppliers let people change their support at short notice.",
        (
            (TOM, P.STAFF),
            (HELEN, P.STAFF),
            (MARTIN, P.COMMISSIONER),
            (JO, P.EXPERT),
            (AMIR, P.EXPERT),
        ),
        words="A good supplier listens to you and lets you change your mind.",
    ),
    ServiceDecision(
        320,
        "Planning Live days held on Saturdays, with families invited",
        "Weekdays clashed with college and work; families could not come.",
        ((PRIYA, P.STAFF), (PEOPLE_AT_REVIEW_DAY, P.PERSON), (FAMILY_FORUM, P.FAMILY)),
        words="Saturday is better. My family can come and it is not rushed.",
    ),
    ServiceDecision(
        270,
        "Rate card for the year: hourly rates for day, evening, night and weekend support",
        "Rates follow the real cost of an hour of support, including travel and training time.",
        (
            (FARAH, P.STAFF),
            (TOM, P.STAFF),
            (MARTIN, P.COMMISSIONER),
            (JO, P.EXPERT),
            (KWAME, P.SUPPLIER),
        ),
    ),
    ServiceDecision(
        230,
        "Easy-read ISF statements: one page, pictures beside each idea, money left in big type",
        "The first statements were tables nobody supported could read. The panel tried three "
        "designs and chose this one.",
        ((FARAH, P.STAFF), (JO, P.EXPERT), (AMIR, P.EXPERT)),
        words="Put the money left at the top, big, with a picture of a purse.",
    ),
    ServiceDecision(
        180,
        "Panel members paid £20 an hour for meetings, reading papers and travel",
        "Experts by experience give their time as others do theirs; pay stays under each "
        "member's benefits limit, with a warning as it nears it.",
        ((HELEN, P.STAFF), (FARAH, P.STAFF), (MARTIN, P.COMMISSIONER), (JO, P.EXPERT)),
        words="Preparation is work too. Pay for the reading, not just the meeting.",
    ),
    ServiceDecision(
        130,
        "Suppliers need two references, one of them from someone they support",
        "A reference from someone supported says what the support is like to receive.",
        ((TOM, P.STAFF), (AMIR, P.EXPERT), (MARTIN, P.COMMISSIONER)),
    ),
    ServiceDecision(
        80,
        "Buy a shared evening worker for the Friday and Tuesday clubs together",
        "Several people wanted evening support on the same nights; buying it together costs "
        "each of them less than alone.",
        ((TOM, P.STAFF), (MARTIN, P.COMMISSIONER), (FAMILY_FORUM, P.FAMILY)),
    ),
    ServiceDecision(
        35,
        "Feedback cards with pictures and a five-point scale, or a voice note",
        "People wanted to say how things are going without writing.",
        ((PRIYA, P.STAFF), (JO, P.EXPERT), (AMIR, P.EXPERT), (PEOPLE_AT_REVIEW_DAY, P.PERSON)),
        words="Let me say it my way: a picture, a face, or my voice.",
    ),
)


def _participant(who: str, role: str, users: dict[str, User]) -> Participant:
    user = users.get(who)
    if user is None:
        return Participant(name=who, role=role)
    return Participant(name=user.full_name, role=role, user_id=user.pk)


def _seed_service_decisions(provider: Organisation, users: dict[str, User], today: dt.date) -> int:
    for number, spec in enumerate(SERVICE_DECISIONS, start=1):
        record_decision(
            organisation=provider,
            topic=Topic.SERVICE_MODEL,
            title=spec.title,
            reasons=spec.reasons,
            details=spec.details,
            level=spec.level,
            decided_on=today - dt.timedelta(days=spec.days_ago),
            participants=[_participant(who, role, users) for who, role in spec.who],
            person_took_part=True,
            person_words=spec.words,
            source_key=f"demo.service:{number}",
            actor=users[HELEN],
        )
    return len(SERVICE_DECISIONS)


def _person(provider: Organisation, first_name: str) -> Person | None:
    return (
        Person.objects.filter(organisation=provider, first_name=first_name)
        .select_related("coordinator")
        .first()
    )


def _staff(person: Person, users: dict[str, User]) -> Participant:
    coordinator = person.coordinator or users[PRIYA]
    return Participant(name=coordinator.full_name, role=P.STAFF, user_id=coordinator.pk)


def _circle(person: Person, relationship_has: str) -> CircleMember | None:
    return CircleMember.objects.filter(
        person=person, relationship__icontains=relationship_has
    ).first()


def _seed_person_decisions(
    provider: Organisation, users: dict[str, User], today: dt.date
) -> tuple[int, int]:
    """A few decisions about people typed into the log; one best-interests decision."""
    about, best_interests = 0, 0
    dee = _person(provider, "Adaeze")
    if dee is not None:
        sister = _circle(dee, "sister")
        record_decision(
            organisation=provider,
            person=dee,
            topic=Topic.SUPPORT,
            title="Keep the Friday Club place during the college course",
            reasons=f"{dee.called} starts college on Thursdays; Friday is the day with friends.",
            level=None,
            decided_on=today - dt.timedelta(days=60),
            participants=[
                Participant(name=dee.display_name, role=P.PERSON, user_id=dee.user_id),
                *(
                    [Participant(name=sister.name, role=P.FAMILY, user_id=sister.user_id)]
                    if sister
                    else []
                ),
                _staff(dee, users),
                _participant(MARTIN, P.COMMISSIONER, users),
            ],
            person_took_part=True,
            person_words="I want to keep my Friday friends. College is Thursday.",
            source_key="demo.person:friday-club",
            actor=users[PRIYA],
        )
        record_decision(
            organisation=provider,
            person=dee,
            topic=Topic.MONEY,
            title="Bank two weeks of the budget towards a holiday in Brighton",
            reasons="Saved from weeks when the Friday Club was closed.",
            level=None,
            decided_on=today - dt.timedelta(days=25),
            participants=[
                Participant(name=dee.display_name, role=P.PERSON, user_id=dee.user_id),
                _participant(FARAH, P.STAFF, users),
            ],
            person_took_part=True,
            person_words="I want to see the sea.",
            source_key="demo.person:holiday",
            actor=users[PRIYA],
        )
        about += 2
    sophie = _person(provider, "Sophie")
    if sophie is not None:
        advocate = _circle(sophie, "advocate")
        record_decision(
            organisation=provider,
            person=sophie,
            topic=Topic.SUPPORT,
            title="Hydrotherapy sessions move to weekday mornings",
            reasons="She is calmer and more relaxed in the water in the mornings, her support "
            "workers' notes show; afternoon sessions often ended early.",
            level=None,
            decided_on=today - dt.timedelta(days=95),
            participants=[
                Participant(
                    name=advocate.name if advocate else "Her advocate (Hollowfield Advocacy)",
                    role=P.REPRESENTATIVE,
                    user_id=advocate.user_id if advocate else None,
                ),
                _staff(sophie, users),
            ],
            person_took_part=False,
            without_person_reason=(
                "Best-interests decision (Mental Capacity Act 2005): Sophie does not use words "
                "and could not show a choice between mornings and afternoons, even when shown "
                "one photo at a time over several visits. Her independent advocate and her "
                "coordinator decided after asking the people who know her well."
            ),
            source_key="demo.person:hydrotherapy",
            actor=users[PRIYA],
        )
        about += 1
        best_interests += 1
    return about, best_interests


def _date_as_the_story_does(provider: Organisation) -> None:
    """The demo tells its story through the services on the day it is loaded, then dates each
    step back to when it happened in the story (an agreement approved in May, a supplier chosen
    in October). The decisions announced as it went carry the loading day: each takes its
    source's own date, read by the same builders the feed uses."""
    dates = {taken.source_key: taken.decided_on for taken in past_decisions(provider)}
    for decision in Decision.objects.filter(organisation=provider, source_key__in=list(dates)):
        if decision.decided_on != dates[decision.source_key]:
            Decision.objects.filter(pk=decision.pk).update(decided_on=dates[decision.source_key])


def seed_decisions(*, provider: Organisation, users: dict[str, User]) -> list[str]:
    """Seed through the services; return the summary lines seed_demo prints."""
    today = timezone.localdate()
    backfilled = backfill_decisions(organisation=provider)
    _date_as_the_story_does(provider)
    services = _seed_service_decisions(provider, users, today)
    about, best_interests = _seed_person_decisions(provider, users, today)
    decisions = Decision.objects.filter(organisation=provider)
    fed = decisions.exclude(source=Source.RECORDED).count()
    co_produced = decisions.filter(level=Level.CO_PRODUCTION).count()
    return [
        f"Decision log: {decisions.count()} decisions ({services} about how the service works "
        f"recorded, {about} about people recorded, {best_interests} best-interests; {fed} from "
        f"Plan Books, ISF agreements, supplier choices and the preferred list, {backfilled} of "
        f"them logged by the backfill); {co_produced} reached co-production"
    ]
