"""When each person's review falls due: always funds' answer
(``funds.agreements.reviews.next_review_due``, from the agreement in force and the reviews held),
never a rule of our own. A review completed here records funds' ``AgreementReview``, so the next due
date moves on by itself.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from directsupport.funds.agreements.reviews import next_review_due
from directsupport.funds.models import Agreement, AgreementReview, AgreementStatus
from directsupport.people.models import Person

# The list shows reviews falling due within 8 weeks: time to find a day that suits the person
# and their circle (funds' alert warns from 4 weeks).
DUE_SOON_WEEKS = 8


@dataclass(frozen=True)
class ReviewDue:
    person: Person
    due_on: dt.date
    agreement: Agreement
    last_held_on: dt.date | None

    def overdue(self, today: dt.date) -> bool:
        return self.due_on < today


def due_for(person: Person, today: dt.date) -> ReviewDue | None:
    """The person's next review by funds' rule, or None without an agreement in force."""
    found = dues_for([person], today)
    return found[0] if found else None


def dues_for(people: QuerySet[Person] | Iterable[Person], today: dt.date) -> list[ReviewDue]:
    """Funds' next review for each of ``people`` with an agreement in force, soonest first.
    Two queries however many people."""
    by_pk = {person.pk: person for person in people}
    agreements = Agreement.objects.filter(
        fund__person_id__in=list(by_pk),
        status=AgreementStatus.APPROVED,
        starts_on__lte=today,
        ends_on__gte=today,
    ).select_related("fund")
    held: dict[int, list[AgreementReview]] = defaultdict(list)
    for review in AgreementReview.objects.filter(
        fund__person_id__in=list(by_pk), held_on__lte=today
    ):
        held[review.fund_id].append(review)
    dues = []
    for agreement in agreements:
        reviews = held[agreement.fund_id]
        dues.append(
            ReviewDue(
                person=by_pk[agreement.fund.person_id],
                due_on=next_review_due(agreement, reviews),
                agreement=agreement,
                last_held_on=max((review.held_on for review in reviews), default=None),
            )
        )
    dues.sort(key=lambda due: (due.due_on, due.person.last_name, due.person.first_name))
    return dues


def due_soon_or_overdue(dues: list[ReviewDue], today: dt.date) -> list[ReviewDue]:
    horizon = today + dt.timedelta(weeks=DUE_SOON_WEEKS)
    return [due for due in dues if due.due_on <= horizon]
