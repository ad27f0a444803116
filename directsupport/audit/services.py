"""Writing audit rows. Every read and change of a person's information comes through here."""

from typing import Any

from django.db import models
from django.http import HttpRequest

from directsupport.lib.http import client_ip

from .models import Action, AuditEvent
from .reads import current_ledger


def record_event(
    *,
    actor: Any,
    action: str,
    person_id: int | None = None,
    subject: models.Model | None = None,
    subject_type: str = "",
    subject_id: str = "",
    summary: str = "",
    changes: dict[str, Any] | None = None,
    ip_address: str | None = None,
    path: str = "",
    organisation_id: int | None = None,
) -> AuditEvent:
    """Append one audit row.

    ``actor`` may be anonymous (failed sign-ins); then ``organisation_id`` says whose log the
    row belongs in (the organisation of the account being tried), so its managers see it.
    """
    signed_in = actor is not None and getattr(actor, "is_authenticated", False)
    if subject is not None:
        subject_type = subject._meta.label_lower
        subject_id = str(subject.pk)
    return AuditEvent.objects.create(
        actor=actor if signed_in else None,
        actor_label=(actor.email if signed_in else ""),
        actor_role=(actor.role if signed_in else ""),
        organisation_id=(actor.organisation_id if signed_in else organisation_id),
        person_id=person_id,
        subject_type=subject_type,
        subject_id=subject_id,
        action=action,
        summary=summary[:300],
        changes=changes or {},
        ip_address=ip_address,
        path=path[:500],
    )


def record_request_event(
    request: HttpRequest,
    *,
    action: str,
    person_id: int | None = None,
    subject: models.Model | None = None,
    subject_type: str = "",
    subject_id: str = "",
    summary: str = "",
    changes: dict[str, Any] | None = None,
    actor: Any = None,
    organisation_id: int | None = None,
) -> AuditEvent:
    """Append an audit row for something done in this request, by its user, from its address."""
    return record_event(
        actor=actor if actor is not None else getattr(request, "user", None),
        action=action,
        person_id=person_id,
        subject=subject,
        subject_type=subject_type,
        subject_id=subject_id,
        summary=summary,
        changes=changes,
        ip_address=client_ip(request),
        path=request.get_full_path(),
        organisation_id=organisation_id,
    )


def record_view(
    request: HttpRequest, *, person_id: int, subject: models.Model, summary: str
) -> None:
    """Describe this request's read of a person's information in the view's words ("Plan Book
    versions"). Written once per person per request (audit/reads.py): a read the view does not
    describe is written anyway, when the page has been answered."""
    ledger = current_ledger()
    if ledger is not None and ledger.request is request and not ledger.claim(person_id):
        return
    record_request_event(
        request, action=Action.VIEW, person_id=person_id, subject=subject, summary=summary
    )


def model_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Old and new values of the fields that changed, as text (for the audit row)."""
    return {
        field: {"from": _as_text(before.get(field)), "to": _as_text(value)}
        for field, value in after.items()
        if before.get(field) != value
    }


def _as_text(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return str(value)


def record_change(request: HttpRequest | None, *, actor: Any, **event: Any) -> AuditEvent:
    """Audit a change made by ``actor``: services run from views (with a request, so the row
    gets its address and page) and from commands and tasks (without one)."""
    if request is not None:
        return record_request_event(request, actor=actor, **event)
    return record_event(actor=actor, **event)


def delete_and_record(
    request: HttpRequest | None,
    *,
    actor: Any,
    instance: models.Model,
    person_id: int | None,
    summary: str,
    before: dict[str, Any],
) -> AuditEvent:
    """Delete ``instance`` and append the audit row saying what it was (``before``), now gone.

    Django clears the primary key on delete, so the subject is noted first. Call it inside the
    service's transaction so the row and the deletion stand or fall together.
    """
    subject_type, subject_id = instance._meta.label_lower, str(instance.pk)
    instance.delete()
    return record_change(
        request,
        actor=actor,
        action=Action.DELETE,
        person_id=person_id,
        subject_type=subject_type,
        subject_id=subject_id,
        summary=summary,
        changes={field: {"from": _as_text(value), "to": None} for field, value in before.items()},
    )
