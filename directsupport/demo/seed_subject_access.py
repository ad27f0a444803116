"""Subject access in the demo: Dee's answered request, and Shanice's, asked by her mum, due soon.

Dee (Adaeze Okafor) asked for a copy of everything held about her 20 days ago; her coordinator
made it in good time, so Dee can download it when she signs in. Shanice's mum Paulette asked on her
behalf 26 days ago: it is due in 4 days (one calendar month less 26 days, give or take the
month's length), so the coordinators' list warns about it. Repeatable: a person who already has
a request is left alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import Role
from directsupport.people.models import Person
from directsupport.subject_access.models import RequestedBy, SubjectAccessRequest
from directsupport.subject_access.services import make_copy_now, record_request

from . import organisations_data as orgs

ANSWERED_FIRST_NAME = "Adaeze"
OPEN_FIRST_NAME = "Shanice"
OPEN_REPRESENTATIVE = "Paulette Campbell"


@dataclass
class SubjectAccessCounts:
    answered: int = 0
    open: int = 0

    def lines(self) -> list[str]:
        return [
            f"Subject access: {self.answered} request answered with a copy, {self.open} open "
            "and due soon."
        ]


def seed_subject_access(*, provider: Organisation, users: dict[str, User]) -> SubjectAccessCounts:
    counts = SubjectAccessCounts()
    today = timezone.localdate()
    coordinator = next(users[s.email] for s in orgs.STAFF if s.role == Role.COORDINATOR)
    answered = _person(provider, ANSWERED_FIRST_NAME)
    if answered is not None and not SubjectAccessRequest.objects.filter(person=answered).exists():
        sar = record_request(
            actor=coordinator,
            person=answered,
            received_on=today - dt.timedelta(days=20),
            requested_by=RequestedBy.PERSON,
            notes="Dee asked at her review for everything we keep about her, to show her sister.",
        )
        make_copy_now(actor=coordinator, sar=sar)
        counts.answered += 1
    waiting = _person(provider, OPEN_FIRST_NAME)
    if waiting is not None and not SubjectAccessRequest.objects.filter(person=waiting).exists():
        record_request(
            actor=coordinator,
            person=waiting,
            received_on=today - dt.timedelta(days=26),
            requested_by=RequestedBy.REPRESENTATIVE,
            representative=waiting.circle.filter(name=OPEN_REPRESENTATIVE).first(),
            notes="Paulette emailed to ask for a copy of Shanice's records before her review.",
        )
        counts.open += 1
    return counts


def _person(provider: Organisation, first_name: str) -> Person | None:
    return Person.objects.filter(organisation=provider, first_name=first_name).first()
