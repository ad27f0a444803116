"""How the parts of an Open Referral UK service become the directory's fields: weekly times,
prices in pence, areas by postcode district, venues with a UK postcode. Pure functions of the
JSON: a value that cannot be right raises ``Refused`` (the file is refused, with where and
why); a part the directory cannot hold raises ``LeftOut`` (imported without it, and the report
says so).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from directsupport.market.districts import FULL_POSTCODE, BadPostcode, outward_code
from directsupport.market.models import CostUnit

from .publish import WEEKDAY_CODES

MAX_PRICE_PENCE = 1_000_000  # £10,000 an hour, session or night: anything more is a mistake
MAX_INTERVAL_WEEKS = 4
_TIME = re.compile(
    r"^(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?$"
)
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[Tt ].*)?$")
_MONTHLY_DAY = re.compile(r"^[+-]?\d{1,2}(MO|TU|WE|TH|FR|SA|SU)$")
_RADIUS = re.compile(r"^within\s+(\d{1,3})\s*km\b", re.IGNORECASE)


class Refused(ValueError):
    """A value that cannot be right; ``key`` is the field within the part, if one."""

    def __init__(self, key: str | None, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


class LeftOut(Exception):
    """A part the directory has no place for; ``reason`` is said once in the report, with how
    many there were."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def parse_date(value: object, key: str) -> dt.date | None:
    """``2026-01-31`` (or a date-time, whose date is taken); None when not given."""
    raw = text(value)
    if not raw:
        return None
    match = _DATE.match(raw)
    try:
        if match is None:
            raise ValueError
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise Refused(key, f"“{raw}” is not a date: write it like 2026-01-31") from None


def parse_time(value: object, key: str) -> dt.time:
    raw = text(value)
    match = _TIME.match(raw)
    if match is None:
        raise Refused(key, f"“{raw}” is not a time of day: write it like 09:30 or 09:30:00")
    return dt.time(int(match["hour"]), int(match["minute"]))


def _dates(item: dict[str, Any], *, start_keys: tuple[str, ...]) -> tuple[dt.date | None, ...]:
    valid_from = None
    for key in start_keys:
        valid_from = parse_date(item.get(key), key)
        if valid_from:
            break
    valid_to = parse_date(item.get("valid_to"), "valid_to")
    if valid_from and valid_to and valid_to < valid_from:
        raise Refused("valid_to", f"ends ({valid_to}) before it starts ({valid_from})")
    return valid_from, valid_to


# --- Schedules ------------------------------------------------------------------------------


def schedule_days(item: dict[str, Any]) -> list[dict[str, Any]]:
    """One Schedule's fields for each day of an HSDS weekly schedule. ``TH,FR`` is two rows:
    the first keeps the file's id, the others an id derived from it and the day, so importing
    the file again finds the same rows."""
    freq = text(item.get("freq")).upper() or "WEEKLY"
    if freq != "WEEKLY":
        raise LeftOut("schedules that repeat monthly (the directory keeps weekly times)")
    codes = [code.strip().upper() for code in text(item.get("byday")).split(",") if code.strip()]
    if not codes:
        raise LeftOut("schedules that give no day of the week")
    for code in codes:
        if _MONTHLY_DAY.match(code):
            raise LeftOut("schedules on a numbered weekday of the month, such as 1MO")
        if code not in WEEKDAY_CODES:
            raise Refused("byday", f"“{code}” is not a day: use MO, TU, WE, TH, FR, SA or SU")
    if not text(item.get("opens_at")) or not text(item.get("closes_at")):
        raise LeftOut("schedules without both an opening and a closing time")
    opens_at = parse_time(item.get("opens_at"), "opens_at")
    closes_at = parse_time(item.get("closes_at"), "closes_at")
    if opens_at == closes_at:
        raise Refused("closes_at", "closes at the same time as it opens")
    interval = item.get("interval", 1)
    if not isinstance(interval, (int, float)) or interval != int(interval) or interval < 1:
        raise Refused("interval", f"“{interval}” is not a number of weeks (1 or more)")
    if interval > MAX_INTERVAL_WEEKS:
        raise LeftOut(f"schedules repeating less often than every {MAX_INTERVAL_WEEKS} weeks")
    valid_from, valid_to = _dates(item, start_keys=("valid_from", "dtstart"))
    first_id = uuid.UUID(item["id"])
    rows = []
    for index, code in enumerate(dict.fromkeys(codes)):
        rows.append(
            {
                "uuid": first_id if index == 0 else uuid.uuid5(first_id, code),
                "weekday": WEEKDAY_CODES.index(code),
                "opens_at": opens_at,
                "closes_at": closes_at,
                # A closing time before the opening time is the next morning (a waking night).
                "overnight": closes_at < opens_at,
                "interval_weeks": int(interval),
                "valid_from": valid_from,
                "valid_to": valid_to,
                "notes": text(item.get("notes")),
            }
        )
    return rows


