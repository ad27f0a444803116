"""Changing a Plan Book: starting a version, compiling and writing a draft, moving it along the
workflow (draft → shared → agreed → published) and recording the person's agreement.

Every function is atomic, validates with full_clean() before writing, writes through an UPDATE
that only matches the row while it is still at the version the user saw (so two saves can never
both win, on SQLite and PostgreSQL alike), and appends an audit row with the old and new status.
Published versions never change: the services refuse, and the database refuses too (migration
0002_plan_book_immutable).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F, Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import capfirst

from directsupport.accounts.models import User
from directsupport.audit.models import Action, AuditEvent
from directsupport.audit.services import model_changes, record_change
from directsupport.lib import conflicts
from directsupport.lib.decision_feed import announce
from directsupport.people.models import Person

from ..access import can_agree_own_plan_book
from ..decisions_taken import plan_book_agreed
from ..models import PlanBookStatus, PlanBookVersion, SignedBy
from .compile import compile_plan_book

PUBLISHED_CANNOT_CHANGE = "Published versions cannot change. Start a new version."
# The key in an audit row's changes that carries the person's words when they ask for changes.
ASKED_FOR_CHANGES = "asked_for_changes"
# How staff say the person agreed, for the audit row (the model keeps who and when).
AGREED_HOW = {"paper": "on paper", "meeting": "in a meeting"}
# The moves set_status() makes; agreeing goes through agree(), which records who agreed.
STATUS_MOVES = frozenset({PlanBookStatus.DRAFT, PlanBookStatus.SHARED, PlanBookStatus.PUBLISHED})
WORKFLOW_FIELDS = (
    "status",
    "shared_by",
    "shared_at",
    "signed_by",
    "signed_by_user",
    "representative_name",
    "representative_reason",
    "signed_at",
    "published_by",
    "published_at",
)


class PlanBookChangeRefused(Exception):
    """A change the Plan Book's rules do not allow; nothing was changed. str() says why."""


class PublishedVersionCannotChange(PlanBookChangeRefused):
    def __init__(self) -> None:
        super().__init__(PUBLISHED_CANNOT_CHANGE)


class NotADraft(PlanBookChangeRefused):
    def __init__(self, version: PlanBookVersion) -> None:
        super().__init__(
            f"Version {version.number} is {version.get_status_display().lower()}, so it cannot "
            "be changed now. Move it back to draft first."
        )


class NotWaitingForAgreement(PlanBookChangeRefused):
    def __init__(self, version: PlanBookVersion) -> None:
        super().__init__(
            f"Version {version.number} is {version.get_status_display().lower()}. A Plan Book "
            "can be agreed only while it is shared."
        )


class VersionAlreadyOpen(PlanBookChangeRefused):
    def __init__(self, open_version: PlanBookVersion | None) -> None:
        self.open_version = open_version
        if open_version is None:
            message = "Someone else has just started a new version. Open it from the list."
        else:
            message = (
                f"Version {open_version.number} is not published yet. Finish it (or carry on "
                "with it) before starting another."
            )
        super().__init__(message)


class EditConflict(conflicts.EditConflict[PlanBookVersion]):
    """Someone else changed the version after this user loaded it; nothing was changed."""


@dataclass(frozen=True)
class ChangeRequest:
    """The person said "No, I want changes" to a shared version."""

    asked_by: str
    asked_at: Any
    comment: str


def _current(version: PlanBookVersion) -> PlanBookVersion:
    """The version as saved now (with the person already loaded by the access check)."""
    current = PlanBookVersion.objects.select_related("signed_by_user").get(pk=version.pk)
    current.person = version.person
    return current


def _check_expected(current: PlanBookVersion, expected_version: int | None) -> None:
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(saved=current)


def _attname(name: str) -> str:
    field = PlanBookVersion._meta.get_field(name)
    return str(getattr(field, "attname", name))


def _save(current: PlanBookVersion, fields: tuple[str, ...]) -> None:
    """Write ``fields`` if nobody else has saved since ``current`` was read, and not once the
    row is published; EditConflict otherwise."""
    current.full_clean()
    seen = current.version
    values = {_attname(name): getattr(current, _attname(name)) for name in fields}
    updated = (
        PlanBookVersion.objects.filter(pk=current.pk, version=seen)
        .exclude(status=PlanBookStatus.PUBLISHED)
        .update(**values, version=F("version") + 1)
    )
    if updated != 1:
        raise EditConflict(saved=_current(current))
    current.version = seen + 1


def _status_change(before: str, after: str) -> dict[str, Any]:
    return model_changes({"status": before}, {"status": after})


def _compiled_at(content: dict[str, Any]) -> dt.datetime:
    """When the content was compiled, as the snapshot itself says: the version's compiled_at is
    the same moment, never a second reading of the clock a few microseconds later."""
    return dt.datetime.fromisoformat(content["compiled_at"])


# --- Starting a version ---------------------------------------------------------------------


