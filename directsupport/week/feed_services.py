"""Calendar links: making one, stopping one, and serving the feed behind it.

A link is a secret address (``CalendarFeed.token``) a phone's calendar fetches without signing
in. Who may make or stop one is decided in ``week/access.py``; here they are made, stopped,
audited, and turned into an iCalendar file.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.audit.models import Action, AuditEvent
from directsupport.audit.services import record_change, record_event
from directsupport.lib.http import client_ip
from directsupport.people.access import can_see_circle
from directsupport.people.models import Person

from .ical import build_calendar, week_start_for
from .models import CalendarFeed, Week, WeekKind

FEED_SUBJECT = CalendarFeed._meta.label_lower
# What the audit log shows as the address of a fetch: the token is a secret and stays out.
FETCH_PATH = "/week/calendar/(private link).ics"


@transaction.atomic
def create_feed(*, actor: User, person: Person, request: HttpRequest | None = None) -> CalendarFeed:
    """A new private link to ``person``'s Perfect Week, for ``actor`` (access already checked)."""
    feed = CalendarFeed(person=person, owner=actor)
    feed.full_clean()
    feed.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=person.pk,
        subject=feed,
        summary=f"Made a calendar link to {person.display_name}'s Perfect Week",
        changes={"owner": {"from": None, "to": actor.email}},
    )
    return feed


@transaction.atomic
def revoke_feed(
    *, actor: User, feed: CalendarFeed, request: HttpRequest | None = None
) -> CalendarFeed:
    """Stop a link for good: its address then finds nothing. Stopping a stopped link changes
    nothing and is not audited again."""
    current = (
        CalendarFeed.objects.select_for_update().select_related("person", "owner").get(pk=feed.pk)
    )
    if current.revoked_at is not None:
        return current
    current.revoked_at = timezone.now()
    current.full_clean()
    current.save(update_fields=["revoked_at"])
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=current.person_id,
        subject=current,
        summary=(
            f"Stopped {current.owner.get_full_name() or current.owner.email}'s calendar link "
            f"to {current.person.display_name}'s Perfect Week"
        ),
        changes={"revoked_at": {"from": None, "to": current.revoked_at.isoformat()}},
    )
    return current


def feed_ics(feed: CalendarFeed) -> bytes:
    """The iCalendar file for an active feed: the person's Perfect Week as it is now."""
    person = feed.person
    week = Week.objects.filter(person=person, kind=WeekKind.PERFECT).first()
    entries = list(week.entries.select_related("company_member")) if week else []
    updated_at = week.updated_at if week else feed.created_at
    calendar = build_calendar(
        called=person.called,
        entries=entries,
        week_start=week_start_for(updated_at),
        updated_at=updated_at,
        version=week.version if week else 0,
        show_names=can_see_circle(feed.owner, person),
    )
    return calendar.to_ical()


def record_fetch(request: HttpRequest, feed: CalendarFeed) -> bool:
    """Audit the first fetch of a link each day (London time), as a view by its owner.

    A calendar app fetches every few hours for as long as it is subscribed; a row a day says
    the link is in use, and from where, without burying the person's audit trail. The path is
    recorded without the token. Returns whether a row was written.
    """
    today = timezone.localdate()
    day_start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    already = AuditEvent.objects.filter(
        person_id=feed.person_id,
        at__gte=day_start,
        action=Action.VIEW,
        subject_type=FEED_SUBJECT,
        subject_id=str(feed.pk),
    ).exists()
    if already:
        return False
    record_event(
        actor=feed.owner,
        action=Action.VIEW,
        person_id=feed.person_id,
        subject=feed,
        summary=(
            f"A calendar app fetched {feed.person.display_name}'s Perfect Week (first time today)"
        ),
        ip_address=client_ip(request),
        path=FETCH_PATH,
    )
    return True


def record_refused_fetch(
    request: HttpRequest, *, person_id: int | None, subject_id: str, reason: str
) -> None:
    """Audit a fetch of a stopped or unknown link, without its token."""
    record_event(
        actor=None,
        action=Action.DENIED,
        person_id=person_id,
        subject_type=FEED_SUBJECT,
        subject_id=subject_id,
        summary=reason,
        ip_address=client_ip(request),
        path=FETCH_PATH,
    )
