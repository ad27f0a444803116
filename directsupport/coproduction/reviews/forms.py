"""The review pages' forms: validate and tidy what was typed; the services decide the rest."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.lib.decision_feed import ParticipantRole
from directsupport.people.models import CircleMember, Person
from directsupport.planning.models import Outcome, OutcomeAction

from ..models import (
    InvitationAnswer,
    Progress,
    Review,
    ReviewInvitation,
    ReviewKind,
    SurveyAnswer,
    SurveyQuestion,
)
from .completion import ActionsAgreed, NewAction
from .services import (
    FourPlusOne,
    Invitee,
    PerspectiveInput,
    ProgressInput,
    SurveyInput,
)

DATE = {"type": "date"}
PERSPECTIVE_SLOTS = 4
NEW_ACTION_SLOTS = 2
ROLE_CHOICES = [("", "Choose…"), *ParticipantRole.choices]


def _date_field(label: str, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages={"invalid": f"{label}: enter a real date, like 13 12 2026."},
        **kwargs,
    )


def _text(label: str, *, rows: int = 3, max_length: int = 4000, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


class AskForm(forms.Form):
    because = forms.CharField(
        label="Why do you want a review?",
        help_text="Say it in your own words. You can say what is not working, or what you want "
        "to change.",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ScheduleForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which review is this?", choices=ReviewKind.choices, widget=forms.RadioSelect
    )
    meets_on = _date_field("Day of the review")
    meets_time = forms.TimeField(
        label="Time",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": "Time: enter a time, like 14:30."},
    )
    place = forms.CharField(
        label="Where",
        max_length=300,
        required=False,
        help_text="Somewhere the person is comfortable: their home, a café they like.",
    )
    invite_person = forms.BooleanField(label="", required=False, initial=True)
    circle = forms.MultipleChoiceField(
        label="From the circle",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only the people the person lets see their information can be invited.",
    )
    staff = forms.MultipleChoiceField(
        label="Staff", required=False, widget=forms.CheckboxSelectMultiple
    )
    other_name = forms.CharField(label="Someone else (name)", max_length=200, required=False)
    other_role = forms.ChoiceField(
        label="Their part in the review", choices=ROLE_CHOICES, required=False
    )

    def __init__(
        self, *args: Any, person: Person, members: list[CircleMember], staff: list[User], **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.person = person
        self.members = {str(m.pk): m for m in members}
        self.staff_users = {str(u.pk): u for u in staff}
        self.fields["invite_person"].label = f"{person.called} (the person)"
        cast(forms.ChoiceField, self.fields["circle"]).choices = [
            (pk, f"{m.name} ({m.relationship})") for pk, m in self.members.items()
        ]
        cast(forms.ChoiceField, self.fields["staff"]).choices = [
            (pk, f"{u.full_name} ({u.get_role_display().lower()})")
            for pk, u in self.staff_users.items()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("other_name", "").strip() and not data.get("other_role"):
            self.add_error("other_role", "Say what part they take in the review.")
        return data

    def meets_at(self) -> dt.datetime | None:
        day, time = self.cleaned_data.get("meets_on"), self.cleaned_data.get("meets_time")
        if day is None or time is None:
            return None
        return timezone.make_aware(dt.datetime.combine(day, time))

    def invitees(self) -> list[Invitee]:
        data, person = self.cleaned_data, self.person
        found: list[Invitee] = []
        if data.get("invite_person"):
            found.append(
                Invitee(name=person.display_name, role=ParticipantRole.PERSON, user=person.user)
            )
        for pk in data.get("circle", []):
            member = self.members[pk]
            found.append(
                Invitee(
                    name=member.name,
                    role=(
                        ParticipantRole.FAMILY
                        if member.sector in ("family", "friends")
                        else ParticipantRole.REPRESENTATIVE
                    ),
                    user=member.user,
                    circle_member=member,
                )
            )
        for pk in data.get("staff", []):
            user = self.staff_users[pk]
            found.append(Invitee(name=user.full_name, role=ParticipantRole.STAFF, user=user))
        if data.get("other_name", "").strip():
            found.append(Invitee(name=data["other_name"], role=data["other_role"]))
        return found


class InvitationForm(forms.Form):
    answer = forms.ChoiceField(
        label="Are you coming?",
        choices=[
            (InvitationAnswer.COMING, "Yes, I am coming"),
            (InvitationAnswer.NOT_COMING, "No, I cannot come"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you are coming."},
    )


class RecordForm(forms.Form):
    """The write-up: who came, each point of view, the 4 plus 1, the survey, the money, and how
    far each outcome has got."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    held_on = _date_field("Day the review was held")
    tried = _text("What have we tried?")
    learned = _text("What have we learned?")
    pleased = _text("What are we pleased about?")
    concerned = _text("What are we concerned about?")
    next_steps = _text("What next?", help_text="What we agreed to do next, and who will do it.")
    money_notes = _text(
        "What we said about the money",
        max_length=2000,
        help_text="The review looks at the money; it never changes the budget by itself.",
    )
    without_person_reason = _text(
        "If the person's own view is not here, why?",
        max_length=1000,
        help_text="Needed only when nothing is written from the person's own point of view.",
    )

    def __init__(
        self,
        *args: Any,
        review: Review,
        invitations: list[ReviewInvitation],
        outcomes: list[Outcome],
        **kw: Any,
    ) -> None:
        super().__init__(*args, **kw)
        self.review = review
        self.invitations = invitations
        self.outcomes = outcomes
        for invitation in invitations:
            self.fields[f"attended_{invitation.pk}"] = forms.BooleanField(
                label=f"{invitation.name} ({invitation.get_role_display().lower()})",
                required=False,
                initial=(
                    invitation.attended
                    if invitation.attended is not None
                    else invitation.answer == InvitationAnswer.COMING
                ),
            )
        for slot in range(PERSPECTIVE_SLOTS):
            self.fields[f"whose_{slot}"] = forms.CharField(
                label="Whose view", max_length=200, required=False
            )
            self.fields[f"role_{slot}"] = forms.ChoiceField(
                label="Their part", choices=ROLE_CHOICES, required=False
            )
            self.fields[f"working_{slot}"] = _text("What is working")
            self.fields[f"not_working_{slot}"] = _text("What is not working")
        for question in SurveyQuestion:
            self.fields[f"survey_{question.value}"] = forms.TypedChoiceField(
                label=question.label,
                choices=[(str(v), f"{v}: {label}") for v, label in SurveyAnswer.choices],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"comment_{question.value}"] = forms.CharField(
                label=f"Comment on “{question.label}”", max_length=500, required=False
            )
        for outcome in outcomes:
            self.fields[f"progress_{outcome.pk}"] = forms.ChoiceField(
                label=f"How far has “{outcome.text}” got?",
                choices=[("", "No change to record"), *Progress.choices],
                required=False,
            )
            self.fields[f"evidence_{outcome.pk}"] = _text(
                f"How we know (“{outcome.text}”)", rows=2, max_length=2000
            )

    @property
    def attendance_fields(self) -> list[forms.BoundField]:
        return [self[f"attended_{i.pk}"] for i in self.invitations]

    @property
    def perspective_slots(self) -> list[dict[str, forms.BoundField]]:
        return [
            {
                "whose": self[f"whose_{slot}"],
                "role": self[f"role_{slot}"],
                "working": self[f"working_{slot}"],
                "not_working": self[f"not_working_{slot}"],
                "number": slot + 1,  # type: ignore[dict-item]
            }
            for slot in range(PERSPECTIVE_SLOTS)
        ]

    @property
    def survey_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"survey_{q.value}"], self[f"comment_{q.value}"]) for q in SurveyQuestion]

    @property
    def progress_fields(self) -> list[tuple[Outcome, forms.BoundField, forms.BoundField]]:
        return [(o, self[f"progress_{o.pk}"], self[f"evidence_{o.pk}"]) for o in self.outcomes]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for outcome in self.outcomes:
            if data.get(f"progress_{outcome.pk}") and not data.get(f"evidence_{outcome.pk}"):
                self.add_error(f"evidence_{outcome.pk}", "Say how you know: what happened.")
        for slot in range(PERSPECTIVE_SLOTS):
            said = data.get(f"working_{slot}") or data.get(f"not_working_{slot}")
            if said and not data.get(f"whose_{slot}", "").strip():
                self.add_error(f"whose_{slot}", "Say whose view this is.")
            if said and not data.get(f"role_{slot}"):
                self.add_error(f"role_{slot}", "Say what part they took.")
        return data

    # --- What the service takes --------------------------------------------------------

    def perspectives(self) -> list[PerspectiveInput]:
        data = self.cleaned_data
        return [
            PerspectiveInput(
                whose=data[f"whose_{slot}"],
                role=data[f"role_{slot}"],
                working=data[f"working_{slot}"],
                not_working=data[f"not_working_{slot}"],
            )
            for slot in range(PERSPECTIVE_SLOTS)
            if data[f"working_{slot}"].strip() or data[f"not_working_{slot}"].strip()
        ]

    def answers(self) -> FourPlusOne:
        data = self.cleaned_data
        return FourPlusOne(
            tried=data["tried"],
            learned=data["learned"],
            pleased=data["pleased"],
            concerned=data["concerned"],
            next_steps=data["next_steps"],
        )

    def survey(self) -> list[SurveyInput]:
        data = self.cleaned_data
        return [
            SurveyInput(
                question=q.value,
                answer=data[f"survey_{q.value}"],
                comment=data[f"comment_{q.value}"],
            )
            for q in SurveyQuestion
            if data.get(f"survey_{q.value}") not in (None, "")
        ]

    def progress(self) -> list[ProgressInput]:
        data = self.cleaned_data
        return [
            ProgressInput(
                outcome=o, status=data[f"progress_{o.pk}"], evidence=data[f"evidence_{o.pk}"]
            )
            for o in self.outcomes
            if data.get(f"progress_{o.pk}")
        ]

    def attendance(self) -> dict[int, bool]:
        return {i.pk: bool(self.cleaned_data.get(f"attended_{i.pk}")) for i in self.invitations}


