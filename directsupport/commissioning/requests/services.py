"""Requests for quote: drawing one up from a person's need (or a pool's needs), choosing the
suppliers it goes to, sending it, withdrawing it, and a supplier declining it.

Every function here is keyword-only, runs in one transaction, checks its input with a message
per field (a ``ValidationError`` with a dict; nothing is saved when it is raised) and writes an
audit row. They take ``request=None`` so the demo data and tasks can call them without a page.
Who may call them is decided by the views through ``commissioning.access``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action
from directsupport.audit.services import record_change
from directsupport.lib.transitions import IllegalTransition, check_transition
from directsupport.market.models import (
    NeedStatus,
    PostcodeDistrict,
    Supplier,
    SupportNeed,
    TaxonomyTerm,
)

from ..models import (
    REQUEST_TRANSITIONS,
    NameShown,
    Pool,
    QuoteRequest,
    RequestNeed,
    RequestStatus,
    RequestSupplier,
)

REFERENCE_PREFIX = "RFQ-"
REASON_MAX = 300
ALIAS_MAX = 60
AGREED_BY_MAX = 150
# A need that is met or no longer needed is not asked about again.
CLOSED_NEED_STATUSES = frozenset({NeedStatus.MET, NeedStatus.WITHDRAWN})
# The model keys its map by the status choices, which are strings.
TRANSITIONS = cast(Mapping[str, frozenset[str]], REQUEST_TRANSITIONS)


@dataclass(frozen=True)
class NeedNaming:
    """One need the request asks to meet, and how its person is named to suppliers: their
    first name (the default), an alias, or their full name when ``full_name_agreed_by`` says
    who agreed to that."""

    need: SupportNeed
    name_shown: str = NameShown.FIRST_NAME
    alias: str = ""
    full_name_agreed_by: str = ""


def _audit_person(rfq: QuoteRequest) -> int | None:
    """The person an audit row is about: the one person of a single-need request; a pool's
    request is about several, so its rows name none (each member's need is in the changes)."""
    person_ids = {rn.need.person_id for rn in rfq.needs.select_related("need")}
    return next(iter(person_ids)) if len(person_ids) == 1 else None


def next_reference(organisation: Organisation) -> str:
    """The next free reference, "RFQ-0001" style. References are unique across the site, so the
    number counts every request; ``organisation`` is the one the request will belong to."""
    numbers = QuoteRequest.objects.filter(reference__startswith=REFERENCE_PREFIX).values_list(
        "reference", flat=True
    )
    highest = 0
    for reference in numbers:
        digits = reference[len(REFERENCE_PREFIX) :]
        if digits.isdigit():
            highest = max(highest, int(digits))
    return f"{REFERENCE_PREFIX}{highest + 1:04d}"


def request_from_need(need: SupportNeed) -> dict[str, Any]:
    """The values a new request for ``need`` starts with: what, kind, day and times, minutes a
    week, where (the district, and the place unless it is the person's home) and the
    characteristics the person wants. Never the need's notes."""
    place = need.place.strip()
    if re.search(r"\bhome\b", place, flags=re.IGNORECASE):
        place = ""
    return {
        "what": need.what,
        "term": need.term,
        "weekday": need.weekday,
        "starts_at": need.starts_at,
        "ends_at": need.ends_at,
        "overnight": need.overnight,
        "minutes_a_week": need.minutes_a_week or None,
        "district": need.district,
        "place": place,
        "ratio": need.ratio,
        "wanted_skills": list(need.wanted_skills or []),
        "wanted_interests": list(need.wanted_interests or []),
        "wanted_languages": list(need.wanted_languages or []),
        "wanted_gender": need.wanted_gender,
        "wanted_personality": need.wanted_personality,
    }


def _clean_words(values: Iterable[str]) -> list[str]:
    return [" ".join(str(value).split()) for value in values if str(value).strip()]


def _check_namings(
    actor: User, namings: Sequence[NeedNaming], problems: dict[str, list[str]]
) -> list[NeedNaming]:
    """The namings tidied; a message per problem under "needs", "alias" or
    "full_name_agreed_by" (several needs: the message names whose need it is)."""
    tidy: list[NeedNaming] = []
    if not namings:
        problems.setdefault("needs", []).append("Choose at least one person's need")
        return tidy
    several = len(namings) > 1
    seen: set[int] = set()
    for naming in namings:
        need = SupportNeed.objects.select_related("person").get(pk=naming.need.pk)
        whose = f"{need.person.called}: " if several else ""
        if need.pk in seen:
            problems.setdefault("needs", []).append(f"{whose}this need is listed twice")
        seen.add(need.pk)
        if need.person.organisation_id != actor.organisation_id:
            problems.setdefault("needs", []).append(
                "Choose needs of the people your organisation supports"
            )
            continue
        if need.status in CLOSED_NEED_STATUSES:
            problems.setdefault("needs", []).append(
                f"{whose}'{need.what}' is '{need.get_status_display().lower()}': "
                "open it again before asking for quotes"
            )
        alias = " ".join(naming.alias.split())
        agreed_by = " ".join(naming.full_name_agreed_by.split())
        name_shown = naming.name_shown
        if name_shown not in NameShown.values:
            problems.setdefault("name_shown", []).append(f"{whose}choose how the person is named")
        if name_shown == NameShown.ALIAS:
            if not alias:
                problems.setdefault("alias", []).append(f"{whose}give the alias suppliers will see")
            elif len(alias) > ALIAS_MAX:
                problems.setdefault("alias", []).append(
                    f"{whose}make the alias {ALIAS_MAX} characters or fewer"
                )
        else:
            alias = ""
        if name_shown == NameShown.FULL_NAME:
            if not agreed_by:
                problems.setdefault("full_name_agreed_by", []).append(
                    f"{whose}say who agreed that suppliers see the full name "
                    "(or show only the first name)"
                )
            elif len(agreed_by) > AGREED_BY_MAX:
                problems.setdefault("full_name_agreed_by", []).append(
                    f"{whose}make this {AGREED_BY_MAX} characters or fewer"
                )
        else:
            agreed_by = ""
        tidy.append(
            NeedNaming(need=need, name_shown=name_shown, alias=alias, full_name_agreed_by=agreed_by)
        )
    return tidy


@transaction.atomic
def create_request(
    *,
    actor: User,
    needs: Sequence[NeedNaming],
    what: str,
    term: TaxonomyTerm,
    minutes_a_week: int,
    starts_on: dt.date,
    respond_by: dt.date,
    weekday: int | None = None,
    starts_at: dt.time | None = None,
    ends_at: dt.time | None = None,
    overnight: bool = False,
    ends_on: dt.date | None = None,
    district: PostcodeDistrict | None = None,
    place: str = "",
    people_count: int | None = None,
    ratio: str = "",
    wanted_skills: Iterable[str] = (),
    wanted_interests: Iterable[str] = (),
    wanted_languages: Iterable[str] = (),
    wanted_gender: str = "",
    wanted_personality: str = "",
    details: str = "",
    pool: Pool | None = None,
    suppliers: Iterable[Supplier] = (),
    request: HttpRequest | None = None,
) -> QuoteRequest:
    """A draft request for quote for ``needs`` (one person's, or a pool's members'), belonging
    to the actor's organisation. ``people_count`` defaults to the number of needs. Raises
    ValidationError with a message per field: needs of another organisation, a met or withdrawn
    need, an alias missing, a full name nobody agreed to, a reply date in the past, support
    starting before the reply date. ``suppliers`` (from the directory) are asked at once, as
    ``invite_suppliers`` would; the request is sent by ``send_request``."""
    problems: dict[str, list[str]] = {}
    namings = _check_namings(actor, needs, problems)
    today = timezone.localdate()
    if respond_by is not None and respond_by < today:
        problems.setdefault("respond_by", []).append(
            "The reply date must be today or later, not in the past"
        )
    if starts_on is not None and respond_by is not None and starts_on < respond_by:
        problems.setdefault("starts_on", []).append(
            "Support cannot start before suppliers have replied: choose a start on or after "
            "the reply date"
        )
    if ends_on is not None and starts_on is not None and ends_on <= starts_on:
        problems.setdefault("ends_on", []).append("The end must be after the start")
    if (starts_at is None) != (ends_at is None):
        problems.setdefault("ends_at", []).append("Give both a start and an end time, or neither")
    elif starts_at is not None and ends_at is not None and not overnight and ends_at <= starts_at:
        problems.setdefault("ends_at", []).append(
            "The end must be after the start (or tick overnight)"
        )
    if pool is not None and pool.organisation_id != actor.organisation_id:
        problems.setdefault("pool", []).append("Choose a pool of your own organisation")
    rfq = QuoteRequest(
        organisation_id=actor.organisation_id,
        reference=next_reference(actor.organisation),
        pool=pool,
        term=term,
        what=" ".join((what or "").split()),
        weekday=weekday,
        starts_at=starts_at,
        ends_at=ends_at,
        overnight=overnight,
        minutes_a_week=minutes_a_week,
        starts_on=starts_on,
        ends_on=ends_on,
        district=district,
        place=" ".join(place.split()),
        people_count=people_count if people_count is not None else max(len(namings), 1),
        ratio=ratio,
        wanted_skills=_clean_words(wanted_skills),
        wanted_interests=_clean_words(wanted_interests),
        wanted_languages=_clean_words(wanted_languages),
        wanted_gender=wanted_gender,
        wanted_personality=" ".join(wanted_personality.split()),
        details=details.replace("\r\n", "\n").strip(),
        respond_by=respond_by,
        status=RequestStatus.DRAFT,
        created_by=actor,
        created_at=timezone.now(),
    )
    try:
        rfq.full_clean(exclude=["reference"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            problems.setdefault(field, []).extend(messages)
    if problems:
        raise ValidationError(
            {
                field: [text[:1].upper() + text[1:] for text in texts]
                for field, texts in problems.items()
            }
        )
    rfq.save()
    for naming in namings:
        RequestNeed.objects.create(
            request=rfq,
            need=naming.need,
            name_shown=naming.name_shown,
            alias=naming.alias,
            full_name_agreed_by=naming.full_name_agreed_by,
        )
    people = {naming.need.person_id for naming in namings}
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=next(iter(people)) if len(people) == 1 else None,
        subject=rfq,
        summary=f"Drew up request for quote {rfq.reference} for '{rfq.what}'",
        changes={
            "needs": {"from": None, "to": [naming.need.pk for naming in namings]},
            "names_shown": {
                "from": None,
                "to": {str(naming.need.pk): naming.name_shown for naming in namings},
            },
            "respond_by": {"from": None, "to": str(respond_by)},
            "pool": {"from": None, "to": pool.pk if pool else None},
        },
    )
    chosen = list(suppliers)
    if chosen:
        invite_suppliers(actor=actor, rfq=rfq, suppliers=chosen, request=request)
    return rfq


def _locked(rfq: QuoteRequest) -> QuoteRequest:
    current = QuoteRequest.objects.select_for_update().get(pk=rfq.pk)
    return current


@transaction.atomic
def invite_suppliers(
    *,
    actor: User,
    rfq: QuoteRequest,
    suppliers: Iterable[Supplier],
    request: HttpRequest | None = None,
) -> list[RequestSupplier]:
    """Add ``suppliers`` (entries in the organisation's directory) to those a draft or sent
    request goes to; one already asked is left as it is. Returns the new invitations."""
    current = _locked(rfq)
    chosen = list(suppliers)
    problems: dict[str, list[str]] = {}
    if current.status not in (RequestStatus.DRAFT, RequestStatus.SENT):
        problems.setdefault("suppliers", []).append(
            f"This request is '{current.get_status_display().lower()}': no more suppliers "
            "can be asked"
        )
    if any(supplier.directory_owner_id != current.organisation_id for supplier in chosen):
        problems.setdefault("suppliers", []).append("Choose suppliers from your directory")
    if problems:
        raise ValidationError(problems)
    already = set(current.invited.values_list("supplier_id", flat=True))
    added = [
        RequestSupplier.objects.create(request=current, supplier=supplier)
        for supplier in chosen
        if supplier.pk not in already
    ]
    if added:
        record_change(
            request,
            actor=actor,
            action=Action.UPDATE,
            person_id=_audit_person(current),
            subject=current,
            summary=(
                f"Asked {', '.join(invited.supplier.name for invited in added)} "
                f"for a quote ({current.reference})"
            ),
            changes={"suppliers": {"from": None, "to": [invited.supplier_id for invited in added]}},
        )
    return added


def _move(current: QuoteRequest, wanted: str, field: str) -> None:
    try:
        check_transition(TRANSITIONS, current=current.status, wanted=wanted)
    except IllegalTransition as error:
        raise ValidationError(
            {
                field: (
                    f"This request is '{current.get_status_display().lower()}': "
                    "it cannot be changed like that"
                )
            }
        ) from error


@transaction.atomic
def send_request(
    *, actor: User, rfq: QuoteRequest, request: HttpRequest | None = None
) -> QuoteRequest:
    """Send a draft request to the suppliers chosen (at least one): from now on they see it in
    their portal and may make offers."""
    current = _locked(rfq)
    _move(current, RequestStatus.SENT, "status")
    if not current.invited.exists():
        raise ValidationError({"suppliers": "Choose at least one supplier to send it to"})
    if current.respond_by < timezone.localdate():
        raise ValidationError(
            {"respond_by": "The reply date has passed: draw up a new request with a later one"}
        )
    before = current.status
    current.status = RequestStatus.SENT
    current.sent_by = actor
    current.sent_at = timezone.now()
    current.version += 1
    current.save(update_fields=["status", "sent_by", "sent_at", "version"])
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=_audit_person(current),
        subject=current,
        summary=f"Sent request for quote {current.reference} to {current.invited.count()} "
        "supplier(s)",
        changes={"status": {"from": before, "to": current.status}},
    )
    _refresh(rfq, current)
    return current


@transaction.atomic
def withdraw_request(
    *, actor: User, rfq: QuoteRequest, reason: str, request: HttpRequest | None = None
) -> QuoteRequest:
    """Withdraw a draft or sent request, saying why: suppliers it went to see it marked
    withdrawn and can no longer make offers."""
    reason = " ".join((reason or "").split())
    current = _locked(rfq)
    problems: dict[str, str] = {}
    if not reason:
        problems["reason"] = "Say why the request is withdrawn (suppliers will read it)"
    elif len(reason) > REASON_MAX:
        problems["reason"] = f"Make the reason {REASON_MAX} characters or fewer"
    if problems:
        raise ValidationError(problems)
    _move(current, RequestStatus.WITHDRAWN, "reason")
    before = current.status
    current.status = RequestStatus.WITHDRAWN
    current.withdrawn_at = timezone.now()
    current.withdrawn_reason = reason
    current.version += 1
    current.save(update_fields=["status", "withdrawn_at", "withdrawn_reason", "version"])
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=_audit_person(current),
        subject=current,
        summary=f"Withdrew request for quote {current.reference}: {reason}",
        changes={
            "status": {"from": before, "to": current.status},
            "withdrawn_reason": {"from": "", "to": reason},
        },
    )
    _refresh(rfq, current)
    return current


