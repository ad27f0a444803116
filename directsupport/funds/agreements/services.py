"""Changing a person's ISF agreement: drafting a version, changing a draft, recording the
person's (or a representative's) answer, and the council's decision.

Every change is a new version; a version moves only through ``Agreement.set_status``. A draft
may be changed until the person answers: each change is written by an UPDATE that matches the
row only while it still holds the terms the user saw (its stamp), so two saves can never both
win and the person never agrees to terms they did not see. Approving a version supersedes the
one in force first, then approves, in one transaction (the database allows one in force).
Every write is audited with who did it and how.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import HttpRequest

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_change
from directsupport.lib import conflicts
from directsupport.lib.decision_feed import announce
from directsupport.people.models import Person

from ..decisions_taken import agreement_approved
from ..models import (
    OPEN_STATUSES,
    AgreedBy,
    Agreement,
    AgreementStatus,
    Fund,
)
from .terms import TERM_FIELDS, terms_of, terms_problems

APPROVED_ONCE = (AgreementStatus.APPROVED, AgreementStatus.SUPERSEDED)


class AgreementRefused(Exception):
    """A move the agreement's workflow does not allow now; nothing was changed. str() says why."""


class VersionAlreadyOpen(AgreementRefused):
    def __init__(self, open_version: Agreement | None) -> None:
        self.open_version = open_version
        if open_version is None:
            message = "Someone else has just drafted a new version. Open it from the history."
        else:
            message = (
                f"Version {open_version.version} is still open "
                f"({open_version.get_status_display().lower()}). Only one version may be open "
                "at a time: change that draft, or wait for the answer or the council's decision, "
                "before drafting another."
            )
        super().__init__(message)


class NotWaiting(AgreementRefused):
    def __init__(self, agreement: Agreement, waiting_for: str) -> None:
        super().__init__(
            f"Version {agreement.version} is {agreement.get_status_display().lower()}, so it is "
            f"not waiting for {waiting_for}."
        )


class EditConflict(conflicts.EditConflict[Agreement]):
    """The draft changed after this user loaded it; nothing was changed."""


# --- Reading ----------------------------------------------------------------------------------


def versions_of(fund: Fund) -> list[Agreement]:
    """Every version, newest first."""
    versions = list(
        Agreement.objects.filter(fund=fund)
        .select_related("created_by", "agreed_by_user", "decided_by")
        .order_by("-version")
    )
    for version in versions:
        version.fund = fund
    return versions


def approved_versions(fund: Fund) -> list[Agreement]:
    return list(Agreement.objects.filter(fund=fund, status__in=APPROVED_ONCE).order_by("-version"))


def agreement_in_force(fund: Fund, on: dt.date) -> Agreement | None:
    """The version in force on ``on``: of the versions ever approved that have started by then,
    the latest (a later version takes over from its own start); None when that one has ended,
    or nothing approved has started."""
    started = (
        Agreement.objects.filter(fund=fund, status__in=APPROVED_ONCE, starts_on__lte=on)
        .order_by("-version")
        .first()
    )
    if started is None or started.ends_on < on:
        return None
    started.fund = fund
    return started


def agreement_to_show(fund: Fund, on: dt.date) -> Agreement | None:
    """The version a page about the fund shows on ``on``: the one in force then
    (``agreement_in_force``); when none is (the first has not started yet, or the last has
    ended), the latest approved version, which the page dates. A version approved to start
    later never hides the one still in force: approving it supersedes the old version at once,
    but the old one stays in force until the new one starts."""
    in_force = agreement_in_force(fund, on)
    if in_force is not None:
        return in_force
    latest = Agreement.objects.filter(fund=fund, status=AgreementStatus.APPROVED).first()
    if latest is not None:
        latest.fund = fund
    return latest


def open_version_of(fund: Fund) -> Agreement | None:
    return Agreement.objects.filter(fund=fund, status__in=OPEN_STATUSES).first()


