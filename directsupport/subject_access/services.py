"""Recording subject access requests and making their copies: atomic, audited."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import tempfile
import uuid
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.audit.models import Action
from directsupport.audit.services import record_event, record_request_event
from directsupport.people.models import CircleMember, Person

from . import tasks
from .export import collect, write_zip
from .models import RequestedBy, RequestStatus, SubjectAccessRequest

logger = logging.getLogger(__name__)

FOLDER = "subject-access"


def due_date_for(received_on: dt.date) -> dt.date:
    """One calendar month after the day it was received, as the ICO counts it: 3 March is due
    3 April; with no such day in the next month (31 January), the month's last day (28 or 29
    February). relativedelta does exactly this."""
    return received_on + relativedelta(months=1)


def record_request(
    *,
    actor: User,
    person: Person,
    received_on: dt.date,
    requested_by: str,
    representative: CircleMember | None = None,
    requester_name: str = "",
    notes: str = "",
    request: HttpRequest | None = None,
) -> SubjectAccessRequest:
    """Write down a request as it was received; its due date follows from the day."""
    if representative is not None and representative.person_id != person.pk:
        raise ValueError("The representative must be in this person's circle.")
    if requested_by == RequestedBy.PERSON and representative is not None:
        raise ValueError("A request from the person themselves has no representative.")
    with transaction.atomic():
        sar = SubjectAccessRequest(
            person=person,
            received_on=received_on,
            due_on=due_date_for(received_on),
            requested_by=requested_by,
            representative=representative,
            requester_name=requester_name,
            notes=notes,
            recorded_by=actor,
            status_changed_by=actor,
        )
        sar.full_clean()
        sar.save()
        _audit(
            request,
            actor=actor,
            action=Action.CREATE,
            sar=sar,
            summary=f"Recorded a request for a copy of everything held about "
            f"{person.display_name}, due {sar.due_on:%d/%m/%Y}",
        )
    return sar


def request_copy(
    *, actor: User, sar: SubjectAccessRequest, request: HttpRequest | None = None
) -> None:
    """Start making the copy in the background (IllegalTransition if it is already being made)."""
    with transaction.atomic():
        locked = SubjectAccessRequest.objects.select_for_update().get(pk=sar.pk)
        locked.set_status(RequestStatus.PRODUCING, by=actor)
        locked.error = ""
        locked.save(update_fields=["status", "status_changed_at", "status_changed_by", "error"])
        _audit(
            request,
            actor=actor,
            action=Action.UPDATE,
            sar=locked,
            summary="Asked for the copy of everything held to be made",
        )
        transaction.on_commit(
            lambda: tasks.produce_subject_access_copy.enqueue(locked.pk, actor.pk)
        )
    sar.refresh_from_db()


def make_copy_now(*, actor: User, sar: SubjectAccessRequest) -> SubjectAccessRequest:
    """Make the copy in this process rather than a worker: for the demo's seeding and the
    benchmark, which need the file before they go on. Pages use request_copy."""
    with transaction.atomic():
        locked = SubjectAccessRequest.objects.select_for_update().get(pk=sar.pk)
        locked.set_status(RequestStatus.PRODUCING, by=actor)
        locked.save(update_fields=["status", "status_changed_at", "status_changed_by"])
    produce_copy(request_id=sar.pk, actor_id=actor.pk)
    sar.refresh_from_db()
    return sar


def produce_copy(*, request_id: int, actor_id: int) -> None:
    """Make the ZIP, keep it privately, note its SHA-256, and audit that it was made.

    A failure is recorded on the request (status "could not be put together", with the reason
    for staff) so someone can try again; the request stays on the list until it is answered.
    """
    sar = SubjectAccessRequest.objects.select_related("person").get(pk=request_id)
    if sar.status != RequestStatus.PRODUCING:
        return  # asked twice, or already done: nothing to do
    actor = User.objects.get(pk=actor_id)
    produced_at = timezone.now()
    storage = storages["private"]
    try:
        sections = collect(sar.person)
        with tempfile.TemporaryFile() as scratch:
            result = write_zip(
                scratch,
                person=sar.person,
                sections=sections,
                produced_by=actor,
                produced_at=produced_at,
                request_id=sar.pk,
            )
            size, digest = _size_and_sha256(scratch)
            stored = storage.save(f"{FOLDER}/{uuid.uuid4().hex}.zip", File(scratch))
    except Exception as error:
        logger.exception("Subject access copy %s failed", request_id)
        _finish_failed(sar, actor=actor, error=error)
        return
    with transaction.atomic():
        locked = SubjectAccessRequest.objects.select_for_update().get(pk=request_id)
        superseded = locked.file.name
        locked.set_status(RequestStatus.READY, by=actor)
        locked.file.name = stored
        locked.file_sha256 = digest
        locked.file_size = size
        locked.produced_at = produced_at
        locked.produced_by = actor
        locked.save()
        rows = sum(len(section.rows) for section in result.sections)
        record_event(
            actor=actor,
            action=Action.EXPORT,
            person_id=locked.person_id,
            subject=locked,
            summary=f"Made a copy of everything held about {locked.person.display_name} "
            f"for their subject access request ({rows} entries)",
            changes={
                "sha256": digest,
                "bytes": size,
                "rows": {section.entry.key: len(section.rows) for section in result.sections},
            },
        )
    if superseded:
        # The earlier copy's hash stays in the audit log; the file itself is replaced.
        transaction.on_commit(lambda: storage.delete(superseded))


def record_download(request: HttpRequest, *, sar: SubjectAccessRequest) -> None:
    """A row in the person's log each time the copy is downloaded, and by whom."""
    record_request_event(
        request,
        action=Action.EXPORT,
        person_id=sar.person_id,
        subject=sar,
        summary=f"Downloaded the copy of everything held about {sar.person.display_name}",
        changes={"sha256": sar.file_sha256},
    )


def _size_and_sha256(scratch: Any) -> tuple[int, str]:
    scratch.seek(0)
    digest = hashlib.sha256()
    size = 0
    while chunk := scratch.read(1024 * 1024):
        digest.update(chunk)
        size += len(chunk)
    scratch.seek(0)
    return size, digest.hexdigest()


def _finish_failed(sar: SubjectAccessRequest, *, actor: User, error: Exception) -> None:
    with transaction.atomic():
        locked = SubjectAccessRequest.objects.select_for_update().get(pk=sar.pk)
        locked.set_status(RequestStatus.FAILED, by=actor)
        locked.error = f"{type(error).__name__}: {error}"[:2000]
        locked.save(update_fields=["status", "status_changed_at", "status_changed_by", "error"])


def _audit(
    request: HttpRequest | None,
    *,
    actor: User,
    action: str,
    sar: SubjectAccessRequest,
    summary: str,
) -> None:
    if request is not None:
        record_request_event(
            request, action=action, person_id=sar.person_id, subject=sar, summary=summary
        )
    else:
        record_event(
            actor=actor, action=action, person_id=sar.person_id, subject=sar, summary=summary
        )
