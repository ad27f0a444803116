"""Forms for planning a Planning Live event, adding people to it and inviting their circle.

They validate and normalise; services.py does the writing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils import dateformat, timezone

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.lib.forms import IfNeededInput, IfNeededTextarea, RequiredIfRepresentative
from directsupport.lib.ids import IdChoiceField, IdMultipleChoiceField, storable_id
from directsupport.people.forms import DATE_INPUT_FORMATS, UK_DATE
from directsupport.people.models import CircleMember, DecidedBy, Person

from ..models import PlanningEvent
from .display import easy_time
from .services import facilitators_of

# Who can run a Planning Live day: provider staff who work with people directly.
EVENT_STAFF_ROLES = (Role.COORDINATOR, Role.SUPPORT_WORKER, Role.MANAGER)
TIME_INPUT_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S"]
VENUE_ACCESS_MAX_LENGTH = 2000
# How far ahead an event may be planned: further than this is almost always a mistyped year.
YEARS_AHEAD = 3


def event_staff(organisation_id: int, keep: Iterable[int] = ()) -> QuerySet[User]:
    """Active coordinators, support workers and managers; and anyone already on the event
    (``keep``), so that someone who has since left stays until another is chosen."""
    return User.objects.filter(
        Q(is_active=True, role__in=EVENT_STAFF_ROLES) | Q(pk__in=list(keep)),
        organisation_id=organisation_id,
    ).order_by("full_name", "pk")


class StaffChoice(IdChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.get_role_display().lower()})"


class StaffChoices(IdMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.get_role_display().lower()})"


@dataclass(frozen=True)
class FieldDifference:
    label: str
    yours: str
    saved: str


class EventForm(forms.Form):
    """The day: what it is called, when and where, how to get in, and who runs it."""

    title = forms.CharField(
        label="Name of the event",
        max_length=150,
        help_text="For example: Spring Planning Live.",
        error_messages={
            "required": "Enter a name for the event, for example Spring Planning Live."
        },
    )
    date = forms.DateField(
        label="Date",
        help_text="For example, 14/3/2026.",
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Enter the date of the event.",
            "invalid": "Enter a real date, for example 14/3/2026.",
        },
    )
    starts_at = forms.TimeField(
        label="Starts at",
        help_text="For example, 10:00.",
        input_formats=TIME_INPUT_FORMATS,
        widget=forms.TimeInput(attrs={"type": "time", "class": "input--short"}, format="%H:%M"),
        error_messages={
            "required": "Enter the time the event starts, for example 10:00.",
            "invalid": "Enter the time the event starts as hours and minutes, for example 10:00.",
        },
    )
    ends_at = forms.TimeField(
        label="Ends at",
        help_text="For example, 15:30.",
        input_formats=TIME_INPUT_FORMATS,
        widget=forms.TimeInput(attrs={"type": "time", "class": "input--short"}, format="%H:%M"),
        error_messages={
            "required": "Enter the time the event ends, for example 15:30.",
            "invalid": "Enter the time the event ends as hours and minutes, for example 15:30.",
        },
    )
    venue_name = forms.CharField(
        label="Venue",
        max_length=150,
        help_text="For example: Hollowfield Community Centre.",
        error_messages={"required": "Enter where the event is, for example the name of a hall."},
    )
    venue_address = forms.CharField(
        label="Venue address",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the address of the venue."},
    )
    venue_access = forms.CharField(
        label="Access at the venue",
        max_length=VENUE_ACCESS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="This goes on the invitations. Step-free access, accessible toilets, hearing "
        "loop, quiet room, parking, how to get there by bus or train.",
        error_messages={
            "required": "Enter the access information for the venue: it goes on the invitations.",
            "max_length": f"The access information must be {VENUE_ACCESS_MAX_LENGTH} characters "
            "or fewer.",
        },
    )
    facilitators = StaffChoices(
        label="Facilitators",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Who leads the conversations on the day.",
        error_messages={"invalid_choice": "Choose facilitators from the list of staff."},
    )
    recorder = StaffChoice(
        label="Recorder",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not chosen yet",
        help_text="Who makes the graphic recording and keeps the notes.",
        error_messages={"invalid_choice": "Choose the recorder from the list of staff."},
    )

    def __init__(
        self, *args: Any, organisation_id: int, event: PlanningEvent | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        keep: list[int] = []
        if event is not None:
            keep = [user.pk for user in facilitators_of(event)]
            if event.recorder_id:
                keep.append(event.recorder_id)
        staff = event_staff(organisation_id, keep)
        cast(forms.ModelMultipleChoiceField, self.fields["facilitators"]).queryset = staff
        cast(forms.ModelChoiceField, self.fields["recorder"]).queryset = staff

    @staticmethod
    def initial_for(event: PlanningEvent) -> dict[str, Any]:
        return {
            "title": event.title,
            "date": event.date,
            "starts_at": event.starts_at,
            "ends_at": event.ends_at,
            "venue_name": event.venue_name,
            "venue_address": event.venue_address,
            "venue_access": event.venue_access,
            "facilitators": [user.pk for user in facilitators_of(event)],
            "recorder": event.recorder_id,
        }

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean_venue_name(self) -> str:
        return " ".join(self.cleaned_data["venue_name"].split())

    def clean_venue_address(self) -> str:
        lines = (" ".join(line.split()) for line in self.cleaned_data["venue_address"].splitlines())
        return ", ".join(line for line in lines if line)

    def clean_date(self) -> dt.date:
        date: dt.date = self.cleaned_data["date"]
        today = timezone.localdate()
        if date.year < 2000:
            raise forms.ValidationError("Check the year: it must be 2000 or later.")
        if date.year > today.year + YEARS_AHEAD:
            raise forms.ValidationError(
                f"Check the year: events can be planned up to {YEARS_AHEAD} years ahead."
            )
        return date

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        starts, ends = self.cleaned_data.get("starts_at"), self.cleaned_data.get("ends_at")
        if starts is not None and ends is not None and ends <= starts:
            self.add_error(
                "ends_at",
                f"The event must end after it starts ({easy_time(starts)}). "
                "Check the start and end times.",
            )
        return cleaned

    def details(self) -> dict[str, Any]:
        """Keyword arguments for create_event / update_event, apart from the facilitators."""
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "title",
                "date",
                "starts_at",
                "ends_at",
                "venue_name",
                "venue_address",
                "venue_access",
                "recorder",
            )
        }

    def chosen_facilitators(self) -> list[User]:
        return list(self.cleaned_data["facilitators"])

    def differences(self, saved: PlanningEvent) -> list[FieldDifference]:
        """What the user typed against what is saved now, for the conflict page."""
        rows = []
        for name, value in self.details().items():
            yours, theirs = _shown(value), _shown(getattr(saved, name))
            if yours != theirs:
                rows.append(FieldDifference(str(self.fields[name].label), yours, theirs))
        yours = _names(self.chosen_facilitators())
        theirs = _names(facilitators_of(saved))
        if yours != theirs:
            rows.append(FieldDifference("Facilitators", yours, theirs))
        return rows


class EventEditForm(EventForm):
    """Changing an event: the same details, and the version they started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        # The version is a hidden field: an error on it would be invisible beside the field.
        if self.errors.pop("version", None):
            self.add_error(
                None, "This page was out of date. Check the details below and save again."
            )
        return cleaned


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "(left blank)"
    if isinstance(value, dt.date):
        return dateformat.format(value, UK_DATE)
    if isinstance(value, dt.time):
        return easy_time(value)
    if isinstance(value, User):
        return value.full_name
    return str(value)


