"""Pricing a week against a rate card: hours of support and their cost, weekly and yearly.

Pure functions over plain facts (``EntryFacts``, ``CardFacts``), so a week can be priced
without the database, a snapshot can be re-read years later, and the rules below are tested by
hand-worked examples. Money is integer pence; nothing here uses floats.

The rules (the product's stated rounding rules):

- An entry costs nothing, and has no support minutes, unless it needs paid support
  (``support_ratio`` is not "none") and says which kind (``support_kind``).
- Workers: 1:1 is one worker, 2:1 two; shared is one worker split between ``shared_by`` people,
  and the person pays 1/``shared_by`` of it. The person's support time is the duration x workers
  for 1:1 and 2:1, and the duration for shared support (the time they have support).
  Cost = rate x duration x workers / shared_by.
- Sleep-in: a fixed ``sleep_in_pence`` per night x workers / shared_by, whatever the duration;
  its time still counts as support time.
- Anything else: the occurrence [start, end) — ending the next day when overnight — is split at
  midnight and at the band boundaries, and each piece is priced by its band: a bank holiday date
  (England and Wales) is bank holiday; otherwise from ``night_starts`` to midnight and from
  midnight to ``day_starts`` is night; otherwise Saturday and Sunday are weekend; otherwise from
  ``evening_starts`` is evening; otherwise day. The rate is the card's pence per worker-hour for
  that kind and band; a card without it is an error (``MissingRate``), never a guess.
  Bank holidays are the dates the ``holidays`` package lists for England and Wales: Christmas
  Day and Boxing Day count on their own dates even at a weekend, and so do the Monday and
  Tuesday bank holidays given instead.
  Times are wall-clock times, so clocks changing does not change a shift's length.
- Exact arithmetic until one rounding per occurrence: the cost of one occurrence is the sum over
  its pieces of minutes x pence per hour x workers / (60 x shared_by), as a Fraction, rounded
  half up to whole pence.
- The plan year is 52 weeks (364 days) from ``year_start`` (a Monday). An entry happens on the
  dates ``occurrences_between`` gives in the plan year: every week on its weekday, or, with an
  iCalendar RRULE, the dates the rule gives counted from the entry's own first date
  (``repeats_from``), so "every other Thursday" is the same Thursdays whatever the plan year;
  nothing happens before an entry's first date. Yearly cost is the sum of each occurrence's
  rounded cost on its real date, so bank holidays count; yearly minutes likewise.
- The weekly figure is a typical week: the cost of an ordinary (non-bank-holiday) occurrence on
  the entry's weekday x occurrences per year / 52, rounded half up once per entry; weekly minutes
  likewise. The week's totals are sums of its entries' figures, so the weekly cost is exactly the
  sum of the entries and never depends on their order; ``by_kind`` sums them per kind of support.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from itertools import pairwise
from typing import Any

import holidays
from dateutil.rrule import rrule, rrulestr
from django.db.models import QuerySet, Subquery
from django.utils import timezone

from .models import Rate, RateCard, SupportKind, SupportRatio, TimeBand, WeekEntry

PLAN_YEAR_DAYS = 364
WEEKS_PER_YEAR = 52
# Sleep-ins are a fixed amount a night, so a card has hourly rates for every other kind.
HOURLY_KINDS: tuple[str, ...] = tuple(k.value for k in SupportKind if k != SupportKind.SLEEP_IN)
BANDS: tuple[str, ...] = tuple(b.value for b in TimeBand)
_WITHIN_A_DAY = re.compile(r"FREQ\s*=\s*(HOURLY|MINUTELY|SECONDLY)", re.IGNORECASE)
_WORKERS = {SupportRatio.ONE_TO_ONE: 1, SupportRatio.TWO_TO_ONE: 2, SupportRatio.SHARED: 1}


class MissingRate(ValueError):
    """The rate card has no rate for a kind of support in a band that an entry needs."""


class BadRecurrence(ValueError):
    """An entry's recurrence rule cannot be read, or repeats more than once a day."""


# --- The facts priced --------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryFacts:
    """What pricing needs to know about one week entry."""

    id: int | None
    weekday: int
    starts_at: dt.time
    ends_at: dt.time
    overnight: bool
    support_ratio: str
    support_kind: str
    shared_by: int | None
    recurrence: str = ""
    repeats_from: dt.date | None = None


def facts_from(entry: WeekEntry) -> EntryFacts:
    return EntryFacts(
        id=entry.pk,
        weekday=entry.weekday,
        starts_at=entry.starts_at,
        ends_at=entry.ends_at,
        overnight=entry.overnight,
        support_ratio=entry.support_ratio,
        support_kind=entry.support_kind,
        shared_by=entry.shared_by,
        recurrence=entry.recurrence,
        repeats_from=entry.repeats_from,
    )


