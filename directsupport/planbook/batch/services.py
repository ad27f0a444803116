"""Plan Books for everyone at a Planning Live event in one go: PDFs made in the background into
one zip file, with progress that the batch page shows as it goes.

The work is split so that several task workers share it (a Plan Book PDF takes a couple of
seconds of one core, and a batch may hold 55):

1. ``request_batch`` (from the view) records the batch and, once that commits, queues
   ``tasks.start_plan_book_batch``;
2. ``start_batch`` (that task) decides who is in it and queues one
   ``tasks.make_batch_plan_book`` per person;
3. ``make_one`` (each of those) makes one person's PDF, keeps it in the private storage and
   counts it done, so the progress bar is real; whichever finishes last puts every PDF into
   one zip (``_assemble``).

With the immediate backend (development, tests) the same steps simply run one after another.

Who is in it: everyone at the event whom the requester may see, each with their latest Plan
Book version; someone with no version yet gets version 1 started as a draft compiled from their
tools (``planbook.services.start_version``), as the coordinator would by hand.

When one person's PDF cannot be made, the others are still made: a coordinator printing for a
Planning Live day needs the 17 that worked more than a clean failure. The batch then ends as
failed, with an error naming who is missing, and the zip of the others can still be downloaded.
Anything that stops the whole batch (the zip cannot be stored) fails it with no file.

Audit: asking for a batch is one row (by the requester, with their address). Each PDF made is a
row in that person's log ("exported"), so their "who looked" page shows their Plan Book went into
a file and for whom; each download of the zip is a row per person in it.
"""

from __future__ import annotations

import json
import logging
import tempfile
import uuid
import zipfile
from dataclasses import dataclass
from typing import Any

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.audit.models import Action
from directsupport.audit.services import record_change, record_request_event
from directsupport.people.access import can_see_circle
from directsupport.people.models import Person
from directsupport.planning.access import participants_visible_to
from directsupport.planning.models import PlanningEvent

from .. import tasks
from ..access import can_manage_plan_book, plan_book_versions_visible_to
from ..book.services import start_version
from ..models import BatchStatus, PlanBookBatch, PlanBookVersion
from ..pdf.render import PlanBookPart, render_plan_book_pdf

logger = logging.getLogger(__name__)

BATCH_FOLDER = "plan-book-batches"
NOTHING_TO_MAKE = "Nobody is taking part in this event yet, so there are no Plan Books to make."
REQUESTER_GONE = (
    "The person who asked for these Plan Books can no longer sign in, so they were not made. "
    "Ask for them again."
)
WHOLE_BATCH_FAILED = (
    "The Plan Books could not be saved into a file. Nothing was lost: try again, and if it "
    "happens again tell your system manager."
)


class NothingToMake(Exception):
    """The event has nobody (whom this user may see) taking part."""


@dataclass(frozen=True)
class ZipManifest:
    """Whose Plan Books are in a batch's zip file, kept in the zip's comment so each download
    can be audited against the people in it."""

    people: tuple[int, ...]

    def to_bytes(self) -> bytes:
        return json.dumps({"people": list(self.people)}).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> ZipManifest:
        try:
            people = json.loads(data or b"{}").get("people", [])
        except (ValueError, AttributeError):
            people = []
        return cls(tuple(pk for pk in people if isinstance(pk, int)))


def people_for_batch(*, actor: User, event: PlanningEvent) -> list[Person]:
    return [participant.person for participant in participants_visible_to(actor, event)]


@transaction.atomic
def request_batch(
    *, actor: User, event: PlanningEvent, request: HttpRequest | None = None
) -> PlanBookBatch:
    """Record a batch for everyone at ``event`` and queue the work for when this commits.

    Raises NothingToMake when there is nobody to make a Plan Book for.
    """
    total = len(people_for_batch(actor=actor, event=event))
    if not total:
        raise NothingToMake(NOTHING_TO_MAKE)
    batch = PlanBookBatch(event=event, requested_by=actor, total=total)
    batch.full_clean()
    batch.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        subject=batch,
        summary=f"Asked for the Plan Books of {total} people at {event.title}",
        changes={"total": {"from": None, "to": total}},
    )
    batch_id = batch.pk
    # Queued only once the batch row is saved for good, so a worker always finds it.
    transaction.on_commit(lambda: tasks.start_plan_book_batch.enqueue(batch_id))
    return batch


def start_batch(*, batch_id: int) -> None:
    """Decide who is in the batch and queue one task per person. Does nothing for a batch that
    has already started (a task run twice)."""
    started = PlanBookBatch.objects.filter(pk=batch_id, status=BatchStatus.QUEUED).update(
        status=BatchStatus.RUNNING
    )
    if not started:
        return
    batch = PlanBookBatch.objects.select_related("event", "requested_by").get(pk=batch_id)
    actor = batch.requested_by
    if actor is None or not actor.is_active:
        _finish(batch_id, status=BatchStatus.FAILED, error=REQUESTER_GONE)
        return
    people = people_for_batch(actor=actor, event=batch.event)
    # Not one transaction: each step is saved as it happens, so the batch page can show it.
    PlanBookBatch.objects.filter(pk=batch_id).update(total=len(people), done=0, error="")
    if not people:
        _assemble(batch_id)
        return
    for person in people:
        tasks.make_batch_plan_book.enqueue(batch_id, person.pk)