def _names(users: Iterable[User]) -> str:
    return ", ".join(sorted(user.full_name for user in users)) or "(none)"


# --- Adding people --------------------------------------------------------------------------


def people_matching(people: QuerySet[Person], words: str) -> QuerySet[Person]:
    """People whose names contain every word typed (first, family or preferred name)."""
    for word in words.split():
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(preferred_name__icontains=word)
        )
    return people


class AddPeopleForm(forms.Form):
    """Several people at once, ticked from the organisation's people not yet taking part.

    The page shows the ticked people and the people matching the search as checkboxes; the
    field accepts anyone in ``candidates``, so a stale or forged id is refused.
    """

    q = forms.CharField(label="Search by name", max_length=100, required=False)
    people = IdMultipleChoiceField(
        label="Who is taking part?",
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one person to add to the event.",
            "invalid_choice": "Someone you chose cannot be added: they may already be taking "
            "part. Check the list and choose again.",
            "invalid_pk_value": "Someone you chose cannot be added. Check the list and choose "
            "again.",
        },
    )

    def __init__(self, *args: Any, candidates: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["people"]).queryset = candidates

    def chosen_people(self) -> list[Person]:
        return list(self.cleaned_data["people"])


def chosen_ids(values: Iterable[str]) -> list[int]:
    """The ids ticked on the page (for showing them ticked again), ignoring anything garbled."""
    return sorted({number for value in values if (number := storable_id(value)) is not None})


