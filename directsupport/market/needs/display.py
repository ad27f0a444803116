"""A need in words and pictures, for the support page, its easy read version and the panel on the
person's own page. Times and repeats are put into words by the week's own display functions."""

from __future__ import annotations

from dataclasses import dataclass

from directsupport.lib.money import format_pence
from directsupport.people.models import Person
from directsupport.week.display import DAY_NAMES, repeat_words, time_words
from directsupport.week.models import SupportRatio

from ..models import Commissioning, NeedSource, NeedStatus, Service, SupportNeed, WorkerGender
from .money import Period, SupportMoney, chosen_service
from .where import Home, names_district, where_problem

# A picture beside each way of arranging support, and the words the person reads.
COMMISSIONING_EASY: dict[str, tuple[str, str]] = {
    Commissioning.PROVIDER: ("building-office", "My provider does it. It is paid from my money."),
    Commissioning.OTHER_SUPPLIER: (
        "building-storefront",
        "Another organisation does it. It is paid from my money.",
    ),
    Commissioning.DIRECT_PAYMENT: (
        "banknotes",
        "I get the money myself. This is a direct payment.",
    ),
    Commissioning.OWN_PA: ("user", "I employ my own personal assistant."),
    Commissioning.FREE_COMMUNITY: ("home-modern", "I go to something free near me."),
    Commissioning.JOINT: ("user-group", "I share it with other people."),
}
STATUS_TAGS: dict[str, str] = {
    NeedStatus.OPEN: "tag--warn",
    NeedStatus.CHOSEN: "",
    NeedStatus.MET: "",
    NeedStatus.WITHDRAWN: "tag--grey",
}
FIELD_LABELS = {
    "what": "what it is for",
    "term": "kind of support",
    "fixed": "fixed or flexible",
    "wanted_skills": "skills",
    "wanted_interests": "interests",
    "wanted_languages": "languages",
    "wanted_gender": "workers' gender",
    "wanted_personality": "personality",
    "notes": "notes",
    "status": "still needed",
    "weekday": "day",
    "starts_at": "start",
    "ends_at": "end",
    "overnight": "overnight",
    "place": "place",
    "ratio": "ratio",
    "shared_by": "people sharing",
}


def ratio_words(ratio: str, shared_by: int | None) -> str:
    if ratio == SupportRatio.TWO_TO_ONE:
        return "2:1 (two workers)"
    if ratio == SupportRatio.SHARED:
        return f"Shared (one worker for {shared_by or 'several'} people)"
    if ratio == SupportRatio.ONE_TO_ONE:
        return "1:1 (one worker)"
    return "Not said"


def when_words(need: SupportNeed) -> str:
    """ "Thursday, 7pm to 9pm, every other Thursday from 3 December 2026", or why there is no
    time yet."""
    if need.weekday is None or need.starts_at is None or need.ends_at is None:
        return "No day or time yet"
    end = time_words(need.ends_at) + (" next day" if need.overnight else "")
    first = need.week_entry.repeats_from if need.week_entry_id and need.week_entry else None
    repeats = repeat_words(need.recurrence, first)
    repeats = repeats[:1].lower() + repeats[1:]
    return f"{DAY_NAMES[need.weekday]}, {time_words(need.starts_at)} to {end}; {repeats}"


def where_words(need: SupportNeed) -> str:
    """ "Hollowfield Lido, HF4 1AA (district HF4)"; a place that names no district is taken to
    be near home: "Community hall (near home, HF3)"; no place: "Near home (HF3)"."""
    place = need.place.strip()
    if need.district is None:
        return place or "No place given"
    code = need.district.code
    if not place:
        return f"Near home ({code})"
    if names_district(place, code):
        return f"{place} (district {code})"
    return f"{place} (near home, {code})"


def source_words(need: SupportNeed) -> str:
    if need.source == NeedSource.WEEK:
        return "From the Perfect Week" if need.week_entry_id else "Was in the Perfect Week"
    if need.source == NeedSource.OUTCOME:
        return f"From the outcome “{need.outcome.text}”" if need.outcome else "From an outcome"
    return "Added with the person"


def said_words(need: SupportNeed, person: Person) -> str:
    """Who said how it should be arranged: the person themselves, or someone for them."""
    if not need.commissioning:
        return ""
    said = need.commissioning_said_by
    own_names = {person.display_name, person.called, f"{person.first_name} {person.last_name}"}
    who = f"{person.called} said so" if said in own_names else f"Said for {person.called} by {said}"
    recorder = need.commissioning_recorded_by
    when = need.commissioning_recorded_at
    by = f", recorded by {recorder.full_name}" if recorder and said != recorder.full_name else ""
    return f"{who}{by} on {when:%-d %B %Y}" if when else who


