"""The sentences of the ranking: each check said in plain words, met or not. Kept apart from the
ranking rule (ranking.py) so the words can be read and changed in one place."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

from directsupport.lib.money import format_pence

from ..models import CostUnit, WorkerGender
from .facts import NeedFacts, Price, ServiceFacts
from .timing import DAY, DAY_NAMES, span_clock_text, when_text

GENDER_WORDS = {
    WorkerGender.WOMEN: "woman worker",
    WorkerGender.MEN: "man worker",
    WorkerGender.NON_BINARY: "non-binary worker",
}
RATIO_WORDS = {"two_to_one": "2:1 support", "shared": "shared support", "one_to_one": "1:1 support"}
UNIT_WORDS = {CostUnit.HOUR: "an hour", CostUnit.SESSION: "a session", CostUnit.NIGHT: "a night"}


class Reason(NamedTuple):
    """One check, in words, and whether the service meets it."""

    text: str
    met: bool


PREFERRED = Reason("On the preferred list", True)
NOT_PREFERRED = Reason("Not on the preferred list", False)
NO_PRICE = Reason("No price given: ask the supplier", False)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def days_text(days: tuple[int, ...]) -> str:
    names = [f"{DAY_NAMES[day]}s" for day in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def distance_text(km: float) -> str:
    if km < 0.5:
        return "less than 1 km away"
    return f"about {max(1, round(km))} km away"


def price_words(price: Price) -> str:
    if price.unit == CostUnit.FREE:
        return "Free"
    return f"{format_pence(price.amount_pence)} {UNIT_WORDS[CostUnit(price.unit)]}"


@dataclass(frozen=True)
class NeedWords:
    """The sentences that are the same for every service checked against one need."""

    works: str
    does_not_work: str
    time_can_move: str
    wanted: tuple[tuple[str, str, str, str], ...]  # (kind, wanted lower, met text, unmet text)
    ratio: tuple[str, str, str] | None  # (ratio, met text, unmet text)
    minutes: Fraction | None


def need_words(need: NeedFacts) -> NeedWords:
    when = ""
    if need.weekday is not None and need.starts_at is not None and need.ends_at is not None:
        when = when_text(need.weekday, need.starts_at, need.ends_at, need.overnight, need.repeat)
    wanted: list[tuple[str, str, str, str]] = []
    for skill in need.wanted_skills:
        wanted.append(
            (
                "skill",
                skill.lower(),
                f"Has a skill asked for: {skill}",
                f"Not among their listed skills: “{skill}”",
            )
        )
    for interest in need.wanted_interests:
        wanted.append(
            (
                "interest",
                interest.lower(),
                f"Shares an interest: {interest}",
                f"Not among their listed interests: “{interest}”",
            )
        )
    for language in need.wanted_languages:
        wanted.append(
            (
                "language",
                language.lower(),
                f"Workers speak {language}",
                f"No {language}-speaking worker listed",
            )
        )
    if need.wanted_gender in GENDER_WORDS:
        words = GENDER_WORDS[WorkerGender(need.wanted_gender)]
        article = "An" if words[0] in "aeiou" else "A"
        wanted.append(
            ("gender", need.wanted_gender, f"{article} {words} available", f"No {words} available")
        )
    ratio = None
    if need.ratio in ("two_to_one", "shared"):
        words = RATIO_WORDS[need.ratio]
        ratio = (need.ratio, f"Offers {words}", f"Does not offer {words}")
    # Support minutes a week: the need's own figure (the week's rules worked it out, workers
    # and sharing included), or from its times when it has none.
    minutes: Fraction | None = None
    if need.minutes_a_week:
        minutes = Fraction(need.minutes_a_week)
    elif need.timed:
        start, end = need.span
        times, per = need.repeat.a_week
        workers = Fraction(2 if need.ratio == "two_to_one" else 1)
        if need.ratio == "shared" and need.shared_by and need.shared_by >= 2:
            workers /= need.shared_by
        minutes = Fraction((end - start) * times, per) * workers
    return NeedWords(
        works=f"Works {when}",
        does_not_work=f"Does not work {when}",
        time_can_move=f"Does not work {when}, but the time can move",
        wanted=tuple(wanted),
        ratio=ratio,
        minutes=minutes,
    )


def not_then(service: ServiceFacts, need: NeedFacts, words: NeedWords) -> str:
    if not service.times.days:
        return f"{words.does_not_work}: it has not said when it works"
    that_day = [
        span_clock_text(start, end) + (f" every {weeks_words(weeks)}" if weeks > 1 else "")
        for start, end, weeks in sorted(service.times.spans)
        if start // DAY == need.weekday
    ]
    if that_day and need.weekday is not None:
        day = DAY_NAMES[need.weekday]
        return f"{words.does_not_work} (it works {day}s {', '.join(that_day)})"
    return f"{words.does_not_work} (it works {days_text(service.times.days)})"


def weeks_words(weeks: int) -> str:
    return "other week" if weeks == 2 else f"{weeks} weeks"
