"""Reminders before a contract ends and before its yearly renewal review.

- **Ends soon:** ``ENDS_SOON_WEEKS`` weeks before the end date, or the contract's notice period
  and two weeks more when that is longer, so there is time to give notice or renew.
- **Review:** ``REVIEW_WEEKS`` weeks before each anniversary of the start (the yearly renewal
  review, as the ISF's own reviews are at least yearly), while the contract runs.

``send_reminders`` writes one ContractReminder per contract, kind and date (the table refuses a
second), and emails the provider's market shapers and managers with the reference and a link
only (no names: email leaves the system). Safe to run any number of times a day; the daily
task also tops up the planned postings of contracts with no end date
(``postings.sync_planned_postings``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from directsupport.accounts.models import User
from directsupport.audit.models import Action
from directsupport.audit.services import record_change

from ..access import COMMISSIONING_WRITERS
from ..models import Contract, ContractReminder, ContractStatus
from .postings import sync_planned_postings

ENDS_SOON_WEEKS = 8
REVIEW_WEEKS = 6
RUNNING = (ContractStatus.AGREED, ContractStatus.ACTIVE, ContractStatus.ENDING)


class ReminderKind:
    ENDS_SOON = "ends_soon"
    REVIEW = "review"


@dataclass(frozen=True)
class Due:
    contract: Contract
    kind: str
    due_on: dt.date  # the day the reminder is about: the end, or the review


def _anniversary(start: dt.date, years: int) -> dt.date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def next_review(contract: Contract, today: dt.date) -> dt.date:
    """The first anniversary of the start on or after today."""
    years = 1
    while (review := _anniversary(contract.starts_on, years)) < today:
        years += 1
    return review


def ends_soon_weeks(contract: Contract) -> int:
    return max(ENDS_SOON_WEEKS, contract.notice_weeks + 2)


def due_reminders(contract: Contract, today: dt.date) -> list[Due]:
    found: list[Due] = []
    if contract.ends_on is not None and (
        contract.ends_on - dt.timedelta(weeks=ends_soon_weeks(contract))
        <= today
        <= contract.ends_on
    ):
        found.append(Due(contract, ReminderKind.ENDS_SOON, contract.ends_on))
    review = next_review(contract, today)
    runs_past_review = contract.ends_on is None or review < contract.ends_on
    if (
        contract.status != ContractStatus.ENDING
        and runs_past_review
        and review - dt.timedelta(weeks=REVIEW_WEEKS) <= today
    ):
        found.append(Due(contract, ReminderKind.REVIEW, review))
    return found


def reminder_words(reminder: ContractReminder) -> str:
    contract = reminder.contract
    if reminder.kind == ReminderKind.ENDS_SOON:
        return f"{contract.reference} ends on {reminder.due_on:%-d %B %Y}: renew it or let it end."
    return f"{contract.reference} is due its yearly review on {reminder.due_on:%-d %B %Y}."


def _email(reminder: ContractReminder) -> None:
    contract = reminder.contract
    recipients = list(
        User.objects.filter(
            organisation_id=contract.organisation_id,
            role__in=COMMISSIONING_WRITERS,
            is_active=True,
        ).values_list("email", flat=True)
    )
    if not recipients:
        return
    link = reverse("commissioning:contract_detail", kwargs={"support_contract_pk": contract.pk})
    base = getattr(settings, "SITE_URL", "")
    send_mail(
        f"Contract reminder: {contract.reference}",
        f"{reminder_words(reminder)}\n\nSee the contract: {base}{link}\n",
        None,
        recipients,
    )


def send_reminders(*, today: dt.date) -> list[ContractReminder]:
    """Write (and email) the reminders due today that were not sent before; the new ones."""
    sent: list[ContractReminder] = []
    contracts = Contract.objects.filter(status__in=RUNNING).select_related("supplier__organisation")
    for contract in contracts:
        for due in due_reminders(contract, today):
            if ContractReminder.objects.filter(
                contract=contract, kind=due.kind, due_on=due.due_on
            ).exists():
                continue
            try:
                with transaction.atomic():
                    reminder = ContractReminder.objects.create(
                        contract=contract, kind=due.kind, due_on=due.due_on
                    )
                    record_change(
                        None,
                        actor=None,
                        action=Action.CREATE,
                        subject=reminder,
                        summary=reminder_words(reminder),
                    )
            except IntegrityError:  # another run sent it meanwhile
                continue
            _email(reminder)
            sent.append(reminder)
    return sent


def top_up_open_ended(*, today: dt.date) -> int:
    """Plan the next months of active contracts with no end date; how many postings."""
    posted = 0
    for contract in Contract.objects.filter(
        status=ContractStatus.ACTIVE, ends_on__isnull=True
    ).select_related("supplier__organisation"):
        posted += sync_planned_postings(contract=contract, actor=None, today=today).posted
    return posted
