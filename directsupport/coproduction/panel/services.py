"""Running the co-production panel: its settings, members, meetings (agenda, papers, who was
invited and who came, what was said, what was decided) and the time members are paid for.

Every function is keyword-only, atomic and audited, and callable without a request (the demo,
commands). Who may call which is decided by the views through ``coproduction.access``.

Time claims: minutes of meeting, preparation and travel, paid at the member's own rate or the
panel's, fixed on the claim when it is made; the amount is minutes x rate / 60 rounded half up
to the penny. Negative time or rates, and a claim of no time at all, are refused. A claim moves
claimed -> approved -> paid (or refused, with a reason) along ``CLAIM_TRANSITIONS``. The weekly
benefits warning (``earnings.week_earnings``) is returned with each claim, never a refusal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any, cast

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_change
from directsupport.lib import conflicts
from directsupport.lib.decision_feed import Participant, ParticipantRole
from directsupport.lib.money import format_pence
from directsupport.lib.transitions import IllegalTransition, check_transition

from ..decisions.services import record_decision
from ..models import (
    CLAIM_TRANSITIONS,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    ClaimStatus,
    Decision,
    ItemPurpose,
    MeetingPaper,
    MeetingStatus,
    Panel,
    PanelMeeting,
    PanelMember,
    PaperRead,
    Source,
    TimeClaim,
    Topic,
)
from .earnings import WeekEarnings, week_earnings
from .papers import delete_paper, prepare_paper, store_paper

PANEL_FIELDS = ("name", "hourly_rate_pence", "weekly_limit_pence", "warn_at_percent")
MEMBER_FIELDS = (
    "name",
    "user",
    "joined_on",
    "left_on",
    "hourly_rate_pence",
    "weekly_limit_pence",
    "no_benefits_limit",
    "access_needs",
)
MEETING_FIELDS = ("title", "starts_at", "ends_at", "place")
# A day's time at most: more is a typing slip (600 for 6:00 hours, say).
MAX_MINUTES_EACH = 24 * 60
MAX_RATE_PENCE = 20_000  # £200 an hour
# The model's map, keyed by its TextChoices (which are strs).
_CLAIM_MOVES = cast(Mapping[str, frozenset[str]], CLAIM_TRANSITIONS)


class Conflict(conflicts.EditConflict[Panel | PanelMeeting]):
    """Someone else saved the panel's settings or the meeting since this editor loaded it;
    nothing was changed."""


@dataclass(frozen=True)
class AgendaLine:
    title: str
    purpose: str = ItemPurpose.DISCUSSION
    minutes: int = 20


@dataclass(frozen=True)
class ClaimMade:
    claim: TimeClaim
    week: WeekEarnings


def _values(instance: Any, fields: Sequence[str]) -> dict[str, Any]:
    return {field: getattr(instance, field) for field in fields}


def _refuse_negative_rate(field: str, pence: int | None, what: str) -> None:
    if pence is not None and pence < 0:
        raise ValidationError({field: f"{what} cannot be negative. Enter £0.00 or more."})


# --- The panel ------------------------------------------------------------------------------


def _check_panel_numbers(fields: Mapping[str, Any]) -> None:
    _refuse_negative_rate("hourly_rate_pence", fields.get("hourly_rate_pence"), "The hourly rate")
    if fields.get("hourly_rate_pence") == 0:
        raise ValidationError({"hourly_rate_pence": "The hourly rate must be more than £0.00."})
    _refuse_negative_rate(
        "weekly_limit_pence", fields.get("weekly_limit_pence"), "The weekly benefits limit"
    )
    percent = fields.get("warn_at_percent")
    if percent is not None and not 1 <= percent <= 100:
        raise ValidationError(
            {"warn_at_percent": "Warn at a percentage of the limit from 1 to 100, like 80."}
        )


@transaction.atomic
def set_up_panel(
    *,
    actor: User,
    organisation: Organisation,
    fields: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> Panel:
    """The provider's panel (one each), with ``fields`` named as PANEL_FIELDS."""
    _check_panel_numbers(fields)
    if Panel.objects.filter(organisation=organisation).exists():
        raise ValidationError(f"{organisation.name} already has a co-production panel.")
    panel = Panel(organisation=organisation)
    for field in PANEL_FIELDS:
        if field in fields:
            setattr(panel, field, fields[field])
    panel.full_clean()
    panel.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        subject=panel,
        summary=f"Set up the co-production panel '{panel.name}'",
        changes=model_changes({}, _values(panel, PANEL_FIELDS)),
    )
    return panel


