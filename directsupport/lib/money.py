"""Money as integer pence: shown as "£1,234.56", typed as pounds and pence.

Amounts are kept in whole pence (int) everywhere; typed amounts are parsed with Decimal, never
float, so "32.14" is exactly 3214 pence.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# A minus sign, not a hyphen, so screen readers say "minus" and it lines up with the digits.
MINUS = "\N{MINUS SIGN}"

# Digits with optional thousands commas, then optional pence. Written out (rather than letting
# Decimal accept "1e3", "NaN" or "Infinity") so only what a person would type is money.
_AMOUNT = re.compile(r"(?P<pounds>\d+|\d{1,3}(?:,\d{3})+)?(?:\.(?P<pence>\d+))?")
_MAX_TYPED = 30


def format_pence(pence: int) -> str:
    """1234 -> "£12.34"; 123456 -> "£1,234.56"; -350 -> "-£3.50" (with a minus sign)."""
    sign = MINUS if pence < 0 else ""
    pounds, rest = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{rest:02d}"


def typed_pounds(pence: int) -> str:
    """Pence as a person would type them into a form: 123456 -> "1234.56" (no £, no commas),
    so a form shown again with what was saved reads back as the same amount."""
    pounds, rest = divmod(pence, 100)
    return f"{pounds}.{rest:02d}"


def parse_pounds(text: str, *, max_pence: int | None = None) -> int:
    """Typed pounds ("32.14", "£32.14", "32", "1,250.00") -> whole pence (3214).

    Raises ValueError with a message fit to show next to the field: not an amount, more than
    two decimal places, negative, or more than ``max_pence``.
    """
    cleaned = text.strip().replace(" ", "")
    negative = cleaned.startswith(("-", MINUS))
    if negative:
        cleaned = cleaned[1:]
    cleaned = cleaned.removeprefix("£")
    if not cleaned:
        raise ValueError("Enter an amount in pounds and pence, like 32.14")
    match = _AMOUNT.fullmatch(cleaned) if len(cleaned) <= _MAX_TYPED else None
    if match is None or not (match["pounds"] or match["pence"]):
        raise ValueError("Enter an amount in pounds and pence, like 32.14")
    if match["pence"] is not None and len(match["pence"]) > 2:
        raise ValueError("Enter pounds and pence with no more than 2 decimal places, like 32.14")
    try:
        amount = Decimal(cleaned.replace(",", ""))
    except InvalidOperation as error:  # pragma: no cover - the pattern above already checked
        raise ValueError("Enter an amount in pounds and pence, like 32.14") from error
    pence = int(amount * 100)
    if negative and pence:
        raise ValueError("Enter an amount of £0.00 or more")
    if max_pence is not None and pence > max_pence:
        raise ValueError(f"Enter an amount no more than {format_pence(max_pence)}")
    return pence
