"""What a supplier may read about a request for quote, in one place.

``what_suppliers_see`` is the only way any supplier-facing page (the request in the portal, the
offer pages, a contract's draft) describes a request and its people: the support wanted (what,
when, where, for how long, the characteristics asked for) and each person's name as the request
allows (a first name, an alias, or the full name the person agreed to share). It never reads a
person's health, circle or family, date of birth, address or the need's notes, so a page built
on it cannot show them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from directsupport.market.models import SupportNeed, WorkerGender
from directsupport.people.models import Person
from directsupport.week.display import DAY_NAMES, time_words

from ..models import NameShown, QuoteRequest, RequestNeed, RequestStatus
from .services import NeedNaming

RATIO_WORDS = {
    "one_to_one": "1:1 (one worker for each person)",
    "two_to_one": "2:1 (two workers)",
    "shared": "Shared (one worker for several people)",
}


def name_for_supplier(person: Person, *, name_shown: str, alias: str) -> str:
    """The person's name as suppliers read it: "Dee", an alias, or "Dee Okafor" when agreed."""
    if name_shown == NameShown.ALIAS and alias:
        return alias
    if name_shown == NameShown.FULL_NAME:
        return person.display_name
    return person.called


def naming_words(name_shown: str, *, full_name_agreed_by: str = "") -> str:
    """How the person is named, for staff: "First name only", "Full name (agreed by Dee)"."""
    if name_shown == NameShown.FULL_NAME:
        return f"Full name (agreed by {full_name_agreed_by})"
    return NameShown(name_shown).label if name_shown in NameShown.values else "First name only"


def when_words(
    weekday: int | None, starts_at: dt.time | None, ends_at: dt.time | None, overnight: bool
) -> str:
    """ "Tuesdays, 6pm to 8pm"; "No fixed day or time" when none was given."""
    if weekday is None and starts_at is None:
        return "No fixed day or time"
    day = f"{DAY_NAMES[weekday]}s" if weekday is not None else "Any day"
    if starts_at is None or ends_at is None:
        return day
    end = time_words(ends_at) + (" the next morning" if overnight else "")
    return f"{day}, {time_words(starts_at)} to {end}"


def hours_words(minutes: int | None) -> str:
    """120 -> "2 hours a week"; 90 -> "1 hour 30 minutes a week"."""
    if not minutes:
        return "Not said"
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts) + " a week"


def wanted_rows(
    *,
    skills: Sequence[str],
    interests: Sequence[str],
    languages: Sequence[str],
    gender: str,
    personality: str,
) -> list[tuple[str, str]]:
    rows = [
        ("Skills", "; ".join(skills)),
        ("Shared interests", "; ".join(interests)),
        ("Languages", "; ".join(languages)),
        ("Workers", WorkerGender(gender).label if gender in WorkerGender.values else ""),
        ("Personality", personality),
    ]
    return [(label, value) for label, value in rows if value]


@dataclass(frozen=True)
class PersonShown:
    """One person the request is for, as a supplier reads about them."""

    name: str
    what: str
    when: str
    where: str
    how_long: str
    wanted: list[tuple[str, str]]


@dataclass(frozen=True)
class SupplierView:
    """A request as a supplier reads it."""

    reference: str
    what: str
    kind: str
    when: str
    where: str
    how_long: str
    starts_on: dt.date
    ends_on: dt.date | None
    people_count: int
    ratio: str
    wanted: list[tuple[str, str]]
    details: str
    respond_by: dt.date
    status: str
    status_label: str
    withdrawn_reason: str
    people: list[PersonShown] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.SENT

    @property
    def is_withdrawn(self) -> bool:
        return self.status == RequestStatus.WITHDRAWN

    @property
    def names(self) -> str:
        return ", ".join(person.name for person in self.people)


def _where(place: str, district_code: str | None) -> str:
    if place and district_code:
        return f"{place} ({district_code})"
    if district_code:
        return f"In or near {district_code}"
    return place or "Not said"


def _person_shown(need: SupportNeed, naming: NeedNaming | RequestNeed) -> PersonShown:
    # Only the need's description of the support: never its notes, nor the person's record.
    return PersonShown(
        name=name_for_supplier(need.person, name_shown=naming.name_shown, alias=naming.alias),
        what=need.what,
        when=when_words(need.weekday, need.starts_at, need.ends_at, need.overnight),
        where=_where("", need.district.code if need.district_id and need.district else None),
        how_long=hours_words(need.minutes_a_week),
        wanted=wanted_rows(
            skills=need.wanted_skills or [],
            interests=need.wanted_interests or [],
            languages=need.wanted_languages or [],
            gender=need.wanted_gender,
            personality=need.wanted_personality,
        ),
    )


def what_suppliers_see(
    rfq: QuoteRequest, *, needs: Sequence[NeedNaming] | None = None
) -> SupplierView:
    """The request as suppliers read it. ``needs`` gives the people of a request not yet saved
    (the new-request form's preview); otherwise they are the request's own."""
    if needs is None:
        namings: Sequence[NeedNaming | RequestNeed] = list(
            rfq.needs.select_related("need__person", "need__district")
        )
    else:
        namings = list(needs)
    status = rfq.status or RequestStatus.DRAFT
    how_long = hours_words(rfq.minutes_a_week)
    return SupplierView(
        reference=rfq.reference,
        what=rfq.what,
        kind=rfq.term.name if rfq.term_id else "",
        when=when_words(rfq.weekday, rfq.starts_at, rfq.ends_at, rfq.overnight),
        where=_where(rfq.place, rfq.district.code if rfq.district_id and rfq.district else None),
        how_long=how_long,
        starts_on=rfq.starts_on,
        ends_on=rfq.ends_on,
        people_count=rfq.people_count,
        ratio=RATIO_WORDS.get(rfq.ratio, "Not said"),
        wanted=wanted_rows(
            skills=rfq.wanted_skills or [],
            interests=rfq.wanted_interests or [],
            languages=rfq.wanted_languages or [],
            gender=rfq.wanted_gender,
            personality=rfq.wanted_personality,
        ),
        details=rfq.details,
        respond_by=rfq.respond_by,
        status=status,
        status_label=RequestStatus(status).label,
        withdrawn_reason=rfq.withdrawn_reason if status == RequestStatus.WITHDRAWN else "",
        people=[_person_shown(naming.need, naming) for naming in namings],
    )
