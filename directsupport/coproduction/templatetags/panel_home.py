"""The expert by experience's home page (templates/home.html loads it, so accounts never imports
coproduction): their next meetings with what to bring, papers still to read, meetings they came
to with no time claimed yet, their claims and what was paid, and a reminder of their week
against their benefits limit. Also ``hours_and_minutes`` for the panel's pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.db.models import Exists, OuterRef, Sum
from django.template.loader import render_to_string
from django.utils import timezone

from directsupport.accounts.models import User

from ..access import meetings_visible_to, member_for_user
from ..models import (
    AttendanceStatus,
    ClaimStatus,
    MeetingPaper,
    MeetingStatus,
    PaperRead,
    TimeClaim,
)
from ..panel.earnings import week_earnings

register = template.Library()

SHOWN = 5
# Meetings this long ago without a claim are still listed: pay is often claimed late.
CLAIM_WINDOW_DAYS = 120


@register.filter
def hours_and_minutes(minutes: int | None) -> str:
    """90 -> "1 hour 30 minutes"; 0 -> "none"."""
    if not minutes:
        return "none"
    hours, rest = divmod(int(minutes), 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


@register.simple_tag(takes_context=True)
def expert_panel_home(context: dict[str, Any]) -> str:
    """The expert by experience's home: meetings, papers to read, time to claim."""
    request = context.get("request")
    found = getattr(request, "user", None) or context.get("user")
    # The template context is untyped; only a signed-in user can be a panel member.
    user = found if isinstance(found, User) else None
    member = member_for_user(user) if user is not None else None
    if user is None or member is None:
        return render_to_string(
            "coproduction/panel/home/expert.html", {"member": None}, request=request
        )
    now = timezone.now()
    meetings = meetings_visible_to(user)
    coming = list(
        meetings.filter(starts_at__gte=now, status=MeetingStatus.PLANNED)
        .order_by("starts_at")
        .prefetch_related("papers", "agenda")[:SHOWN]
    )
    unread = (
        MeetingPaper.objects.filter(meeting__in=[m.pk for m in coming])
        .exclude(Exists(PaperRead.objects.filter(paper=OuterRef("pk"), member=member)))
        .select_related("meeting")
        .order_by("meeting__starts_at", "-easy_read", "id")
    )
    claimed = TimeClaim.objects.filter(member=member, meeting=OuterRef("pk"))
    to_claim = list(
        meetings.filter(
            attendance__member=member,
            attendance__status=AttendanceStatus.ATTENDED,
            starts_at__lt=now,
            starts_at__gte=now - dt.timedelta(days=CLAIM_WINDOW_DAYS),
        )
        .exclude(Exists(claimed))
        .order_by("-starts_at")[:SHOWN]
    )
    claims = list(member.claims.select_related("meeting")[:SHOWN])
    year_ago = timezone.localdate() - dt.timedelta(days=365)
    paid = (
        member.claims.filter(status=ClaimStatus.PAID, worked_on__gte=year_ago).aggregate(
            total=Sum("amount_pence")
        )["total"]
        or 0
    )
    waiting = member.claims.filter(status__in=(ClaimStatus.CLAIMED, ClaimStatus.APPROVED))
    return render_to_string(
        "coproduction/panel/home/expert.html",
        {
            "member": member,
            "coming": coming,
            "unread": list(unread),
            "to_claim": to_claim,
            "claims": claims,
            "paid_pence": paid,
            "waiting_pence": waiting.aggregate(total=Sum("amount_pence"))["total"] or 0,
            "week": week_earnings(member=member, worked_on=timezone.localdate()),
        },
        request=request,
    )
