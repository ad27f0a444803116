"""Subject access pages: the list with due dates, one person's requests, one request, its copy.

Views are thin: access.py decides, services.py writes and audits.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view
from directsupport.lib.transitions import IllegalTransition
from directsupport.people.access import get_person_for_user

from .access import (
    answers_requests,
    check_may_record_requests,
    check_may_see_requests_page,
    get_request_for_user,
    requests_visible_to,
)
from .forms import RequestForm
from .models import RequestStatus, SubjectAccessRequest
from .services import record_download, record_request, request_copy


def _with_due_words(requests: list[SubjectAccessRequest]) -> list[SubjectAccessRequest]:
    """Attach what the list says about each due date (in words, never by colour alone)."""
    today = timezone.localdate()
    for sar in requests:
        sar.due_words = _due_words(sar, today)  # type: ignore[attr-defined]
        sar.overdue = sar.is_overdue(today)  # type: ignore[attr-defined]
        sar.due_soon = sar.is_due_soon(today)  # type: ignore[attr-defined]
    return requests


def _due_words(sar: SubjectAccessRequest, today: Any) -> str:
    if sar.is_answered:
        return "Answered"
    days = sar.days_left(today)
    if days < 0:
        return f"Overdue by {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "Due today"
    return f"Due in {days} day{'s' if days != 1 else ''}"


@require_GET
def request_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_see_requests_page(user)
    requests = _with_due_words(list(requests_visible_to(user).order_by("due_on", "pk")))
    open_requests = [sar for sar in requests if not sar.is_answered]
    today = timezone.localdate()
    return render(
        request,
        "subject_access/list.html",
        {
            "open_requests": open_requests,
            "answered_requests": [sar for sar in requests if sar.is_answered],
            "overdue_count": sum(1 for sar in open_requests if sar.is_overdue(today)),
            "answers_requests": answers_requests(user),
        },
    )


@require_http_methods(["GET", "POST"])
def person_requests(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One person's requests; coordinators and managers record a new one here."""
    user = request.user
    check_may_see_requests_page(user)
    person = get_person_for_user(user, pk)
    requests = list(requests_visible_to(user).filter(person=person).order_by("-received_on"))
    if not requests and not answers_requests(user):
        raise Http404("No requests to show")
    form = None
    if answers_requests(user):
        if request.method == "POST":
            check_may_record_requests(user)
            person = get_person_for_user(user, pk, write=True)
            form = RequestForm(request.POST, person=person)
            if form.is_valid():
                sar = record_request(
                    actor=user, person=person, request=request, **form.cleaned_data
                )
                messages.success(request, f"Request recorded. It is due by {sar.due_on:%-d %B %Y}.")
                return redirect("subject_access:detail", request_pk=sar.pk)
        else:
            form = RequestForm(person=person, initial={"received_on": timezone.localdate()})
    elif request.method == "POST":
        check_may_record_requests(user)
    record_view(
        request,
        person_id=person.pk,
        subject=person,
        summary="Looked at their subject access requests",
    )
    return render(
        request,
        "subject_access/person.html",
        {"person": person, "requests": _with_due_words(requests), "form": form},
    )


@require_GET
def request_detail(request: AuthenticatedRequest, request_pk: int) -> HttpResponse:
    user = request.user
    sar = get_request_for_user(user, request_pk)
    record_view(
        request, person_id=sar.person_id, subject=sar, summary="Looked at a subject access request"
    )
    return render(
        request,
        "subject_access/detail.html",
        {
            "sar": _with_due_words([sar])[0],
            # In groups of eight, so it wraps on a narrow screen and can be read out.
            "sha256_in_groups": " ".join(
                sar.file_sha256[start : start + 8] for start in range(0, len(sar.file_sha256), 8)
            ),
            "may_produce": answers_requests(user),
            "producing": sar.status == RequestStatus.PRODUCING,
        },
    )


@require_POST
def request_produce(request: AuthenticatedRequest, request_pk: int) -> HttpResponse:
    user = request.user
    sar = get_request_for_user(user, request_pk, answer=True)
    try:
        request_copy(actor=user, sar=sar, request=request)
    except IllegalTransition:
        messages.error(request, "The copy is already being put together. Check again soon.")
    else:
        if sar.status == RequestStatus.READY:
            messages.success(request, "The copy is ready to download.")
        else:
            messages.success(request, "The copy is being put together. Check again in a minute.")
    return redirect("subject_access:detail", request_pk=sar.pk)


@require_GET
def request_download(request: AuthenticatedRequest, request_pk: int) -> FileResponse:
    user = request.user
    sar = get_request_for_user(user, request_pk)
    if sar.status != RequestStatus.READY or not sar.file:
        raise Http404("This request has no copy yet")
    try:
        # Looked up now, not through the field: the field's storage is fixed at import.
        handle = storages["private"].open(sar.file.name, "rb")
    except FileNotFoundError as error:
        raise Http404("The copy's file is missing") from error
    record_download(request, sar=sar)
    produced = sar.produced_at or timezone.now()
    filename = (
        f"information-held-about-{slugify(sar.person.display_name) or 'person'}-"
        f"{timezone.localtime(produced):%Y-%m-%d}.zip"
    )
    response = FileResponse(
        handle, content_type="application/zip", as_attachment=True, filename=filename
    )
    response["Cache-Control"] = "private, no-store"
    return response
