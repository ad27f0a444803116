"""Calendar links: the page to make and stop them, and the iCalendar feed they point at.

The person, and circle members they let see, make their own private link and see its address;
the person and their editors see every link to the person's week (never another person's
address) and can stop any of them. The feed itself is fetched by calendar apps, which cannot
sign in: the secret token is the only key, and a stopped link is not found.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.middleware import two_factor_exempt
from directsupport.accounts.roles import Role
from directsupport.audit.services import record_view
from directsupport.lib.denials import NoAccess

from ..access import (
    can_have_calendar_link,
    get_active_feed,
    get_feed_for_revoking,
    get_feed_person_for_user,
)
from ..feed_services import create_feed, feed_ics, record_fetch, record_refused_fetch, revoke_feed
from ..models import CalendarFeed


@require_http_methods(["GET", "POST"])
def calendar_links(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_feed_person_for_user(user, pk)
    may_make = can_have_calendar_link(user, person)
    if request.method == "POST":
        if not may_make:
            # Staff editors manage links but never hold one to someone's week themselves.
            raise NoAccess(
                subject_type="week.calendarfeed",
                subject_id="new",
                person_id=person.pk,
                reason="Only the person and their circle make calendar links",
            )
        create_feed(actor=user, person=person, request=request)
        messages.success(request, "Your calendar link is ready. Copy it into your calendar below.")
        return redirect("week:calendar_links", pk=person.pk)

    feeds = CalendarFeed.objects.filter(person=person, revoked_at__isnull=True).select_related(
        "owner"
    )
    # Circle members see only their own links; the person and their editors see them all.
    if user.role == Role.CIRCLE:
        feeds = feeds.filter(owner=user)
    links = [
        {
            "feed": feed,
            "mine": feed.owner_id == user.pk,
            "https": _feed_address(request, feed, scheme="https"),
            "webcal": _feed_address(request, feed, scheme="webcal"),
        }
        for feed in feeds
    ]
    record_view(
        request,
        person_id=person.pk,
        subject=person,
        summary=f"Calendar links to {person.display_name}'s Perfect Week",
    )
    return render(
        request,
        "week/feed/links.html",
        {"person": person, "links": links, "may_make": may_make},
    )


def _feed_address(request: HttpRequest, feed: CalendarFeed, *, scheme: str) -> str:
    """The full address a calendar app subscribes to: https://…, or webcal://… (the same
    address, which phones open straight in their calendar app)."""
    address = request.build_absolute_uri(reverse("week:calendar_feed", args=[feed.token]))
    return scheme + address[address.index("://") :]


@require_POST
def calendar_link_revoke(request: AuthenticatedRequest, pk: int, feed_pk: int) -> HttpResponse:
    user = request.user
    feed = get_feed_for_revoking(user, pk, feed_pk)
    revoke_feed(actor=user, feed=feed, request=request)
    messages.success(request, "That calendar link is stopped. Calendars using it will not update.")
    return redirect("week:calendar_links", pk=pk)


@login_not_required
@two_factor_exempt
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed, for calendar apps (no sign-in, so no session and no idle timeout apply)."""
    try:
        feed = get_active_feed(token)
    except NoAccess as denial:
        # Audited here rather than by the middleware, so the secret token stays out of the log.
        record_refused_fetch(
            request,
            person_id=denial.person_id,
            subject_id=denial.subject_id,
            reason=denial.reason,
        )
        raise Http404("No such calendar") from None
    body = feed_ics(feed)
    record_fetch(request, feed)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="perfect-week.ics"'
    # The person's week: never kept by a shared cache; the app asks again each time.
    response["Cache-Control"] = "private, no-cache"
    return response
