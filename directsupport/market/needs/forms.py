"""Forms for needs: refining one with the person, adding one from an outcome or by hand, and
saying how the person wants it commissioned (staff, saying who said it; the person, for
themselves)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet

from directsupport.lib.forms import IfNeededInput, RequiredIfRepresentative
from directsupport.lib.ids import IdChoiceField
from directsupport.people.models import Person
from directsupport.planning.models import Outcome
from directsupport.week.forms import TimeOfDayField
from directsupport.week.models import SupportRatio, Weekday

from ..models import Commissioning, NeedStatus, SupportNeed, TaxonomyTerm, WorkerGender
from .display import COMMISSIONING_EASY
from .services import STATUS_BY_HAND

LIST_ITEM_MAX = 100
LIST_MAX_ITEMS = 20
SAID_BY_PERSON = "person"
SAID_BY_SOMEONE = "someone"


class LinesField(forms.CharField):
    """A short list typed one item per line (skills, interests, languages), cleaned to a list
    of distinct items in the order typed."""

    def __init__(self, *, what: str, **kwargs: Any) -> None:
        self.what = what
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", LIST_ITEM_MAX * LIST_MAX_ITEMS)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value) or ""
        items: dict[str, str] = {}
        for line in text.replace("\r", "\n").split("\n"):
            item = " ".join(line.split())
            if item:
                items.setdefault(item.lower(), item)
        if any(len(item) > LIST_ITEM_MAX for item in items.values()):
            raise forms.ValidationError(
                f"Keep each of the {self.what} to {LIST_ITEM_MAX} letters or fewer, one per line"
            )
        if len(items) > LIST_MAX_ITEMS:
            raise forms.ValidationError(
                f"Give no more than {LIST_MAX_ITEMS} {self.what}, the ones that matter most"
            )
        return list(items.values())


def _terms() -> QuerySet[TaxonomyTerm]:
    # The kinds under "Support" and "Activities", not those two headings themselves.
    return TaxonomyTerm.objects.filter(parent__isnull=False).order_by("parent__name", "name")


class TermChoiceField(IdChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.parent.name.lower()})" if obj.parent_id else obj.name


def _term_field() -> TermChoiceField:
    return TermChoiceField(
        label="Kind of support or activity",
        queryset=_terms().select_related("parent"),
        empty_label="Choose a kind",
        error_messages={"required": "Choose the kind of support or activity"},
    )


FIXED_CHOICES = [
    ("fixed", "Fixed: it must happen at this time"),
    ("flexible", "Flexible: it can move"),
]
GENDER_CHOICES = [("", "No preference"), *WorkerGender.choices]
RATIO_CHOICES = [("", "Not said yet"), *[c for c in SupportRatio.choices if c[0] != "none"]]
STATUS_ANSWERS: dict[str, str] = {
    NeedStatus.OPEN: "Yes, it is still needed",
    NeedStatus.CHOSEN: "Yes, it is still needed (a supplier is chosen)",
    NeedStatus.MET: "It is met",
    NeedStatus.WITHDRAWN: "No, it is no longer needed",
}
DAY_CHOICES = [("", "No day yet"), *[(str(value), label) for value, label in Weekday.choices]]


def shown_value(name: str, value: Any) -> str:
    """A need's field in words, to compare two versions."""
    if value is None or value == "" or value == []:
        return "Not given"
    if isinstance(value, list):
        return "; ".join(value)
    if name == "fixed":
        return "Fixed" if value else "Flexible"
    if name == "overnight":
        return "Yes" if value else "No"
    if name == "weekday":
        return Weekday(value).label
    if name == "status":
        return STATUS_ANSWERS[value]
    if name == "ratio":
        return SupportRatio(value).label
    if name == "wanted_gender":
        return WorkerGender(value).label
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    return str(value)


