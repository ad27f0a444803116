"""Keeping the preferred supplier list: its criteria, applications (a supplier applying for its
own entry, or the market shaper proposing one), assessments against each criterion, the
co-production panel's view, and the decisions.

Every status move goes through ``PreferredApplication.set_status`` and is saved as an
``ApplicationStep`` (from, to, who, when, why). Every change to an application moves its version
on with an UPDATE that matches the row only at the version the user saw, so a decision taken on
a stale page is refused (ApplicationConflict) instead of overwriting what someone else did.
Everything is audited. Access is checked by the views (market/access.py) before these run.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_change
from directsupport.lib import conflicts
from directsupport.lib.decision_feed import announce
from directsupport.lib.transitions import IllegalTransition, check_transition

from ..decisions_taken import is_preferred_decision, preferred_decided
from ..models import (
    APPLICATION_TRANSITIONS,
    REASON_REQUIRED,
    ApplicationStatus,
    ApplicationStep,
    CriterionAssessment,
    PreferredApplication,
    PreferredCriterion,
    Supplier,
)
from .queries import live_application_of, missing_for_approval

CRITERION_FIELDS = (
    "kind",
    "title",
    "description",
    "easy_read",
    "agreed_on",
    "agreed_with",
    "active",
)
# Assessments and the panel's view may change while an application is open, and when a
# suspended supplier is looked at again before being reinstated.
ASSESSABLE = frozenset(
    {
        ApplicationStatus.PROPOSED,
        ApplicationStatus.APPLIED,
        ApplicationStatus.ASSESSING,
        ApplicationStatus.SUSPENDED,
    }
)
# What the market shaper may decide, in the workflow's order (applying is the supplier's move).
DECISION_STATUSES: tuple[str, ...] = (
    ApplicationStatus.ASSESSING,
    ApplicationStatus.APPROVED,
    ApplicationStatus.DECLINED,
    ApplicationStatus.SUSPENDED,
    ApplicationStatus.WITHDRAWN,
)
# How each status reads in a sentence: "This application is <words>".
STATUS_WORDS = {
    ApplicationStatus.PROPOSED: "proposed, waiting for the supplier to apply",
    ApplicationStatus.APPLIED: "waiting to be assessed",
    ApplicationStatus.ASSESSING: "being assessed",
    ApplicationStatus.APPROVED: "on the preferred list",
    ApplicationStatus.DECLINED: "declined",
    ApplicationStatus.SUSPENDED: "suspended",
    ApplicationStatus.WITHDRAWN: "withdrawn",
}


class ApplicationRefused(Exception):
    """A step the workflow or its rules do not allow now; nothing was changed. str() says why;
    ``field`` names the form field the message belongs beside, if any."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ApplicationConflict(conflicts.EditConflict[PreferredApplication]):
    """The application changed after this user loaded it; nothing was changed."""


# --- Words for moves --------------------------------------------------------------------------


def move_label(current: str, wanted: str) -> str:
    """How a decision reads on the form: 'Reinstate' is approving a suspended supplier."""
    if wanted == ApplicationStatus.APPROVED:
        if current == ApplicationStatus.SUSPENDED:
            return "Reinstate: back on the preferred list"
        return "Approve: put on the preferred list"
    return {
        ApplicationStatus.ASSESSING: "Start assessing",
        ApplicationStatus.DECLINED: "Decline",
        ApplicationStatus.SUSPENDED: "Suspend: off the list until reinstated",
        ApplicationStatus.WITHDRAWN: (
            "Withdraw: take off the list for good"
            if current in (ApplicationStatus.APPROVED, ApplicationStatus.SUSPENDED)
            else "Withdraw: close the application"
        ),
        ApplicationStatus.APPLIED: "Apply",
    }[ApplicationStatus(wanted)]


def _done_word(current: str, wanted: str) -> str:
    if wanted == ApplicationStatus.APPROVED and current == ApplicationStatus.SUSPENDED:
        return "reinstated"
    return {
        ApplicationStatus.APPROVED: "approved",
        ApplicationStatus.DECLINED: "declined",
        ApplicationStatus.SUSPENDED: "suspended",
        ApplicationStatus.WITHDRAWN: "withdrawn",
        ApplicationStatus.ASSESSING: "moved to assessment",
        ApplicationStatus.APPLIED: "applied for",
        ApplicationStatus.PROPOSED: "proposed",
    }[ApplicationStatus(wanted)]


