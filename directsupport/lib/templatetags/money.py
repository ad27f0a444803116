"""Template filters for money and time: ``{{ pence|money }}`` and ``{{ minutes|hours }}``."""

from __future__ import annotations

from django import template

from directsupport.lib.money import format_pence

register = template.Library()


@register.filter
def money(pence: int | None) -> str:
    """Integer pence as "£1,234.56"; nothing (None or "") shows as empty."""
    if pence is None or pence == "":
        return ""
    return format_pence(int(pence))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@register.filter
def hours(minutes: int | None) -> str:
    """Minutes as words: 750 -> "12 hours 30 minutes", 60 -> "1 hour", 45 -> "45 minutes"."""
    if minutes is None or minutes == "":
        return ""
    whole, rest = divmod(int(minutes), 60)
    if not rest:
        return _plural(whole, "hour")
    if not whole:
        return _plural(rest, "minute")
    return f"{_plural(whole, 'hour')} {_plural(rest, 'minute')}"
