"""The terms of an ISF agreement: the rules a version must keep, and the terms in plain words
(each term, and what changed from one version to the next).

The rules live here once: the drafting form shows their messages beside its fields and the
drafting service refuses a version that breaks them (services.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.utils import dateformat

from directsupport.lib.money import format_pence

from ..models import WEEKS_IN_YEAR, Agreement, FeeKind

UK_DATE = "j F Y"
FIRST_REVIEW_WEEKS = (6, 8)
MAX_REVIEW_MONTHS = 12
MAX_FEE_BP = 25_00  # basis points: 25%
MAX_BANK_WEEKS = 12
MAX_HOLD_WEEKS = 52
MAX_NOTICE_WEEKS = 26

# The terms a version carries, in the order they are shown and compared.
TERM_FIELDS = (
    "annual_budget_pence",
    "starts_on",
    "ends_on",
    "fee_kind",
    "fee_basis_points",
    "fee_monthly_pence",
    "contingency_pence",
    "bank_max_weeks",
    "bank_hold_weeks",
    "overdraft_limit_pence",
    "notice_weeks",
    "first_review_on",
    "review_every_months",
)


def uk_date(day: dt.date) -> str:
    return dateformat.format(day, UK_DATE)


def date_range(first: dt.date, last: dt.date) -> str:
    """ "13 May and 27 May 2026"; the year said once when both days share it."""
    if first.year == last.year:
        return f"{dateformat.format(first, 'j F')} and {uk_date(last)}"
    return f"{uk_date(first)} and {uk_date(last)}"


def terms_of(agreement: Agreement) -> dict[str, Any]:
    return {name: getattr(agreement, name) for name in TERM_FIELDS}


def first_review_window(starts_on: dt.date) -> tuple[dt.date, dt.date]:
    early, late = FIRST_REVIEW_WEEKS
    return starts_on + dt.timedelta(weeks=early), starts_on + dt.timedelta(weeks=late)


def terms_problems(
    terms: dict[str, Any], *, change_summary: str, first_version: bool
) -> dict[str, str]:
    """What is wrong with these terms, by term (empty when they may be drafted). A term that
    is None (a box that could not be read) is left out of the rules that need it."""
    problems: dict[str, str] = {}

    def known(*names: str) -> bool:
        return all(terms.get(name) is not None for name in names)

    if known("annual_budget_pence") and terms["annual_budget_pence"] <= 0:
        problems["annual_budget_pence"] = "Enter a budget for the year of more than £0.00."
    starts, ends = terms.get("starts_on"), terms.get("ends_on")
    if starts is not None and ends is not None and ends <= starts:
        problems["ends_on"] = f"The agreement must end after it starts ({uk_date(starts)})."
    if starts is not None and known("first_review_on"):
        early, late = first_review_window(starts)
        if not early <= terms["first_review_on"] <= late:
            problems["first_review_on"] = (
                "The first review must be 6 to 8 weeks after the start: between "
                f"{date_range(early, late)}."
            )
    if known("review_every_months") and not 1 <= terms["review_every_months"] <= MAX_REVIEW_MONTHS:
        problems["review_every_months"] = (
            "Reviews must be at least every 12 months: enter a number of months from 1 to 12."
        )
    kind = terms.get("fee_kind")
    if kind == FeeKind.PERCENT:
        if known("fee_basis_points") and not 0 <= terms["fee_basis_points"] <= MAX_FEE_BP:
            problems["fee_basis_points"] = "Enter a fee from 0% to 25%, like 8 or 7.5."
    elif kind == FeeKind.AMOUNT:
        if known("fee_monthly_pence") and terms["fee_monthly_pence"] < 0:
            problems["fee_monthly_pence"] = "Enter the fee each month as £0.00 or more."
    elif kind is not None:
        problems["fee_kind"] = "Choose whether the fee is a percentage or a fixed amount."
    for name in ("contingency_pence", "overdraft_limit_pence"):
        if known(name) and terms[name] < 0:
            problems[name] = "Enter £0.00 or more."
    if known("bank_max_weeks") and not 0 <= terms["bank_max_weeks"] <= MAX_BANK_WEEKS:
        problems["bank_max_weeks"] = "Enter from 0 to 12 weeks of budget (0 means no banking)."
    if known("bank_hold_weeks") and not 1 <= terms["bank_hold_weeks"] <= MAX_HOLD_WEEKS:
        problems["bank_hold_weeks"] = "Enter from 1 to 52 weeks."
    if known("notice_weeks") and not 0 <= terms["notice_weeks"] <= MAX_NOTICE_WEEKS:
        problems["notice_weeks"] = "Enter a notice period from 0 to 26 weeks."
    if not first_version and not change_summary.strip():
        problems["change_summary"] = (
            "Say what changed from the last version and why: the person and the council read it."
        )
    return problems


# --- The terms in words -----------------------------------------------------------------------


def percent_text(basis_points: int) -> str:
    """800 -> "8%"; 750 -> "7.5%"; 725 -> "7.25%"."""
    whole, rest = divmod(basis_points, 100)
    return f"{whole}%" if not rest else f"{whole}.{rest:02d}".rstrip("0") + "%"


def fee_a_year_pence(agreement: Agreement) -> int:
    """The management fee over a whole year, rounded half up to the penny (for showing)."""
    if agreement.fee_kind == FeeKind.AMOUNT:
        return int(agreement.fee_monthly_pence) * 12
    exact = Fraction(agreement.annual_budget_pence * agreement.fee_basis_points, 10_000)
    return int(exact + Fraction(1, 2))


def fee_a_week_pence(agreement: Agreement) -> int:
    """The management fee in a typical week, rounded half up to the penny (for showing and for
    setting a week's support against the money): a percentage of the weekly budget, or the fixed
    monthly fee over a year's 52 weeks."""
    if agreement.fee_kind == FeeKind.AMOUNT:
        exact = Fraction(int(agreement.fee_monthly_pence) * 12, WEEKS_IN_YEAR)
    else:
        exact = agreement.weekly_budget * Fraction(agreement.fee_basis_points, 10_000)
    return int(exact + Fraction(1, 2))


def fee_words(agreement: Agreement) -> str:
    a_year = format_pence(fee_a_year_pence(agreement))
    if agreement.fee_kind == FeeKind.AMOUNT:
        return f"{format_pence(agreement.fee_monthly_pence)} a month ({a_year} a year)"
    return f"{percent_text(agreement.fee_basis_points)} of the budget ({a_year} a year)"


def banking_words(agreement: Agreement) -> str:
    if agreement.bank_max_weeks == 0:
        return "No money may be banked."
    count = agreement.bank_max_weeks
    weeks_of = "1 week's" if count == 1 else f"{count} weeks'"
    return (
        f"Up to {weeks_of} budget ({format_pence(agreement.bank_cap_pence)}) may be banked, "
        f"for up to {_weeks(agreement.bank_hold_weeks)}"
    )


def review_words(agreement: Agreement) -> str:
    every = agreement.review_every_months
    months = "month" if every == 1 else f"{every} months"
    return f"First review on {uk_date(agreement.first_review_on)}, then at least every {months}"


def _weeks(count: int) -> str:
    return "1 week" if count == 1 else f"{count} weeks"


def _term_text(agreement: Agreement, name: str) -> str:
    value = getattr(agreement, name)
    if name == "annual_budget_pence":
        weekly = format_pence(agreement.weekly_budget_pence)
        return f"{format_pence(value)} a year ({weekly} a week)"
    if name in ("starts_on", "ends_on", "first_review_on"):
        return uk_date(value)
    if name in ("contingency_pence", "overdraft_limit_pence", "fee_monthly_pence"):
        return format_pence(value)
    if name == "fee_kind":
        return FeeKind(value).label.lower()
    if name == "fee_basis_points":
        return percent_text(value)
    if name in ("bank_max_weeks", "bank_hold_weeks", "notice_weeks"):
        return _weeks(value)
    if name == "review_every_months":
        return "1 month" if value == 1 else f"{value} months"
    raise KeyError(name)  # pragma: no cover - every term is named above


TERM_LABELS = {
    "annual_budget_pence": "Budget",
    "starts_on": "Starts",
    "ends_on": "Ends",
    "fee_kind": "Management fee is",
    "fee_basis_points": "Management fee percentage",
    "fee_monthly_pence": "Management fee each month",
    "contingency_pence": "Contingency",
    "bank_max_weeks": "Most that may be banked",
    "bank_hold_weeks": "Longest money may stay banked",
    "overdraft_limit_pence": "Approved overdraft",
    "notice_weeks": "Notice period",
    "first_review_on": "First review",
    "review_every_months": "Then review at least every",
}


@dataclass(frozen=True)
class TermChange:
    label: str
    before: str
    after: str

    @property
    def sentence(self) -> str:
        return f"{self.label}: {self.before} → {self.after}"


def _shown_terms(agreement: Agreement) -> tuple[str, ...]:
    """The fee field that does not apply to this fee kind is not a term of the version."""
    unused = "fee_monthly_pence" if agreement.fee_kind == FeeKind.PERCENT else "fee_basis_points"
    return tuple(name for name in TERM_FIELDS if name != unused)


def changes_between(previous: Agreement, current: Agreement) -> list[TermChange]:
    """What changed from ``previous`` to ``current``, term by term, in words."""
    changes = []
    for name in TERM_FIELDS:
        before = _term_text(previous, name) if name in _shown_terms(previous) else "not used"
        after = _term_text(current, name) if name in _shown_terms(current) else "not used"
        if before != after:
            changes.append(TermChange(TERM_LABELS[name], before, after))
    return changes