@dataclass(frozen=True)
class NeedRow:
    need: SupportNeed
    when: str
    ratio: str
    where: str
    where_problem: str
    source: str
    said: str
    supplier: Service | None
    refined: str
    status_tag: str
    status_label: str

    @property
    def wanted(self) -> list[tuple[str, str]]:
        need = self.need
        rows = [
            ("Skills", "; ".join(need.wanted_skills)),
            ("Personality", need.wanted_personality),
            ("Shared interests", "; ".join(need.wanted_interests)),
            ("Languages", "; ".join(need.wanted_languages)),
            ("Workers", WorkerGender(need.wanted_gender).label if need.wanted_gender else ""),
        ]
        return [(label, value) for label, value in rows if value]


def need_row(need: SupportNeed, person: Person, home: Home) -> NeedRow:
    problem = "" if need.district is not None else where_problem(need.place, home) or "Not known"
    refined = ", ".join(FIELD_LABELS.get(name, name) for name in need.refined_fields)
    return NeedRow(
        need=need,
        when=when_words(need),
        ratio=ratio_words(need.ratio, need.shared_by),
        where=where_words(need),
        where_problem=problem,
        source=source_words(need),
        said=said_words(need, person),
        supplier=chosen_service(need),
        refined=refined,
        status_tag=STATUS_TAGS.get(need.status, "") if need.looking_for_support else "",
        status_label=(
            f"{person.organisation.name} provides it"
            if need.status == NeedStatus.OPEN and not need.looking_for_support
            else need.get_status_display()
        ),
    )


# --- Easy read --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Idea:
    icon: str
    sentences: tuple[str, ...]


def _per(pence: int, period: str) -> str:
    return f"{format_pence(pence)} a {period}"


def money_ideas(money: SupportMoney, *, shows_money: bool) -> list[Idea]:
    """Short sentences about the week and the money, a picture beside each, in the person's
    voice ("Your week costs £620.77 a week.")."""
    weekly: Period = money.weekly
    ideas: list[Idea] = []
    if weekly.week_cost_pence is not None:
        ideas.append(
            Idea("calendar-days", (f"Your week costs {_per(weekly.week_cost_pence, 'week')}.",))
        )
    else:
        ideas.append(Idea("calendar-days", ("We cannot say what your week costs yet.",)))
    if not shows_money:
        return ideas
    left = weekly.left_for_support_pence
    if left is None:
        ideas.append(
            Idea(
                "document-check",
                (
                    "You do not have a money agreement yet.",
                    "So we cannot say if your money is enough.",
                ),
            )
        )
        return ideas
    ideas.append(Idea("banknotes", (f"Your money for support is {_per(left, 'week')}.",)))
    surplus = weekly.surplus_pence
    if surplus is None:
        return ideas
    yearly_surplus = money.yearly.surplus_pence or 0
    if surplus < 0:
        short = [f"That is {_per(-surplus, 'week')} short."]
        if yearly_surplus < 0:
            short.append(f"In a year that is {format_pence(-yearly_surplus)} short.")
        short.append("Your coordinator will talk with you about it.")
        ideas.append(Idea("exclamation-triangle", tuple(short)))
    elif surplus > 0:
        ideas.append(Idea("check-circle", (f"That leaves {_per(surplus, 'week')} spare.",)))
    else:
        ideas.append(Idea("check-circle", ("Your money is just right for your week.",)))
    return ideas


def need_sentences(row: NeedRow) -> list[str]:
    need = row.need
    what = need.what.rstrip(".")
    if need.weekday is not None and need.starts_at is not None:
        day, at = DAY_NAMES[need.weekday], time_words(need.starts_at)
        repeats = repeat_words(need.recurrence)
        if not need.recurrence.strip():
            first = f"On {day}s at {at}: {what}."
        elif repeats.startswith("Repeats:"):
            first = f"On some {day}s at {at}: {what}."
        else:
            first = f"{repeats} at {at}: {what}."
    else:
        first = f"{what}."
    sentences = [first]
    if need.ratio == SupportRatio.TWO_TO_ONE:
        sentences.append("You need 2 workers with you.")
    elif need.ratio == SupportRatio.SHARED:
        sentences.append("You share a worker with other people.")
    elif need.ratio == SupportRatio.ONE_TO_ONE:
        sentences.append("You need 1 worker with you.")
    if row.supplier is not None:
        sentences.append(f"You chose {row.supplier.supplier.name}.")
    return sentences
