"""The form for one entry in a week: when, what, where, who, the support it needs, how it repeats
and, for anything that does not happen every week, the first date it happens.

Every check says what to do next, beside the field it is about, and keeps what was typed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from dateutil.relativedelta import relativedelta
from django import forms

from directsupport.lib.forms import IfNeededDateInput
from directsupport.people.forms import DATE_INPUT_FORMATS
from directsupport.people.models import Person

from .clashes import first_clash
from .display import DAY_NAMES, ORDINALS, RRULE_DAYS, when_words
from .models import (
    Company,
    SupportKind,
    SupportRatio,
    Weekday,
    WeekEntry,
    rule_needs_first_date,
)
from .pricing import (
    BadRecurrence,
    EntryFacts,
    facts_from,
    next_occurrence,
    occurrence_dates,
    occurrences_between,
    plan_year_start,
)

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
FIRST_DATE_MESSAGE = (
    "Enter the first date it happens, for example 3/12/2026: it says which weeks it is on"
)
# How far back a first date may go: anything that has happened for longer can give any recent
# day it happened (the days after it are the same).
FIRST_DATE_YEARS_BACK = 10
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
    facts = _facts(rule, weekday=weekday, starts_at=starts_at, first=None)
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


def first_date_problem(
    first: dt.date,
    *,
    rule: str | None,
    weekday: int | None,
    starts_at: dt.time | None,
    today: dt.date,
) -> str | None:
    """Why ``first`` cannot be the first date of an entry on ``weekday`` repeating by ``rule``,
    or None if it can. Without a usable rule (or time) only the date itself is checked."""
    earliest = today - relativedelta(years=FIRST_DATE_YEARS_BACK)
    if not earliest <= first <= today + relativedelta(years=1):
        return (
            "Enter a first date in the last ten years or the coming year: if it has happened "
            "for longer, any recent day it happened will do"
        )
    if weekday is not None and first.weekday() != weekday:
        return (
            f"{first:%-d %B %Y} is a {DAY_NAMES[first.weekday()]}, but the entry is on "
            f"{DAY_NAMES[weekday]}: enter a {DAY_NAMES[weekday]}"
        )
    if rule is None or weekday is None or starts_at is None:
        return None
    facts = _facts(rule, weekday=weekday, starts_at=starts_at, first=first)
    if not occurrences_between(facts, first, first):
        after = next_occurrence(facts, first)
        next_one = f": the next one after it is {after:%-d %B %Y}" if after else ""
        return f"{first:%-d %B %Y} is not one of the days it repeats on{next_one}"
    if next_occurrence(facts, today) is None:
        return f"Counted from {first:%-d %B %Y}, this repeat rule has no dates left: check both"
    return None


def _facts(rule: str, *, weekday: int, starts_at: dt.time, first: dt.date | None) -> EntryFacts:
    return EntryFacts(
        id=None,
        weekday=weekday,
        starts_at=starts_at,
        ends_at=starts_at,
        overnight=False,
        support_ratio=SupportRatio.NONE,
        support_kind="",
        shared_by=None,
        recurrence=rule,
        repeats_from=first,
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


class FirstDateField(forms.DateField):
    """The first date of a repeating entry: needed only for some ways of repeating, which the
    form's clean() checks. Marked required so its label does not say "(optional)", but an empty
    answer passes here; its IfNeededDateInput keeps the browser from insisting too."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=True, **kwargs)

    def validate(self, value: Any) -> None:
        """No check for emptiness here: that depends on how it repeats."""


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
    starts_at = TimeOfDayField(
        label="Starts at",
        help_text="24-hour clock, like 09:30",
        error_messages={"required": "Enter the time it starts, like 09:30"},
    )
    ends_at = TimeOfDayField(
        label="Ends at",
        help_text="24-hour clock, like 17:45",
        error_messages={"required": "Enter the time it ends, like 17:45"},
    )
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
    repeats_from = FirstDateField(
        label="First date",
        help_text="The first day it happens, for example 3/12/2026. Needed for every other "
        "week, so it is on the right weeks; not needed for every week.",
        input_formats=DATE_INPUT_FORMATS,
        widget=IfNeededDateInput(),
        error_messages={"invalid": "Enter a real date, for example 3/12/2026"},
    )
    notes = forms.CharField(
        label="Notes",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": "Notes must be 1,000 characters or fewer (they have %(show_value)d)."
        },
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
            "repeats_from": entry.repeats_from,
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
        data["recurrence"] = rule or ""
        data["repeats_from"] = self._check_repeats(data, rule)
        if not self.errors:
            self._check_clashes()
        return data

    def _check_repeats(self, data: dict[str, Any], rule: str | None) -> dt.date | None:
        """Checks the rule and the first date together, and returns the first date to keep:
        none for every week, where it says nothing (so a date left in the field is let go)."""
        if data.get("repeats") == "weekly":
            self.errors.pop("repeats_from", None)
            return None
        first: dt.date | None = data.get("repeats_from")
        weekday, starts_at = data.get("weekday"), data.get("starts_at")
        usable_rule = None
        if rule is not None and starts_at and weekday is not None:
            problem = rule_problem(rule, weekday=weekday, starts_at=starts_at, today=self.today)
            if problem:
                self.add_error("custom_rule" if data["repeats"] == "custom" else "repeats", problem)
            else:
                usable_rule = rule
        if first is not None:
            problem = first_date_problem(
                first, rule=usable_rule, weekday=weekday, starts_at=starts_at, today=self.today
            )
            if problem:
                self.add_error("repeats_from", problem)
        elif rule is not None and rule_needs_first_date(rule) and "repeats_from" not in self.errors:
            self.add_error("repeats_from", FIRST_DATE_MESSAGE)
        return first

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
            "repeats_from": data["repeats_from"] if data["recurrence"] else None,
            "notes": data["notes"],
        }

    def _check_clashes(self) -> None:
        """Refuses an entry that needs the same supporter as another at the same time, on the
        dates both really happen (``clashes.first_clash``)."""
        fields = self.entry_fields()
        mine = EntryFacts(
            id=None,
            weekday=fields["weekday"],
            starts_at=fields["starts_at"],
            ends_at=fields["ends_at"],
            overnight=fields["overnight"],
            support_ratio=fields["support_ratio"],
            support_kind=fields["support_kind"],
            shared_by=fields["shared_by"],
            recurrence=fields["recurrence"],
            repeats_from=fields["repeats_from"],
        )
        for other in self.others:
            supporter = needs_same_supporter(fields, other)
            if not supporter:
                continue
            try:
                meets = first_clash(mine, facts_from(other), today=self.today)
            except BadRecurrence:
                continue  # a saved rule that cannot be read has no dates to clash on
            if meets is None:
                continue
            day = DAY_NAMES[meets.weekday()]
            every_week = not (mine.recurrence or other.recurrence.strip())
            on = day if every_week else f"{day} {meets:%-d %B %Y}"
            self.add_error(
                "starts_at",
                f"This overlaps with '{other.what}' on {on} ({when_words(other)}), which needs "
                f"the same supporter ({supporter}): change the time or who supports",
            )
            return
