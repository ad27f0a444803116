"""Forms for the panel's pages: they check and tidy what was typed; the services decide.

Time is typed the way people say it: decimal hours ("1.5"), hours and minutes ("1:30",
"1 hour 30 minutes", "1h 30m") or minutes alone ("45 minutes"), and cleaned to whole minutes.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import Role
from directsupport.lib.forms import FilterForm, PoundsField
from directsupport.lib.ids import IdChoiceField, IdMultipleChoiceField
from directsupport.lib.money import MINUS, typed_pounds
from directsupport.people.forms import DATE_INPUT_FORMATS

from ..models import (
    AgendaItem,
    AttendanceStatus,
    ClaimStatus,
    ItemPurpose,
    Level,
    Panel,
    PanelMeeting,
    PanelMember,
)
from .services import MAX_RATE_PENCE

TIME_INPUT_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S"]
AGENDA_ROWS = 6
DATE_WIDGET = {"type": "date"}
NEGATIVE_TIME = "{what} cannot be negative. Enter 0 or more, like 1.5 or 1:30."
NOT_A_TIME = "Enter {what_lower} in hours, like 1.5, or hours and minutes, like 1:30."

_DECIMAL_HOURS = re.compile(r"(?P<hours>\d{1,3}(?:[.,]\d{1,2})?)\s*(?:h|hr|hrs|hour|hours)?")
_HOURS_COLON = re.compile(r"(?P<hours>\d{1,3}):(?P<minutes>[0-5]\d)")
_HOURS_AND_MINUTES = re.compile(
    r"(?:(?P<hours>\d{1,3})\s*(?:h|hr|hrs|hour|hours))?\s*(?:and\s*)?"
    r"(?:(?P<minutes>\d{1,4})\s*(?:m|min|mins|minute|minutes))?"
)


def parse_duration(text: str) -> int | None:
    """Typed time -> whole minutes (half a minute rounded up); None when it is not a time.
    A negative time raises ValueError (it is a time, but not one that can be claimed)."""
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        return 0
    if cleaned.startswith(("-", MINUS)):
        raise ValueError("negative")
    if match := _HOURS_COLON.fullmatch(cleaned):
        return int(match["hours"]) * 60 + int(match["minutes"])
    if match := _DECIMAL_HOURS.fullmatch(cleaned):
        hours = Decimal(match["hours"].replace(",", "."))
        return int((hours * 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    match = _HOURS_AND_MINUTES.fullmatch(cleaned)
    if match and (match["hours"] or match["minutes"]):
        return int(match["hours"] or 0) * 60 + int(match["minutes"] or 0)
    return None


def typed_duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours}:{rest:02d}"


class DurationField(forms.CharField):
    """Time typed as hours ("1.5") or hours and minutes ("1:30"), cleaned to minutes."""

    def __init__(self, *, what: str, **kwargs: Any) -> None:
        self.what = what
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("help_text", "In hours, like 1.5, or hours and minutes, like 1:30.")
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"class": "input--short", "inputmode": "decimal"})
        )
        super().__init__(**kwargs)

    def clean(self, value: Any) -> int:
        text = str(super().clean(value) or "")
        try:
            minutes = parse_duration(text)
        except ValueError as error:
            raise forms.ValidationError(NEGATIVE_TIME.format(what=self.what)) from error
        if minutes is None:
            raise forms.ValidationError(NOT_A_TIME.format(what_lower=self.what.lower()))
        return minutes


class RatePoundsField(PoundsField):
    """Pounds for a rate or a limit: a negative amount is named as such, not as a typing slip."""

    def clean(self, value: Any) -> int | None:
        if isinstance(value, str) and value.strip().startswith(("-", MINUS)):
            named = self.what[:1].upper() + self.what[1:]
            raise forms.ValidationError(f"{named} cannot be negative. Enter £0.00 or more.")
        return super().clean(value)


def _date(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        error_messages={
            "required": f"Enter {label[:1].lower()}{label[1:]}.",
            "invalid": "Enter a real date, for example 14/3/2026.",
        },
    )


def _time(label: str, example: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        help_text=f"For example, {example}.",
        input_formats=TIME_INPUT_FORMATS,
        widget=forms.TimeInput(attrs={"type": "time", "class": "input--short"}, format="%H:%M"),
        error_messages={
            "required": f"Enter the time the meeting {label.split()[0].lower()}, like {example}.",
            "invalid": f"Enter the time as hours and minutes, like {example}.",
        },
    )


# --- The panel ------------------------------------------------------------------------------


class PanelSettingsForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label="Name of the panel", max_length=150)
    hourly_rate_pence = RatePoundsField(
        label="Hourly rate",
        what="the hourly rate",
        max_pence=MAX_RATE_PENCE,
        help_text="What members are paid for an hour of their time, like 20.00.",
    )
    weekly_limit_pence = RatePoundsField(
        label="Weekly benefits limit",
        what="the weekly benefits limit",
        max_pence=100_000,
        help_text=(
            "The permitted earnings limit for people on some benefits, like 195.00. Members are "
            "warned as a claim comes near it. It never stops a claim."
        ),
    )
    warn_at_percent = forms.IntegerField(
        label="Warn at this percentage of the limit",
        min_value=1,
        max_value=100,
        widget=forms.NumberInput(attrs={"class": "input--short"}),
        help_text="For example 80: a member is warned once a week comes to 80% of the limit.",
        error_messages={
            "required": "Enter the percentage of the limit to warn at, like 80.",
            "invalid": "Enter the percentage as a whole number, like 80.",
            "min_value": "Warn at a percentage from 1 to 100, like 80.",
            "max_value": "Warn at a percentage from 1 to 100, like 80.",
        },
    )

    @staticmethod
    def initial_for(panel: Panel | None) -> dict[str, Any]:
        if panel is None:
            return {
                "version": 0,
                "name": "Co-production panel",
                "hourly_rate_pence": typed_pounds(2000),
                "weekly_limit_pence": typed_pounds(19_500),
                "warn_at_percent": 80,
            }
        return {
            "version": panel.version,
            "name": panel.name,
            "hourly_rate_pence": typed_pounds(panel.hourly_rate_pence),
            "weekly_limit_pence": typed_pounds(panel.weekly_limit_pence),
            "warn_at_percent": panel.warn_at_percent,
        }


# --- Members --------------------------------------------------------------------------------


def _experts(organisation: Organisation | None) -> QuerySet[User]:
    if organisation is None:
        return User.objects.none()
    return User.objects.filter(
        organisation=organisation, role=Role.EXPERT, is_active=True
    ).order_by("full_name")


class MemberForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=150, error_messages={"required": "Enter the member's name."}
    )
    user = IdChoiceField(
        label="Their sign-in",
        queryset=User.objects.none(),
        required=False,
        empty_label="No sign-in (staff claim their time for them)",
        help_text="An expert by experience's account, so they can see their meetings and "
        "papers and claim their own time.",
    )
    joined_on = _date("Joined the panel on")
    left_on = _date(
        "Left the panel on",
        required=False,
        help_text="Only when they have left. Their meetings and claims are kept.",
    )
    hourly_rate_pence = RatePoundsField(
        label="Their own hourly rate",
        what="their own hourly rate",
        max_pence=MAX_RATE_PENCE,
        required=False,
        help_text="Leave empty to pay the panel's rate.",
    )
    weekly_limit_pence = RatePoundsField(
        label="Their own weekly limit",
        what="their own weekly limit",
        max_pence=100_000,
        required=False,
        allow_zero=True,
        help_text="Leave empty to use the panel's benefits limit.",
    )
    no_benefits_limit = forms.BooleanField(
        label="They have told us they have no benefits limit",
        required=False,
        help_text="No warning is shown to them about their weekly earnings.",
    )
    access_needs = forms.CharField(
        label="What helps them take part",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: easy-read papers a week before, a quiet room, a taxi.",
    )

    def __init__(self, *args: Any, organisation: Organisation | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = _experts(organisation)  # type: ignore[attr-defined]
        self.fields["user"].label_from_instance = (  # type: ignore[attr-defined]
            lambda user: f"{user.full_name} ({user.email})"
        )

    @staticmethod
    def initial_for(member: PanelMember) -> dict[str, Any]:
        return {
            "name": member.name,
            "user": member.user_id,
            "joined_on": member.joined_on,
            "left_on": member.left_on,
            "hourly_rate_pence": (
                typed_pounds(member.hourly_rate_pence) if member.hourly_rate_pence else ""
            ),
            "weekly_limit_pence": (
                typed_pounds(member.weekly_limit_pence)
                if member.weekly_limit_pence is not None
                else ""
            ),
            "no_benefits_limit": member.no_benefits_limit,
            "access_needs": member.access_needs,
        }


# --- Meetings -------------------------------------------------------------------------------


class MeetingForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(
        label="What the meeting is about",
        max_length=200,
        error_messages={"required": "Enter what the meeting is about."},
    )
    date = _date("Date of the meeting")
    starts = _time("Starts at", "10:30")
    ends = _time("Ends at", "12:30")
    place = forms.CharField(
        label="Where",
        max_length=300,
        help_text="The place and how to get in, for example: the community centre, room 2 (lift).",
        error_messages={"required": "Enter where the meeting is."},
    )
    invite = IdMultipleChoiceField(
        label="Invite",
        queryset=PanelMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Members who are invited see the meeting and its papers.",
    )

    def __init__(self, *args: Any, organisation: Organisation | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        members = PanelMember.objects.none()
        if organisation is not None:
            members = PanelMember.objects.filter(
                panel__organisation=organisation, left_on__isnull=True
            )
        self.fields["invite"].queryset = members  # type: ignore[attr-defined]
        for row in range(1, AGENDA_ROWS + 1):
            self.fields[f"item_{row}_title"] = forms.CharField(
                label=f"Agenda item {row}", max_length=200, required=False
            )
            self.fields[f"item_{row}_purpose"] = forms.ChoiceField(
                label=f"Item {row} is", choices=ItemPurpose.choices, required=False
            )
            self.fields[f"item_{row}_minutes"] = forms.IntegerField(
                label=f"Minutes for item {row}",
                min_value=1,
                max_value=480,
                required=False,
                widget=forms.NumberInput(attrs={"class": "input--short"}),
                error_messages={
                    "min_value": "Give an item at least 1 minute.",
                    "max_value": "Give an item no more than 480 minutes.",
                    "invalid": "Enter the minutes as a whole number, like 20.",
                },
            )

    def agenda_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"item_{row}_title"], self[f"item_{row}_purpose"], self[f"item_{row}_minutes"])
            for row in range(1, AGENDA_ROWS + 1)
        ]

    def main_fields(self) -> list[Any]:
        return [self[name] for name in ("title", "date", "starts", "ends", "place")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        date, starts, ends = data.get("date"), data.get("starts"), data.get("ends")
        if date and starts and ends:
            zone = timezone.get_current_timezone()
            data["starts_at"] = timezone.make_aware(dt.datetime.combine(date, starts), zone)
            data["ends_at"] = timezone.make_aware(dt.datetime.combine(date, ends), zone)
            if ends <= starts:
                self.add_error("ends", "The meeting must end after it starts.")
        return data

    def agenda(self) -> list[Any]:
        from .services import AgendaLine

        lines = []
        for row in range(1, AGENDA_ROWS + 1):
            title = (self.cleaned_data.get(f"item_{row}_title") or "").strip()
            if title:
                lines.append(
                    AgendaLine(
                        title=title,
                        purpose=self.cleaned_data.get(f"item_{row}_purpose")
                        or ItemPurpose.DISCUSSION,
                        minutes=self.cleaned_data.get(f"item_{row}_minutes") or 20,
                    )
                )
        return lines

    @staticmethod
    def initial_for(meeting: PanelMeeting) -> dict[str, Any]:
        local_start = timezone.localtime(meeting.starts_at)
        local_end = timezone.localtime(meeting.ends_at)
        initial: dict[str, Any] = {
            "version": meeting.version,
            "title": meeting.title,
            "date": local_start.date(),
            "starts": local_start.time(),
            "ends": local_end.time(),
            "place": meeting.place,
            "invite": list(meeting.attendance.values_list("member_id", flat=True)),
        }
        for row, item in enumerate(meeting.agenda.all(), start=1):
            if row > AGENDA_ROWS:
                break
            initial[f"item_{row}_title"] = item.title
            initial[f"item_{row}_purpose"] = item.purpose
            initial[f"item_{row}_minutes"] = item.minutes
        return initial


class AttendanceForm(forms.Form):
    notes = forms.CharField(
        label="What was said",
        max_length=8000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="The notes of the meeting. Never name a person supported.",
    )
    held = forms.BooleanField(
        label="The meeting took place",
        required=False,
        help_text="Tick once the meeting has happened.",
    )

    def __init__(self, *args: Any, rows: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows or []
        for row in self.rows:
            self.fields[f"member_{row.member_id}"] = forms.ChoiceField(
                label=row.member.name,
                choices=AttendanceStatus.choices,
                initial=row.status,
                widget=forms.RadioSelect,
            )

    def member_fields(self) -> list[Any]:
        return [self[f"member_{row.member_id}"] for row in self.rows]

    def statuses(self) -> dict[int, str]:
        return {row.member_id: self.cleaned_data[f"member_{row.member_id}"] for row in self.rows}


class PaperForm(forms.Form):
    title = forms.CharField(
        label="Title of the paper",
        max_length=200,
        error_messages={"required": "Enter a title for the paper."},
    )
    easy_read = forms.BooleanField(
        label="This is an easy-read paper",
        required=False,
        initial=True,
        help_text="Easy-read papers are shown first, with a picture beside them.",
    )
    agenda_item = IdChoiceField(
        label="For agenda item",
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label="The whole meeting",
    )
    file = forms.FileField(
        label="The file",
        help_text="A PDF, or a PNG or JPEG picture, smaller than 10 MB.",
        error_messages={"required": "Choose the file of the paper.", "empty": "The file is empty."},
    )

    def __init__(self, *args: Any, meeting: PanelMeeting | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if meeting is not None:
            self.fields["agenda_item"].queryset = meeting.agenda.all()  # type: ignore[attr-defined]


class MeetingDecisionForm(forms.Form):
    title = forms.CharField(
        label="What was decided",
        max_length=200,
        error_messages={"required": "Enter what was decided."},
    )
    reasons = forms.CharField(
        label="Why",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the panel decided this."},
    )
    details = forms.CharField(
        label="More about the decision",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    person_words = forms.CharField(
        label="What panel members said, in their own words",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Their words, as they said them. Never name a person supported.",
    )
    level = forms.TypedChoiceField(
        label="How far up the co-production ladder it reached",
        choices=[("", "Work it out from who took part"), *Level.choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


# --- Time claims ----------------------------------------------------------------------------


class ClaimForm(forms.Form):
    meeting = IdChoiceField(
        label="Which meeting",
        queryset=PanelMeeting.objects.none(),
        required=False,
        empty_label="Not a meeting (other panel work)",
    )
    worked_on = _date("The day you gave the time", help_text="For example, 14/3/2026.")
    what = forms.CharField(
        label="What the time was for",
        max_length=200,
        required=False,
        help_text="For example: reading the papers. Leave empty for the meeting's own name.",
    )
    meeting_minutes = DurationField(label="Time at the meeting", what="Time at the meeting")
    preparation_minutes = DurationField(
        label="Time getting ready (reading papers)", what="Preparation time"
    )
    travel_minutes = DurationField(label="Time travelling", what="Travel time")
    # Set when the member has seen the benefits warning and still wants to claim.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, member: PanelMember | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if member is not None:
            meetings = PanelMeeting.objects.filter(
                attendance__member=member, starts_at__lte=timezone.now()
            ).exclude(status="cancelled")
            self.fields["meeting"].queryset = meetings.order_by(  # type: ignore[attr-defined]
                "-starts_at"
            )
        self.fields["meeting"].label_from_instance = (  # type: ignore[attr-defined]
            lambda meeting: f"{meeting.title} ({timezone.localtime(meeting.starts_at):%-d %B %Y})"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("what"):
            if data.get("meeting"):
                data["what"] = data["meeting"].title
            elif "what" not in self.errors:
                self.add_error("what", "Say what the time was for.")
        return data

    def total_minutes(self) -> int:
        return sum(
            self.cleaned_data.get(name) or 0
            for name in ("meeting_minutes", "preparation_minutes", "travel_minutes")
        )


class DecideClaimForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            ("approve", "Approve the claim"),
            ("refuse", "Refuse the claim"),
            ("paid", "Mark it paid"),
            ("reopen", "Take the decision back"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to do with the claim."},
    )
    reason = forms.CharField(
        label="Why it is refused",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only when refusing. The member reads this.",
    )

    def __init__(self, *args: Any, allowed: frozenset[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if allowed is not None:
            field = self.fields["decision"]
            field.choices = [  # type: ignore[attr-defined]
                choice
                for choice in field.choices  # type: ignore[attr-defined]
                if choice[0] in allowed
            ]


DECISION_STATUS = {
    "approve": ClaimStatus.APPROVED,
    "refuse": ClaimStatus.REFUSED,
    "paid": ClaimStatus.PAID,
    "reopen": ClaimStatus.CLAIMED,
}


class ClaimFilterForm(FilterForm):
    status = forms.ChoiceField(
        label="Show claims",
        required=False,
        choices=[("", "Every claim"), *ClaimStatus.choices],
    )
