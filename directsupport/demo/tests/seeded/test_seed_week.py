"""The demo's My Perfect Week: rate cards, a Perfect Week for everyone, weeks now for some."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from io import StringIO

from django.core.management import call_command
from django.db.models import Min
from django.utils import timezone

from directsupport.demo.organisations_data import PROVIDER
from directsupport.demo.people_data import PEOPLE
from directsupport.funds.models import Agreement
from directsupport.week.models import (
    Company,
    RateCard,
    SupportKind,
    SupportRatio,
    Week,
    WeekEntry,
    WeekKind,
)
from directsupport.week.pricing import (
    card_facts,
    current_rate_card,
    facts_from,
    plan_year_start,
    price_week,
)
from tests.week_editor import editor_refuses


def _perfect_weeks() -> list[Week]:
    return list(
        Week.objects.filter(person__organisation__name=PROVIDER, kind=WeekKind.PERFECT)
        .select_related("person")
        .prefetch_related("entries", "person__circle")
    )


def test_the_demo_has_a_rate_card_in_force_today_and_an_older_one(demo):
    cards = RateCard.objects.filter(organisation__name=PROVIDER)
    assert cards.count() == 2
    today = current_rate_card(cards[0].organisation, timezone.localdate())
    assert today is not None
    rates = {(r.support_kind, r.band): r.pence_per_hour for r in today.rates.all()}
    assert 3200 <= rates[(SupportKind.COMMUNITY_ACCESS, "day")] <= 3600
    assert rates[(SupportKind.PERSONAL_CARE, "day")] == 3832
    assert rates[(SupportKind.PERSONAL_CARE, "bank_holiday")] == 3832 * 3 // 2
    assert 9500 <= today.sleep_in_pence <= 11000
    older = cards.exclude(pk=today.pk).get()
    assert older.effective_from < today.effective_from
    assert older.sleep_in_pence < today.sleep_in_pence


def test_every_demo_person_has_a_perfect_week_the_editor_would_accept(demo):
    weeks = _perfect_weeks()
    assert len(weeks) == len(PEOPLE)
    for week in weeks:
        entries = list(week.entries.all())
        assert len(entries) >= 6, week.person
        for entry in entries:
            problem = editor_refuses(week, entry, entries)
            assert not problem, (week.person, str(entry), problem)


def test_the_weeks_are_varied_like_the_people(demo):
    entries = WeekEntry.objects.filter(
        week__person__organisation__name=PROVIDER, week__kind=WeekKind.PERFECT
    )
    whats = " ".join(entries.values_list("what", flat=True))
    for words in ("Working", "college", "Swimming", "Sunday service", "Football", "drumming"):
        assert words in whats, words
    ratios = Counter(entries.values_list("support_ratio", flat=True))
    assert ratios[SupportRatio.TWO_TO_ONE] and ratios[SupportRatio.SHARED]
    kinds = Counter(entries.values_list("support_kind", flat=True))
    assert kinds[SupportKind.SLEEP_IN] and kinds[SupportKind.WAKING_NIGHT]
    assert entries.filter(company=Company.CIRCLE, company_member__isnull=False).count() > 55
    assert entries.filter(recurrence__startswith="FREQ=WEEKLY;INTERVAL=2").exists()
    assert entries.filter(recurrence__startswith="FREQ=MONTHLY").exists()
    assert entries.filter(fixed=False).exists()


def test_what_repeats_started_on_a_day_of_its_own_before_the_isfs_went_live(demo):
    entries = list(
        WeekEntry.objects.filter(
            week__person__organisation__name=PROVIDER, week__kind=WeekKind.PERFECT
        ).exclude(recurrence="")
    )
    first_isf = Agreement.objects.filter(fund__person__organisation__name=PROVIDER).aggregate(
        first=Min("starts_on")
    )["first"]
    a_year_ago = timezone.localdate() - dt.timedelta(weeks=52)
    assert entries and first_isf is not None
    for entry in entries:
        assert entry.repeats_from is not None, entry
        assert entry.repeats_from.weekday() == entry.weekday, entry
        # Within the last year, and before the first ISF went live, so its planned hours and
        # sessions count every time it happened.
        assert a_year_ago <= entry.repeats_from < first_isf, entry
    fortnightly = [e.repeats_from for e in entries if "INTERVAL=2" in e.recurrence]
    # Not everyone's fortnight is the same one: some fall in odd weeks, some in even.
    assert len({(first - dt.date(2026, 1, 5)).days // 7 % 2 for first in fortnightly if first}) == 2
    # The bus there and the activity start on the same day.
    by_outing: dict[tuple[int, int, str, str], set[dt.date | None]] = {}
    for entry in entries:
        key = (entry.week_id, entry.weekday, entry.recurrence, entry.place)
        by_outing.setdefault(key, set()).add(entry.repeats_from)
    assert all(len(firsts) == 1 for firsts in by_outing.values())
    assert WeekEntry.objects.filter(recurrence="", repeats_from__isnull=False).count() == 0


def test_a_third_of_people_have_a_week_now_that_differs_from_their_perfect_week(demo):
    current = Week.objects.filter(person__organisation__name=PROVIDER, kind=WeekKind.CURRENT)
    assert 15 <= current.count() <= 22
    for week in current:
        now = set(week.entries.values_list("weekday", "starts_at", "what"))
        perfect = set(
            WeekEntry.objects.filter(
                week__person=week.person, week__kind=WeekKind.PERFECT
            ).values_list("weekday", "starts_at", "what")
        )
        assert now != perfect, week.person


def test_the_perfect_weeks_are_priced_at_about_two_million_a_year(demo):
    card = current_rate_card(RateCard.objects.filter(organisation__name=PROVIDER)[0].organisation)
    assert card is not None
    facts = card_facts(card)
    year_start = plan_year_start(timezone.localdate())
    yearly = [
        price_week(
            [facts_from(e) for e in week.entries.all()], facts, year_start=year_start
        ).yearly_pence
        for week in _perfect_weeks()
    ]
    assert 150_000_000 <= sum(yearly) <= 210_000_000
    assert min(yearly) < 1_500_000 < 6_000_000 < max(yearly)
    match = re.search(r"would cost £([\d,]+\.\d\d) a year", demo)
    assert match and int(match[1].replace(",", "").replace(".", "")) == sum(yearly)


def test_seeding_again_adds_no_weeks_or_rate_cards(demo):
    before = (RateCard.objects.count(), Week.objects.count(), WeekEntry.objects.count())
    out = StringIO()

    call_command("seed_demo", stdout=out)

    assert (RateCard.objects.count(), Week.objects.count(), WeekEntry.objects.count()) == before
    assert "0 rate cards, 0 Perfect Weeks and 0 weeks now added" in out.getvalue()