@transaction.atomic
def change_panel_settings(
    *,
    actor: User,
    panel: Panel,
    fields: Mapping[str, Any],
    expected_version: int,
    request: HttpRequest | None = None,
) -> Panel:
    """The rate, the weekly limit and when to warn. A rate change applies to claims made from
    now on; claims already made keep the rate they were made at."""
    _check_panel_numbers(fields)
    current = Panel.objects.select_for_update().get(pk=panel.pk)
    conflicts.check_version(current, expected_version, Conflict)
    before = _values(current, PANEL_FIELDS)
    for field in PANEL_FIELDS:
        if field in fields:
            setattr(current, field, fields[field])
    current.full_clean(exclude=["version"])
    current.version = expected_version + 1
    current.save()
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        subject=current,
        summary="Changed the co-production panel's settings",
        changes=model_changes(before, _values(current, PANEL_FIELDS)),
    )
    return current


# --- Members --------------------------------------------------------------------------------


def _check_member(panel: Panel, member: PanelMember) -> None:
    _refuse_negative_rate("hourly_rate_pence", member.hourly_rate_pence, "The hourly rate")
    if member.hourly_rate_pence == 0:
        raise ValidationError(
            {
                "hourly_rate_pence": (
                    "Leave the rate empty to use the panel's, or enter more than £0.00."
                )
            }
        )
    _refuse_negative_rate("weekly_limit_pence", member.weekly_limit_pence, "The weekly limit")
    user = member.user
    if user is not None:
        if user.role != Role.EXPERT or user.organisation_id != panel.organisation_id:
            raise ValidationError(
                {"user": "Only an expert by experience of this provider can sign in as a member."}
            )
        taken = PanelMember.objects.filter(user=user).exclude(pk=member.pk)
        if taken.exists():
            raise ValidationError({"user": f"{user.full_name} is already a member of the panel."})
    if member.left_on is not None and member.left_on < member.joined_on:
        raise ValidationError({"left_on": "The day they left must be on or after they joined."})


def _member_audit(member: PanelMember) -> dict[str, Any]:
    values = _values(member, MEMBER_FIELDS)
    values["user"] = member.user.email if member.user else None
    return values


@transaction.atomic
def add_member(
    *,
    actor: User,
    panel: Panel,
    name: str,
    joined_on: dt.date,
    user: User | None = None,
    hourly_rate_pence: int | None = None,
    weekly_limit_pence: int | None = None,
    no_benefits_limit: bool = False,
    access_needs: str = "",
    request: HttpRequest | None = None,
) -> PanelMember:
    """A new member; ``user`` is their sign-in (an expert by experience of the provider), or
    None for a member who takes part without one."""
    member = PanelMember(
        panel=panel,
        name=name.strip(),
        joined_on=joined_on,
        user=user,
        hourly_rate_pence=hourly_rate_pence,
        weekly_limit_pence=weekly_limit_pence,
        no_benefits_limit=no_benefits_limit,
        access_needs=access_needs,
    )
    _check_member(panel, member)
    member.full_clean()
    member.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        subject=member,
        summary=f"Added {member.name} to the co-production panel",
        changes=model_changes({}, _member_audit(member)),
    )
    return member


@transaction.atomic
def change_member(
    *,
    actor: User,
    member: PanelMember,
    fields: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> PanelMember:
    """Change what is kept about a member (``fields`` named as MEMBER_FIELDS); a ``left_on``
    day records that they left the panel (their claims and attendance stay)."""
    current = PanelMember.objects.select_for_update().select_related("panel").get(pk=member.pk)
    before = _member_audit(current)
    for field in MEMBER_FIELDS:
        if field in fields:
            setattr(current, field, fields[field])
    if isinstance(current.name, str):
        current.name = current.name.strip()
    _check_member(current.panel, current)
    current.full_clean()
    current.save()
    left = before["left_on"] is None and current.left_on is not None
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        subject=current,
        summary=(
            f"{current.name} left the co-production panel"
            if left
            else f"Changed {current.name}'s panel membership"
        ),
        changes=model_changes(before, _member_audit(current)),
    )
    return current


def member_leaves(
    *, actor: User, member: PanelMember, left_on: dt.date, request: HttpRequest | None = None
) -> PanelMember:
    return change_member(actor=actor, member=member, fields={"left_on": left_on}, request=request)


# --- Meetings -------------------------------------------------------------------------------


def _check_times(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "The meeting must end after it starts."})