def terms_stamp(agreement: Agreement) -> str:
    """A short fingerprint of a version's terms and status, carried by forms so a save or an
    answer made against terms that have since changed is refused."""
    text = repr(
        [str(getattr(agreement, name)) for name in (*TERM_FIELDS, "change_summary", "status")]
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _current(agreement: Agreement) -> Agreement:
    current = Agreement.objects.get(pk=agreement.pk)
    current.fund = agreement.fund
    return current


def _as_text(terms: dict[str, Any]) -> dict[str, Any]:
    return {name: str(value) for name, value in terms.items()}


# --- Drafting ---------------------------------------------------------------------------------


def _check_terms(terms: dict[str, Any], *, change_summary: str, first_version: bool) -> None:
    unknown = set(terms) - set(TERM_FIELDS)
    if unknown:
        raise ValidationError(f"Not terms of an agreement: {', '.join(sorted(unknown))}")
    problems = terms_problems(terms, change_summary=change_summary, first_version=first_version)
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def draft_agreement(
    *,
    fund: Fund,
    terms: dict[str, Any],
    change_summary: str,
    actor: User,
    request: HttpRequest | None = None,
) -> Agreement:
    """Draft the next version of ``fund``'s agreement, starting from the last version's terms
    (``terms`` gives the ones that differ). Refused while another version is open
    (VersionAlreadyOpen) or when the terms break a rule (ValidationError by term)."""
    open_version = open_version_of(fund)
    if open_version is not None:
        raise VersionAlreadyOpen(open_version)
    versions = Agreement.objects.filter(fund=fund)
    last = versions.order_by("-version").first()
    merged = {**(terms_of(last) if last else {}), **terms}
    change_summary = change_summary.strip()
    _check_terms(merged, change_summary=change_summary, first_version=last is None)
    number = (versions.aggregate(highest=Max("version"))["highest"] or 0) + 1
    agreement = Agreement(
        fund=fund,
        version=number,
        status=AgreementStatus.DRAFT,
        change_summary=change_summary,
        created_by=actor,
        **merged,
    )
    agreement.full_clean(validate_constraints=False)
    # The one-open-version and version-number constraints are the database's to enforce: a
    # clash now means someone else drafted a version between our check and our save.
    try:
        with transaction.atomic():
            agreement.save()
    except IntegrityError as error:
        raise VersionAlreadyOpen(open_version_of(fund)) from error
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=fund.person_id,
        subject=agreement,
        summary=f"Drafted version {number} of the ISF agreement for {fund.reference}"
        + (f", from version {last.version}" if last else ""),
        changes={
            **model_changes(terms_of(last) if last else {}, _as_text(terms_of(agreement))),
            "status": {"from": None, "to": AgreementStatus.DRAFT},
            "change_summary": {"from": None, "to": change_summary},
        },
    )
    return agreement


@transaction.atomic
def change_draft(
    *,
    agreement: Agreement,
    terms: dict[str, Any],
    change_summary: str,
    expected_stamp: str,
    actor: User,
    request: HttpRequest | None = None,
) -> Agreement:
    """Change a draft the person has not answered yet. EditConflict when its terms changed
    since the user loaded them (``expected_stamp``); NotWaiting once it has been answered."""
    current = _current(agreement)
    if current.status != AgreementStatus.DRAFT:
        raise NotWaiting(current, "changes")
    if terms_stamp(current) != expected_stamp:
        raise EditConflict(saved=current)
    before = terms_of(current)
    merged = {**before, **terms}
    change_summary = change_summary.strip()
    _check_terms(merged, change_summary=change_summary, first_version=current.version == 1)
    seen = {**before, "change_summary": current.change_summary, "status": current.status}
    for name, value in merged.items():
        setattr(current, name, value)
    current.change_summary = change_summary
    current.full_clean(validate_constraints=False)
    updated = Agreement.objects.filter(pk=current.pk, **seen).update(
        **merged, change_summary=change_summary
    )
    if updated != 1:
        raise EditConflict(saved=_current(agreement))
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=current.fund.person_id,
        subject=current,
        summary=f"Changed draft version {current.version} of the ISF agreement for "
        f"{current.fund.reference}",
        changes=model_changes(
            {**_as_text(before), "change_summary": seen["change_summary"]},
            {**_as_text(merged), "change_summary": change_summary},
        ),
    )
    return current


# --- The person's answer ----------------------------------------------------------------------


def _move(current: Agreement, wanted: str, *, by: User, note: str, extra: dict[str, Any]) -> None:
    """Move ``current`` to ``wanted`` through set_status, writing only while the row is still
    at the status (and terms) it was read with."""
    seen = {**terms_of(current), "status": current.status}
    current.set_status(wanted, by=by, note=note)
    for name, value in extra.items():
        setattr(current, name, value)
    fields = {
        "status": current.status,
        "agreed_by_user": current.agreed_by_user,
        "agreed_at": current.agreed_at,
        "person_comment": current.person_comment,
        "decided_by": current.decided_by,
        "decided_at": current.decided_at,
        "decision_note": current.decision_note,
        **extra,
    }
    # Only what this move writes is checked: an older version may lack what is not moved
    # (a drafter whose account has since gone, say).
    current.clean_fields(exclude=[f.name for f in Agreement._meta.fields if f.name not in fields])
    if Agreement.objects.filter(pk=current.pk, **seen).update(**fields) != 1:
        raise EditConflict(saved=_current(current))


def _is_the_person(actor: User, person: Person) -> bool:
    return actor.role == Role.PERSON and person.user_id == actor.pk


