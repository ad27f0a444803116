"""Ranking the services that could meet a need, with the reasons in plain words.

THE SCORING RULE (the match page says the same in words; change both together):

1. Hard requirements decide who is a candidate at all. A service is left out when it
   - does not offer the right kind of support (the need's term, or a child or parent of it),
   - does not work at the need's time, when the time is fixed (a flexible need may move),
   - does not cover the need's district (its service areas, or within its travel radius of
     the supplier's base),
   - or the need is personal care and the supplier is not registered with the CQC.
   A need with no candidate is a gap.
2. Candidates are ordered by, in turn (each only breaks ties left by the one before):
   a. ready to start: places free now, and working at the need's time (two points, one each);
      a list topped by suppliers who are full, or not there at that time, helps nobody;
   b. fit with the person: how many of the things they asked for (skills, interests,
      languages, a worker of the gender they want, the ratio) the supplier offers;
   c. on the provider's preferred supplier list;
   d. quality: CQC Outstanding, Good, registered but not yet rated (or no CQC rating because
      none is needed), Requires improvement, Inadequate;
   e. price last ("quality, not lowest price"): within what is left for support a week
      before price unknown before over it, then the lower cost a week;
   f. then the nearer, then the supplier's name.
Nothing is hidden in a number: every candidate carries each check as a sentence, met or not.
The person's own choice overrides the order (services.record_choice).

Pure: no database access. ``facts.load_directory`` fills the Directory once; ``Ranker`` keeps
what many needs share (the services of a kind in an area, each service's quality sentence).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from directsupport.lib.money import format_pence

from ..models import CostUnit, CqcRating
from .facts import Directory, NeedFacts, Price, ServiceFacts
from .timing import Repeat, covers, merged, runs_in_same_weeks
from .words import (
    NO_PRICE,
    NOT_PREFERRED,
    PREFERRED,
    NeedWords,
    Reason,
    distance_text,
    lower_first,
    need_words,
    not_then,
    price_words,
)

QUALITY_POINTS = {
    CqcRating.OUTSTANDING: 4,
    CqcRating.GOOD: 3,
    CqcRating.NOT_YET_RATED: 2,
    CqcRating.REQUIRES_IMPROVEMENT: 1,
    CqcRating.INADEQUATE: 0,
}
NO_RATING_NEEDED = 2
WITHIN, NOT_CHECKED, OVER = 2, 1, 0


@dataclass(slots=True)
class Candidate:
    service: ServiceFacts
    reasons: tuple[Reason, ...]
    weekly_pence: int | None
    distance_km: float | None
    sort_key: tuple[Any, ...] = field(repr=False)

    @property
    def met(self) -> list[str]:
        return [reason.text for reason in self.reasons if reason.met]

    @property
    def unmet(self) -> list[str]:
        return [reason.text for reason in self.reasons if not reason.met]


@dataclass(frozen=True)
class Miss:
    """A service of the right kind that fails a hard requirement, and why."""

    service: ServiceFacts
    hard_stops: tuple[str, ...]


@dataclass(frozen=True)
class Ranking:
    need: NeedFacts
    candidates: list[Candidate]
    misses: list[Miss]

    @property
    def is_gap(self) -> bool:
        return not self.candidates

    def rank_of(self, service_id: int) -> int | None:
        for number, candidate in enumerate(self.candidates, start=1):
            if candidate.service.id == service_id:
                return number
        return None


class Ranker:
    """Ranks needs against one provider's directory, with one preferred list and one day.

    Keeps in memory what many needs share, so a borough's needs rank in one pass."""

    def __init__(
        self,
        directory: Directory,
        *,
        preferred_supplier_ids: frozenset[int],
        say_money_left: bool = True,
        index_times: bool = True,
    ) -> None:
        """``say_money_left`` False keeps the amount left for support out of the sentences
        (for a reader who may not see the person's money); the order is the same.
        ``index_times`` False checks each service's times directly: for one need, cheaper than
        building the directory's half-hour index (which pays back over many needs)."""
        self.directory = directory
        self.index_times = index_times
        self.preferred = preferred_supplier_ids
        self.say_money_left = say_money_left
        # What many needs share, worked out once: sentences and prices per service.
        self._quality: dict[int, tuple[int, Reason | None, Reason | None]] = {}
        self._kinds: dict[tuple[int, int], Reason] = {}
        self._areas: dict[tuple[int, int], tuple[bool, Reason, float]] = {}
        self._prices: dict[tuple[int, bool], tuple[Price | None, str]] = {}
        self._places: dict[int, Reason] = {}

    # --- the checks, each giving its sentence -------------------------------------------------

    def _kind_reason(self, need: NeedFacts, matched_term: int) -> Reason:
        key = (need.term_id, matched_term)
        if key not in self._kinds:
            self._kinds[key] = self._kind_words(need, matched_term)
        return self._kinds[key]

    def _kind_words(self, need: NeedFacts, matched_term: int) -> Reason:
        terms = self.directory.terms
        asked = terms[need.term_id].name
        if matched_term == need.term_id:
            return Reason(f"Offers {lower_first(asked)}", True)
        offered = terms[matched_term].name
        if terms[matched_term].parent_id == need.term_id:
            return Reason(f"Offers {lower_first(offered)}, a kind of {lower_first(asked)}", True)
        return Reason(f"Offers {lower_first(offered)}, which includes {lower_first(asked)}", True)

    def works_then(self, service: ServiceFacts, need: NeedFacts) -> bool:
        start, end = need.span
        return self.works_at(service, start, end, need.repeat)

    def works_at(self, service: ServiceFacts, start: int, end: int, repeat: Repeat) -> bool:
        """Whether the service works through the span of the week, in the weeks it happens."""
        if repeat.weeks == 1:  # weekly or occasional: only what runs every week is sure to be there
            return covers(service.times.weekly, start, end)
        groups = [
            blocks for runs, blocks in service.times.by_repeat if runs_in_same_weeks(runs, repeat)
        ]
        if not groups:
            return False
        if len(groups) == 1:
            return covers(groups[0], start, end)
        return covers(merged([block for group in groups for block in group]), start, end)

    def _area(
        self, service: ServiceFacts, need: NeedFacts, district_id: int
    ) -> tuple[bool, Reason, float]:
        key = (service.id, district_id)
        if key not in self._areas:
            self._areas[key] = self._area_words(service, district_id)
        return self._areas[key]

    def _area_words(self, service: ServiceFacts, district_id: int) -> tuple[bool, Reason, float]:
        place = self.directory.districts[district_id]
        km = service.base_district.km_to(place)
        away = distance_text(km)
        if district_id in service.area_district_ids:
            return True, Reason(f"Covers {place.code} ({away})", True), km
        radius = service.travel_radius_km
        if radius is not None and km <= radius:
            return (
                True,
                Reason(f"Travels to {place.code} ({away}, within its {radius} km)", True),
                km,
            )
        limit = f"; travels up to {radius} km" if radius is not None else ""
        return False, Reason(f"Does not cover {place.code} ({away}{limit})", False), km

    def _quality_of(self, service: ServiceFacts) -> tuple[int, Reason | None, Reason | None]:
        """(points, the CQC sentence, the accreditation sentence), once per service."""
        known = self._quality.get(service.id)
        if known is not None:
            return known
        cqc: Reason | None = None
        points = NO_RATING_NEEDED
        if service.cqc_registered:
            rating = service.cqc_rating or CqcRating.NOT_YET_RATED
            points = QUALITY_POINTS.get(CqcRating(rating), NO_RATING_NEEDED)
            if rating == CqcRating.NOT_YET_RATED:
                text = "CQC: registered, not yet rated"
            else:
                text = f"CQC: {CqcRating(rating).label}"
                if service.cqc_inspected_on:
                    text += f" (inspected {service.cqc_inspected_on:%B %Y})"
            cqc = Reason(text, points >= QUALITY_POINTS[CqcRating.NOT_YET_RATED])
        accredited = (
            Reason(f"Accredited: {service.accreditations}", True)
            if service.accreditations
            else None
        )
        self._quality[service.id] = (points, cqc, accredited)
        return self._quality[service.id]

    def _left_words(self, left: int | None) -> str:
        """How what is left is said after "within what is left", once per need."""
        if left is None or left <= 0:
            return ""
        return f" ({format_pence(left)} a week)" if self.say_money_left else " for support"

    def _price(
        self,
        service: ServiceFacts,
        need: NeedFacts,
        words: NeedWords,
        left: int | None,
        left_words: str,
    ) -> tuple[int, int | None, Reason]:
        """(tier, pence a week, sentence) for the price in force today."""
        key = (service.id, self.directory.terms[need.term_id].by_the_night)
        if key not in self._prices:
            chosen = _chosen_price(service.prices, by_the_night=key[1])
            self._prices[key] = (chosen, price_words(chosen) if chosen else "")
        price, said = self._prices[key]
        if price is None:
            return NOT_CHECKED, None, NO_PRICE
        if price.unit == CostUnit.FREE:
            return WITHIN, 0, Reason(said, True)
        weekly = _weekly_pence(price, need, words)
        if weekly is None:
            return NOT_CHECKED, None, Reason(f"{said}: the hours are not known yet", False)
        if weekly != price.amount_pence:
            said += f" ({format_pence(weekly)} a week)"
        if left is None:
            return (
                NOT_CHECKED,
                weekly,
                Reason(f"{said}: what is left for support is not known", False),
            )
        if left <= 0:
            return OVER, weekly, Reason(f"{said}: nothing is left for support", False)
        if weekly <= left:
            return WITHIN, weekly, Reason(f"{said}: within what is left{left_words}", True)
        return OVER, weekly, Reason(f"{said}: more than what is left{left_words}", False)

    def _places_reason(self, service: ServiceFacts) -> Reason:
        if service.id not in self._places:
            places = service.places_free
            self._places[service.id] = (
                Reason(f"{places} place{'s' if places != 1 else ''} free now", True)
                if places > 0
                else Reason("No places free now", False)
            )
        return self._places[service.id]

    # --- ranking ----------------------------------------------------------------------------

    def hard_stops(self, service: ServiceFacts, need: NeedFacts, words: NeedWords) -> list[str]:
        """Why a service of the right kind cannot meet the need (empty when it can)."""
        stops: list[str] = []
        if need.timed and need.fixed and not self.works_then(service, need):
            stops.append(not_then(service, need, words))
        if need.district_id is not None:
            covered, reason, _ = self._area(service, need, need.district_id)
            if not covered:
                stops.append(reason.text)
        if self.directory.terms[need.term_id].regulated and not service.cqc_registered:
            stops.append(
                "Not registered with the CQC, and personal care must come from a registered "
                "supplier"
            )
        return stops

    def _checked_for_time(
        self, need: NeedFacts, *, say_if_works: bool = True
    ) -> list[tuple[ServiceFacts, int, bool]]:
        """The services of the right kind in the area that a need's time allows, each with
        whether it works then: for a fixed need only those that do (the hard requirement),
        for a flexible need all of them (``say_if_works`` False skips asking, for counting).
        A weekly need starting on the half hour asks the directory's index of who works at
        that moment, so it never checks the rest one by one."""
        everyone = self.directory.of_kind_in_area(need.term_id, need.district_id)
        if not need.timed or not (need.fixed or say_if_works):
            return [(service, matched, False) for service, matched in everyone]
        start, end = need.span
        repeat = need.repeat
        on_the_half_hour = self.index_times and start % 30 == 0
        if on_the_half_hour and repeat.weeks == 1:
            at = self.directory.working_at(need.term_id, need.district_id, start)
            if need.fixed:
                return [(service, matched, True) for service, matched, until in at if end <= until]
            working = {service.id for service, _, until in at if end <= until}
            return [(service, matched, service.id in working) for service, matched in everyone]
        checked: Iterable[tuple[ServiceFacts, int]] = everyone
        if need.fixed and on_the_half_hour:  # every few weeks: the index, and those it lacks
            found = {
                service.id: (service, matched)
                for service, matched, _ in self.directory.working_at(
                    need.term_id, need.district_id, start
                )
            }
            for service, matched in self.directory.working_every_few_weeks(
                need.term_id, need.district_id
            ):
                found.setdefault(service.id, (service, matched))
            checked = found.values()
        rows = [(s, m, self.works_at(s, start, end, repeat)) for s, m in checked]
        return [row for row in rows if row[2]] if need.fixed else rows

    def candidate_count(self, need: NeedFacts) -> int:
        """How many services pass the hard requirements (0: the need is a gap): the ranked
        list's length, without its sentences."""
        checked = self._checked_for_time(need, say_if_works=False)
        if not self.directory.terms[need.term_id].regulated:
            return len(checked)
        return sum(1 for service, _, _ in checked if service.cqc_registered)

    def rank(
        self, need: NeedFacts, *, pence_left_a_week: int | None, explain_misses: bool = False
    ) -> Ranking:
        words = need_words(need)
        regulated = self.directory.terms[need.term_id].regulated
        no_area = (
            Reason("No area is given for this need: check they can reach it", False)
            if need.district_id is None
            else None
        )
        timed = need.timed
        works = Reason(words.works, True)
        can_move = Reason(words.time_can_move, False)
        left_words = self._left_words(pence_left_a_week)
        candidates: list[Candidate] = []
        for service, matched_term, works_then in self._checked_for_time(need):
            if regulated and not service.cqc_registered:
                continue
            reasons = [self._kind_reason(need, matched_term)]
            ready = 0
            if timed:
                if works_then:
                    reasons.append(works)
                    ready += 1
                else:
                    reasons.append(can_move)
            distance = None
            if need.district_id is not None:
                _, area_reason, distance = self._area(service, need, need.district_id)
                reasons.append(area_reason)
            elif no_area is not None:
                reasons.append(no_area)
            tier, weekly, price_reason = self._price(
                service, need, words, pence_left_a_week, left_words
            )
            reasons.append(price_reason)
            preferred = service.supplier_id in self.preferred
            reasons.append(PREFERRED if preferred else NOT_PREFERRED)
            quality, cqc, accredited = self._quality_of(service)
            if cqc is not None:
                reasons.append(cqc)
            reasons.append(self._places_reason(service))
            ready += service.places_free > 0
            fit = 0
            for kind, wanted, met_text, unmet_text in words.wanted:
                offered = _offers(service, kind, wanted)
                fit += offered
                reasons.append(Reason(met_text if offered else unmet_text, offered))
            if words.ratio is not None and service.ratios:
                ratio, met_text, unmet_text = words.ratio
                offered = ratio in service.ratios
                fit += offered
                reasons.append(Reason(met_text if offered else unmet_text, offered))
            if accredited is not None:
                reasons.append(accredited)
            candidates.append(
                Candidate(
                    service=service,
                    reasons=tuple(reasons),
                    weekly_pence=weekly,
                    distance_km=distance,
                    sort_key=(
                        -ready,
                        -fit,
                        -preferred,
                        -quality,
                        -tier,
                        weekly if weekly is not None else float("inf"),
                        distance or 0.0,
                        service.supplier_name.lower(),
                        service.id,
                    ),
                )
            )
        candidates.sort(key=lambda candidate: candidate.sort_key)
        misses = self._misses(need, words, candidates) if explain_misses else []
        return Ranking(need=need, candidates=candidates, misses=misses)

    def _misses(self, need: NeedFacts, words: NeedWords, candidates: list[Candidate]) -> list[Miss]:
        chosen = {candidate.service.id for candidate in candidates}
        misses = [
            Miss(service, tuple(self.hard_stops(service, need, words)))
            for service, _ in self.directory.of_kind(need.term_id)
            if service.id not in chosen
        ]
        return sorted(
            (miss for miss in misses if miss.hard_stops),
            key=lambda miss: (len(miss.hard_stops), miss.service.supplier_name.lower()),
        )


