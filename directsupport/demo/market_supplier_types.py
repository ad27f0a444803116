"""What a demo supplier entry is made of (suppliers, services, openings, prices, places), and
short ways to write them: ``hours("Mon-Fri 07:00-22:00")``, ``hourly(2950)``.

The entries themselves are in market_suppliers_data (registered care providers, and the whole
directory as ``ALL_SUPPLIERS``), market_micro_data, market_pa_data and market_community_data.
"""

from __future__ import annotations

from dataclasses import dataclass

from directsupport.market.models import CostUnit, WorkerGender
from directsupport.week.models import SupportRatio

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ONE = SupportRatio.ONE_TO_ONE
TWO = SupportRatio.TWO_TO_ONE
SHARED = SupportRatio.SHARED
WOMEN, MEN, NON_BINARY = WorkerGender.WOMEN, WorkerGender.MEN, WorkerGender.NON_BINARY
ALL_HF = ("HF1", "HF2", "HF3", "HF4", "HF5", "HF6", "HF7")


@dataclass(frozen=True)
class When:
    """One weekly opening: a day (Monday 0), times, past midnight, every N weeks."""

    weekday: int
    opens: str
    closes: str
    overnight: bool = False
    every_weeks: int = 1
    notes: str = ""


def hours(text: str, *, every: int = 1, notes: str = "") -> tuple[When, ...]:
    """'Mon-Fri 07:00-22:00' or 'Tue,Thu 18:30-20:30': one opening a day. A closing time at or
    before the opening time runs past midnight (a night 22:00-07:00)."""
    days_text, times = text.split()
    opens, closes = times.split("-")
    days: list[int] = []
    for part in days_text.split(","):
        first, _, last = part.partition("-")
        start = DAYS.index(first)
        days.extend(range(start, DAYS.index(last) + 1) if last else [start])
    return tuple(When(day, opens, closes, closes <= opens, every, notes) for day in days)


@dataclass(frozen=True)
class Price:
    unit: str  # market CostUnit
    pence: int
    description: str = ""


def hourly(pence: int, description: str = "") -> Price:
    return Price(CostUnit.HOUR, pence, description)


def per_session(pence: int, description: str = "") -> Price:
    return Price(CostUnit.SESSION, pence, description)


def per_night(pence: int, description: str = "") -> Price:
    return Price(CostUnit.NIGHT, pence, description)


FREE = Price(CostUnit.FREE, 0, "Free")


@dataclass(frozen=True)
class Place:
    """Where a service happens, if not at the person's home (Open Referral's location)."""

    name: str
    address: str
    postcode: str
    accessibility: str = ""


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    description: str
    terms: tuple[str, ...]  # market.taxonomy STANDARD_TERMS codes
    when: tuple[When, ...]
    prices: tuple[Price, ...]
    areas: tuple[str, ...] = ()  # district codes covered
    radius_km: int | None = None  # or how far workers travel from the base
    ratios: tuple[str, ...] = (ONE,)
    places_free: int = 0
    min_age: int | None = 18
    max_age: int | None = None
    at: tuple[str, ...] = ()  # names of the supplier's places
    published: bool = True


@dataclass(frozen=True)
class Cqc:
    location_id: str
    rating: str
    inspected_months_ago: int


@dataclass(frozen=True)
class SupplierSpec:
    name: str
    kind: str
    base: str  # district code
    description: str
    email: str
    phone: str
    services: tuple[ServiceSpec, ...]
    website: str = ""
    cqc: Cqc | None = None
    accreditations: str = ""
    languages: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    genders: tuple[str, ...] = (WOMEN, MEN)
    places: tuple[Place, ...] = ()
    published: bool = True
    ledger: bool = False  # an organisation the ledger already pays (organisations_data)


# The usual openings of a homecare agency, and of a night service.
DAYTIME = hours("Mon-Sun 07:00-22:00")
NIGHTS = hours("Mon-Sun 22:00-07:00")
