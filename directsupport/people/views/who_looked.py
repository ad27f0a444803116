"""'Who looked at my information': the person's own view of the audit log, in plain words."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import dateformat, timezone

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action, AuditEvent
from directsupport.audit.services import record_view
from directsupport.audit.wording import after_possessive

from ..access import get_person_for_audit_trail
from ..models import Person

EVENTS_PER_PAGE = 25
PAGE_NAMES = {
    "Person page": "page",
    "Easy-read page": "easy read page",
    "Circle of support": "circle of support",
    "Who can see my information": "“who can see my information” page",
    "Change circle member page": "circle, to change someone in it",
    "Remove circle member page": "circle, to remove someone from it",
    "Who looked at my information": "“who looked” page",
    "Change details page": "details, to change them",
    "Add a key date page": "key dates, to add one",
    "Remove a key date page": "key dates, to remove one",
    "Support team page": "support team",
}


def who_looked(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_audit_trail(user, pk)
    events = AuditEvent.objects.filter(person_id=person.pk).select_related("actor", "organisation")
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    entries = [
        {
            "event": event,
            "sentence": describe_event(event, person=person, viewer=user),
            "refused": event.action == Action.DENIED,
        }
        for event in page
    ]
    # Recorded after reading, so the list shows what had happened before this visit.
    record_view(
        request, person_id=person.pk, subject=person, summary="Who looked at my information"
    )
    return render(
        request,
        "people/who_looked.html",
        {
            "person": person,
            "page": page,
            "entries": entries,
            "is_the_person": person.user_id is not None and person.user_id == user.pk,
        },
    )


def describe_event(event: AuditEvent, *, person: Person, viewer: User) -> str:
    """One audit row as a sentence: 'Priya Shah (coordinator) looked at your page on 3 March
    2026 at 14:05'. Someone who was refused is not named, only where they are from."""
    at = timezone.localtime(event.at)
    when = f"on {dateformat.format(at, 'j F Y')} at {dateformat.format(at, 'H:i')}"
    whose = "your" if viewer.pk == person.user_id else f"{person.called}'s"
    if event.action == Action.DENIED:
        if event.organisation is not None:
            return f"Someone from {event.organisation.name} was refused access {when}"
        return f"Someone who was not signed in was refused access {when}"
    who = _who(event, person=person, viewer=viewer)
    if event.action == Action.VIEW:
        return f"{who} looked at {whose} {_page_name(event.summary)} {when}"
    if event.summary:
        return f"{who} {event.summary[0].lower()}{event.summary[1:]} {when}"
    return f"{who} {event.get_action_display().lower()} {whose} information {when}"


def _who(event: AuditEvent, *, person: Person, viewer: User) -> str:
    actor = event.actor
    if actor is None:
        return "Someone who was not signed in"
    if actor.pk == viewer.pk:
        return "You"
    role = Role(event.actor_role).label.lower() if event.actor_role in Role.values else ""
    if actor.pk == person.user_id:
        return actor.full_name
    if event.organisation is not None and event.organisation_id != person.organisation_id:
        role = f"{role} at {event.organisation.name}" if role else event.organisation.name
    return f"{actor.full_name} ({role})" if role else actor.full_name


def _page_name(summary: str) -> str:
    if summary in PAGE_NAMES:
        return PAGE_NAMES[summary]
    # Any other page reads as the manager's audit log says it after a name ("Plan Book
    # versions", "person-centred tools"); a read no page described is "information".
    return after_possessive(summary) or "information"
