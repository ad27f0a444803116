"""Reviews of how a person's ISF is working: when the next one is due, and recording one held.

The first review falls 6 to 8 weeks after an agreement starts (the agreement names the day);
after that, at least every ``review_every_months`` months from the last review held.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_change

from ..models import Agreement, AgreementReview, Fund
from .services import agreement_in_force, approved_versions
from .terms import uk_date

SUMMARY_MAX_LENGTH = 4000


def next_review_due(agreement: Agreement, reviews: Sequence[AgreementReview]) -> dt.date:
    """The one answer to "when is the next review due?" (the alerts, the reviews page and the
    person's money pages all ask here): the agreement's first review until a review is held on
    or after its start; then the last review held plus ``review_every_months`` months, on the
    month's last day when it is shorter (31 January plus one month is 28 or 29 February)."""
    held = [review.held_on for review in reviews if review.held_on >= agreement.starts_on]
    if not held:
        return agreement.first_review_on
    return max(held) + relativedelta(months=agreement.review_every_months)


def review_problems(*, fund: Fund, held_on: dt.date | None, summary: str) -> dict[str, str]:
    """What is wrong with a review as recorded (empty when it may be saved)."""
    problems: dict[str, str] = {}
    if not summary.strip():
        problems["summary"] = "Say what was said and decided at the review."
    elif len(summary) > SUMMARY_MAX_LENGTH:
        problems["summary"] = f"Make this 4,000 characters or fewer (it has {len(summary):,})."
    if held_on is None:
        return problems
    today = timezone.localdate()
    approved = approved_versions(fund)
    if held_on > today:
        problems["held_on"] = (
            f"The review date cannot be in the future: record a review once it is held "
            f"(today is {uk_date(today)})."
        )
    elif not approved:
        problems["held_on"] = "There is no approved agreement yet, so there is nothing to review."
    elif agreement_in_force(fund, held_on) is None:
        first_start = min(version.starts_on for version in approved)
        problems["held_on"] = (
            f"No agreement was in force on {uk_date(held_on)}: a review must be on or after "
            f"the agreement's start ({uk_date(first_start)}) and before it ends."
        )
    return problems


@transaction.atomic
def record_review(
    *,
    fund: Fund,
    held_on: dt.date,
    summary: str,
    actor: User,
    request: HttpRequest | None = None,
) -> AgreementReview:
    """Record a review held with the person; refused (ValidationError by field) if it is in the
    future, outside an agreement in force, or has no summary."""
    summary = summary.strip()
    problems = review_problems(fund=fund, held_on=held_on, summary=summary)
    if problems:
        raise ValidationError(problems)
    review = AgreementReview(fund=fund, held_on=held_on, summary=summary, recorded_by=actor)
    review.full_clean()
    review.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=fund.person_id,
        subject=review,
        summary=f"Recorded the ISF review held on {uk_date(held_on)} for {fund.reference}",
        changes=model_changes({}, {"held_on": held_on, "summary": summary}),
    )
    return review
