"""The retention schedule: how long each kind of record about a person is kept, and why.

Pure rules over dates, so they can be tested on their own and shown word for word on the
schedule page. A record is *kept until* a day (the last day it must be kept); it is due for a
manager's review on the day after. Nothing is destroyed by the schedule itself: a manager
decides each time (review.py, destruction.py).

Kinds come from the person-records registry (lib/person_records.py RecordKind); two more
targets are single details held only because the person agreed to them (their photo, and
their circle members' phone numbers, emails and addresses), which they may ask to have erased
at any time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from directsupport.lib.person_records import RecordKind

CARE_YEARS = 8
FINANCIAL_YEARS = 6


class Target(StrEnum):
    """What a retention decision or destruction is about: a kind of record, or a detail held
    only with the person's agreement."""

    CARE = RecordKind.CARE.value
    FINANCIAL = RecordKind.FINANCIAL.value
    AUDIT = RecordKind.AUDIT.value
    ACCOUNT = RecordKind.ACCOUNT.value
    PHOTO = "photo"
    CIRCLE_CONTACTS = "circle_contacts"


class CountsFrom(StrEnum):
    SUPPORT_ENDED = "support_ended"
    FINANCIAL_YEAR = "financial_year"


@dataclass(frozen=True)
class Rule:
    target: Target
    title: str
    examples: str
    keep_for: str
    why: str
    years: int
    counts_from: CountsFrom
    # Held only because the person agreed: they may have it erased whenever they ask.
    by_consent: bool = False


RULES: dict[Target, Rule] = {
    Target.CARE: Rule(
        target=Target.CARE,
        title="Care records",
        examples="Their record, circle, consent decisions, Planning Live notes and tools, "
        "Plan Books, Perfect Weeks and support needs.",
        keep_for=f"{CARE_YEARS} years after their support ends",
        why="The Records Management Code of Practice for Health and Social Care 2021 keeps "
        "adult social care records for 8 years after care ends. The person's own record is "
        "destroyed last, with or after everything else about them, because it is what ties "
        "the rest to them.",
        years=CARE_YEARS,
        counts_from=CountsFrom.SUPPORT_ENDED,
    ),
    Target.FINANCIAL: Rule(
        target=Target.FINANCIAL,
        title="Money records",
        examples="Their Individual Service Fund, agreements, ledger, statements and hours.",
        keep_for=f"{FINANCIAL_YEARS} years after the end of the financial year (31 March) "
        "of their last money record",
        why="Companies and charities must keep accounting records for 6 years after the end "
        "of the financial year they belong to (Companies Act 2006; HMRC). A fund's ledger is "
        "kept whole, because its balance is the sum of every entry: it is counted from its "
        "last entry.",
        years=FINANCIAL_YEARS,
        counts_from=CountsFrom.FINANCIAL_YEAR,
    ),
    Target.AUDIT: Rule(
        target=Target.AUDIT,
        title="Who looked at or changed their information",
        examples="The audit log's rows about them, including what was shared with the council "
        "or a supplier.",
        keep_for=f"{CARE_YEARS} years after their support ends, with their care records",
        why="Our choice: the audit shows who saw and changed the care records, so it is kept "
        "for as long as those records may be questioned, and no longer.",
        years=CARE_YEARS,
        counts_from=CountsFrom.SUPPORT_ENDED,
    ),
    Target.ACCOUNT: Rule(
        target=Target.ACCOUNT,
        title="Their sign-in",
        examples="Their own account and its sign-in history (not staff or circle accounts).",
        keep_for=f"{CARE_YEARS} years after their support ends, with the audit",
        why="Our choice: the audit log names the account behind everything the person did, "
        "so the account is kept as long as the audit that names it. Switch it off when "
        "support ends.",
        years=CARE_YEARS,
        counts_from=CountsFrom.SUPPORT_ENDED,
    ),
    Target.PHOTO: Rule(
        target=Target.PHOTO,
        title="Their photo",
        examples="The photo on their record.",
        keep_for="While they are supported and agree to it",
        why="Held only because the person agreed (UK GDPR Article 6(1)(a)): erased when they "
        "ask, and due for review as soon as support ends.",
        years=0,
        counts_from=CountsFrom.SUPPORT_ENDED,
        by_consent=True,
    ),
    Target.CIRCLE_CONTACTS: Rule(
        target=Target.CIRCLE_CONTACTS,
        title="Circle members' contact details",
        examples="Phone numbers, emails and addresses of people in their circle.",
        keep_for="While they are supported and agree to it",
        why="Optional details held only because the person and their circle agreed: erased "
        "when they ask, and due for review as soon as support ends. The names in the circle "
        "are care records.",
        years=0,
        counts_from=CountsFrom.SUPPORT_ENDED,
        by_consent=True,
    ),
}

# The order targets are shown and destroyed in: the person's own record (care) last.
TARGET_ORDER: tuple[Target, ...] = (
    Target.PHOTO,
    Target.CIRCLE_CONTACTS,
    Target.FINANCIAL,
    Target.AUDIT,
    Target.ACCOUNT,
    Target.CARE,
)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; 29 February becomes 28 February in a year without one."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def financial_year_end(day: dt.date) -> dt.date:
    """The 31 March that ends the UK financial year ``day`` belongs to (1 April to 31 March)."""
    year = day.year + 1 if (day.month, day.day) > (3, 31) else day.year
    return dt.date(year, 3, 31)


def kept_until(
    target: Target, *, support_ended_on: dt.date | None, last_money_on: dt.date | None
) -> dt.date | None:
    """The last day ``target`` must be kept, or None while nothing has started the clock
    (support has not ended; there is no money record)."""
    rule = RULES[target]
    if rule.counts_from == CountsFrom.FINANCIAL_YEAR:
        if last_money_on is None:
            return None
        return add_years(financial_year_end(last_money_on), rule.years)
    if support_ended_on is None:
        return None
    return add_years(support_ended_on, rule.years)


def is_due(kept_until_day: dt.date | None, today: dt.date) -> bool:
    """Due for review once the whole of the last day to keep it has passed."""
    return kept_until_day is not None and kept_until_day < today


def latest_money_day_due(today: dt.date) -> dt.date:
    """The latest last-money-record day whose records are due on ``today`` (for a query).

    Money records dated on D are kept until 31 March (financial year of D) + 6 years, so they
    are due when that 31 March is before today: the financial year must end on or before the
    31 March before (today - 6 years).
    """
    six_years_before = add_years(today, -FINANCIAL_YEARS) - dt.timedelta(days=1)
    end = financial_year_end(six_years_before)
    return end if end <= six_years_before else dt.date(end.year - 1, 3, 31)