def _agenda_values(meeting: PanelMeeting) -> list[str]:
    return [
        f"{item.title} ({item.get_purpose_display()}, {item.minutes} min)"
        for item in meeting.agenda.all()
    ]


def _set_agenda(meeting: PanelMeeting, agenda: Sequence[AgendaLine]) -> None:
    """The agenda as given, in order. Papers keep their item where its title is unchanged."""
    existing = {item.title: item for item in meeting.agenda.all()}
    kept: list[int] = []
    for position, line in enumerate(agenda, start=1):
        item = existing.pop(line.title.strip(), None) or AgendaItem(meeting=meeting)
        item.title = line.title.strip()
        item.purpose = line.purpose
        item.minutes = line.minutes
        item.position = position
        item.full_clean()
        item.save()
        kept.append(item.pk)
    meeting.agenda.exclude(pk__in=kept).delete()


def _check_invitees(panel: Panel, members: Iterable[PanelMember]) -> list[PanelMember]:
    chosen = list(members)
    for member in chosen:
        if member.panel_id != panel.pk:
            raise ValidationError({"invite": f"{member.name} is not a member of this panel."})
    return chosen


@transaction.atomic
def plan_meeting(
    *,
    actor: User,
    panel: Panel,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str,
    agenda: Sequence[AgendaLine] = (),
    invite: Iterable[PanelMember] = (),
    request: HttpRequest | None = None,
) -> PanelMeeting:
    _check_times(starts_at, ends_at)
    invitees = _check_invitees(panel, invite)
    meeting = PanelMeeting(
        panel=panel,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        created_by=actor,
    )
    meeting.full_clean(exclude=["created_by"])
    meeting.save()
    _set_agenda(meeting, agenda)
    for member in invitees:
        Attendance.objects.create(meeting=meeting, member=member)
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        subject=meeting,
        summary=f"Planned the panel meeting '{meeting.title}'",
        changes=model_changes(
            {},
            {
                **_values(meeting, MEETING_FIELDS),
                "agenda": "; ".join(_agenda_values(meeting)),
                "invited": ", ".join(member.name for member in invitees),
            },
        ),
    )
    return meeting


def _locked_meeting(meeting: PanelMeeting, expected_version: int | None) -> PanelMeeting:
    current = PanelMeeting.objects.select_for_update().get(pk=meeting.pk)
    if expected_version is not None and current.version != expected_version:
        raise Conflict(saved=current)
    return current


def _saved(current: PanelMeeting) -> None:
    current.version = F("version") + 1
    current.save()
    current.refresh_from_db()


@transaction.atomic
def change_meeting(
    *,
    actor: User,
    meeting: PanelMeeting,
    fields: Mapping[str, Any],
    expected_version: int,
    agenda: Sequence[AgendaLine] | None = None,
    invite: Iterable[PanelMember] | None = None,
    request: HttpRequest | None = None,
) -> PanelMeeting:
    """Change a meeting's title, times, place, agenda and who is invited (``invite`` adds
    members; nobody already invited is taken off, since they may have read the papers)."""
    current = _locked_meeting(meeting, expected_version)
    if current.status == MeetingStatus.CANCELLED:
        raise ValidationError("This meeting was cancelled, so it cannot be changed.")
    before = {**_values(current, MEETING_FIELDS), "agenda": "; ".join(_agenda_values(current))}
    for field in MEETING_FIELDS:
        if field in fields:
            value = fields[field]
            setattr(current, field, value.strip() if isinstance(value, str) else value)
    _check_times(current.starts_at, current.ends_at)
    current.full_clean(exclude=["created_by", "version"])
    if agenda is not None:
        _set_agenda(current, agenda)
    added: list[str] = []
    if invite is not None:
        already = set(current.attendance.values_list("member_id", flat=True))
        for member in _check_invitees(current.panel, invite):
            if member.pk not in already:
                Attendance.objects.create(meeting=current, member=member)
                added.append(member.name)
    _saved(current)
    after = {**_values(current, MEETING_FIELDS), "agenda": "; ".join(_agenda_values(current))}
    if added:
        after["invited"] = ", ".join(added)
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        subject=current,
        summary=f"Changed the panel meeting '{current.title}'",
        changes=model_changes(before, after),
    )
    return current


def _move(current: PanelMeeting, wanted: str) -> None:
    if current.status != MeetingStatus.PLANNED:
        raise ValidationError(
            f"This meeting is {current.get_status_display().lower()} already, so it cannot be "
            f"marked {MeetingStatus(wanted).label.lower()}."
        )
    current.status = wanted