def record_initial(review: Review, outcomes: list[Outcome]) -> dict[str, Any]:
    """The form as last saved (or, the first time, the person's own view first)."""
    initial: dict[str, Any] = {
        "version": review.version,
        "held_on": review.held_on
        or (timezone.localtime(review.meets_at).date() if review.meets_at else None),
        "tried": review.tried,
        "learned": review.learned,
        "pleased": review.pleased,
        "concerned": review.concerned,
        "next_steps": review.next_steps,
        "money_notes": review.money_notes,
        "without_person_reason": review.without_person_reason,
    }
    views = list(review.perspectives.all())
    if not views:
        initial |= {"whose_0": review.person.display_name, "role_0": ParticipantRole.PERSON}
    for slot, view in enumerate(views[:PERSPECTIVE_SLOTS]):
        initial |= {
            f"whose_{slot}": view.whose,
            f"role_{slot}": view.role,
            f"working_{slot}": view.working,
            f"not_working_{slot}": view.not_working,
        }
    for response in review.survey.all():
        initial[f"survey_{response.question}"] = str(response.answer)
        initial[f"comment_{response.question}"] = response.comment
    return initial


class CompleteForm(forms.Form):
    """The actions agreed ("what next"): open actions now done, and new ones."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    done = forms.MultipleChoiceField(
        label="Actions now done", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self, *args: Any, outcomes: list[Outcome], open_actions: list[OutcomeAction], **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.outcomes = {str(o.pk): o for o in outcomes}
        self.open_actions = {str(a.pk): a for a in open_actions}
        cast(forms.ChoiceField, self.fields["done"]).choices = [
            (pk, f"{a.what} ({a.who}, by {a.by_when:%-d %B %Y})")
            for pk, a in self.open_actions.items()
        ]
        outcome_choices = [("", "Choose an outcome…")] + [
            (pk, o.text) for pk, o in self.outcomes.items()
        ]
        for slot in range(NEW_ACTION_SLOTS):
            self.fields[f"outcome_{slot}"] = forms.ChoiceField(
                label=f"New action {slot + 1}: for which outcome",
                choices=outcome_choices,
                required=False,
            )
            self.fields[f"what_{slot}"] = forms.CharField(
                label="What", max_length=300, required=False
            )
            self.fields[f"who_{slot}"] = forms.CharField(
                label="Who", max_length=150, required=False
            )
            self.fields[f"by_when_{slot}"] = _date_field("By when", required=False)

    @property
    def new_action_slots(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"{name}_{slot}"] for name in ("outcome", "what", "who", "by_when")]
            for slot in range(NEW_ACTION_SLOTS)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for slot in range(NEW_ACTION_SLOTS):
            typed = [data.get(f"{name}_{slot}") for name in ("outcome", "what", "who", "by_when")]
            if not any(typed):
                continue
            for name, label in (
                ("outcome", "Choose the outcome this action is for."),
                ("what", "Say what the action is."),
                ("who", "Say who will do it."),
                ("by_when", "Say by when."),
            ):
                if not data.get(f"{name}_{slot}") and f"{name}_{slot}" not in self.errors:
                    self.add_error(f"{name}_{slot}", label)
        return data

    def actions(self) -> ActionsAgreed:
        data = self.cleaned_data
        new = [
            NewAction(
                outcome=self.outcomes[data[f"outcome_{slot}"]],
                what=data[f"what_{slot}"],
                who=data[f"who_{slot}"],
                by_when=data[f"by_when_{slot}"],
            )
            for slot in range(NEW_ACTION_SLOTS)
            if data.get(f"outcome_{slot}")
        ]
        return ActionsAgreed(new=new, done=[self.open_actions[pk] for pk in data["done"]])