def make_one(*, batch_id: int, person_id: int) -> None:
    """Make one person's PDF for the batch and count it done; the last one makes the zip."""
    batch = (
        PlanBookBatch.objects.select_related("event", "requested_by")
        .filter(pk=batch_id, status=BatchStatus.RUNNING, finished_at__isnull=True)
        .first()
    )
    if batch is None:
        return
    person = Person.objects.get(pk=person_id)
    if not _store_pdf(batch, batch.requested_by, person):
        PlanBookBatch.objects.filter(pk=batch_id).update(
            error=Concat(F("error"), Value(f"{person.display_name}\n"))
        )
    PlanBookBatch.objects.filter(pk=batch_id).update(done=F("done") + 1)
    # Exactly one task sees every person done and claims the batch to make the zip.
    claimed = PlanBookBatch.objects.filter(
        pk=batch_id, done__gte=F("total"), finished_at__isnull=True
    ).update(finished_at=timezone.now())
    if claimed:
        _assemble(batch_id)


def _store_pdf(batch: PlanBookBatch, actor: Any, person: Person) -> bool:
    """Keep one person's PDF beside the batch; False (logged) when it cannot be made."""
    try:
        version = _version_for(actor, person)
        pdf = render_plan_book_pdf(
            version, part=PlanBookPart.BOTH, show_circle=can_see_circle(actor, person)
        )
        storages["private"].save(
            f"{_folder(batch.pk)}/{person.pk}-{pdf.filename}", ContentFile(pdf.content)
        )
    except Exception:
        logger.exception("Plan Book PDF for person %s in batch %s failed", person.pk, batch.pk)
        return False
    record_change(
        None,
        actor=actor,
        action=Action.EXPORT,
        person_id=person.pk,
        subject=version,
        summary=(
            f"Made Plan Book version {version.number} into a PDF with the Plan Books for "
            f"{batch.event.title}"
        ),
    )
    return True


def _version_for(actor: Any, person: Person) -> PlanBookVersion:
    """The latest version this user may see, or version 1 started now when there is none."""
    latest = plan_book_versions_visible_to(actor, person).order_by("-number").first()
    if latest is not None:
        latest.person = person
        return latest
    if not can_manage_plan_book(actor, person):
        raise PermissionError(f"No Plan Book for {person.pk} and no right to start one")
    return start_version(actor=actor, person=person, request=None)


def _folder(batch_id: int) -> str:
    return f"{BATCH_FOLDER}/{batch_id}"


def _assemble(batch_id: int) -> None:
    """Put every PDF made for the batch into one zip, then remove the single PDFs."""
    storage = storages["private"]
    batch = PlanBookBatch.objects.get(pk=batch_id)
    missing = [name for name in batch.error.splitlines() if name.strip()]
    try:
        try:
            names = sorted(storage.listdir(_folder(batch_id))[1])
        except FileNotFoundError:
            names = []
        made: list[int] = []
        with tempfile.TemporaryFile() as scratch:
            with zipfile.ZipFile(scratch, "w", compression=zipfile.ZIP_STORED) as archive:
                # PDFs are compressed already: storing them is as small and much quicker.
                for name in sorted(names, key=lambda name: name.split("-", 1)[1]):
                    person_id, filename = name.split("-", 1)
                    with storage.open(f"{_folder(batch_id)}/{name}", "rb") as handle:
                        archive.writestr(_unique(filename, archive), handle.read())
                    made.append(int(person_id))
                archive.comment = ZipManifest(tuple(made)).to_bytes()
            scratch.seek(0)
            stored = storage.save(f"{BATCH_FOLDER}/{uuid.uuid4().hex}.zip", File(scratch))
        for name in names:
            storage.delete(f"{_folder(batch_id)}/{name}")
    except Exception:
        logger.exception("Plan Book batch %s could not be put into a zip", batch_id)
        _finish(batch_id, status=BatchStatus.FAILED, error=WHOLE_BATCH_FAILED)
        return
    _finish(
        batch_id,
        status=BatchStatus.FAILED if missing else BatchStatus.DONE,
        error=_missing_words(missing, made=len(made)) if missing else "",
        file=stored,
    )


def _unique(filename: str, archive: zipfile.ZipFile) -> str:
    """Two people with the same name get 'plan-book-sam-lee-v1.pdf' and '…-v1-2.pdf'."""
    taken = set(archive.namelist())
    stem, suffix = filename.removesuffix(".pdf"), 2
    candidate = filename
    while candidate in taken:
        candidate, suffix = f"{stem}-{suffix}.pdf", suffix + 1
    return candidate


def _missing_words(missing: list[str], *, made: int) -> str:
    people = "person" if len(missing) == 1 else "people"
    return (
        f"The Plan Books of {len(missing)} {people} could not be made: {', '.join(missing)}. "
        f"The other {made} are in the file. Open each missing Plan Book to check it, then try "
        "again."
    )


def _finish(batch_id: int, *, status: str, error: str, file: str = "") -> None:
    PlanBookBatch.objects.filter(pk=batch_id).update(
        status=status, error=error, file=file, finished_at=timezone.now()
    )


def record_download(request: HttpRequest, *, batch: PlanBookBatch) -> None:
    """A row in the log of each person whose Plan Book is in the downloaded zip."""
    with (
        storages["private"].open(batch.file.name, "rb") as handle,
        zipfile.ZipFile(handle) as archive,
    ):
        manifest = ZipManifest.from_bytes(archive.comment)
    for person_id in manifest.people:
        record_request_event(
            request,
            action=Action.EXPORT,
            person_id=person_id,
            subject=batch,
            summary=f"Downloaded the Plan Books for {batch.event.title} (a zip of PDFs)",
        )