class NeedFieldsForm(forms.Form):
    """What is the same when refining a need and adding one."""

    what = forms.CharField(
        label="What the support is for",
        max_length=200,
        help_text="In the person's words: 'Swimming at the lido', 'Learn to cook a roast'.",
        error_messages={"required": "Say what the support is for"},
    )
    fixed = forms.TypedChoiceField(
        label="Fixed or flexible",
        choices=FIXED_CHOICES,
        coerce=lambda value: value == "fixed",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the time is fixed or can move"},
    )
    weekday = forms.TypedChoiceField(
        label="Day", choices=DAY_CHOICES, coerce=int, empty_value=None, required=False
    )
    starts_at = TimeOfDayField(
        label="Starts at", required=False, help_text="24-hour clock, like 09:30"
    )
    ends_at = TimeOfDayField(label="Ends at", required=False, help_text="24-hour clock, like 17:45")
    overnight = forms.BooleanField(
        label="Ends the next morning",
        required=False,
        help_text="For overnight support: the end time is the next day.",
    )
    place = forms.CharField(
        label="Where",
        max_length=200,
        required=False,
        help_text="Leave empty for at home. A postcode or district (like HF3) says how far away.",
    )
    ratio = forms.ChoiceField(label="Workers", choices=RATIO_CHOICES, required=False)
    shared_by = forms.IntegerField(
        label="How many people share one worker (including them)",
        required=False,
        min_value=2,
        max_value=20,
        error_messages={"min_value": "Shared support needs at least 2 people sharing"},
    )
    notes = forms.CharField(
        label="Notes",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    WHEN = ("weekday", "starts_at", "ends_at", "overnight", "place", "ratio", "shared_by")

    def __init__(self, *args: Any, with_when: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["term"] = _term_field()
        self.order_fields(["version", "what", "term", "status", "fixed"])
        self.with_when = with_when
        if not with_when:
            for name in self.WHEN:
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if not self.with_when:
            return data
        day, starts, ends = data.get("weekday"), data.get("starts_at"), data.get("ends_at")
        given = [value is not None for value in (day, starts, ends)]
        if any(given) and not all(given):
            for name, value in (("weekday", day), ("starts_at", starts), ("ends_at", ends)):
                if value is None and name not in self.errors:
                    self.add_error(name, "Give the day, the start and the end together, or none")
        if starts and ends and not data.get("overnight") and ends <= starts:
            self.add_error(
                "ends_at",
                "The end must be after the start (tick 'ends the next morning' for overnight)",
            )
        if data.get("ratio") == SupportRatio.SHARED and not data.get("shared_by"):
            self.add_error("shared_by", "Say how many people share one worker")
        if data.get("ratio") != SupportRatio.SHARED:
            data["shared_by"] = None
        return data

    def need_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = ["what", "term", "fixed", "notes", *(self.WHEN if self.with_when else ())]
        fields = {name: data[name] for name in names}
        if self.with_when and fields["weekday"] is None:
            fields.update(starts_at=None, ends_at=None, overnight=False)
        return fields


class RefineNeedForm(NeedFieldsForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label="Is it still needed?",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether it is still needed"},
    )
    wanted_skills = LinesField(
        what="skills", label="Skills the workers need", help_text="One per line: 'Makaton'."
    )
    wanted_personality = forms.CharField(
        label="Personality", max_length=300, required=False, help_text="'Calm and patient'."
    )
    wanted_interests = LinesField(
        what="interests", label="Interests to share", help_text="One per line: 'football'."
    )
    wanted_languages = LinesField(
        what="languages", label="Languages", help_text="One per line: 'Punjabi', 'BSL'."
    )
    wanted_gender = forms.ChoiceField(
        label="Workers' gender", choices=GENDER_CHOICES, required=False, widget=forms.RadioSelect
    )

    CHARACTERISTICS = (
        "wanted_skills",
        "wanted_personality",
        "wanted_interests",
        "wanted_languages",
        "wanted_gender",
    )

    def __init__(self, *args: Any, need: SupportNeed, **kwargs: Any) -> None:
        super().__init__(*args, with_when=need.week_entry_id is None, **kwargs)
        status: Any = self.fields["status"]
        allowed = [need.status, *sorted(STATUS_BY_HAND.get(need.status, ()))]
        status.choices = [(value, STATUS_ANSWERS[value]) for value in allowed]
        # Notes after the characteristics: the last thing to add.
        self.order_fields([name for name in self.fields if name != "notes"] + ["notes"])

    @classmethod
    def initial_for(cls, need: SupportNeed) -> dict[str, Any]:
        return {
            "version": need.version,
            "what": need.what,
            "term": need.term_id,
            "status": need.status,
            "fixed": "fixed" if need.fixed else "flexible",
            "weekday": "" if need.weekday is None else str(need.weekday),
            "starts_at": need.starts_at,
            "ends_at": need.ends_at,
            "overnight": need.overnight,
            "place": need.place,
            "ratio": need.ratio,
            "shared_by": need.shared_by,
            "notes": need.notes,
            "wanted_skills": need.wanted_skills,
            "wanted_personality": need.wanted_personality,
            "wanted_interests": need.wanted_interests,
            "wanted_languages": need.wanted_languages,
            "wanted_gender": need.wanted_gender,
        }

    def differences(self, saved: SupportNeed) -> list[tuple[str, str, str]]:
        """(what, your version, saved version) for each field typed differently from what is
        saved now, for the conflict page."""
        rows = []
        for name, value in self.need_fields().items():
            yours, theirs = shown_value(name, value), shown_value(name, getattr(saved, name))
            if yours != theirs:
                rows.append((str(self.fields[name].label), yours, theirs))
        return rows

    def need_fields(self) -> dict[str, Any]:
        fields = super().need_fields()
        fields["status"] = self.cleaned_data["status"]
        fields.update({name: self.cleaned_data[name] for name in self.CHARACTERISTICS})
        return fields


class AddNeedForm(NeedFieldsForm):
    outcome = IdChoiceField(
        label="From the outcome",
        queryset=Outcome.objects.none(),
        required=False,
        empty_label="Not from an outcome",
        help_text="The outcome in the plan this need helps with, if there is one.",
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        outcome: Any = self.fields["outcome"]
        outcome.queryset = Outcome.objects.filter(person=person, achieved_on__isnull=True)
        self.order_fields(["outcome", "what", "term"])


class CommissioningForm(forms.Form):
    """Staff recording how the person wants a need arranged, and who said it."""

    commissioning = forms.ChoiceField(
        label="How they want it arranged",
        choices=Commissioning.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how they want the support arranged"},
    )
    who = forms.ChoiceField(
        label="Who said it",
        widget=forms.RadioSelect,
        error_messages={"required": "Say who said it"},
    )
    said_by_name = RequiredIfRepresentative(
        label="Name of who said it for them",
        max_length=150,
        widget=IfNeededInput(),
        help_text="Needed when someone said it for them: a family member, an advocate.",
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        who: Any = self.fields["who"]
        who.choices = [
            (SAID_BY_PERSON, f"{person.called} said it"),
            (SAID_BY_SOMEONE, f"Someone said it for {person.called}"),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        name = data.get("said_by_name", "")
        called = self.person.called
        if data.get("who") == SAID_BY_SOMEONE:
            if not name:
                self.add_error(
                    "said_by_name", f"Give the name of who said it for {self.person.called}"
                )
            elif name.lower() == self.person.display_name.lower():
                self.add_error(
                    "said_by_name",
                    f"That is {called}'s own name: choose '{called} said it'",
                )
        return data

    def said_by(self) -> str:
        if self.cleaned_data["who"] == SAID_BY_PERSON:
            return self.person.display_name
        return str(self.cleaned_data["said_by_name"])


class OwnCommissioningForm(forms.Form):
    """The person saying for themselves how they want it done, in easy read."""

    commissioning = forms.ChoiceField(
        label="How do you want this done?",
        choices=[(value, words) for value, (_, words) in COMMISSIONING_EASY.items()],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you want it done"},
    )