@transaction.atomic
def record_answer(
    *,
    agreement: Agreement,
    agrees: bool,
    actor: User,
    agreed_by: str,
    representative_name: str = "",
    representative_reason: str = "",
    comment: str = "",
    expected_stamp: str | None = None,
    request: HttpRequest | None = None,
) -> Agreement:
    """The person's answer to a draft: yes (AGREED, for the council to decide) or "No, I want
    changes" (CHANGES_ASKED, kept as the record; the next version carries the change). Given by
    the person signed in, or recorded by staff: the person's own, or a representative's with
    their name and the Mental Capacity Act reason, both required."""
    current = _current(agreement)
    person = current.fund.person
    if current.status != AgreementStatus.DRAFT:
        raise NotWaiting(current, "an answer")
    if expected_stamp is not None and terms_stamp(current) != expected_stamp:
        raise EditConflict(saved=current)
    name = " ".join(representative_name.split())
    reason = representative_reason.strip()
    comment = comment.strip()
    if agreed_by == AgreedBy.REPRESENTATIVE:
        errors = {}
        if _is_the_person(actor, person):
            raise ValidationError("A representative's answer is recorded by staff.")
        if not name:
            errors["representative_name"] = "Enter the name of the representative."
        if not reason:
            errors["representative_reason"] = (
                f"Enter why {person.called} cannot decide this themselves now "
                "(Mental Capacity Act 2005)."
            )
        if errors:
            raise ValidationError(errors)
    elif agreed_by == AgreedBy.PERSON:
        name = reason = ""
    else:
        raise ValidationError(f"Unknown way of answering: {agreed_by!r}")
    before = current.status
    wanted = AgreementStatus.AGREED if agrees else AgreementStatus.CHANGES_ASKED
    _move(
        current,
        wanted,
        by=actor,
        note=comment,
        extra={
            "agreed_by": agreed_by,
            "representative_name": name,
            "representative_reason": reason,
        },
    )
    who = name if agreed_by == AgreedBy.REPRESENTATIVE else person.display_name
    verb = "agreed" if agrees else "asked for changes to"
    summary = f"{who} {verb} version {current.version} of the ISF agreement"
    if agreed_by == AgreedBy.REPRESENTATIVE:
        summary += f" for {person.display_name}, as representative"
    if not _is_the_person(actor, person):
        summary += f" (recorded by {actor.full_name})"
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=person.pk,
        subject=current,
        summary=summary,
        changes=model_changes(
            {"status": before},
            {
                "status": wanted,
                "agreed_by": agreed_by,
                "representative_name": name,
                "representative_reason": reason,
                "person_comment": comment,
            },
        ),
    )
    return current


# --- The council's decision -------------------------------------------------------------------


@transaction.atomic
def decide_agreement(
    *,
    agreement: Agreement,
    approve: bool,
    note: str,
    actor: User,
    request: HttpRequest | None = None,
) -> Agreement:
    """The funding council approves an agreed version (it comes into force, superseding the
    version in force) or returns it (a reason is required).

    Approval does not move the person's stage: the block contract's split makes everyone's money
    theirs at once, while the stage follows their planning and market shaping, which the
    coordinator moves."""
    current = _current(agreement)
    fund = current.fund
    note = note.strip()
    if current.status != AgreementStatus.AGREED:
        raise NotWaiting(current, "the council's decision")
    if not approve and not note:
        raise ValidationError(
            {"note": "Say why the agreement is returned, so it can be put right."}
        )
    superseded = None
    if approve:
        superseded = Agreement.objects.filter(fund=fund, status=AgreementStatus.APPROVED).first()
        if superseded is not None:
            superseded.fund = fund
            _move(superseded, AgreementStatus.SUPERSEDED, by=actor, note="", extra={})
    wanted = AgreementStatus.APPROVED if approve else AgreementStatus.RETURNED
    try:
        with transaction.atomic():
            _move(current, wanted, by=actor, note=note, extra={})
    except IntegrityError as error:  # pragma: no cover - another approval raced this one
        raise AgreementRefused("Another version was approved at the same moment.") from error
    person = fund.person
    verb = "Approved" if approve else "Returned"
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=person.pk,
        subject=current,
        summary=f"{verb} version {current.version} of the ISF agreement for {fund.reference}"
        + (f", replacing version {superseded.version}" if superseded else ""),
        changes=model_changes(
            {"status": AgreementStatus.AGREED},
            {"status": wanted, "decision_note": note},
        ),
    )
    if superseded is not None:
        record_change(
            request,
            actor=actor,
            action=Action.UPDATE,
            person_id=person.pk,
            subject=superseded,
            summary=f"Version {superseded.version} of the ISF agreement for {fund.reference} "
            f"was replaced by version {current.version}",
            changes=model_changes(
                {"status": AgreementStatus.APPROVED}, {"status": AgreementStatus.SUPERSEDED}
            ),
        )
    if approve:
        announce(agreement_approved(current))
    return current
