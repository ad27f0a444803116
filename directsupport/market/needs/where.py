"""Where a need's support happens: the postcode district that matching measures distances from.

Support happens in the person's home district (their postcode's district), unless the place the
week names is elsewhere: a place with a postcode in it ("Lido, HF4 2AB") or a district the
directory knows ("Hollowfield Leisure Centre, HF3") is in that district. Nothing is guessed from
a place's name alone. A postcode the directory does not know leaves the district empty, and the
support page says why in words (``market.districts`` gives them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from directsupport.people.models import Person

from ..districts import OUTWARD_CODE, BadPostcode, district_for
from ..models import PostcodeDistrict

_POSTCODE_IN_TEXT = re.compile(r"\b([A-Z]{1,2}[0-9][0-9A-Z]?) ?([0-9][A-Z]{2})\b")
_TOKEN = re.compile(r"[A-Z0-9]+")


@dataclass(frozen=True)
class Home:
    """The person's home district, or why it is not known."""

    district: PostcodeDistrict | None
    problem: str = ""


def home_of(person: Person) -> Home:
    if not person.postcode.strip():
        return Home(
            None,
            f"{person.called}'s postcode is not recorded, so nobody can say how far away "
            "support is. Add it to their details.",
        )
    try:
        return Home(district_for(person.postcode))
    except BadPostcode as problem:
        return Home(None, str(problem))


def postcode_in(place: str) -> str:
    """A full postcode written in a place ("Lido, hf4 2ab" -> "HF4 2AB"), or ""."""
    found = _POSTCODE_IN_TEXT.search(place.upper())
    return f"{found[1]} {found[2]}" if found else ""


def _district_codes_in(place: str) -> list[str]:
    return [token for token in _TOKEN.findall(place.upper()) if OUTWARD_CODE.match(token)]


class Places:
    """The districts of a person's places, looked up together: one query for every district
    named in any of them, and one per place with a full postcode."""

    def __init__(self, home: Home, places: Iterable[str]) -> None:
        self.home = home
        places = [place for place in places if place.strip()]
        codes = {code for place in places for code in _district_codes_in(place)}
        self._known = {d.code: d for d in PostcodeDistrict.objects.filter(code__in=codes)}

    def district_of(self, place: str) -> PostcodeDistrict | None:
        """The district support at ``place`` happens in (home when the place says nothing)."""
        postcode = postcode_in(place)
        if postcode:
            try:
                return district_for(postcode)
            except BadPostcode:
                return None
        for code in _district_codes_in(place):
            if code in self._known:
                return self._known[code]
        return self.home.district


def names_district(place: str, code: str) -> bool:
    """Whether the place itself says it is in district ``code`` (by its postcode or the code)."""
    return code in _district_codes_in(place) or postcode_in(place).startswith(f"{code} ")


def where_problem(place: str, home: Home) -> str:
    """Why a need has no district, in words (for a need whose district is empty)."""
    postcode = postcode_in(place)
    if postcode:
        try:
            district_for(postcode)
        except BadPostcode as problem:
            return str(problem)
        return ""
    return home.problem
