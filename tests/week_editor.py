"""Whether the week editor would take an entry as it is: for tests that check seeded weeks (the
demo's and the benchmark generator's) are ones a person could have typed in."""

from __future__ import annotations

from django.utils import timezone

from directsupport.week.forms import EntryForm
from directsupport.week.models import Week, WeekEntry


def editor_refuses(week: Week, entry: WeekEntry, entries: list[WeekEntry]) -> str:
    """Why the week editor's form would refuse the entry as it is ('' if it takes it)."""
    data = EntryForm.initial_for(entry, week.version, [])
    data["starts_at"] = f"{entry.starts_at:%H:%M}"
    data["ends_at"] = f"{entry.ends_at:%H:%M}"
    data = {key: value for key, value in data.items() if value is not None and value is not False}
    others = [e for e in entries if e.pk != entry.pk]
    form = EntryForm(data, person=week.person, places=[], others=others, today=timezone.localdate())
    return "" if form.is_valid() else form.errors.as_text()