@transaction.atomic
def cancel_meeting(
    *, actor: User, meeting: PanelMeeting, request: HttpRequest | None = None
) -> PanelMeeting:
    current = _locked_meeting(meeting, None)
    _move(current, MeetingStatus.CANCELLED)
    _saved(current)
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        subject=current,
        summary=f"Cancelled the panel meeting '{current.title}'",
        changes=model_changes({"status": MeetingStatus.PLANNED}, {"status": current.status}),
    )
    return current


@transaction.atomic
def record_attendance(
    *,
    actor: User,
    meeting: PanelMeeting,
    statuses: Mapping[int, str],
    notes: str | None = None,
    held: bool = False,
    request: HttpRequest | None = None,
) -> PanelMeeting:
    """Who came (``statuses`` by member id, for members invited), what was said, and, with
    ``held``, that the meeting took place. A meeting is marked held only once it has started."""
    current = _locked_meeting(meeting, None)
    if current.status == MeetingStatus.CANCELLED:
        raise ValidationError("This meeting was cancelled, so nobody's attendance is recorded.")
    rows = {row.member_id: row for row in current.attendance.select_related("member")}
    before: dict[str, Any] = {row.member.name: row.status for row in rows.values()}
    after = dict(before)
    for member_id, status in statuses.items():
        if status not in AttendanceStatus.values:
            raise ValidationError(f"'{status}' is not a way of attending.")
        row = rows.get(member_id)
        if row is None:
            raise ValidationError("Only members invited to the meeting have an attendance.")
        if row.status != status:
            row.status = status
            row.save(update_fields=["status"])
            after[row.member.name] = status
    if notes is not None:
        before["notes"], after["notes"] = current.notes, notes.strip()
        current.notes = notes.strip()
    if held and current.status == MeetingStatus.PLANNED:
        if current.starts_at > timezone.now():
            raise ValidationError(
                {"held": "The meeting has not started yet, so it cannot be marked as held."}
            )
        before["status"] = current.status
        _move(current, MeetingStatus.HELD)
        after["status"] = current.status
    current.full_clean(exclude=["created_by", "version"])
    _saved(current)
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        subject=current,
        summary=f"Recorded attendance at the panel meeting '{current.title}'",
        changes=model_changes(before, after),
    )
    return current


def mark_meeting_held(
    *, actor: User, meeting: PanelMeeting, notes: str = "", request: HttpRequest | None = None
) -> PanelMeeting:
    return record_attendance(
        actor=actor, meeting=meeting, statuses={}, notes=notes, held=True, request=request
    )


# --- Decisions taken at a meeting -----------------------------------------------------------


def meeting_participants(meeting: PanelMeeting, *, actor: User) -> list[Participant]:
    """Who took part in the meeting's decisions: the members who came (experts by experience)
    and the staff who ran it."""
    came = meeting.attendance.filter(status=AttendanceStatus.ATTENDED).select_related("member")
    participants = [
        Participant(name=row.member.name, role=ParticipantRole.EXPERT, user_id=row.member.user_id)
        for row in came
    ]
    creator = cast("User | None", meeting.created_by)
    staff = [creator, actor] if creator is not None else [actor]
    seen: set[int] = set()
    for user in staff:
        if user.pk not in seen and user.role != Role.EXPERT:
            seen.add(user.pk)
            participants.append(
                Participant(name=user.full_name, role=ParticipantRole.STAFF, user_id=user.pk)
            )
    return participants


@transaction.atomic
def record_meeting_decision(
    *,
    actor: User,
    meeting: PanelMeeting,
    title: str,
    reasons: str,
    details: str = "",
    person_words: str = "",
    level: int | None = None,
    request: HttpRequest | None = None,
) -> Decision:
    """A decision about how the service works, taken at a held meeting, logged with the members
    who came and the staff. ``level`` None: the log works the rung out from who took part."""
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(
            "Record the meeting's decisions once it has been held: record who came first."
        )
    participants = meeting_participants(meeting, actor=actor)
    if not any(p.role == ParticipantRole.EXPERT for p in participants):
        raise ValidationError(
            "No panel member is recorded as coming to this meeting. Record who came first."
        )
    return record_decision(
        organisation=meeting.panel.organisation,
        person=None,
        topic=Topic.SERVICE_MODEL,
        title=title,
        reasons=reasons,
        details=details,
        person_words=person_words,
        level=level,
        decided_on=timezone.localtime(meeting.starts_at).date(),
        participants=participants,
        person_took_part=True,
        meeting=meeting,
        source=Source.PANEL_MEETING,
        actor=actor,
        request=request,
    )