def open_version_of(person: Person) -> PlanBookVersion | None:
    """The version in progress (not yet published), if there is one."""
    return (
        PlanBookVersion.objects.filter(person=person)
        .exclude(status=PlanBookStatus.PUBLISHED)
        .first()
    )


@transaction.atomic
def start_version(
    *, actor: User, person: Person, request: HttpRequest | None = None
) -> PlanBookVersion:
    """Start the next version of ``person``'s Plan Book as a draft.

    The first version is compiled from the tools and notes. A later one starts from the last
    published version: its introduction is carried over for the coordinator to revise, and its
    content is compiled afresh, so comparing the two shows what has changed since.
    """
    open_version = open_version_of(person)
    if open_version is not None:
        raise VersionAlreadyOpen(open_version)
    versions = PlanBookVersion.objects.filter(person=person)
    last = versions.filter(status=PlanBookStatus.PUBLISHED).order_by("-number").first()
    number = (versions.aggregate(highest=Max("number"))["highest"] or 0) + 1
    content = compile_plan_book(person)
    now = _compiled_at(content)
    version = PlanBookVersion(
        person=person,
        number=number,
        status=PlanBookStatus.DRAFT,
        introduction=last.introduction if last else "",
        content=content,
        compiled_at=now,
        created_by=actor,
        created_at=now,
    )
    # The one-open-version and number constraints are the database's to enforce: a clash now
    # means someone else started a version between our check and our save.
    version.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError as error:
        raise VersionAlreadyOpen(open_version_of(person)) from error
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=person.pk,
        subject=version,
        summary=(
            f"Started Plan Book version {number} for {person.display_name}"
            + (f", from version {last.number}" if last else "")
        ),
        changes={
            **_status_change("", PlanBookStatus.DRAFT),
            "number": {"from": None, "to": number},
            "started_from": {"from": None, "to": last.number if last else None},
        },
    )
    return version


# --- Changing a draft -----------------------------------------------------------------------


def _refuse_unless_draft(current: PlanBookVersion) -> None:
    if current.is_published:
        raise PublishedVersionCannotChange()
    if not current.is_editable:
        raise NotADraft(current)


@transaction.atomic
def compile_draft(
    *,
    actor: User,
    version: PlanBookVersion,
    expected_version: int,
    request: HttpRequest | None = None,
) -> PlanBookVersion:
    """Refresh a draft's content from the tools and notes as they are now."""
    current = _current(version)
    _refuse_unless_draft(current)
    _check_expected(current, expected_version)
    before = current.compiled_at
    current.content = compile_plan_book(current.person)
    current.compiled_at = _compiled_at(current.content)
    _save(current, ("content", "compiled_at"))
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=current.person_id,
        subject=current,
        summary=f"Updated Plan Book version {current.number} from the latest tools and notes",
        changes={
            "compiled_at": {
                "from": before.isoformat() if before else None,
                "to": current.compiled_at.isoformat(),
            }
        },
    )
    return current


def _check_lengths(**texts: str) -> None:
    """Text fields' max_length is not checked by full_clean(): check it here."""
    errors = {}
    for name, text in texts.items():
        field = cast(models.TextField, PlanBookVersion._meta.get_field(name))
        if field.max_length is not None and len(text) > field.max_length:
            errors[name] = (
                f"{capfirst(str(field.verbose_name))} must be {field.max_length:,} characters "
                "or fewer."
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def update_draft(
    *,
    actor: User,
    version: PlanBookVersion,
    expected_version: int,
    introduction: str,
    changes_summary: str,
    request: HttpRequest | None = None,
) -> PlanBookVersion:
    """Change a draft's introduction and its note of what has changed since the last version.

    Raises EditConflict, changing nothing, when someone else saved since ``expected_version``.
    """
    current = _current(version)
    _refuse_unless_draft(current)
    _check_expected(current, expected_version)
    _check_lengths(introduction=introduction, changes_summary=changes_summary)
    before = {"introduction": current.introduction, "changes_summary": current.changes_summary}
    current.introduction = introduction
    current.changes_summary = changes_summary
    _save(current, ("introduction", "changes_summary"))
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=current.person_id,
        subject=current,
        summary=f"Changed the introduction of Plan Book version {current.number}",
        changes=model_changes(
            before,
            {"introduction": introduction, "changes_summary": changes_summary},
        ),
    )
    return current


# --- The workflow ---------------------------------------------------------------------------


@transaction.atomic
def set_status(
    *,
    actor: User,
    version: PlanBookVersion,
    status: str,
    expected_version: int | None = None,
    request: HttpRequest | None = None,
) -> PlanBookVersion:
    """Share a draft, move a shared or agreed version back to draft, or publish an agreed one.

    Raises IllegalTransition for any other move (publishing needs the person's agreement first),
    PublishedVersionCannotChange for a published version, and EditConflict when someone else
    changed the version after ``expected_version``.
    """
    if status not in STATUS_MOVES:
        raise ValueError(f"set_status() does not move to {status!r}; agreeing uses agree()")
    current = _current(version)
    if current.is_published:
        raise PublishedVersionCannotChange()
    _check_expected(current, expected_version)
    before = current.status
    current.set_status(status, by=actor)
    _save(current, WORKFLOW_FIELDS)
    words = {
        PlanBookStatus.SHARED: "Shared",
        PlanBookStatus.DRAFT: "Moved back to draft",
        PlanBookStatus.PUBLISHED: "Published",
    }[PlanBookStatus(status)]
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=current.person_id,
        subject=current,
        summary=f"{words} Plan Book version {current.number} for {current.person.display_name}",
        changes=_status_change(before, status),
    )
    return current


