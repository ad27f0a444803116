"""Plan Books for everyone at an event in one go (managers and coordinators).

Asking starts the background work and goes to the batch's page: a progress bar with
"12 of 18 Plan Books made", which works without JavaScript (a "Check again" link reloads it) and
with it asks ``status.json`` every second, moving the bar and announcing progress. When it is
done the page offers the zip of PDFs.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.planning.access import get_event_for_user

from ..access import get_batch_for_user
from ..models import BatchStatus, PlanBookBatch
from .services import NothingToMake, record_download, request_batch

FINISHED = (BatchStatus.DONE, BatchStatus.FAILED)


def progress_words(batch: PlanBookBatch) -> str:
    """'12 of 18 Plan Books made'."""
    noun = "Plan Book" if batch.total == 1 else "Plan Books"
    return f"{batch.done} of {batch.total} {noun} made"


def _download_url(batch: PlanBookBatch) -> str:
    if not batch.file:
        return ""
    return reverse(
        "planbook:batch_download", kwargs={"event_pk": batch.event_id, "batch_pk": batch.pk}
    )


@require_POST
def batch_start(request: AuthenticatedRequest, event_pk: int) -> HttpResponse:
    user = request.user
    event = get_event_for_user(user, event_pk, write=True)
    try:
        batch = request_batch(actor=user, event=event, request=request)
    except NothingToMake as refusal:
        messages.error(request, str(refusal))
        return redirect("planning:event_detail", event_pk=event.pk)
    return redirect("planbook:batch_detail", event_pk=event.pk, batch_pk=batch.pk)


@require_GET
def batch_detail(request: AuthenticatedRequest, event_pk: int, batch_pk: int) -> HttpResponse:
    user = request.user
    batch = get_batch_for_user(user, event_pk, batch_pk)
    return render(
        request,
        "planbook/batch/detail.html",
        {
            "event": batch.event,
            "batch": batch,
            "progress_words": progress_words(batch),
            "finished": batch.status in FINISHED,
            # While it runs, ``error`` collects the names of anyone missing so far.
            "error": batch.error if batch.status in FINISHED else "",
            "download_url": _download_url(batch),
            "status_url": reverse(
                "planbook:batch_status", kwargs={"event_pk": event_pk, "batch_pk": batch_pk}
            ),
        },
    )


@require_GET
def batch_status(request: AuthenticatedRequest, event_pk: int, batch_pk: int) -> JsonResponse:
    user = request.user
    batch = get_batch_for_user(user, event_pk, batch_pk)
    response = JsonResponse(
        {
            "status": batch.status,
            "status_label": batch.get_status_display(),
            "done": batch.done,
            "total": batch.total,
            "percent": batch.percent,
            "words": progress_words(batch),
            "finished": batch.status in FINISHED,
            "error": batch.error if batch.status in FINISHED else "",
            "download_url": _download_url(batch),
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def batch_download(request: AuthenticatedRequest, event_pk: int, batch_pk: int) -> FileResponse:
    user = request.user
    batch = get_batch_for_user(user, event_pk, batch_pk)
    if not batch.file:
        raise Http404("This batch has no file yet")
    try:
        # Looked up now, not through the field: the field's storage is fixed at import.
        handle = storages["private"].open(batch.file.name, "rb")
    except FileNotFoundError as error:
        raise Http404("The batch's file is missing") from error
    record_download(request, batch=batch)
    filename = f"plan-books-{slugify(batch.event.title) or 'event'}-{batch.event.date:%Y-%m-%d}.zip"
    response = FileResponse(
        handle, content_type="application/zip", as_attachment=True, filename=filename
    )
    response["Cache-Control"] = "private, no-store"
    return response
