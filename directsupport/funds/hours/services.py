"""Recording support delivered, one session at a time, each paid for by one ledger transaction.

Cost = minutes x hourly rate / 60, rounded half up to the penny once per session. A session by
the provider's own staff (the supplier is the provider, by name) is paid into
``PROVIDER_SUPPORT``; anyone else's into ``OTHER_SUPPLIERS``.

A session is recorded once: the caller's idempotency key makes a double click or a retry return
the session already recorded, and a second session for the same person, day, start time and
supplier is refused (and the database refuses it too: ``support_session_once``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.http import HttpRequest

from directsupport.audit.models import Action
from directsupport.audit.services import record_change
from directsupport.lib.money import format_pence
from directsupport.lib.templatetags.money import hours
from directsupport.week.models import SupportKind
from directsupport.week.pricing import round_half_up

from ..agreements.services import APPROVED_ONCE
from ..ledger import posting
from ..ledger.posting import PostingRefused
from ..models import (
    Account,
    Agreement,
    Fund,
    Kind,
    LedgerTransaction,
    SessionSource,
    SupportSession,
    TimesheetImport,
)

MINUTES_IN_DAY = 24 * 60


class SessionRefused(PostingRefused):
    """The session was not recorded; the message says why."""


class DuplicateSession(SessionRefused):
    pass


def first_agreement_starts(fund_ids: Iterable[int]) -> dict[int, dt.date]:
    """Per fund, the day its first approved agreement started: sessions before it are refused.
    One query however many funds."""
    return {
        row["fund_id"]: row["first"]
        for row in Agreement.objects.filter(fund_id__in=list(fund_ids), status__in=APPROVED_ONCE)
        .values("fund_id")
        .annotate(first=Min("starts_on"))
    }


def session_cost_pence(minutes: int, hourly_rate_pence: int) -> int:
    return round_half_up(Fraction(minutes * hourly_rate_pence, 60))


def is_provider(fund: Fund, supplier_name: str) -> bool:
    return supplier_name.strip().casefold() == fund.provider.name.strip().casefold()


def duplicate_message(delivered_on: dt.date, starts_at: dt.time, supplier_name: str) -> str:
    return (
        f"A session on {delivered_on:%-d %B %Y} at {starts_at:%H:%M} by {supplier_name} is "
        "already recorded. Nothing was recorded again."
    )


def _check(*, minutes: int, hourly_rate_pence: int, supplier_name: str, support_kind: str) -> None:
    if not 0 < minutes <= MINUTES_IN_DAY:
        raise SessionRefused("A session lasts more than 0 minutes and no more than 24 hours.")
    if hourly_rate_pence <= 0:
        raise SessionRefused("The hourly rate must be more than £0.00.")
    if not supplier_name.strip():
        raise SessionRefused("Say who provided the support.")
    if support_kind not in SupportKind.values:
        raise SessionRefused("Choose a kind of support.")


def session_description(
    support_kind: str, starts_at: dt.time, minutes: int, hourly_rate_pence: int
) -> str:
    """What a session's ledger entry says it was for (its date is the entry's own):
    "Personal care from 07:30, 1 hour 30 minutes at £38.32 an hour"."""
    return (
        f"{SupportKind(support_kind).label} from {starts_at:%H:%M}, {hours(minutes)} at "
        f"{format_pence(hourly_rate_pence)} an hour"
    )


def record_session(
    *,
    fund: Fund,
    delivered_on: dt.date,
    starts_at: dt.time,
    minutes: int,
    support_kind: str,
    supplier_name: str,
    worker_name: str,
    hourly_rate_pence: int,
    notes: str,
    idempotency_key: str,
    actor: Any,
    request: HttpRequest | None = None,
    source: str = SessionSource.RECORDED,
    timesheet: TimesheetImport | None = None,
) -> SupportSession:
    """Record a session and pay for it from the fund's money to spend. Raises SessionRefused
    (DuplicateSession for a session already recorded) or the ledger's PostingRefused kinds
    (WouldOverdraw, IdempotencyConflict); nothing is saved then."""
    supplier_name = supplier_name.strip()
    _check(
        minutes=minutes,
        hourly_rate_pence=hourly_rate_pence,
        supplier_name=supplier_name,
        support_kind=support_kind,
    )
    cost = session_cost_pence(minutes, hourly_rate_pence)
    account = (
        Account.PROVIDER_SUPPORT if is_provider(fund, supplier_name) else Account.OTHER_SUPPLIERS
    )
    kind_label = SupportKind(support_kind).label
    try:
        with transaction.atomic():
            # One fund's sessions are recorded one at a time, so the duplicate check below sees
            # every earlier session (the ledger takes the same lock again inside post()).
            Fund.objects.select_for_update().filter(pk=fund.pk).first()
            # Two lookups by unique key rather than one join: the plan then never depends on
            # the tables' statistics (a join planned on stale ones scanned whole tables).
            posted_id = (
                LedgerTransaction.objects.filter(idempotency_key=idempotency_key)
                .values_list("pk", flat=True)
                .first()
            )
            replay = (
                SupportSession.objects.filter(transaction_id=posted_id).first()
                if posted_id is not None
                else None
            )
            if (
                replay is None
                and SupportSession.objects.filter(
                    fund=fund,
                    delivered_on=delivered_on,
                    starts_at=starts_at,
                    supplier_name=supplier_name,
                ).exists()
            ):
                raise DuplicateSession(duplicate_message(delivered_on, starts_at, supplier_name))
            posted = posting.post(
                fund=fund,
                kind=Kind.DELIVERED_SUPPORT,
                lines=posting.spend_lines(account, cost),
                effective_on=delivered_on,
                description=session_description(
                    support_kind, starts_at, minutes, hourly_rate_pence
                ),
                counterparty=supplier_name,
                minutes=minutes,
                idempotency_key=idempotency_key,
                actor=actor,
                request=request,
            )
            if posted.replayed:
                return SupportSession.objects.get(transaction=posted.transaction)
            session = SupportSession(
                fund=fund,
                delivered_on=delivered_on,
                starts_at=starts_at,
                minutes=minutes,
                support_kind=support_kind,
                supplier_name=supplier_name,
                worker_name=worker_name.strip(),
                hourly_rate_pence=hourly_rate_pence,
                cost_pence=cost,
                notes=notes.strip(),
                source=source,
                timesheet=timesheet,
                transaction=posted.transaction,
                recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            try:
                session.full_clean(validate_constraints=False)
            except ValidationError as error:
                raise SessionRefused(" ".join(error.messages)) from error
            session.save()
            record_change(
                request,
                actor=actor,
                action=Action.CREATE,
                person_id=fund.person_id,
                subject=session,
                summary=f"Support session recorded: {kind_label} on {delivered_on:%-d %B %Y}",
            )
            return session
    except IntegrityError as error:
        # Two different submissions of the same session raced past the check on a database
        # that does not lock the row: the constraint caught the second.
        raise DuplicateSession(duplicate_message(delivered_on, starts_at, supplier_name)) from error