@transaction.atomic
def agree(
    *,
    actor: User,
    version: PlanBookVersion,
    signed_by: str,
    representative_name: str = "",
    representative_reason: str = "",
    how: str = "",
    expected_version: int | None = None,
    request: HttpRequest | None = None,
) -> PlanBookVersion:
    """Record that the person agreed their shared Plan Book: they did it themselves (signed in,
    or staff recording an agreement made ``how``: on paper or in a meeting), or a representative
    agreed because the person lacks capacity for this decision, with the representative's name
    and the reason (Mental Capacity Act 2005) both required.
    """
    current = _current(version)
    person = current.person
    if current.is_published:
        raise PublishedVersionCannotChange()
    if current.status != PlanBookStatus.SHARED:
        raise NotWaitingForAgreement(current)
    _check_expected(current, expected_version)
    name = " ".join(representative_name.split())
    reason = representative_reason.strip()
    if signed_by == SignedBy.REPRESENTATIVE:
        errors = {}
        if can_agree_own_plan_book(actor, person):
            raise ValidationError(
                "You agree your own Plan Book yourself; a representative's agreement is "
                "recorded by staff."
            )
        if not name:
            errors["representative_name"] = "Enter the name of the representative who agreed it."
        if not reason:
            errors["representative_reason"] = (
                f"Enter why {person.called} cannot agree it themselves now "
                "(Mental Capacity Act 2005)."
            )
        if errors:
            raise ValidationError(errors)
    elif signed_by == SignedBy.PERSON:
        name = reason = ""
    else:
        raise ValidationError(f"Unknown way of agreeing: {signed_by!r}")

    before = current.status
    current.set_status(PlanBookStatus.AGREED, by=actor)
    current.signed_by = signed_by
    current.signed_by_user = actor
    current.signed_at = timezone.now()
    current.representative_name = name
    current.representative_reason = reason
    _save(current, WORKFLOW_FIELDS)

    if signed_by == SignedBy.REPRESENTATIVE:
        summary = f"{name} agreed Plan Book version {current.number} for {person.display_name}"
    else:
        summary = f"{person.display_name} agreed Plan Book version {current.number}"
    how_words = AGREED_HOW.get(how, "")
    if actor.pk != person.user_id:
        summary += f" (recorded by {actor.full_name}{', ' + how_words if how_words else ''})"
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=person.pk,
        subject=current,
        summary=summary,
        changes={
            **_status_change(before, PlanBookStatus.AGREED),
            **model_changes(
                {},
                {
                    "signed_by": signed_by,
                    "representative_name": name,
                    "representative_reason": reason,
                    "how": how_words,
                },
            ),
        },
    )
    announce(plan_book_agreed(current))
    return current


@transaction.atomic
def ask_for_changes(
    *,
    actor: User,
    version: PlanBookVersion,
    comment: str,
    request: HttpRequest | None = None,
) -> PlanBookVersion:
    """The person says "No, I want changes": the shared version goes back to draft (the
    workflow's own way of asking for changes), and their words are kept in the audit row for the
    coordinator, who sees them on the version's page."""
    current = _current(version)
    if current.is_published:
        raise PublishedVersionCannotChange()
    if current.status != PlanBookStatus.SHARED:
        raise NotWaitingForAgreement(current)
    before = current.status
    current.set_status(PlanBookStatus.DRAFT, by=actor)
    _save(current, WORKFLOW_FIELDS)
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=current.person_id,
        subject=current,
        summary=(
            f"{current.person.display_name} asked for changes to Plan Book version {current.number}"
        ),
        changes={
            **_status_change(before, PlanBookStatus.DRAFT),
            ASKED_FOR_CHANGES: {"from": None, "to": comment.strip()},
        },
    )
    return current


def latest_change_request(version: PlanBookVersion) -> ChangeRequest | None:
    """The last time the person asked for changes to this version (one query)."""
    event = (
        AuditEvent.objects.filter(
            person_id=version.person_id,
            subject_type=PlanBookVersion._meta.label_lower,
            subject_id=str(version.pk),
            changes__has_key=ASKED_FOR_CHANGES,
        )
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
    if event is None:
        return None
    return ChangeRequest(
        asked_by=event.actor.full_name if event.actor else event.actor_label,
        asked_at=event.at,
        comment=str(event.changes[ASKED_FOR_CHANGES].get("to") or ""),
    )