# --- Papers ---------------------------------------------------------------------------------


@transaction.atomic
def upload_paper(
    *,
    actor: User,
    meeting: PanelMeeting,
    upload: IO[bytes],
    size: int | None,
    title: str,
    easy_read: bool,
    agenda_item: AgendaItem | None = None,
    request: HttpRequest | None = None,
) -> MeetingPaper:
    """Check the file by its content (PDF, PNG or JPEG; at most 10 MB) and keep it privately
    under a random name. Refusals are ValidationErrors on ``file``."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("This meeting was cancelled, so it takes no papers.")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": "Choose an item on this meeting's agenda."})
    try:
        prepared = prepare_paper(upload, size=size)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    stored = store_paper(prepared)
    try:
        paper = MeetingPaper(
            meeting=meeting,
            agenda_item=agenda_item,
            title=title.strip(),
            easy_read=easy_read,
            stored_name=stored,
            content_type=prepared.content_type,
            size_bytes=len(prepared.content),
            uploaded_by=actor,
        )
        paper.full_clean(exclude=["uploaded_by"])
        paper.save()
        record_change(
            request,
            actor=actor,
            action=Action.CREATE,
            subject=paper,
            # Never the stored name: only what the paper is.
            summary=f"Added the paper '{paper.title}' to '{meeting.title}'",
            changes=model_changes(
                {},
                {
                    "title": paper.title,
                    "easy_read": easy_read,
                    "content_type": paper.content_type,
                    "size_bytes": paper.size_bytes,
                },
            ),
        )
    except BaseException:
        delete_paper(stored)
        raise
    return paper


def record_paper_read(*, member: PanelMember, paper: MeetingPaper) -> PaperRead:
    """The member has opened the paper (once is enough: their home stops listing it)."""
    existing = PaperRead.objects.filter(paper=paper, member=member).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return PaperRead.objects.create(paper=paper, member=member)
    except IntegrityError:  # opened twice at once
        return PaperRead.objects.get(paper=paper, member=member)


# --- Time claims ----------------------------------------------------------------------------


def rate_for(member: PanelMember) -> int:
    if member.hourly_rate_pence:
        return member.hourly_rate_pence
    return member.panel.hourly_rate_pence


def amount_for(*, minutes: int, rate_pence: int) -> int:
    """Minutes at an hourly rate, to the penny, half a penny rounded up."""
    return (minutes * rate_pence + 30) // 60


MINUTE_FIELDS = {
    "meeting_minutes": "Time at the meeting",
    "preparation_minutes": "Preparation time",
    "travel_minutes": "Travel time",
}


def _check_minutes(minutes: Mapping[str, int]) -> None:
    problems: dict[str, str] = {}
    for field, what in MINUTE_FIELDS.items():
        value = minutes[field]
        if value < 0:
            problems[field] = f"{what} cannot be negative. Enter 0 or more."
        elif value > MAX_MINUTES_EACH:
            problems[field] = f"{what} must be no more than 24 hours."
    if problems:
        raise ValidationError(problems)
    if sum(minutes.values()) == 0:
        raise ValidationError("Enter some time to claim: the meeting, preparation or travel.")


def _check_claim_meeting(member: PanelMember, meeting: PanelMeeting | None) -> None:
    if meeting is None:
        return
    if meeting.panel_id != member.panel_id:
        raise ValidationError({"meeting": "Choose a meeting of this panel."})
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError({"meeting": "That meeting was cancelled: there is no time to claim."})
    if not meeting.attendance.filter(member=member).exists():
        raise ValidationError({"meeting": f"{member.name} was not invited to that meeting."})


@transaction.atomic
def claim_time(
    *,
    actor: User,
    member: PanelMember,
    worked_on: dt.date,
    what: str,
    meeting_minutes: int = 0,
    preparation_minutes: int = 0,
    travel_minutes: int = 0,
    meeting: PanelMeeting | None = None,
    request: HttpRequest | None = None,
) -> ClaimMade:
    """A member's claim (made by the member, or by staff for them). Returns the claim and the
    member's week with it, whose ``message()`` is the benefits warning, if any."""
    minutes = {
        "meeting_minutes": meeting_minutes,
        "preparation_minutes": preparation_minutes,
        "travel_minutes": travel_minutes,
    }
    _check_minutes(minutes)
    if member.left_on is not None and worked_on > member.left_on:
        raise ValidationError({"worked_on": f"{member.name} had left the panel by then."})
    if worked_on < member.joined_on:
        raise ValidationError({"worked_on": f"{member.name} had not joined the panel yet."})
    if worked_on > timezone.localdate():
        raise ValidationError({"worked_on": "Claim time once it has been given, not before."})
    _check_claim_meeting(member, meeting)
    rate = rate_for(member)
    if rate <= 0:  # the database also refuses it; this says why
        raise ValidationError("The hourly rate must be more than £0.00: ask the panel's staff.")
    amount = amount_for(minutes=sum(minutes.values()), rate_pence=rate)
    week = week_earnings(member=member, worked_on=worked_on, adding_pence=amount)
    claim = TimeClaim(
        member=member,
        meeting=meeting,
        worked_on=worked_on,
        what=what.strip(),
        rate_pence=rate,
        amount_pence=amount,
        claimed_by=actor,
        **minutes,
    )
    claim.full_clean(exclude=["claimed_by", "decided_by"])
    claim.save()
    for_self = member.user_id == actor.pk
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        subject=claim,
        summary=(
            f"Claimed {format_pence(amount)} for '{claim.what}'"
            + ("" if for_self else f" for {member.name}")
            + (" (near or over the weekly limit)" if week.warns else "")
        ),
        changes=model_changes(
            {},
            {
                "member": member.name,
                "worked_on": worked_on,
                "what": claim.what,
                **minutes,
                "rate_pence": rate,
                "amount_pence": amount,
                "week_total_pence": week.total_pence,
            },
        ),
    )
    return ClaimMade(claim=claim, week=week)