@transaction.atomic
def decline_request(
    *, actor: User, rfq: QuoteRequest, reason: str, request: HttpRequest | None = None
) -> RequestSupplier:
    """A supplier user says their organisation will not quote for a sent request, and why. Only
    while the request is open; saying it again changes nothing."""
    reason = " ".join((reason or "").split())
    current = _locked(rfq)
    invitation = (
        current.invited.select_for_update()
        .filter(supplier__organisation_id=actor.organisation_id)
        .first()
        if actor.role == Role.SUPPLIER
        else None
    )
    if invitation is None:
        raise ValidationError({"reason": "This request was not sent to your organisation"})
    problems: dict[str, str] = {}
    if current.status != RequestStatus.SENT:
        problems["reason"] = (
            f"This request is '{current.get_status_display().lower()}': it is closed to replies"
        )
    elif invitation.declined_at is not None:
        problems["reason"] = "You have already said you will not quote"
    elif not reason:
        problems["reason"] = "Say why you will not quote, so the market shaper can learn from it"
    elif len(reason) > REASON_MAX:
        problems["reason"] = f"Make the reason {REASON_MAX} characters or fewer"
    if problems:
        raise ValidationError(problems)
    invitation.declined_at = timezone.now()
    invitation.decline_reason = reason
    invitation.save(update_fields=["declined_at", "decline_reason"])
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=None,
        subject=invitation,
        summary=f"{invitation.supplier.name} will not quote for {current.reference}: {reason}",
        changes={"declined": {"from": None, "to": reason}},
    )
    return invitation


def _refresh(rfq: QuoteRequest, current: QuoteRequest) -> None:
    """Let the caller's object see the change too."""
    for field in ("status", "sent_by_id", "sent_at", "withdrawn_at", "withdrawn_reason", "version"):
        setattr(rfq, field, getattr(current, field))
