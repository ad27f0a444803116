"""The panel's pages: its home (staff: members, meetings, claims waiting; a member: their
meetings), settings, members, meetings with their agenda, papers, attendance and decisions, and
time claims. Thin: access from ``coproduction.access``, changes by ``panel.services``.

Panel members are experts by experience, so the pages they see use plain words and big
buttons, and easy-read papers come first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action
from directsupport.audit.services import record_request_event
from directsupport.lib.forms import add_service_errors
from directsupport.lib.money import format_pence

from ..access import (
    can_decide_claims,
    can_run_panel,
    check_may_claim_time,
    check_may_see_claims,
    claims_visible_to,
    get_claim_for_user,
    get_meeting_for_user,
    get_member_for_user,
    get_panel_for_user,
    get_paper_for_user,
    meetings_visible_to,
    member_for_user,
    panel_for_user,
    panel_settings_for_user,
)
from ..models import (
    CLAIM_TRANSITIONS,
    AttendanceStatus,
    ClaimStatus,
    MeetingStatus,
    PanelMeeting,
    PanelMember,
)
from .earnings import limit_for, week_earnings
from .forms import (
    DECISION_STATUS,
    AttendanceForm,
    ClaimFilterForm,
    ClaimForm,
    DecideClaimForm,
    MeetingDecisionForm,
    MeetingForm,
    MemberForm,
    PanelSettingsForm,
    PaperForm,
)
from .papers import open_paper
from .services import (
    Conflict,
    add_member,
    approve_claim,
    cancel_meeting,
    change_meeting,
    change_member,
    change_panel_settings,
    claim_time,
    mark_claim_paid,
    meeting_participants,
    plan_meeting,
    preview_claim,
    record_attendance,
    record_meeting_decision,
    record_paper_read,
    refuse_claim,
    reopen_claim,
    set_up_panel,
    upload_paper,
)

T = "coproduction/panel/"
PAGE_SIZE = 50
SHOWN = 8


def _audit_read(request: HttpRequest, subject: Any, summary: str) -> None:
    """Members' details and claims are personal (their pay, what helps them take part)."""
    record_request_event(request, action=Action.VIEW, subject=subject, summary=summary)


def _papers_in_order(meeting: PanelMeeting) -> list[Any]:
    """Easy-read papers first: the ones most members read."""
    return sorted(meeting.papers.all(), key=lambda paper: (not paper.easy_read, paper.pk))


# --- Home and settings ----------------------------------------------------------------------