def decisions_from(current: str) -> list[tuple[str, str]]:
    """The decisions the market shaper may take from ``current``: (status, label), in the
    workflow's order. Applying is the supplier's own move, never a decision."""
    allowed = APPLICATION_TRANSITIONS.get(current, frozenset())
    return [
        (status, move_label(current, status)) for status in DECISION_STATUSES if status in allowed
    ]


def _illegal_message(current: str, wanted: str) -> str:
    here = f"This application is {STATUS_WORDS[ApplicationStatus(current)]}"
    done = _done_word(current, wanted)
    choices = [label.split(":")[0].lower() for _, label in decisions_from(current)]
    if not choices:
        return f"{here}, so it cannot be {done}: it is closed. A new application is needed."
    return f"{here}, so it cannot be {done}. From here it can only: {', '.join(choices)}."


def _reason_message(current: str, wanted: str) -> str:
    return f"Say why it is {_done_word(current, wanted)}: the reason is kept with the decision."


# --- Criteria ---------------------------------------------------------------------------------


def _criterion_snapshot(criterion: PreferredCriterion) -> dict[str, Any]:
    return {name: getattr(criterion, name) for name in CRITERION_FIELDS}


@transaction.atomic
def add_criterion(
    *,
    provider: Organisation,
    fields: Mapping[str, Any],
    actor: User,
    request: HttpRequest | None = None,
) -> PreferredCriterion:
    """A new criterion, last on the provider's list."""
    last = PreferredCriterion.objects.filter(provider=provider).aggregate(last=Max("position"))
    criterion = PreferredCriterion(
        provider=provider, position=(last["last"] or 0) + 1, **dict(fields)
    )
    criterion.full_clean()
    criterion.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        subject=criterion,
        summary=f"Added the preferred list criterion '{criterion.title}'",
        changes=model_changes({}, _criterion_snapshot(criterion)),
    )
    return criterion


@transaction.atomic
def change_criterion(
    *,
    criterion: PreferredCriterion,
    fields: Mapping[str, Any],
    actor: User,
    request: HttpRequest | None = None,
) -> PreferredCriterion:
    before = _criterion_snapshot(criterion)
    for name, value in fields.items():
        if name not in CRITERION_FIELDS:
            raise ValueError(f"Not a field of a criterion: {name}")
        setattr(criterion, name, value)
    criterion.full_clean()
    criterion.save()
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        subject=criterion,
        summary=f"Changed the preferred list criterion '{criterion.title}'",
        changes=model_changes(before, _criterion_snapshot(criterion)),
    )
    return criterion


# --- Applying and proposing -------------------------------------------------------------------


def _already_live(supplier: Supplier, live: PreferredApplication | None) -> ApplicationRefused:
    where = (
        f"is {STATUS_WORDS[ApplicationStatus(live.status)]}"
        if live is not None
        else "was started by someone else a moment ago"
    )
    return ApplicationRefused(
        f"{supplier.name} already has an application that {where}. A supplier has one open "
        "application (or place on the list) at a time: open that one instead of starting "
        "another.",
        field="supplier",
    )


def _save_new(application: PreferredApplication, step: ApplicationStep) -> None:
    """Save a new application and its first step, turning the database's one-live-application
    rule into a clear refusal when another was started between our check and our save."""
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as error:
        live = live_application_of(
            provider_id=application.provider_id, supplier_id=application.supplier_id
        )
        raise _already_live(application.supplier, live) from error
    step.application = application
    step.full_clean()
    step.save()


