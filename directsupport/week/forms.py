"""The form for one entry in a week: when, what, where, who, the support it needs, how it repeats.

Every check says what to do next, beside the field it is about, and keeps what was typed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from django import forms

from directsupport.people.models import Person

from .display import DAY_NAMES, ORDINALS, RRULE_DAYS, when_words
from .models import Company, SupportKind, SupportRatio, Weekday, WeekEntry
from .pricing import BadRecurrence, EntryFacts, occurrence_dates, plan_year_start

VAGUE_PHRASES = (
    "morning routine",
    "activities",
    "activity",
    "support",
    "care",
    "personal care",
    "routine",
    "day",
    "free time",
    "tbc",
    "various",
    "leisure",
    "misc",
)
FILLER_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "my",
        "some",
        "and",
        "or",
        "with",
        "general",
        "usual",
        "normal",
        "daily",
        "other",
        "etc",
        "stuff",
        "things",
        "to",
        "do",
        "doing",
        "of",
        "for",
        "any",
        "own",
        "just",
        "time",
    ]
)
VAGUE_MESSAGE = (
    "Say what actually happens: for example 'Shower, dress and breakfast with Sam' or "
    "'Swimming at Hollowfield Leisure Centre'"
)
TIME_MESSAGE = "Enter a time from 00:00 to 23:59, like 09:30 or 17:45"
MIDNIGHT_MESSAGE = "For midnight, enter 00:00 and tick 'ends the next morning'"
MINUTES_IN_WEEK = 7 * 24 * 60
PAID_ONE_PERSON = (SupportRatio.ONE_TO_ONE, SupportRatio.TWO_TO_ONE)


def is_vague(what: str) -> bool:
    """True when the words are only vague phrases and filler ("morning routine", "support and
    care", "activities etc")."""
    words = re.sub(r"[^\w\s]", " ", what.casefold()).split()
    phrases = [tuple(phrase.split()) for phrase in VAGUE_PHRASES]
    reachable = [False] * (len(words) + 1)
    reachable[0] = True
    for start in range(len(words)):
        if not reachable[start]:
            continue
        if words[start] in FILLER_WORDS:
            reachable[start + 1] = True
        for phrase in phrases:
            if tuple(words[start : start + len(phrase)]) == phrase:
                reachable[start + len(phrase)] = True
    return reachable[len(words)]


def rule_problem(rule: str, *, weekday: int, starts_at: dt.time, today: dt.date) -> str | None:
    """Why an RRULE cannot be used for an entry on ``weekday``, or None if it can. Read by the
    pricing rules themselves, so what the form accepts is what gets priced."""
    facts = EntryFacts(
        id=None,
        weekday=weekday,
        starts_at=starts_at,
        ends_at=starts_at,
        overnight=False,
        support_ratio=SupportRatio.NONE,
        support_kind="",
        shared_by=None,
        recurrence=rule,
    )
    try:
        dates = occurrence_dates(facts, year_start=plan_year_start(today))
    except BadRecurrence:
        return (
            "This repeat rule could not be read, or repeats more than once a day: "
            "write it like FREQ=WEEKLY;INTERVAL=2;BYDAY=SA"
        )
    if not dates:
        return "This repeat rule never happens in the next year: check its dates"
    if dates[0].weekday() != weekday:
        return (
            f"This repeat rule falls on a {DAY_NAMES[dates[0].weekday()]}, "
            f"but the entry is on {DAY_NAMES[weekday]}"
        )
    return None


def _span(weekday: int, starts_at: dt.time, ends_at: dt.time, overnight: bool) -> tuple[int, int]:
    """Minutes from Monday midnight: when it starts and ends (an overnight end is next day)."""
    start = weekday * 1440 + starts_at.hour * 60 + starts_at.minute
    end = weekday * 1440 + ends_at.hour * 60 + ends_at.minute + (1440 if overnight else 0)
    return start, end


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans meet, counting Sunday night running into Monday morning."""
    return any(
        a[0] < b[1] + shift and b[0] + shift < a[1]
        for shift in (-MINUTES_IN_WEEK, 0, MINUTES_IN_WEEK)
    )


def needs_same_supporter(fields: dict[str, Any], other: WeekEntry) -> str | None:
    """Who both entries need, if they cannot both have them at once."""
    member = fields.get("company_member")
    if member is not None and other.company_member_id == member.pk:
        return member.name
    if fields["support_ratio"] in PAID_ONE_PERSON and other.support_ratio in PAID_ONE_PERSON:
        return "their own paid support worker"
    return None


class TimeOfDayField(forms.TimeField):
    """Hours and minutes on a 24-hour clock; anything else gets a message saying what to type."""

    input_formats = ["%H:%M", "%H.%M"]
    default_error_messages = {"invalid": TIME_MESSAGE}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.time | None:
        if isinstance(value, str) and value.strip() in ("24:00", "24.00"):
            raise forms.ValidationError(MIDNIGHT_MESSAGE, code="midnight")
        return super().to_python(value)


REPEATS = [
    ("weekly", "Every week"),
    ("fortnightly", "Every other week"),
    ("monthly", "Once a month"),
    ("custom", "Something else (an iCalendar repeat rule, for advanced users)"),
]
MONTH_WEEKS = [(str(n), f"The {word} one in the month") for n, word in ORDINALS.items()]
NEW_PLACE = "__new__"


class EntryForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    weekday = forms.TypedChoiceField(label="Day", choices=Weekday.choices, coerce=int)
    starts_at = TimeOfDayField(label="Starts at", help_text="24-hour clock, like 09:30")
    ends_at = TimeOfDayField(label="Ends at", help_text="24-hour clock, like 17:45")
    overnight = forms.BooleanField(
        label="Ends the next morning",
        required=False,
        help_text="For overnight support or a sleepover: the end time is the next day.",
    )
    what = forms.CharField(
        label="What happens",
        max_length=200,
        help_text="In a few words: 'Swimming with Sam', 'Work at the garden centre'.",
        error_messages={"required": "Say what happens"},
    )
    place = forms.ChoiceField(label="Where", required=False)
    new_place = forms.CharField(
        label="Or type a new place",
        max_length=200,
        required=False,
        help_text="If it is not in the list above.",
    )
    who = forms.ChoiceField(
        label="Who is with them",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who is with them"},
    )
    support_ratio = forms.ChoiceField(
        label="Support needed", choices=SupportRatio.choices, widget=forms.RadioSelect
    )
    support_kind = forms.ChoiceField(
        label="Kind of support",
        required=False,
        choices=[("", "None"), *list(SupportKind.choices)],
        help_text="Needed when there is paid support.",
    )
    shared_by = forms.IntegerField(
        label="How many people share one worker (including them)",
        required=False,
        min_value=2,
        max_value=20,
        error_messages={"min_value": "Shared support needs at least 2 people sharing"},
    )
    fixed = forms.TypedChoiceField(
        label="Fixed or flexible",
        choices=[
            ("fixed", "Fixed: it must happen at this time"),
            ("flexible", "Flexible: it can move"),
        ],
        coerce=lambda value: value == "fixed",
        widget=forms.RadioSelect,
    )
    repeats = forms.ChoiceField(label="Repeats", choices=REPEATS, widget=forms.RadioSelect)
    month_week = forms.ChoiceField(
        label="Which one in the month", choices=MONTH_WEEKS, required=False
    )
    custom_rule = forms.CharField(
        label="Repeat rule",
        max_length=200,
        required=False,
        help_text="An iCalendar RRULE, like FREQ=WEEKLY;INTERVAL=3;BYDAY=MO",
    )
    notes = forms.CharField(
        label="Notes", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args: Any,
        person: Person,
        places: Sequence[str],
        others: Sequence[WeekEntry],
        today: dt.date,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.others = others
        self.today = today
        self.members = {str(m.pk): m for m in person.circle.all()}
        place_field: Any = self.fields["place"]
        place_field.choices = [("", "Choose a place")] + [(p, p) for p in places]
        who_field: Any = self.fields["who"]
        who_field.choices = [
            (Company.ON_MY_OWN.value, "On my own"),
            (Company.PAID.value, "Paid support"),
        ] + [(f"member-{pk}", f"{m.name} ({m.relationship})") for pk, m in self.members.items()]

    @classmethod
    def initial_for(cls, entry: WeekEntry, version: int, places: Sequence[str]) -> dict[str, Any]:
        """What the form shows for a saved entry: its rule is turned back into the choices."""
        repeats, month_week, custom = "custom", "", entry.recurrence
        rule = entry.recurrence.strip().upper()
        day = RRULE_DAYS[entry.weekday]
        monthly = re.fullmatch(rf"FREQ=MONTHLY;BYDAY=(-1|[1-4]){day}", rule)
        if not rule:
            repeats, custom = "weekly", ""
        elif rule == f"FREQ=WEEKLY;INTERVAL=2;BYDAY={day}":
            repeats, custom = "fortnightly", ""
        elif monthly:
            repeats, month_week, custom = "monthly", monthly[1], ""
        if entry.company == Company.CIRCLE and entry.company_member_id:
            who = f"member-{entry.company_member_id}"
        else:
            who = entry.company
        known_place = entry.place in places
        return {
            "version": version,
            "weekday": entry.weekday,
            "starts_at": entry.starts_at,
            "ends_at": entry.ends_at,
            "overnight": entry.overnight,
            "what": entry.what,
            "place": entry.place if known_place else "",
            "new_place": "" if known_place else entry.place,
            "who": who,
            "support_ratio": entry.support_ratio,
            "support_kind": entry.support_kind,
            "shared_by": entry.shared_by,
            "fixed": "fixed" if entry.fixed else "flexible",
            "repeats": repeats,
            "month_week": month_week,
            "custom_rule": custom,
            "notes": entry.notes,
        }

    def clean_what(self) -> str:
        what: str = self.cleaned_data["what"]
        if is_vague(what):
            raise forms.ValidationError(VAGUE_MESSAGE, code="vague")
        return what

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and not data.get("overnight") and ends_at <= starts_at:
            self.add_error(
                "ends_at",
                "The end must be after the start (tick 'ends the next morning' for overnight)",
            )
        self._check_support(data)
        rule = self._rule(data)
        if rule is not None and starts_at and data.get("weekday") is not None:
            problem = rule_problem(
                rule, weekday=data["weekday"], starts_at=starts_at, today=self.today
            )
            if problem:
                self.add_error(
                    "custom_rule" if data.get("repeats") == "custom" else "repeats", problem
                )
        data["recurrence"] = rule or ""
        if not self.errors:
            self._check_clashes()
        return data

    def _check_support(self, data: dict[str, Any]) -> None:
        ratio, kind = data.get("support_ratio"), data.get("support_kind")
        if ratio and ratio != SupportRatio.NONE and not kind:
            self.add_error("support_kind", "Choose the kind of support needed")
        if ratio == SupportRatio.NONE and kind:
            self.add_error(
                "support_kind", "Leave the kind of support as 'None' when no paid support is needed"
            )
        if (
            ratio == SupportRatio.SHARED
            and not data.get("shared_by")
            and "shared_by" not in self.errors
        ):
            self.add_error("shared_by", "Shared support needs at least 2 people sharing")
        who = data.get("who", "")
        if ratio == SupportRatio.TWO_TO_ONE and who.startswith("member-"):
            member = self.members.get(who.removeprefix("member-"))
            name = member.name if member else "one person"
            self.add_error(
                "support_ratio",
                f"2:1 support needs two workers, but only {name} is with {self.person.called}: "
                "choose 'Paid support' under who is with them, or a different level of support",
            )

    def _rule(self, data: dict[str, Any]) -> str | None:
        """The iCalendar rule the repeat choices make: None for every week or if unknown."""
        repeats, weekday = data.get("repeats"), data.get("weekday")
        if repeats == "custom":
            custom = data.get("custom_rule", "")
            if not custom:
                self.add_error("custom_rule", "Write the repeat rule, or choose how often above")
                return None
            return str(custom).upper()
        if weekday is None:
            return None
        day = RRULE_DAYS[weekday]
        if repeats == "fortnightly":
            return f"FREQ=WEEKLY;INTERVAL=2;BYDAY={day}"
        if repeats == "monthly":
            if not data.get("month_week"):
                self.add_error("month_week", "Choose which one in the month")
                return None
            return f"FREQ=MONTHLY;BYDAY={data['month_week']}{day}"
        return None

    def entry_fields(self) -> dict[str, Any]:
        """The cleaned values as WeekEntry fields."""
        data = self.cleaned_data
        who: str = data["who"]
        member = (
            self.members.get(who.removeprefix("member-")) if who.startswith("member-") else None
        )
        shared = data["support_ratio"] == SupportRatio.SHARED
        return {
            "weekday": data["weekday"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "overnight": data["overnight"],
            "what": data["what"],
            "place": data["new_place"] or data["place"],
            "company": Company.CIRCLE if member else who,
            "company_member": member,
            "support_ratio": data["support_ratio"],
            "support_kind": data["support_kind"],
            "shared_by": data["shared_by"] if shared else None,
            "fixed": data["fixed"],
            "recurrence": data["recurrence"],
            "notes": data["notes"],
        }

    def _check_clashes(self) -> None:
        fields = self.entry_fields()
        span = _span(fields["weekday"], fields["starts_at"], fields["ends_at"], fields["overnight"])
        for other in self.others:
            if not overlaps(
                span, _span(other.weekday, other.starts_at, other.ends_at, other.overnight)
            ):
                continue
            supporter = needs_same_supporter(fields, other)
            if supporter:
                self.add_error(
                    "starts_at",
                    f"This overlaps with '{other.what}' on {DAY_NAMES[other.weekday]} "
                    f"({when_words(other)}), which needs the same supporter ({supporter}): "
                    "change the time or who supports",
                )
                return