@require_GET
def panel_home(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if panel_for_user(user) is None and can_run_panel(user):
        return render(request, f"{T}not_set_up.html")
    panel = get_panel_for_user(user)
    now = timezone.now()
    meetings = meetings_visible_to(user).select_related("panel")
    coming = meetings.filter(starts_at__gte=now - dt.timedelta(hours=12)).exclude(
        status=MeetingStatus.CANCELLED
    )
    past = meetings.filter(starts_at__lt=now - dt.timedelta(hours=12))
    if user.role == Role.EXPERT:
        member = member_for_user(user)
        return render(
            request,
            f"{T}home_member.html",
            {
                "panel": panel,
                "member": member,
                "coming": list(coming.order_by("starts_at")),
                "past": list(past.order_by("-starts_at")[:SHOWN]),
            },
        )
    members = panel.members.annotate(
        came=Count("attendance", filter=Q(attendance__status=AttendanceStatus.ATTENDED))
    ).select_related("user")
    waiting = claims_visible_to(user).filter(status=ClaimStatus.CLAIMED).select_related("member")
    to_pay = claims_visible_to(user).filter(status=ClaimStatus.APPROVED)
    return render(
        request,
        f"{T}home_staff.html",
        {
            "panel": panel,
            "current_members": [m for m in members if m.left_on is None],
            "former_members": [m for m in members if m.left_on is not None],
            "coming": list(coming.order_by("starts_at").prefetch_related("papers")),
            "past": list(past.order_by("-starts_at").prefetch_related("decisions")[:PAGE_SIZE]),
            "waiting": list(waiting.order_by("worked_on", "id")),
            "to_pay_count": to_pay.count(),
            "sees_claims": user.role in (Role.MANAGER, Role.COORDINATOR, Role.FINANCE),
            "can_run": can_run_panel(user),
            "can_decide": can_decide_claims(user),
        },
    )


def panel_settings(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    panel = panel_settings_for_user(user)
    form = PanelSettingsForm(request.POST or None, initial=PanelSettingsForm.initial_for(panel))
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            if panel is None:
                set_up_panel(
                    actor=user, organisation=user.organisation, fields=fields, request=request
                )
                messages.success(request, "The panel has been set up.")
            else:
                change_panel_settings(
                    actor=user,
                    panel=panel,
                    fields=fields,
                    expected_version=form.cleaned_data.get("version") or 0,
                    request=request,
                )
                messages.success(request, "The panel's settings have been saved.")
        except Conflict as conflict:
            data = request.POST.copy()
            data["version"] = str(conflict.saved.version)
            return render(
                request,
                f"{T}settings.html",
                {
                    "form": PanelSettingsForm(data),
                    "panel": conflict.saved,
                    "saved": PanelSettingsForm.initial_for(conflict.saved),  # type: ignore[arg-type]
                    "conflict": True,
                },
                status=409,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("coproduction:panel_home")
    return render(request, f"{T}settings.html", {"form": form, "panel": panel})


# --- Members --------------------------------------------------------------------------------


def panel_member_new(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    panel = get_panel_for_user(user, write=True)
    form = MemberForm(
        request.POST or None,
        organisation=user.organisation,
        initial={"joined_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member = add_member(
                actor=user,
                panel=panel,
                name=data["name"],
                joined_on=data["joined_on"],
                user=data["user"],
                hourly_rate_pence=data["hourly_rate_pence"],
                weekly_limit_pence=data["weekly_limit_pence"],
                no_benefits_limit=data["no_benefits_limit"],
                access_needs=data["access_needs"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{member.name} has joined the panel.")
            return redirect("coproduction:panel_member_detail", panel_member_pk=member.pk)
    return render(request, f"{T}member_form.html", {"form": form, "member": None})


@require_GET
def panel_member_detail(request: AuthenticatedRequest, panel_member_pk: int) -> HttpResponse:
    user = request.user
    member = get_member_for_user(user, panel_member_pk)
    _audit_read(request, member, f"Panel member {member.name}")
    today = timezone.localdate()
    claims = (
        list(claims_visible_to(user).filter(member=member).select_related("meeting")[:PAGE_SIZE])
        if user.role in (Role.MANAGER, Role.COORDINATOR, Role.FINANCE)
        else []
    )
    return render(
        request,
        f"{T}member_detail.html",
        {
            "member": member,
            "rate": member.hourly_rate_pence or member.panel.hourly_rate_pence,
            "limit": limit_for(member),
            "this_week": week_earnings(member=member, worked_on=today),
            "attendance": list(
                member.attendance.select_related("meeting").order_by("-meeting__starts_at")[
                    :PAGE_SIZE
                ]
            ),
            "claims": claims,
            "can_run": can_run_panel(user),
        },
    )


def panel_member_edit(request: AuthenticatedRequest, panel_member_pk: int) -> HttpResponse:
    user = request.user
    member = get_member_for_user(user, panel_member_pk, write=True)
    form = MemberForm(
        request.POST or None,
        organisation=member.panel.organisation,
        initial=MemberForm.initial_for(member),
    )
    if request.method == "POST" and form.is_valid():
        try:
            change_member(actor=user, member=member, fields=form.cleaned_data, request=request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The changes to {member.name}'s membership are saved.")
            return redirect("coproduction:panel_member_detail", panel_member_pk=member.pk)
    return render(request, f"{T}member_form.html", {"form": form, "member": member})


# --- Meetings -------------------------------------------------------------------------------


def meeting_new(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    panel = get_panel_for_user(user, write=True)
    current = panel.members.filter(left_on__isnull=True)
    form = MeetingForm(
        request.POST or None,
        organisation=panel.organisation,
        initial={"invite": [m.pk for m in current], "place": ""},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = plan_meeting(
                actor=user,
                panel=panel,
                title=data["title"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                agenda=form.agenda(),
                invite=data["invite"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error, field_for=_meeting_field)
        else:
            messages.success(request, f"'{meeting.title}' is planned and the members invited.")
            return redirect("coproduction:meeting_detail", meeting_pk=meeting.pk)
    return render(request, f"{T}meeting_form.html", {"form": form, "meeting": None})


def _meeting_field(name: str) -> str:
    return {"starts_at": "starts", "ends_at": "ends"}.get(name, name)


@require_GET
def meeting_detail(request: AuthenticatedRequest, meeting_pk: int) -> HttpResponse:
    user = request.user
    meeting = get_meeting_for_user(user, meeting_pk)
    member = member_for_user(user)
    papers = _papers_in_order(meeting)
    read = (
        set(member.reads.filter(paper__meeting=meeting).values_list("paper_id", flat=True))
        if member
        else set()
    )
    attendance = list(meeting.attendance.select_related("member"))
    own = next((row for row in attendance if member and row.member_id == member.pk), None)
    return render(
        request,
        f"{T}meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": list(meeting.agenda.all()),
            "papers": papers,
            "read": read,
            "attendance": attendance,
            "own_attendance": own,
            "decisions": list(meeting.decisions.prefetch_related("participants")),
            "can_run": can_run_panel(user),
            "is_member": member is not None,
            "is_past": meeting.starts_at <= timezone.now(),
            "may_claim": member is not None
            and own is not None
            and own.status == AttendanceStatus.ATTENDED
            and not meeting.claims.filter(member=member).exists(),
        },
    )


def meeting_edit(request: AuthenticatedRequest, meeting_pk: int) -> HttpResponse:
    user = request.user
    meeting = get_meeting_for_user(user, meeting_pk, write=True)
    if request.method == "POST" and request.POST.get("action") == "cancel":
        try:
            cancel_meeting(actor=user, meeting=meeting, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"'{meeting.title}' is cancelled.")
        return redirect("coproduction:meeting_detail", meeting_pk=meeting.pk)
    form = MeetingForm(
        request.POST or None,
        organisation=meeting.panel.organisation,
        initial=MeetingForm.initial_for(meeting),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            change_meeting(
                actor=user,
                meeting=meeting,
                fields={
                    "title": data["title"],
                    "starts_at": data["starts_at"],
                    "ends_at": data["ends_at"],
                    "place": data["place"],
                },
                expected_version=data.get("version") or 0,
                agenda=form.agenda(),
                invite=data["invite"],
                request=request,
            )
        except Conflict as conflict:
            saved = cast(PanelMeeting, conflict.saved)
            posted = request.POST.copy()
            posted["version"] = str(saved.version)
            return render(
                request,
                f"{T}meeting_form.html",
                {
                    "form": MeetingForm(posted, organisation=saved.panel.organisation),
                    "meeting": saved,
                    "conflict": True,
                    "saved_agenda": list(saved.agenda.all()),
                },
                status=409,
            )
        except ValidationError as error:
            add_service_errors(form, error, field_for=_meeting_field)
        else:
            messages.success(request, f"The changes to '{meeting.title}' are saved.")
            return redirect("coproduction:meeting_detail", meeting_pk=meeting.pk)
    return render(request, f"{T}meeting_form.html", {"form": form, "meeting": meeting})


def meeting_attendance(request: AuthenticatedRequest, meeting_pk: int) -> HttpResponse:
    user = request.user
    meeting = get_meeting_for_user(user, meeting_pk, write=True)
    rows = list(meeting.attendance.select_related("member"))
    form = AttendanceForm(
        request.POST or None,
        rows=rows,
        initial={
            "notes": meeting.notes,
            "held": meeting.status == MeetingStatus.HELD or meeting.starts_at <= timezone.now(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            record_attendance(
                actor=user,
                meeting=meeting,
                statuses=form.statuses(),
                notes=form.cleaned_data["notes"],
                held=form.cleaned_data["held"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Who came and what was said are saved.")
            return redirect("coproduction:meeting_detail", meeting_pk=meeting.pk)
    return render(request, f"{T}attendance.html", {"form": form, "meeting": meeting})


def meeting_paper_new(request: AuthenticatedRequest, meeting_pk: int) -> HttpResponse:
    user = request.user
    meeting = get_meeting_for_user(user, meeting_pk, write=True)
    form = PaperForm(request.POST or None, request.FILES or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            paper = upload_paper(
                actor=user,
                meeting=meeting,
                upload=upload,
                size=upload.size,
                title=form.cleaned_data["title"],
                easy_read=form.cleaned_data["easy_read"],
                agenda_item=form.cleaned_data["agenda_item"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The paper '{paper.title}' is added.")
            return redirect("coproduction:meeting_detail", meeting_pk=meeting.pk)
    # A browser never sends a chosen file again: say so when the rest needs correcting.
    choose_again = bool(request.FILES.get("file")) and form.is_bound and "file" not in form.errors
    return render(
        request,
        f"{T}paper_form.html",
        {"form": form, "meeting": meeting, "choose_again": choose_again},
    )


@require_GET
def meeting_paper(request: AuthenticatedRequest, meeting_pk: int, paper_pk: int) -> FileResponse:
    """The paper itself, only through this access check; a member opening it is noted so their
    home page stops listing it as still to read."""
    user = request.user
    paper = get_paper_for_user(user, meeting_pk, paper_pk)
    try:
        handle = open_paper(paper.stored_name)
    except FileNotFoundError as error:
        raise Http404("Paper file missing") from error
    member = member_for_user(user)
    if member is not None:
        record_paper_read(member=member, paper=paper)
    extension = paper.stored_name.rsplit(".", 1)[-1]
    filename = f"{slugify(paper.title)[:60] or 'paper'}.{extension}"
    response = FileResponse(handle, content_type=paper.content_type, filename=filename)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def meeting_decision_new(request: AuthenticatedRequest, meeting_pk: int) -> HttpResponse:
    user = request.user
    meeting = get_meeting_for_user(user, meeting_pk, write=True)
    form = MeetingDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = record_meeting_decision(
                actor=user,
                meeting=meeting,
                title=data["title"],
                reasons=data["reasons"],
                details=data["details"],
                person_words=data["person_words"],
                level=data["level"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The decision '{decision.title}' is recorded.")
            return redirect("coproduction:meeting_detail", meeting_pk=meeting.pk)
    return render(
        request,
        f"{T}decision_form.html",
        {
            "form": form,
            "meeting": meeting,
            "participants": meeting_participants(meeting, actor=user),
        },
    )


# --- Time claims ----------------------------------------------------------------------------


@require_GET
def claim_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_see_claims(user)
    member = member_for_user(user)
    form = ClaimFilterForm(request.GET or None)
    claims = claims_visible_to(user).select_related("member", "meeting")
    if form.is_valid() and form.cleaned_data.get("status"):
        claims = claims.filter(status=form.cleaned_data["status"])
    shown = list(claims[:PAGE_SIZE])
    if member is None:
        for claim in shown:
            _audit_read(request, claim, f"Time claim of {claim.member.name}")
    return render(
        request,
        f"{T}claim_list.html",
        {
            "form": form,
            "claims": shown,
            "member": member,
            "show_member": member is None,
            "can_decide": can_decide_claims(user),
            "paid_pence": sum(c.amount_pence for c in shown if c.status == ClaimStatus.PAID),
        },
    )


def _claim_page(
    request: AuthenticatedRequest, *, member: PanelMember, for_member: bool, action_url: str
) -> HttpResponse:
    """Claiming time, by the member or by staff for them. When the claim takes the week near or
    over the benefits limit, the warning is shown first and the claim is made only once they
    say yes (it is their choice; it is never refused for it)."""
    user = request.user
    meeting_pk = request.GET.get("meeting", "")
    initial: dict[str, Any] = {"worked_on": timezone.localdate()}
    if meeting_pk.isdigit():
        chosen = meetings_visible_to(user).filter(pk=int(meeting_pk)).first()
        if chosen is not None:
            initial.update(
                meeting=chosen.pk,
                worked_on=timezone.localtime(chosen.starts_at).date(),
                what=chosen.title,
                meeting_minutes=_hours_of(chosen),
            )
    form = ClaimForm(request.POST or None, member=member, initial=initial)
    warning = ""
    amount = 0
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        amount, week = preview_claim(
            member=member, worked_on=data["worked_on"], minutes=form.total_minutes()
        )
        if week.warns and not data["confirmed"] and form.total_minutes() > 0:
            posted = request.POST.copy()
            posted["confirmed"] = "True"
            form = ClaimForm(posted, member=member)
            form.is_valid()
            warning = week.message(for_member=for_member)
        else:
            try:
                made = claim_time(
                    actor=user,
                    member=member,
                    worked_on=data["worked_on"],
                    what=data["what"],
                    meeting_minutes=data["meeting_minutes"],
                    preparation_minutes=data["preparation_minutes"],
                    travel_minutes=data["travel_minutes"],
                    meeting=data["meeting"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                words = (
                    f"Your claim for {format_pence(made.claim.amount_pence)} has been sent."
                    if for_member
                    else f"{member.name}'s claim for {format_pence(made.claim.amount_pence)} "
                    "is recorded."
                )
                messages.success(request, words)
                if made.week.warns:
                    messages.warning(request, made.week.message(for_member=for_member))
                if for_member:
                    return redirect("coproduction:claim_list")
                return redirect("coproduction:panel_member_detail", panel_member_pk=member.pk)
    return render(
        request,
        f"{T}claim_form.html",
        {
            "form": form,
            "member": member,
            "for_member": for_member,
            "warning": warning,
            "amount": amount,
            "rate": member.hourly_rate_pence or member.panel.hourly_rate_pence,
            "action_url": action_url,
        },
    )


def _hours_of(meeting: PanelMeeting) -> str:
    minutes = int((meeting.ends_at - meeting.starts_at).total_seconds() // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


def claim_new(request: AuthenticatedRequest) -> HttpResponse:
    member = check_may_claim_time(request.user)
    return _claim_page(
        request, member=member, for_member=True, action_url=reverse("coproduction:claim_new")
    )


def panel_member_claim_new(request: AuthenticatedRequest, panel_member_pk: int) -> HttpResponse:
    user = request.user
    member = get_member_for_user(user, panel_member_pk, write=True)
    return _claim_page(
        request,
        member=member,
        for_member=False,
        action_url=reverse("coproduction:panel_member_claim_new", args=[member.pk]),
    )


ALLOWED_DECISIONS = {
    status: frozenset(key for key, wanted in DECISION_STATUS.items() if wanted in moves)
    for status, moves in CLAIM_TRANSITIONS.items()
}


def claim_decide(request: AuthenticatedRequest, claim_pk: int) -> HttpResponse:
    user = request.user
    claim = get_claim_for_user(user, claim_pk, write=True)
    _audit_read(request, claim, f"Time claim of {claim.member.name}")
    allowed = ALLOWED_DECISIONS[ClaimStatus(claim.status)]
    form = DecideClaimForm(request.POST or None, allowed=allowed)
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["decision"]
        try:
            if choice == "approve":
                approve_claim(actor=user, claim=claim, request=request)
            elif choice == "refuse":
                refuse_claim(
                    actor=user, claim=claim, reason=form.cleaned_data["reason"], request=request
                )
            elif choice == "paid":
                mark_claim_paid(actor=user, claim=claim, request=request)
            else:
                reopen_claim(actor=user, claim=claim, request=request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"{claim.member.name}'s claim is {DECISION_STATUS[choice].label.lower()}."
            )
            return redirect("coproduction:claim_list")
    week = week_earnings(
        member=claim.member,
        worked_on=claim.worked_on,
        adding_pence=claim.amount_pence,
        leaving_out=claim,
    )
    return render(
        request,
        f"{T}claim_decide.html",
        {
            "claim": claim,
            "form": form,
            "week": week,
            "warning": week.message(for_member=False),
        },
    )