@transaction.atomic
def propose_supplier(
    *,
    provider: Organisation,
    supplier: Supplier,
    why: str,
    actor: User,
    request: HttpRequest | None = None,
) -> PreferredApplication:
    """The market shaper proposes a supplier from the provider's directory; the supplier is asked
    to apply with its own statement. ``why`` is kept as the first step's reason."""
    why = why.strip()
    if supplier.directory_owner_id != provider.pk:
        raise ApplicationRefused(
            f"{supplier.name} is not in {provider.name}'s directory.", field="supplier"
        )
    if not why:
        raise ApplicationRefused("Say why this supplier is proposed.", field="why")
    live = live_application_of(provider_id=provider.pk, supplier_id=supplier.pk)
    if live is not None:
        raise _already_live(supplier, live)
    now = timezone.now()
    application = PreferredApplication(
        provider=provider,
        supplier=supplier,
        status=ApplicationStatus.PROPOSED,
        created_by=actor,
        created_at=now,
    )
    step = ApplicationStep(
        from_status="", to_status=ApplicationStatus.PROPOSED, by=actor, at=now, reason=why
    )
    _save_new(application, step)
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        subject=application,
        summary=f"Proposed {supplier.name} for the preferred list",
        changes={"status": {"from": None, "to": application.status}, "reason": why},
    )
    return application


@transaction.atomic
def apply_to_list(
    *,
    supplier: Supplier,
    statement: str,
    actor: User,
    request: HttpRequest | None = None,
) -> PreferredApplication:
    """A supplier applies to the preferred list of the provider whose directory it is in: a new
    application, or its answer to being proposed. Refused while another is open or approved."""
    statement = statement.strip()
    if not statement:
        raise ApplicationRefused(
            "Say why you should be on the preferred list: how you meet each criterion.",
            field="statement",
        )
    provider_id = supplier.directory_owner_id
    live = live_application_of(provider_id=provider_id, supplier_id=supplier.pk)
    now = timezone.now()
    if live is not None and live.status == ApplicationStatus.PROPOSED:
        step = live.set_status(ApplicationStatus.APPLIED, by=actor)
        updated = PreferredApplication.objects.filter(
            pk=live.pk, version=live.version - 1, status=ApplicationStatus.PROPOSED
        ).update(status=live.status, version=live.version, statement=statement)
        if updated != 1:
            raise _already_live(
                supplier, live_application_of(provider_id=provider_id, supplier_id=supplier.pk)
            )
        live.statement = statement
        step.full_clean()
        step.save()
        application = live
    elif live is not None:
        raise _already_live(supplier, live)
    else:
        application = PreferredApplication(
            provider_id=provider_id,
            supplier=supplier,
            status=ApplicationStatus.APPLIED,
            statement=statement,
            created_by=actor,
            created_at=now,
        )
        step = ApplicationStep(
            from_status="", to_status=ApplicationStatus.APPLIED, by=actor, at=now
        )
        _save_new(application, step)
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE if step.from_status else Action.CREATE,
        subject=application,
        summary=f"{supplier.name} applied to the preferred list",
        changes={
            "status": {"from": step.from_status or None, "to": application.status},
            "statement": {"from": None, "to": statement},
        },
    )
    return application


# --- Assessing --------------------------------------------------------------------------------


def _fresh(application: PreferredApplication) -> PreferredApplication:
    return PreferredApplication.objects.select_related("supplier__organisation", "provider").get(
        pk=application.pk
    )


def _current_at(application: PreferredApplication, expected_version: int) -> PreferredApplication:
    """The application as saved now, or ApplicationConflict if it moved on since the user's
    page showed ``expected_version``."""
    current = _fresh(application)
    conflicts.check_version(current, expected_version, ApplicationConflict)
    return current


def _save_moved(current: PreferredApplication, expected_version: int, **fields: Any) -> None:
    """Write ``current``'s status and version (and ``fields``) only if the row is still at
    ``expected_version``: of two decisions taken at once, one wins and the other is refused."""
    updated = PreferredApplication.objects.filter(pk=current.pk, version=expected_version).update(
        status=current.status, version=current.version, **fields
    )
    if updated != 1:
        raise ApplicationConflict(saved=_fresh(current))


def _check_assessable(application: PreferredApplication) -> None:
    if application.status not in ASSESSABLE:
        raise ApplicationRefused(
            f"This application is {STATUS_WORDS[ApplicationStatus(application.status)]}, so it "
            "is not being assessed now. Nothing was changed."
        )


def _begin_assessing(
    current: PreferredApplication, actor: User, what: str
) -> ApplicationStep | None:
    """The first assessment (or panel view) of a proposed or applied application moves it to
    'being assessed', as a step of its own."""
    if current.status in (ApplicationStatus.PROPOSED, ApplicationStatus.APPLIED):
        return current.set_status(
            ApplicationStatus.ASSESSING, by=actor, reason=f"Assessment began: {what}."
        )
    current.version += 1
    return None