# --- Who from the circle is invited ---------------------------------------------------------


class MemberChoices(IdMultipleChoiceField):
    """Circle members to invite. Inviting nobody is a real answer, but the label should not say
    "(optional)": the question is always asked, so the field is marked required and an empty
    answer passes."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=True, **kwargs)

    def clean(self, value: Any) -> Any:
        if not value:
            return CircleMember.objects.none()
        return super().clean(value)

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.relationship})"


class InvitationsForm(forms.Form):
    """Which circle members are invited to the person's part of the day, and who agreed."""

    members = MemberChoices(
        label="Who is invited?",
        queryset=CircleMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    agreed_by = forms.ChoiceField(label="Who agreed?", widget=forms.RadioSelect)
    representative_name = RequiredIfRepresentative(
        label="Representative's name",
        max_length=150,
        widget=IfNeededInput(attrs={"autocomplete": "off"}),
        help_text="Only if a representative agreed: for example a deputy, an attorney, or the "
        "person making a best interests decision.",
    )
    representative_reason = RequiredIfRepresentative(
        label="Why a representative agreed",
        max_length=2000,
        widget=IfNeededTextarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        called = person.called
        members = cast(forms.ModelMultipleChoiceField, self.fields["members"])
        members.queryset = person.circle.order_by("closeness", "name", "pk")
        members.label = f"Who from {called}'s circle is invited?"
        members.help_text = (
            f"Being invited does not let anyone see {called}'s information: "
            f"{called} decides that separately."
        )
        members.error_messages["invalid_choice"] = (
            f"Choose people from {called}'s circle: someone you chose is not in it. "
            "Nothing has been changed."
        )
        agreed_by = cast(forms.ChoiceField, self.fields["agreed_by"])
        agreed_by.choices = [
            (DecidedBy.PERSON, f"{called} agreed to invite these people"),
            (
                DecidedBy.REPRESENTATIVE,
                "A representative agreed (the person lacks capacity to decide this)",
            ),
        ]
        agreed_by.error_messages["required"] = (
            f"Say who agreed to invite these people. Nobody can be invited until {called}, or "
            "a representative, has agreed. Nothing has been changed."
        )
        self.fields["representative_reason"].help_text = (
            f"Only if a representative agreed: why {called} lacks capacity to decide who is "
            "invited (Mental Capacity Act 2005)."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("agreed_by") == DecidedBy.REPRESENTATIVE:
            if not data.get("representative_name"):
                self.add_error(
                    "representative_name", "Enter the name of the representative who agreed."
                )
            if not data.get("representative_reason"):
                self.add_error(
                    "representative_reason",
                    f"Enter why a representative agreed for {self.person.called} (Mental "
                    "Capacity Act 2005).",
                )
        return data

    def invitations(self) -> dict[str, Any]:
        """Keyword arguments for record_invitations."""
        data = self.cleaned_data
        return {
            "members": list(data["members"]),
            "agreed_by": data["agreed_by"],
            "representative_name": data["representative_name"],
            "representative_reason": data["representative_reason"],
        }
