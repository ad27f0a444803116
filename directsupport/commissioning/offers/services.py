"""Offers and counter-offers on a request for quote: the negotiation thread, one per supplier.

A supplier the request was sent to makes an offer (``make_offer``); the market shaper may
answer with a counter-offer for the person (``counter_offer``); the supplier replies with a new
offer (``make_offer(replies_to=...)``), and so on. Each new offer or counter-offer supersedes
the open one before it in that supplier's thread, so a thread has at most one open offer and
its history is kept, dated. Either side may withdraw its own open offer (``withdraw_offer``).

Rates far from the fair cost are flagged on the pages (fair_cost.calculator.flag_for), never
refused here; only rates no real hour of support could cost (under £5 or over £200 an hour)
are refused, as typing mistakes.

Every function is keyword-only, atomic and audited, and callable with ``request=None`` (the demo
data). Access to pages is checked by the views through commissioning/access.py; these check
again what the workflow allows (a supplier may only offer on a request sent to them, while it
is open).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action
from directsupport.audit.services import record_change
from directsupport.lib.money import format_pence
from directsupport.lib.templatetags.money import hours
from directsupport.market.models import Supplier

from ..access import can_commission, may_make_offer
from ..models import Offer, OfferSide, OfferStatus, QuoteRequest, RequestStatus

LOWEST_REAL_RATE = 500  # £5 an hour: below any real cost of an hour of support
HIGHEST_REAL_RATE = 20_000  # £200 an hour
QUARTER_HOUR = 15


def audit_person(rfq: QuoteRequest) -> int | None:
    """The person an audit row is about: the one person of a single-need request; a pool's
    request is about several, so its rows name none."""
    person_ids = {rn.need.person_id for rn in rfq.needs.select_related("need")}
    return next(iter(person_ids)) if len(person_ids) == 1 else None


def _closed_message(rfq: QuoteRequest) -> str:
    if rfq.status == RequestStatus.WITHDRAWN:
        return f"Request {rfq.reference} was withdrawn, so it takes no more offers."
    if rfq.status == RequestStatus.CHOSEN:
        return f"An offer has already been chosen for request {rfq.reference}."
    return f"Request {rfq.reference} has not been sent to suppliers yet."


def check_terms(
    *,
    rfq: QuoteRequest,
    pence_per_hour: int,
    minutes_a_week: int,
    starts_on: dt.date,
) -> None:
    """The figures of an offer or counter-offer, each with its own message beside its field:
    a rate that could be real, hours that fit the request, a start the request allows."""
    problems: dict[str, str] = {}
    if pence_per_hour <= 0:
        problems["pence_per_hour"] = "Enter a rate for an hour of more than £0.00"
    elif pence_per_hour < LOWEST_REAL_RATE:
        problems["pence_per_hour"] = (
            f"{format_pence(pence_per_hour)} an hour is too low to be a real rate for an hour "
            f"of support: check the amount (at least {format_pence(LOWEST_REAL_RATE)})"
        )
    elif pence_per_hour > HIGHEST_REAL_RATE:
        problems["pence_per_hour"] = (
            f"{format_pence(pence_per_hour)} an hour is too high to be a real rate for an hour "
            f"of support: check the amount (no more than {format_pence(HIGHEST_REAL_RATE)})"
        )
    if minutes_a_week <= 0:
        problems["minutes_a_week"] = "Enter the hours a week offered, more than 0"
    elif minutes_a_week % QUARTER_HOUR:
        problems["minutes_a_week"] = (
            "Enter the hours a week in quarter hours, like 2 or 2.25 (2 hours 15 minutes)"
        )
    elif minutes_a_week > rfq.minutes_a_week:
        problems["minutes_a_week"] = (
            f"The request asks for {hours(rfq.minutes_a_week)} a week: offer no more than that"
        )
    today = timezone.localdate()
    if starts_on < today:
        problems["starts_on"] = "The start date has passed: enter today or a later date"
    elif starts_on < rfq.starts_on:
        problems["starts_on"] = (
            f"The support is wanted from {rfq.starts_on:%-d %B %Y}: "
            "the start date cannot be before that"
        )
    elif rfq.ends_on is not None and starts_on > rfq.ends_on:
        problems["starts_on"] = (
            f"The support is wanted until {rfq.ends_on:%-d %B %Y}: "
            "the start date must be before then"
        )
    if problems:
        raise ValidationError(problems)


def _thread(rfq: QuoteRequest, supplier: Supplier) -> Any:
    """One supplier's thread; callers lock its rows inside their transaction."""
    return Offer.objects.filter(request=rfq, supplier=supplier)


@transaction.atomic
def _new_offer(
    *,
    actor: User,
    rfq: QuoteRequest,
    supplier: Supplier,
    side: str,
    replies_to: Offer | None,
    terms: dict[str, Any],
    request: HttpRequest | None,
) -> Offer:
    check_terms(
        rfq=rfq,
        pence_per_hour=terms["pence_per_hour"],
        minutes_a_week=terms["minutes_a_week"],
        starts_on=terms["starts_on"],
    )
    offer = Offer(
        request=rfq,
        supplier=supplier,
        side=side,
        replies_to=replies_to,
        made_by=actor,
        **terms,
    )
    offer.full_clean()
    superseded = list(_thread(rfq, supplier).select_for_update().filter(status=OfferStatus.OPEN))
    for earlier in superseded:
        earlier.status = OfferStatus.SUPERSEDED
        earlier.save(update_fields=["status"])
    offer.save()
    words = "Counter-offer" if side == OfferSide.BUYER else "Offer"
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=audit_person(rfq),
        subject=offer,
        summary=(
            f"{words} on {rfq.reference} with {supplier}: {format_pence(offer.pence_per_hour)} "
            f"an hour, {hours(offer.minutes_a_week)} a week, from {offer.starts_on:%-d %B %Y}"
        ),
        changes={
            "pence_per_hour": {"from": None, "to": offer.pence_per_hour},
            "minutes_a_week": {"from": None, "to": offer.minutes_a_week},
            "starts_on": {"from": None, "to": str(offer.starts_on)},
            "superseded": {"from": None, "to": [earlier.pk for earlier in superseded]},
        },
    )
    return offer


