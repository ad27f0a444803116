"""Retention in the demo: Gerry, whose support ended in 2018, and Jamal's request to erase.

Gerald (Gerry) Whitlock was supported by Willowbrook from 2011 until 28 September 2018, when he
moved into a nursing home. His care records were kept until 28 September 2026 (8 years), so on
the story's today they wait for a manager's review: the manager has decided to keep them for
now, because Hollowfield's Safeguarding Adults Board has not finished its review of his move;
his audit trail and his circle's phone numbers (held only by consent) are still waiting for a
decision. Jamal Williams, 19, asked three days ago for everything about his family to be
erased: the request waits for the manager, whose page shows that his care records must be kept
and that his circle's contact details can go. The nightly review has run once.

Gerry is not funded through the council's ISFs (his support ended before them). He is added by
``manage.py seed_demo_retention`` after ``seed_demo`` (``make run`` and ``make seed`` run both),
not by seed_demo itself, whose story counts the 55 people supported now. Repeatable: each part is
added only if it is missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action, AuditEvent
from directsupport.people.models import (
    CircleMember,
    Closeness,
    ConsentDecision,
    DecidedBy,
    KeyDate,
    Person,
    Sector,
    Stage,
)
from directsupport.retention.holdings import holding
from directsupport.retention.models import ErasureRequest, KeepDecision
from directsupport.retention.review import run_review
from directsupport.retention.schedule import Target
from directsupport.retention.services import keep_records, record_erasure_request

from . import organisations_data as orgs

LONDON = ZoneInfo("Europe/London")
FORMER_FIRST_NAME, FORMER_LAST_NAME = "Gerald", "Whitlock"
FORMER_BORN = dt.date(1951, 5, 2)
SUPPORT_STARTED = dt.date(2011, 3, 14)
SUPPORT_ENDED = dt.date(2018, 9, 28)
KEEP_REASON = (
    "Hollowfield's Safeguarding Adults Board is still reviewing Gerry's move to nursing care in "
    "2018 and has asked us to keep his records until it reports."
)
ERASURE_FIRST_NAME = "Jamal"

# name, relationship, sector, closeness, phone, address
FORMER_CIRCLE = [
    ("Sandra Whitlock", "my daughter", Sector.FAMILY, Closeness.CLOSEST, "07700 900871", ""),
    (
        "Len Price",
        "my friend from the allotment",
        Sector.FRIENDS,
        Closeness.CLOSE,
        "07700 900342",
        "",
    ),
    ("Carol Hughes", "my keyworker", Sector.PAID, Closeness.CLOSE, "", ""),
    (
        "Marsh Green Day Centre",
        "where I went on Tuesdays",
        Sector.COMMUNITY,
        Closeness.FURTHER,
        "",
        "",
    ),
]


@dataclass
class RetentionCounts:
    former_people: int = 0
    kept: int = 0
    erasure_requests: int = 0

    def lines(self) -> list[str]:
        return [
            f"Retention: {self.former_people} person whose support ended in 2018 with records "
            f"due for review, {self.kept} decision to keep with a reason, "
            f"{self.erasure_requests} erasure request waiting for a manager."
        ]


def seed_retention(*, provider: Organisation, users: dict[str, User]) -> RetentionCounts:
    counts = RetentionCounts()
    manager = next(users[s.email] for s in orgs.STAFF if s.role == Role.MANAGER)
    coordinator = next(users[s.email] for s in orgs.STAFF if s.role == Role.COORDINATOR)
    gerry = Person.objects.filter(
        organisation=provider, first_name=FORMER_FIRST_NAME, last_name=FORMER_LAST_NAME
    ).first()
    if gerry is None:
        gerry = _former_person(provider, manager, coordinator)
        counts.former_people += 1
    today = timezone.localdate()
    care = holding(gerry, Target.CARE)
    if care.due(today) and not KeepDecision.objects.filter(person_id=gerry.pk).exists():
        keep_records(
            actor=manager,
            person=gerry,
            target=Target.CARE,
            reason=KEEP_REASON,
            next_review_on=today + dt.timedelta(days=182),
        )
        counts.kept += 1
    jamal = Person.objects.filter(organisation=provider, first_name=ERASURE_FIRST_NAME).first()
    if jamal is not None and not ErasureRequest.objects.filter(person_id=jamal.pk).exists():
        record_erasure_request(
            actor=manager,
            person=jamal,
            asked_by="Jamal Williams (the person), at his review",
            asked_on=today - dt.timedelta(days=3),
            what="Jamal asked us to delete everything about his family: their names, phone "
            "numbers and what they said at his Planning Live day.",
        )
        counts.erasure_requests += 1
    run_review(provider, today)
    return counts


def _former_person(provider: Organisation, manager: User, coordinator: User) -> Person:
    """Gerry, whose support ended in 2018, as his record stood then.

    Written directly, not through the people services: his whole record is history from 2014 to
    2018, with the audit rows of that time written below, and the services would log each step
    (adding him, his circle, their consent) as done today, beside those rows. No rule is worked
    out here: the retention review reads this record through the product's own rules.
    """
    started = dt.datetime.combine(SUPPORT_STARTED, dt.time(10), tzinfo=LONDON)
    gerry = Person.objects.create(
        organisation=provider,
        first_name=FORMER_FIRST_NAME,
        preferred_name="Gerry",
        last_name=FORMER_LAST_NAME,
        date_of_birth=FORMER_BORN,
        address_line_1="Flat 3, Allotment View",
        postcode="HF4 2QT",
        stage=Stage.ISF_LIVE,
        support_ended_on=SUPPORT_ENDED,
        communicates_by="I speak clearly but I get tired in the afternoons.",
        communicate_with_me="Come in the morning and sit where I can see you.",
        coordinator=coordinator,
        created_at=started,
        updated_at=dt.datetime.combine(SUPPORT_ENDED, dt.time(16), tzinfo=LONDON),
    )
    KeyDate.objects.create(person=gerry, label="Gerry's birthday", date=FORMER_BORN)
    for name, relationship, sector, closeness, phone, address in FORMER_CIRCLE:
        member = CircleMember.objects.create(
            person=gerry,
            name=name,
            relationship=relationship,
            sector=sector,
            closeness=closeness,
            phone=phone,
            address=address,
            may_see=sector != Sector.COMMUNITY,
            created_at=started,
        )
        decision = ConsentDecision(
            may_see=member.may_see,
            may_contribute=False,
            decided_by=DecidedBy.PERSON,
            recorded_by=coordinator,
            recorded_at=dt.datetime(2014, 6, 2, 11, tzinfo=LONDON),
        )
        decision.attach_to(member)
        decision.save()
    # What the audit log said about him at the time (the log is append-only: rows are added
    # as they were written then).
    for moment, actor, action, summary in (
        (started, manager, Action.CREATE, "Added Gerry Whitlock"),
        (
            dt.datetime(2018, 9, 28, 16, tzinfo=LONDON),
            manager,
            Action.UPDATE,
            "Recorded that support for Gerry Whitlock ended on 28/09/2018",
        ),
    ):
        AuditEvent.objects.create(
            at=moment,
            actor=actor,
            actor_label=actor.email,
            actor_role=actor.role,
            organisation=provider,
            person_id=gerry.pk,
            subject_type="people.person",
            subject_id=str(gerry.pk),
            action=action,
            summary=summary,
        )
    return gerry
