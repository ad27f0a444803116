"""The audit log browser and its CSV export, for managers.

A manager's report across apps (it names the people the manager may see), so it stands at the
site level; the audit app keeps the log itself: its models, services, access and wording.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import islice
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action, AuditEvent
from directsupport.audit.services import record_request_event
from directsupport.audit.wording import describe, person_ids
from directsupport.lib.exports import csv_stream
from directsupport.lib.ids import storable_id

from .access import audit_rows_for, people_named_for
from .forms import AuditFilterForm

PAGE_SIZE = 50
EXPORT_BATCH = 500
CSV_HEADER = [
    "When",
    "What happened",
    "Who (email)",
    "Role",
    "Action",
    "Person number",
    "Person",
    "Subject",
    "Subject number",
    "Details",
    "IP address",
    "Page",
]


def audit_log(request: AuthenticatedRequest) -> HttpResponse:
    manager = request.user
    form, events = _filtered_events(manager, request)
    page = Paginator(events.select_related("actor"), PAGE_SIZE).get_page(request.GET.get("page"))
    names = _person_names(manager, person_ids(page.object_list))
    rows = [(event, describe(event, names)) for event in page.object_list]
    return render(
        request,
        "reports/audit_log.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "filtered": any(form.data.get(name) for name in form.fields),
        },
    )


def audit_export(request: AuthenticatedRequest) -> HttpResponseBase:
    """Every row the filters match, as CSV. The export itself is the newest audit row."""
    manager = request.user
    form, events = _filtered_events(manager, request)
    export = record_request_event(
        request,
        action=Action.EXPORT,
        subject_type="audit.auditevent",
        summary=f"the audit log as CSV ({form.describe()})",
    )
    # Everything up to this moment; the export's own row is in the next one.
    events = events.filter(pk__lt=export.pk).select_related("actor")
    filename = f"audit-log-{timezone.localdate():%Y-%m-%d}.csv"
    return StreamingHttpResponse(
        _csv_lines(manager, events),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _filtered_events(
    manager: User, request: HttpRequest
) -> tuple[AuditFilterForm, QuerySet[AuditEvent]]:
    """The manager's rows, narrowed by every filter that is valid (an invalid one is ignored
    and shown with its message)."""
    events = audit_rows_for(manager)
    form = AuditFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    if who := data.get("who"):
        events = events.filter(actor_label__icontains=who.strip())
    if person := data.get("person"):
        events = events.filter(_person_filter(manager, person))
    if action := data.get("action"):
        events = events.filter(action=action)
    if start := data.get("date_from"):
        events = events.filter(at__gte=_start_of(start))
    if end := data.get("date_to"):
        events = events.filter(at__lt=_start_of(end + dt.timedelta(days=1)))
    return form, events


def _person_filter(manager: User, text: str) -> Q:
    """A person's number, or words of their name among the people the manager may see."""
    if text.isdigit():
        # A number too large to be anyone's finds no one (and must not reach the database).
        return Q(person_id=number) if (number := storable_id(text)) is not None else Q(pk__in=[])
    people = people_named_for(manager)
    for word in text.split():
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(preferred_name__icontains=word)
        )
    return Q(person_id__in=people.values("pk"))


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _person_names(manager: User, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    people = (
        people_named_for(manager)
        .filter(pk__in=ids)
        .only("first_name", "preferred_name", "last_name")
    )
    return {person.pk: person.display_name for person in people}


def _csv_lines(manager: User, events: QuerySet[AuditEvent]) -> Iterator[str]:
    """Streamed through the one export helper (lib.exports): summaries and pages hold what
    people typed, so no cell may become a formula."""
    return csv_stream(_csv_rows(manager, events))


def _csv_rows(manager: User, events: QuerySet[AuditEvent]) -> Iterator[list[Any]]:
    yield CSV_HEADER
    iterator = events.iterator(chunk_size=EXPORT_BATCH)
    while batch := list(islice(iterator, EXPORT_BATCH)):
        names = _person_names(manager, person_ids(batch))
        for event in batch:
            yield _csv_row(event, names)


def _csv_row(event: AuditEvent, names: dict[int, str]) -> list[Any]:
    return [
        timezone.localtime(event.at).strftime("%d/%m/%Y %H:%M:%S"),
        describe(event, names),
        event.actor_label,
        Role(event.actor_role).label if event.actor_role in Role.values else "",
        event.get_action_display(),
        event.person_id or "",
        names.get(event.person_id, "") if event.person_id else "",
        event.subject_type,
        event.subject_id,
        event.summary,
        event.ip_address or "",
        event.path,
    ]