# --- Prices ---------------------------------------------------------------------------------


def cost_option_fields(item: dict[str, Any], *, today: dt.date) -> dict[str, Any]:
    """A price: pounds to whole pence, a unit read from its words (an hour, a night, else a
    session; nothing to pay is free), valid from the date given or from today."""
    words = ": ".join(
        w for w in (text(item.get("option")), text(item.get("amount_description"))) if w
    )
    amount = item.get("amount")
    if amount is None:
        if "free" not in words.casefold():
            raise LeftOut("prices without an amount")
        amount = 0
    try:
        pence = Decimal(str(amount)) * 100
    except InvalidOperation:
        raise Refused("amount", f"“{amount}” is not an amount of money") from None
    if pence < 0:
        raise Refused("amount", f"{amount} is less than nothing: a price cannot be negative")
    if pence != pence.to_integral_value():
        raise Refused("amount", f"{amount} has parts of a penny: give pounds and pence")
    if pence > MAX_PRICE_PENCE:
        raise Refused("amount", f"£{amount} is more than £{MAX_PRICE_PENCE // 100:,}: check it")
    folded = words.casefold()
    if pence == 0:
        unit = CostUnit.FREE
    elif "night" in folded:
        unit = CostUnit.NIGHT
    elif "hour" in folded or re.search(r"\bhr\b", folded):
        unit = CostUnit.HOUR
    else:
        unit = CostUnit.SESSION
    valid_from, valid_to = _dates(item, start_keys=("valid_from",))
    if valid_from is None:
        # The directory dates every price; one given without a start runs from today (or
        # from its end, if that has passed: a price that is over stays over).
        valid_from = min(today, valid_to) if valid_to else today
    return {
        "uuid": uuid.UUID(item["id"]),
        "unit": unit,
        "amount_pence": int(pence),
        "description": words,
        "valid_from": valid_from,
        "valid_to": valid_to,
    }


# --- Areas ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaReading:
    district_code: str = ""
    radius_km: int | None = None


def area_reading(item: dict[str, Any]) -> AreaReading:
    """A service area is a postcode district (``HF3``), or a travel radius written as this
    directory publishes it (``Within 5 km of HF1``); other areas are left out."""
    for key in ("name", "service_area", "extent"):
        raw = text(item.get(key))
        if not raw:
            continue
        if radius := _RADIUS.match(raw):
            km = int(radius.group(1))
            if not 1 <= km <= 100:
                raise Refused(key, f"a travel radius of {km} km: give 1 to 100 km")
            return AreaReading(radius_km=km)
        try:
            return AreaReading(district_code=outward_code(raw))
        except BadPostcode:
            continue
    raise LeftOut("service areas that are not a UK postcode district (such as HF3)")


# --- Venues ---------------------------------------------------------------------------------


def location_address(location: dict[str, Any]) -> dict[str, Any]:
    """The first address with a UK postcode: its fields for a Location and the postcode's
    district code."""
    if text(location.get("location_type")) == "virtual":
        raise LeftOut("online (virtual) locations")
    for address in location.get("addresses") or []:
        postcode = " ".join(text(address.get("postal_code")).upper().split())
        full = FULL_POSTCODE.match(postcode)
        if full is None:
            continue
        return {
            "address_1": text(address.get("address_1")),
            "city": text(address.get("city")) or "London",
            "postcode": f"{full.group(1)} {full.group(2)}",
            "district_code": full.group(1),
        }
    raise LeftOut("locations without a full UK postcode")


def accessibility_words(location: dict[str, Any]) -> str:
    parts = [
        text(item.get("description")) or text(item.get("accessibility"))
        for item in location.get("accessibility") or []
        if isinstance(item, dict)
    ]
    return "; ".join(part for part in parts if part)
