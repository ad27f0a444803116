"""The retention review: whose records have passed their retention period and wait for a
manager's decision. The daily task (tasks.py) and ``manage.py retention_review`` run it and note
each run; the review page shows the same list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Max, Q
from django.utils import timezone

from directsupport.accounts.models import Organisation
from directsupport.accounts.roles import OrganisationKind
from directsupport.funds.models import Fund, LedgerTransaction
from directsupport.people.models import Person

from .holdings import Holding, counts_for_people, last_money_day
from .models import KeepDecision, ReviewRun
from .schedule import TARGET_ORDER, Target, is_due, kept_until, latest_money_day_due


@dataclass
class PersonDue:
    """One person's records due for review, and those a manager decided to keep for now."""

    person: Person
    due: list[Holding] = field(default_factory=list)
    kept: list[tuple[Holding, KeepDecision]] = field(default_factory=list)


def active_keeps(organisation_id: int, today: dt.date) -> dict[tuple[int, str], KeepDecision]:
    """The latest keep decision still in force for each (person, target)."""
    keeps: dict[tuple[int, str], KeepDecision] = {}
    for decision in KeepDecision.objects.filter(
        organisation_id=organisation_id, next_review_on__gt=today
    ).order_by("decided_at", "id"):
        keeps[(decision.person_id, decision.target)] = decision
    return keeps


def _candidates(organisation_id: int, today: dt.date) -> list[Person]:
    """People who may have something due: support ended (their photo and circle contacts are
    due from then), or their money records old enough. Rows are counted only for these."""
    cut = latest_money_day_due(today)
    # Each fund's last day, read from the ledger's (fund, day) index for every fund at once:
    # asking SQLite for the provider's funds joined to their ledger took 24 s at 10,000 people,
    # this 0.5 s.
    last_by_fund = dict(
        LedgerTransaction.objects.values_list("fund_id")
        .annotate(last=Max("effective_on"))
        .order_by()
        .values_list("fund_id", "last")
    )
    old_money = [
        person_id
        for fund_id, person_id, opened in Fund.objects.filter(
            person__organisation_id=organisation_id
        ).values_list("pk", "person_id", "created_at")
        if (last_by_fund.get(fund_id) or timezone.localdate(opened)) <= cut
    ]
    return list(
        Person.objects.filter(organisation_id=organisation_id)
        .filter(Q(support_ended_on__lt=today) | Q(pk__in=old_money))
        .order_by("support_ended_on", "last_name", "first_name", "pk")
    )


def due_for_review(organisation_id: int, today: dt.date | None = None) -> list[PersonDue]:
    """Everyone with records past their retention period, and what of theirs is due."""
    today = today or timezone.localdate()
    keeps = active_keeps(organisation_id, today)
    people = _candidates(organisation_id, today)
    # From dates alone, which targets of whose are past their day; then the rows of each
    # target counted for all those people at once.
    past: dict[Target, dict[int, dt.date]] = {target: {} for target in TARGET_ORDER}
    for person in people:
        money_day = last_money_day(person.pk)
        for target in TARGET_ORDER:
            until = kept_until(
                target, support_ended_on=person.support_ended_on, last_money_on=money_day
            )
            if until is not None and is_due(until, today):
                past[target][person.pk] = until
    counts = {target: counts_for_people(list(whose), target) for target, whose in past.items()}
    found: list[PersonDue] = []
    for person in people:
        entry = PersonDue(person=person)
        for target in TARGET_ORDER:
            if person.pk not in past[target] or not counts[target].get(person.pk):
                continue
            held = Holding(
                target=target, rows=counts[target][person.pk], kept_until=past[target][person.pk]
            )
            keep = keeps.get((person.pk, target.value))
            if keep is not None:
                entry.kept.append((held, keep))
            else:
                entry.due.append(held)
        if entry.due or entry.kept:
            found.append(entry)
    return found


def run_review(organisation: Organisation, today: dt.date | None = None) -> list[PersonDue]:
    """Work out the list for one organisation and note the run (for the review page)."""
    today = today or timezone.localdate()
    found = due_for_review(organisation.pk, today)
    ReviewRun.objects.create(
        organisation=organisation,
        reviewed_on=today,
        people_due=sum(1 for entry in found if entry.due),
        items_due=sum(len(entry.due) for entry in found),
    )
    return found


def run_review_everywhere(today: dt.date | None = None) -> dict[Organisation, list[PersonDue]]:
    """The daily review, for every provider."""
    providers = Organisation.objects.filter(kind=OrganisationKind.PROVIDER).order_by("name")
    return {organisation: run_review(organisation, today) for organisation in providers}