def _offers(service: ServiceFacts, kind: str, wanted: str) -> bool:
    if kind == "skill":
        return wanted in service.skills
    if kind == "interest":
        return wanted in service.interests
    if kind == "language":
        return wanted in service.languages
    return wanted in service.worker_genders


def _chosen_price(prices: tuple[Price, ...], *, by_the_night: bool) -> Price | None:
    """The price in force today that fits the need, chosen as the person's support page prices
    a chosen supplier (needs.money.current_cost_option), so the two never disagree: by the night
    for sleep-ins and waking nights, else by the hour, then the session, the night, free; the
    cheapest of the first unit that has one."""
    order = (
        (CostUnit.NIGHT, CostUnit.HOUR, CostUnit.SESSION, CostUnit.FREE)
        if by_the_night
        else (CostUnit.HOUR, CostUnit.SESSION, CostUnit.NIGHT, CostUnit.FREE)
    )
    for unit in order:
        fitting = [price for price in prices if price.unit == unit]
        if fitting:
            return min(fitting, key=lambda price: price.amount_pence)
    return None


def _weekly_pence(price: Price, need: NeedFacts, words: NeedWords) -> int | None:
    """What the need would cost a typical week at this price: by the hour, the need's support
    hours (workers times hours, shared among the people sharing, as the Perfect Week counts
    them); by the session or the night, once each time it happens. Whole-number arithmetic,
    rounded half up once."""
    if price.unit == CostUnit.FREE:
        return 0
    if price.unit == CostUnit.HOUR:
        if words.minutes is None:
            return None
        top, bottom = price.amount_pence * words.minutes.numerator, 60 * words.minutes.denominator
    else:
        times, per = need.repeat.a_week
        top, bottom = price.amount_pence * times, per
    return (2 * top + bottom) // (2 * bottom)


def rank_need(
    need: NeedFacts,
    directory: Directory,
    *,
    pence_left_a_week: int | None,
    preferred_supplier_ids: frozenset[int],
    explain_misses: bool = False,
    say_money_left: bool = True,
) -> Ranking:
    """One need's ranking (see the scoring rule at the top of this module)."""
    ranker = Ranker(
        directory,
        preferred_supplier_ids=preferred_supplier_ids,
        say_money_left=say_money_left,
        index_times=False,
    )
    return ranker.rank(need, pence_left_a_week=pence_left_a_week, explain_misses=explain_misses)