@transaction.atomic
def assess(
    *,
    application: PreferredApplication,
    criterion: PreferredCriterion,
    result: str,
    evidence: str,
    expected_version: int,
    actor: User,
    request: HttpRequest | None = None,
) -> CriterionAssessment:
    """Record (or change) how the application measures against one criterion, with evidence."""
    current = _current_at(application, expected_version)
    _check_assessable(current)
    if criterion.provider_id != current.provider_id or not criterion.active:
        raise ApplicationRefused(
            f"'{criterion.title}' is not one of the criteria applications are assessed against now."
        )
    evidence = evidence.strip()
    existing = CriterionAssessment.objects.filter(application=current, criterion=criterion).first()
    before = {"result": existing.result, "evidence": existing.evidence} if existing else {}
    step = _begin_assessing(current, actor, criterion.title)
    _save_moved(current, expected_version)
    assessment = existing or CriterionAssessment(application=current, criterion=criterion)
    assessment.result = result
    assessment.evidence = evidence
    assessment.assessed_by = actor
    assessment.assessed_at = timezone.now()
    assessment.full_clean(validate_constraints=False)
    assessment.save()
    if step is not None:
        step.full_clean()
        step.save()
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE if existing else Action.CREATE,
        subject=assessment,
        summary=(
            f"Assessed {current.supplier.name} against '{criterion.title}': "
            f"{assessment.get_result_display().lower()}"
        ),
        changes=model_changes(before, {"result": result, "evidence": evidence}),
    )
    application.version, application.status = current.version, current.status
    return assessment


@transaction.atomic
def record_panel_view(
    *,
    application: PreferredApplication,
    view: str,
    expected_version: int,
    actor: User,
    request: HttpRequest | None = None,
) -> PreferredApplication:
    """Record the co-production panel's view, in its own words, with who recorded it and when.
    A later view replaces it; the audit log keeps what it said before."""
    view = view.strip()
    if not view:
        raise ApplicationRefused("Write the panel's view.", field="view")
    current = _current_at(application, expected_version)
    _check_assessable(current)
    before = current.panel_view
    step = _begin_assessing(current, actor, "the co-production panel's view was recorded")
    now = timezone.now()
    _save_moved(current, expected_version, panel_view=view, panel_view_by=actor, panel_view_at=now)
    current.panel_view, current.panel_view_by, current.panel_view_at = view, actor, now
    if step is not None:
        step.full_clean()
        step.save()
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        subject=current,
        summary=f"Recorded the co-production panel's view of {current.supplier.name}",
        changes=model_changes({"panel_view": before}, {"panel_view": view}),
    )
    return current


# --- Deciding ---------------------------------------------------------------------------------


@transaction.atomic
def decide(
    *,
    application: PreferredApplication,
    status: str,
    reason: str,
    expected_version: int,
    actor: User,
    request: HttpRequest | None = None,
) -> ApplicationStep:
    """Move the application along the workflow: start assessing, approve, decline, suspend,
    reinstate (approve a suspended one) or withdraw. Approving and reinstating need every active
    criterion assessed and the panel's view recorded; approving, declining and suspending need a
    reason. Refused on a stale page (ApplicationConflict) or against the rules
    (ApplicationRefused), changing nothing."""
    reason = reason.strip()
    current = _current_at(application, expected_version)
    was = current.status
    try:
        check_transition(APPLICATION_TRANSITIONS, current=was, wanted=status)
    except IllegalTransition as illegal:
        raise ApplicationRefused(_illegal_message(was, status), field="status") from illegal
    if status in REASON_REQUIRED and not reason:
        raise ApplicationRefused(_reason_message(was, status), field="reason")
    if status == ApplicationStatus.APPROVED:
        missing = missing_for_approval(current)
        if missing:
            raise ApplicationRefused(missing.message, field="status")
    step = current.set_status(status, by=actor, reason=reason)
    _save_moved(current, expected_version)
    step.full_clean()
    step.save()
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        subject=current,
        summary=f"{current.supplier.name}'s application {_done_word(was, status)}",
        changes={"status": {"from": was, "to": status}, "reason": reason},
    )
    if is_preferred_decision(step):
        announce(preferred_decided(step))
    application.status, application.version = current.status, current.version
    return step
