"""Postcode districts and distances between them.

A district's centre is a grid point in metres (British National Grid), so the distance between
a person's home district and a supplier's is straight-line arithmetic: good enough to say
"about 3 km away" and to check a travel radius, without a map service or a postcode lookup.
A product deployment loads the real centres (ONS's postcode directory); the demo borough's
districts (HF1-HF7, with its neighbours) are stated in the demo data.
"""

from __future__ import annotations

import math
import re

from .models import PostcodeDistrict

# An outward code: one or two letters, a digit, then a digit or letter (E1, E17, SW1A, HF3).
OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
FULL_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?) ?([0-9][A-Z]{2})$")


class BadPostcode(ValueError):
    """Neither a postcode nor a postcode district, in words a person can act on."""


def outward_code(text: str) -> str:
    """The district of a full postcode or of a district typed alone, upper-cased.

    >>> outward_code("hf3 2ab")
    'HF3'
    """
    cleaned = " ".join(text.upper().split())
    full = FULL_POSTCODE.match(cleaned)
    if full:
        return full.group(1)
    if OUTWARD_CODE.match(cleaned):
        return cleaned
    raise BadPostcode(
        f"“{text.strip()}” is not a UK postcode or postcode district. "
        "Type a postcode such as HF3 2AB, or a district such as HF3."
    )


def district_for(text: str) -> PostcodeDistrict:
    """The known district of a postcode or district; BadPostcode if the format is wrong or the
    district is not one the directory knows."""
    code = outward_code(text)
    district = PostcodeDistrict.objects.filter(code=code).first()
    if district is None:
        raise BadPostcode(
            f"The directory does not know where {code} is yet. "
            "Use a nearby district, or ask the market shaper to add it."
        )
    return district


def distance_km(a: PostcodeDistrict, b: PostcodeDistrict) -> float:
    return math.hypot(a.easting_m - b.easting_m, a.northing_m - b.northing_m) / 1000