def preview_claim(
    *, member: PanelMember, worked_on: dt.date, minutes: int
) -> tuple[int, WeekEarnings]:
    """What a claim would come to and do to the week, before it is made (nothing is saved)."""
    amount = amount_for(minutes=max(minutes, 0), rate_pence=rate_for(member))
    return amount, week_earnings(member=member, worked_on=worked_on, adding_pence=amount)


def _decide(
    *,
    actor: User,
    claim: TimeClaim,
    wanted: str,
    note: str,
    summary: str,
    request: HttpRequest | None,
) -> TimeClaim:
    current = TimeClaim.objects.select_for_update().select_related("member").get(pk=claim.pk)
    try:
        check_transition(_CLAIM_MOVES, current=current.status, wanted=wanted)
    except IllegalTransition as error:
        raise ValidationError(
            f"This claim is {current.get_status_display().lower()}, so it cannot be "
            f"{ClaimStatus(wanted).label.lower()} now."
        ) from error
    before = {"status": current.status, "note": current.note}
    current.status = wanted
    current.note = note
    current.decided_by = actor
    current.decided_at = timezone.now()
    current.full_clean(exclude=["claimed_by", "decided_by"])
    current.save()
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        subject=current,
        summary=f"{summary} {current.member.name}'s claim of {format_pence(current.amount_pence)}",
        changes=model_changes(before, {"status": current.status, "note": current.note}),
    )
    return current


@transaction.atomic
def approve_claim(
    *, actor: User, claim: TimeClaim, request: HttpRequest | None = None
) -> TimeClaim:
    return _decide(
        actor=actor,
        claim=claim,
        wanted=ClaimStatus.APPROVED,
        note="",
        summary="Approved",
        request=request,
    )


@transaction.atomic
def refuse_claim(
    *, actor: User, claim: TimeClaim, reason: str, request: HttpRequest | None = None
) -> TimeClaim:
    """Refusing says why, in words the member reads."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the claim is refused: the member will read it."})
    return _decide(
        actor=actor,
        claim=claim,
        wanted=ClaimStatus.REFUSED,
        note=reason,
        summary="Refused",
        request=request,
    )


@transaction.atomic
def mark_claim_paid(
    *, actor: User, claim: TimeClaim, request: HttpRequest | None = None
) -> TimeClaim:
    return _decide(
        actor=actor,
        claim=claim,
        wanted=ClaimStatus.PAID,
        note=claim.note,
        summary="Paid",
        request=request,
    )


@transaction.atomic
def reopen_claim(*, actor: User, claim: TimeClaim, request: HttpRequest | None = None) -> TimeClaim:
    """An approval or refusal taken back: the claim waits for a decision again."""
    return _decide(
        actor=actor,
        claim=claim,
        wanted=ClaimStatus.CLAIMED,
        note="",
        summary="Reopened",
        request=request,
    )