@dataclass(frozen=True)
class CardFacts:
    """A rate card's bands and rates: ``hourly[(support_kind, band)]`` is pence per worker-hour."""

    id: int | None
    effective_from: dt.date
    day_starts: dt.time
    evening_starts: dt.time
    night_starts: dt.time
    sleep_in_pence: int
    # Left out of the hash (a dict has none) but not out of equality, so a card can be a key of
    # price_entry's memory: two cards with the same hash still differ by their rates.
    hourly: Mapping[tuple[str, str], int] = field(default_factory=dict, hash=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "effective_from": self.effective_from.isoformat(),
            "day_starts": f"{self.day_starts:%H:%M}",
            "evening_starts": f"{self.evening_starts:%H:%M}",
            "night_starts": f"{self.night_starts:%H:%M}",
            "sleep_in_pence": self.sleep_in_pence,
            "hourly": [[kind, band, pence] for (kind, band), pence in sorted(self.hourly.items())],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CardFacts:
        return cls(
            id=data["id"],
            effective_from=dt.date.fromisoformat(data["effective_from"]),
            day_starts=dt.time.fromisoformat(data["day_starts"]),
            evening_starts=dt.time.fromisoformat(data["evening_starts"]),
            night_starts=dt.time.fromisoformat(data["night_starts"]),
            sleep_in_pence=int(data["sleep_in_pence"]),
            hourly={(kind, band): int(pence) for kind, band, pence in data["hourly"]},
        )


def _clock(value: dt.time | str) -> dt.time:
    # A card made with the model's default band times holds them as "07:00" until reloaded.
    return value if isinstance(value, dt.time) else dt.time.fromisoformat(value)


def card_facts(card: RateCard) -> CardFacts:
    return CardFacts(
        id=card.pk,
        effective_from=card.effective_from,
        day_starts=_clock(card.day_starts),
        evening_starts=_clock(card.evening_starts),
        night_starts=_clock(card.night_starts),
        sleep_in_pence=card.sleep_in_pence,
        hourly={(r.support_kind, r.band): r.pence_per_hour for r in card.rates.all()},
    )


# --- The result --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PricedEntry:
    entry_id: int | None
    support_kind: str
    weekly_minutes: int
    weekly_pence: int
    yearly_minutes: int
    yearly_pence: int
    occurrences_per_year: int

    def to_json(self) -> dict[str, Any]:
        return {
            "entry_id": self.entry_id,
            "support_kind": self.support_kind,
            "weekly_minutes": self.weekly_minutes,
            "weekly_pence": self.weekly_pence,
            "yearly_minutes": self.yearly_minutes,
            "yearly_pence": self.yearly_pence,
            "occurrences_per_year": self.occurrences_per_year,
        }


@dataclass(frozen=True)
class KindTotals:
    weekly_minutes: int = 0
    weekly_pence: int = 0
    yearly_minutes: int = 0
    yearly_pence: int = 0

    def plus(self, entry: PricedEntry) -> KindTotals:
        return KindTotals(
            weekly_minutes=self.weekly_minutes + entry.weekly_minutes,
            weekly_pence=self.weekly_pence + entry.weekly_pence,
            yearly_minutes=self.yearly_minutes + entry.yearly_minutes,
            yearly_pence=self.yearly_pence + entry.yearly_pence,
        )

    def to_json(self) -> dict[str, int]:
        return {
            "weekly_minutes": self.weekly_minutes,
            "weekly_pence": self.weekly_pence,
            "yearly_minutes": self.yearly_minutes,
            "yearly_pence": self.yearly_pence,
        }


@dataclass(frozen=True)
class WeekPrice:
    entries: tuple[PricedEntry, ...]
    by_kind: dict[str, KindTotals]
    weekly_minutes: int
    weekly_pence: int
    yearly_minutes: int
    yearly_pence: int
    card: CardFacts
    year_start: dt.date

    def to_json(self) -> dict[str, Any]:
        """Plain JSON for a snapshot (the Plan Book keeps the prices and the card behind them)."""
        return {
            "entries": [e.to_json() for e in self.entries],
            "by_kind": {kind: totals.to_json() for kind, totals in sorted(self.by_kind.items())},
            "weekly_minutes": self.weekly_minutes,
            "weekly_pence": self.weekly_pence,
            "yearly_minutes": self.yearly_minutes,
            "yearly_pence": self.yearly_pence,
            "card": self.card.to_json(),
            "year_start": self.year_start.isoformat(),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> WeekPrice:
        return cls(
            entries=tuple(PricedEntry(**e) for e in data["entries"]),
            by_kind={kind: KindTotals(**t) for kind, t in data["by_kind"].items()},
            weekly_minutes=data["weekly_minutes"],
            weekly_pence=data["weekly_pence"],
            yearly_minutes=data["yearly_minutes"],
            yearly_pence=data["yearly_pence"],
            card=CardFacts.from_json(data["card"]),
            year_start=dt.date.fromisoformat(data["year_start"]),
        )


# --- Which card, which year ------------------------------------------------------------------


def _cards_in_force(organisation: Any, day: dt.date) -> QuerySet[RateCard]:
    """The one rule for which card prices a day: the latest that started on or before it."""
    return RateCard.objects.filter(organisation=organisation, effective_from__lte=day).order_by(
        "-effective_from", "-id"
    )


def current_rate_card(organisation: Any, on: dt.date | None = None) -> RateCard | None:
    """The organisation's card in force on ``on`` (today by default): the latest that started
    on or before it. Later cards never reprice what was priced with an earlier one."""
    return _cards_in_force(organisation, on or timezone.localdate()).first()


def current_card_facts(organisation_id: int, on: dt.date | None = None) -> CardFacts | None:
    """The facts of the card current_rate_card chooses, read in one query of plain values (its
    rates, each with the card's bands) rather than two of models: the Perfect Week prices with
    it on every view."""
    day = on or timezone.localdate()
    in_force = _cards_in_force(organisation_id, day).values("pk")[:1]
    rows = list(
        Rate.objects.filter(rate_card=Subquery(in_force)).values_list(
            "rate_card_id",
            "rate_card__effective_from",
            "rate_card__day_starts",
            "rate_card__evening_starts",
            "rate_card__night_starts",
            "rate_card__sleep_in_pence",
            "support_kind",
            "band",
            "pence_per_hour",
        )
    )
    if not rows:
        # No card, or (never made so by rate_card_services) a card without rates.
        card = current_rate_card(organisation_id, day)
        return card_facts(card) if card is not None else None
    card_id, effective_from, day_starts, evening_starts, night_starts, sleep_in = rows[0][:6]
    return CardFacts(
        id=card_id,
        effective_from=effective_from,
        day_starts=day_starts,
        evening_starts=evening_starts,
        night_starts=night_starts,
        sleep_in_pence=sleep_in,
        hourly={(kind, band): pence for *_, kind, band, pence in rows},
    )


def plan_year_start(today: dt.date) -> dt.date:
    """The Monday on or before ``today``."""
    return today - dt.timedelta(days=today.weekday())


@lru_cache(maxsize=64)
def bank_holidays(first_year: int, last_year: int) -> frozenset[dt.date]:
    """England and Wales bank holidays in the given years (inclusive)."""
    found = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
    return frozenset(found.keys())


# --- Occurrences -------------------------------------------------------------------------------
#
# The one place an entry's dates are worked out: the price, the calendar feed, planned hours,
# the clash check and (later) the needs matched to suppliers all read them from here.


def _first_on_weekday(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def _rule(entry: EntryFacts, counted_from: dt.date) -> rrule:
    """The entry's RRULE counted from ``counted_from`` (its DTSTART) at its start time.

    Raises BadRecurrence for a rule that cannot be read or that repeats within a day (hourly,
    by the minute): an entry is something that happens on a day at a time.
    """
    text = entry.recurrence.strip()
    start = dt.datetime.combine(counted_from, entry.starts_at)
    try:
        rule = rrulestr(text, dtstart=start, ignoretz=True)
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise BadRecurrence(f"The repeat rule cannot be read: {error}") from error
    if not isinstance(rule, rrule):
        raise BadRecurrence("Give one repeat rule (RRULE), not a set of rules")
    if _WITHIN_A_DAY.search(text):
        raise BadRecurrence("An entry can repeat at most once a day")
    return rule


def _counted_from(entry: EntryFacts, start: dt.date) -> dt.date:
    """Where the entry's rule is counted from: its own first date, or, for an entry without one
    (a rule whose dates do not depend on it, like "the first Saturday of the month"), the first
    day on its weekday from ``start``."""
    if entry.repeats_from is not None:
        return entry.repeats_from
    return _first_on_weekday(start, entry.weekday)


def occurrences_between(entry: EntryFacts, start: dt.date, end: dt.date) -> list[dt.date]:
    """The dates the entry happens on from ``start`` to ``end`` inclusive, in order: every week on
    its weekday, or the dates its RRULE gives counted from its first date; none before its first
    date. An overnight occurrence is the date it starts.

    Raises BadRecurrence for a rule that cannot be read or repeats within a day.
    """
    if end < start:
        return []
    if not entry.recurrence.strip():
        first = _first_on_weekday(max(start, entry.repeats_from or start), entry.weekday)
        return [first + dt.timedelta(weeks=n) for n in range((end - first).days // 7 + 1)]
    rule = _rule(entry, _counted_from(entry, start))
    window_end = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min)
    found = rule.between(dt.datetime.combine(start, dt.time.min), window_end, inc=True)
    return sorted({moment.date() for moment in found if moment < window_end})


def next_occurrence(entry: EntryFacts, on_or_after: dt.date) -> dt.date | None:
    """The first date the entry happens on ``on_or_after`` or later (the rules of
    ``occurrences_between``), or None when its rule has ended by then."""
    if not entry.recurrence.strip():
        return _first_on_weekday(max(on_or_after, entry.repeats_from or on_or_after), entry.weekday)
    rule = _rule(entry, _counted_from(entry, on_or_after))
    found = rule.after(dt.datetime.combine(on_or_after, dt.time.min), inc=True)
    return found.date() if found else None


def occurrence_dates(entry: EntryFacts, *, year_start: dt.date) -> list[dt.date]:
    """The dates the entry happens on in the plan year starting ``year_start`` (52 weeks)."""
    return occurrences_between(
        entry, year_start, year_start + dt.timedelta(days=PLAN_YEAR_DAYS - 1)
    )


# --- One occurrence ---------------------------------------------------------------------------


def round_half_up(amount: Fraction) -> int:
    """Round a non-negative amount to the nearest whole number, halves up."""
    return (2 * amount.numerator + amount.denominator) // (2 * amount.denominator)


def _workers_and_sharers(entry: EntryFacts) -> tuple[int, int]:
    workers = _WORKERS.get(SupportRatio(entry.support_ratio))
    if workers is None:
        raise ValueError(f"Unknown support ratio {entry.support_ratio!r}")
    if entry.support_ratio != SupportRatio.SHARED:
        return workers, 1
    if not entry.shared_by or entry.shared_by < 2:
        raise ValueError("Shared support needs the number of people sharing (2 or more)")
    return workers, entry.shared_by


def _span(entry: EntryFacts, on: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(on, entry.starts_at)
    end_day = on + dt.timedelta(days=1) if entry.overnight else on
    return start, dt.datetime.combine(end_day, entry.ends_at)


def _minutes(start: dt.datetime, end: dt.datetime) -> int:
    return int((end - start).total_seconds()) // 60


def band_at(moment: dt.datetime, card: CardFacts, holiday_dates: frozenset[dt.date]) -> str:
    """The band of the week a moment falls in (see the module docstring for the order)."""
    if moment.date() in holiday_dates:
        return TimeBand.BANK_HOLIDAY.value
    clock = moment.time()
    if clock >= card.night_starts or clock < card.day_starts:
        return TimeBand.NIGHT.value
    if moment.weekday() >= 5:
        return TimeBand.WEEKEND.value
    if clock >= card.evening_starts:
        return TimeBand.EVENING.value
    return TimeBand.DAY.value


def _pieces(
    start: dt.datetime, end: dt.datetime, card: CardFacts
) -> list[tuple[dt.datetime, dt.datetime]]:
    """[start, end) cut at midnight and at every band boundary it crosses."""
    cuts = {start, end}
    day = start.date()
    while day <= end.date():
        for clock in (dt.time.min, card.day_starts, card.evening_starts, card.night_starts):
            moment = dt.datetime.combine(day, clock)
            if start < moment < end:
                cuts.add(moment)
        day += dt.timedelta(days=1)
    ordered = sorted(cuts)
    return list(pairwise(ordered))


def _rate(card: CardFacts, kind: str, band: str) -> int:
    try:
        return card.hourly[(kind, band)]
    except KeyError:
        raise MissingRate(
            f"The rate card from {card.effective_from:%-d %B %Y} has no "
            f"{TimeBand(band).label.lower()} rate for {SupportKind(kind).label.lower()}"
        ) from None


def is_paid(entry: EntryFacts) -> bool:
    return entry.support_ratio != SupportRatio.NONE and bool(entry.support_kind)


def support_minutes(entry: EntryFacts) -> int:
    """The person's support time in one occurrence, in minutes: its length x workers for 1:1 and
    2:1, its length for shared support (the time they have support); none when it needs no paid
    support. Times are wall-clock times, so every occurrence lasts the same."""
    if entry.support_ratio == SupportRatio.NONE:
        return 0
    workers, _ = _workers_and_sharers(entry)
    start, end = _span(entry, _first_on_weekday(dt.date(2001, 1, 1), entry.weekday))
    duration = _minutes(start, end)
    return duration if entry.support_ratio == SupportRatio.SHARED else duration * workers


def weekly_support_minutes(entry: EntryFacts, *, year_start: dt.date) -> int:
    """Support minutes in a typical week, as ``price_entry`` counts them for a paid entry: one
    occurrence's minutes x its occurrences in the plan year / 52, rounded half up (an every
    other week entry has half the minutes of an every week one)."""
    count = len(occurrence_dates(entry, year_start=year_start))
    return round_half_up(Fraction(support_minutes(entry) * count, WEEKS_PER_YEAR))


def occurrence_price(
    entry: EntryFacts, card: CardFacts, on: dt.date, holiday_dates: frozenset[dt.date]
) -> tuple[int, int]:
    """(support minutes, pence) for the entry happening on ``on``."""
    if not is_paid(entry):
        return 0, 0
    workers, sharers = _workers_and_sharers(entry)
    start, end = _span(entry, on)
    minutes = support_minutes(entry)
    if entry.support_kind == SupportKind.SLEEP_IN:
        return minutes, round_half_up(Fraction(card.sleep_in_pence * workers, sharers))
    total = Fraction(0)
    for piece_start, piece_end in _pieces(start, end, card):
        pence = _rate(card, entry.support_kind, band_at(piece_start, card, holiday_dates))
        total += Fraction(_minutes(piece_start, piece_end) * pence * workers, 60 * sharers)
    return minutes, round_half_up(total)


# --- A whole week ------------------------------------------------------------------------------


def _touches_holiday(entry: EntryFacts, on: dt.date, holiday_dates: frozenset[dt.date]) -> bool:
    return on in holiday_dates or (entry.overnight and on + dt.timedelta(days=1) in holiday_dates)


# A week's price is worked out on every view of the Perfect Week, and an entry's price depends
# only on the entry's facts, the card's and the plan year: keep the latest ones (about 4 MB).
@lru_cache(maxsize=20_000)
def price_entry(entry: EntryFacts, card: CardFacts, *, year_start: dt.date) -> PricedEntry:
    dates = occurrence_dates(entry, year_start=year_start)
    holiday_dates = bank_holidays(year_start.year, year_start.year + 1)
    # An ordinary occurrence costs the same on every date with the same weekday, so price each
    # weekday once and only price bank-holiday dates one by one.
    ordinary: dict[int, tuple[int, int]] = {}

    def ordinary_on(on: dt.date) -> tuple[int, int]:
        if on.weekday() not in ordinary:
            ordinary[on.weekday()] = occurrence_price(entry, card, on, frozenset())
        return ordinary[on.weekday()]

    yearly_minutes = yearly_pence = 0
    for on in dates:
        if _touches_holiday(entry, on, holiday_dates):
            minutes, pence = occurrence_price(entry, card, on, holiday_dates)
        else:
            minutes, pence = ordinary_on(on)
        yearly_minutes += minutes
        yearly_pence += pence
    typical_minutes, typical_pence = ordinary_on(_first_on_weekday(year_start, entry.weekday))
    count = len(dates)
    return PricedEntry(
        entry_id=entry.id,
        support_kind=entry.support_kind if is_paid(entry) else "",
        weekly_minutes=round_half_up(Fraction(typical_minutes * count, WEEKS_PER_YEAR)),
        weekly_pence=round_half_up(Fraction(typical_pence * count, WEEKS_PER_YEAR)),
        yearly_minutes=yearly_minutes,
        yearly_pence=yearly_pence,
        occurrences_per_year=count,
    )


def price_week(entries: Iterable[EntryFacts], card: CardFacts, *, year_start: dt.date) -> WeekPrice:
    """Every entry priced, and the totals by kind and for the week (see the module docstring)."""
    priced = tuple(price_entry(entry, card, year_start=year_start) for entry in entries)
    by_kind: dict[str, KindTotals] = {}
    total = KindTotals()
    for entry in priced:
        if entry.support_kind:
            by_kind[entry.support_kind] = by_kind.get(entry.support_kind, KindTotals()).plus(entry)
        total = total.plus(entry)
    return WeekPrice(
        entries=priced,
        by_kind=by_kind,
        weekly_minutes=total.weekly_minutes,
        weekly_pence=total.weekly_pence,
        yearly_minutes=total.yearly_minutes,
        yearly_pence=total.yearly_pence,
        card=card,
        year_start=year_start,
    )