def _locked_request(rfq: QuoteRequest) -> QuoteRequest:
    return QuoteRequest.objects.select_for_update().get(pk=rfq.pk)


@transaction.atomic
def make_offer(
    *,
    actor: User,
    rfq: QuoteRequest,
    pence_per_hour: int,
    minutes_a_week: int,
    starts_on: dt.date,
    cancellation_terms: str = "",
    travel_terms: str = "",
    other_terms: str = "",
    message: str = "",
    replies_to: Offer | None = None,
    request: HttpRequest | None = None,
) -> Offer:
    """A supplier's offer (``actor`` a supplier user the request was sent to), or its reply to
    a counter-offer (``replies_to``, the open counter-offer in its thread). Supersedes the open
    offer in that supplier's thread. ValidationError (nothing saved) says what is wrong: per
    field for the figures, above the form when the request is not open to this supplier."""
    current = _locked_request(rfq)
    invited = current.invited.filter(supplier__organisation_id=actor.organisation_id).first()
    if invited is None or not may_make_offer(actor, current):
        if invited is None or actor.role != Role.SUPPLIER:
            raise ValidationError(f"Request {current.reference} was not sent to you.")
        raise ValidationError(_closed_message(current))
    supplier = invited.supplier
    if replies_to is not None:
        answered = _thread(current, supplier).select_for_update().filter(pk=replies_to.pk).first()
        if answered is None or answered.side != OfferSide.BUYER:
            raise ValidationError("You can only reply to a counter-offer made to you.")
        if answered.status != OfferStatus.OPEN:
            raise ValidationError(
                "That counter-offer is no longer open: it was replaced or withdrawn."
            )
    else:
        replies_to = (
            _thread(current, supplier).select_for_update().filter(status=OfferStatus.OPEN).last()
        )
    return _new_offer(
        actor=actor,
        rfq=current,
        supplier=supplier,
        side=OfferSide.SUPPLIER,
        replies_to=replies_to,
        terms={
            "pence_per_hour": pence_per_hour,
            "minutes_a_week": minutes_a_week,
            "starts_on": starts_on,
            "cancellation_terms": cancellation_terms,
            "travel_terms": travel_terms,
            "other_terms": other_terms,
            "message": message,
        },
        request=request,
    )


@transaction.atomic
def counter_offer(
    *,
    actor: User,
    offer: Offer,
    pence_per_hour: int,
    minutes_a_week: int,
    starts_on: dt.date,
    cancellation_terms: str = "",
    travel_terms: str = "",
    other_terms: str = "",
    message: str = "",
    request: HttpRequest | None = None,
) -> Offer:
    """The market shaper's (or manager's) counter-offer for the person to a supplier's open
    offer: side BUYER, replying to and superseding it. The supplier answers with make_offer."""
    current = _locked_request(offer.request)
    if not (can_commission(actor) and current.organisation_id == actor.organisation_id):
        raise ValidationError(
            "Only the provider's market shapers and managers make counter-offers."
        )
    if current.status != RequestStatus.SENT:
        raise ValidationError(_closed_message(current).replace("offers", "counter-offers"))
    answered = _thread(current, offer.supplier).select_for_update().filter(pk=offer.pk).first()
    if answered is None or answered.side != OfferSide.SUPPLIER:
        raise ValidationError("A counter-offer answers a supplier's offer.")
    if answered.status != OfferStatus.OPEN:
        raise ValidationError(
            "That offer is no longer open (replaced or withdrawn): counter the latest one."
        )
    return _new_offer(
        actor=actor,
        rfq=current,
        supplier=answered.supplier,
        side=OfferSide.BUYER,
        replies_to=answered,
        terms={
            "pence_per_hour": pence_per_hour,
            "minutes_a_week": minutes_a_week,
            "starts_on": starts_on,
            "cancellation_terms": cancellation_terms,
            "travel_terms": travel_terms,
            "other_terms": other_terms,
            "message": message,
        },
        request=request,
    )


@transaction.atomic
def withdraw_offer(*, actor: User, offer: Offer, request: HttpRequest | None = None) -> Offer:
    """Withdraw an open offer: a supplier its own offer; the provider's market shapers and
    managers their counter-offer. The thread then has no open offer until a new one."""
    current = (
        Offer.objects.select_for_update().select_related("request", "supplier").get(pk=offer.pk)
    )
    rfq = current.request
    if current.side == OfferSide.SUPPLIER:
        allowed = (
            actor.role == Role.SUPPLIER
            and current.supplier.organisation_id == actor.organisation_id
        )
    else:
        allowed = can_commission(actor) and rfq.organisation_id == actor.organisation_id
    if not allowed:
        raise ValidationError("Only whoever made an offer may withdraw it.")
    if current.status != OfferStatus.OPEN:
        raise ValidationError(
            f"This offer is '{current.get_status_display().lower()}': only an open offer can "
            "be withdrawn."
        )
    current.status = OfferStatus.WITHDRAWN
    current.save(update_fields=["status"])
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=audit_person(rfq),
        subject=current,
        summary=f"Withdrew the offer of {format_pence(current.pence_per_hour)} an hour on "
        f"{rfq.reference} ({current.supplier})",
        changes={"status": {"from": OfferStatus.OPEN, "to": OfferStatus.WITHDRAWN}},
    )
    offer.status = current.status
    return current
