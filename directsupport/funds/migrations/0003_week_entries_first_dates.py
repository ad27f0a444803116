"""Give every repeating week entry its own first date, keeping today's planned hours.

Before this, a repeat rule ("every other Thursday") had no first date of its own, and each part
counted it from somewhere else: planned hours (``funds/planned.py``) in plan years of 52 weeks
from the Monday on or before the agreement's start, the calendar feed from the Monday of the
week the Perfect Week was last changed, the price from this week's Monday. Now all of them count
from the entry's ``repeats_from``. This sets it, for each entry with a rule and no first date,
to the first day the rule gave on or after the Monday planned hours counted from, so the
planned hours stay where they were: for an agreement starting on Tuesday 1 December 2026 that
Monday is 30 November, and Dee's every-other-Thursday samba band keeps 3, 17 and 31 December.

Why in funds, not week: that Monday comes from each person's own agreement. No one fixed Monday
can stand in for it (whether "every other week" means the odd or the even weeks depends on the
week each person's agreement started), and the week app may not read funds.

Which agreement: the one the hours page counts from today (``views.hours.agreement_now``): the
version in force today; else the approved one; else the latest version, which planned hours
will count from once it is approved. A person with no agreement has no planned hours to keep:
their entries count from the Monday of the week their week was last changed, which is where
their calendar feed counted from, so their phones keep the same dates. The week now is treated
the same way as the Perfect Week.

Exact for every rule whose dates repeat within 52 weeks (every week, every other week, every 4,
13 or 26 weeks, and rules fixed by the month such as "the first Saturday of the month"). For
the others (every 3 weeks, a COUNT), planned hours started the count again every 52 weeks, which
no single first date can do: the first plan year is kept and later years carry on the rule. A
rule that cannot be read, or never happens from that Monday, is left without a first date (the
entry form asks for one at the next change).

The rule is expanded here with dateutil directly, as ``week/pricing.py`` did when this was
written, rather than by importing it: a migration must give the same answer when that code
changes later.
"""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr
from django.db import migrations
from django.utils import timezone

LONDON = ZoneInfo("Europe/London")
# Agreement statuses (funds.models.AgreementStatus), as they were when this was written.
APPROVED = "approved"
APPROVED_ONCE = ("approved", "superseded")


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def first_date(rule_text: str, weekday: int, starts_at: dt.time, anchor: dt.date) -> dt.date | None:
    """The first day ``rule_text`` gives for an entry on ``weekday``, counted as planned hours
    counted it from the Monday ``anchor``: from the first day on the entry's weekday."""
    first_on_day = anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)
    start = dt.datetime.combine(first_on_day, starts_at)
    try:
        rule = rrulestr(rule_text.strip(), dtstart=start, ignoretz=True)
    except (ValueError, TypeError, KeyError, IndexError):
        return None
    if not isinstance(rule, rrule):
        return None
    found = rule.after(start, inc=True)
    return found.date() if found else None


def counted_from(agreements: list[Any], today: dt.date) -> dt.date | None:
    """The start of the agreement the hours page counts from today, or None without one."""
    started = [a for a in agreements if a.status in APPROVED_ONCE and a.starts_on <= today]
    latest_started = max(started, key=lambda a: a.version, default=None)
    if latest_started is not None and latest_started.ends_on >= today:
        return latest_started.starts_on
    approved = [a for a in agreements if a.status == APPROVED]
    if approved:
        return approved[0].starts_on
    latest = max(agreements, key=lambda a: a.version, default=None)
    return latest.starts_on if latest is not None else None


def set_first_dates(apps: Any, schema_editor: Any) -> None:
    WeekEntry = apps.get_model("week", "WeekEntry")
    Agreement = apps.get_model("funds", "Agreement")
    today = timezone.localdate()
    entries = list(
        WeekEntry.objects.filter(repeats_from__isnull=True)
        .exclude(recurrence="")
        .select_related("week")
    )
    people = {entry.week.person_id for entry in entries}
    agreements: dict[int, list[Any]] = {}
    for agreement in Agreement.objects.filter(fund__person_id__in=people).select_related("fund"):
        agreements.setdefault(agreement.fund.person_id, []).append(agreement)
    changed = []
    for entry in entries:
        if not entry.recurrence.strip():
            continue
        start = counted_from(agreements.get(entry.week.person_id, []), today)
        if start is None:
            start = entry.week.updated_at.astimezone(LONDON).date()
        first = first_date(entry.recurrence, entry.weekday, entry.starts_at, monday_of(start))
        if first is not None:
            entry.repeats_from = first
            changed.append(entry)
    WeekEntry.objects.bulk_update(changed, ["repeats_from"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("funds", "0002_ledger_append_only"),
        ("week", "0002_weekentry_repeats_from"),
    ]

    operations = [
        # Going back, week's own migration drops the column, so there is nothing to undo here.
        migrations.RunPython(set_first_dates, migrations.RunPython.noop),
    ]
