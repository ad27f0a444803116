"""The review pack: what the circle reads before the meeting, side by side. Outcomes' progress
(the latest record of each of the person's outcomes), feedback and the learning log since the
last review, and the money as funds counts it (never recomputed here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from directsupport.funds.agreements.services import agreement_to_show
from directsupport.funds.ledger.services import MoneySummary, money_summary
from directsupport.funds.models import Agreement, AgreementReview, Fund
from directsupport.funds.months.opening import agreement_budget_pence, monthly_allocations
from directsupport.funds.statements.figures import StatementFigures, month_figures, previous_month
from directsupport.people.models import Person
from directsupport.planning.models import Outcome

from ..feedback.queries import feedback_for_review
from ..models import Feedback, LearningLogEntry, OutcomeProgress, Review, ReviewStatus
from ..outcomes.queries import latest_progress


@dataclass(frozen=True)
class OutcomeRow:
    outcome: Outcome
    latest: OutcomeProgress | None
    open_actions: int


@dataclass(frozen=True)
class MoneyFacts:
    agreement: Agreement
    summary: MoneySummary
    budget_pence: int  # the agreement's whole budget (funds.months.opening)
    planned_so_far_pence: int  # council money due by this month (funds' monthly allocations)
    last_month: StatementFigures | None


@dataclass(frozen=True)
class Pack:
    since: dt.date | None
    outcomes: list[OutcomeRow]
    feedback: list[Feedback]
    learning: list[LearningLogEntry]
    money: MoneyFacts | None


def last_review_day(person: Person, *, before: Review | None = None) -> dt.date | None:
    """The day of the person's last review held: ours completed, or one funds recorded."""
    ours = Review.objects.filter(person=person, status=ReviewStatus.COMPLETED)
    if before is not None:
        ours = ours.exclude(pk=before.pk)
    days = [day for day in ours.values_list("held_on", flat=True) if day]
    days += list(
        AgreementReview.objects.filter(fund__person=person).values_list("held_on", flat=True)
    )
    if before is not None and before.held_on:
        days = [day for day in days if day < before.held_on]
    return max(days, default=None)


def outcome_rows(person: Person) -> list[OutcomeRow]:
    outcomes = list(Outcome.objects.filter(person=person).prefetch_related("actions"))
    latest = latest_progress(outcomes)
    return [
        OutcomeRow(
            outcome=outcome,
            latest=latest.get(outcome.pk),
            open_actions=sum(1 for a in outcome.actions.all() if a.done_on is None),
        )
        for outcome in outcomes
    ]


def money_facts(person: Person, today: dt.date) -> MoneyFacts | None:
    fund = Fund.objects.filter(person=person).first()
    if fund is None:
        return None
    agreement = agreement_to_show(fund, today)
    if agreement is None:
        return None
    this_month = today.replace(day=1)
    planned = sum(
        pence for month, pence in monthly_allocations(agreement).items() if month <= this_month
    )
    last = previous_month(this_month)
    figures = (
        month_figures([fund.pk], last).get(fund.pk)
        if last >= agreement.starts_on.replace(day=1)
        else None
    )
    return MoneyFacts(
        agreement=agreement,
        summary=money_summary(fund, agreement),
        budget_pence=agreement_budget_pence(agreement),
        planned_so_far_pence=planned,
        last_month=figures,
    )


def review_pack(review: Review, today: dt.date) -> Pack:
    person = review.person
    since = last_review_day(person, before=review)
    learning = LearningLogEntry.objects.filter(person=person)
    if since is not None:
        learning = learning.filter(happened_on__gte=since)
    return Pack(
        since=since,
        outcomes=outcome_rows(person),
        feedback=feedback_for_review(person, since=since),
        learning=list(learning.select_related("outcome")),
        money=money_facts(person, today),
    )
