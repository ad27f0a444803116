"""The Perfect Week in the Plan Book (moved here from week's tests: the Plan Book app stands above
week and compiles its part): compiled with its price, kept with the rates it was priced
with, shown as a timetable and in easy read, and compared between versions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from directsupport.planbook.book.compile import compile_plan_book
from directsupport.planbook.book.services import compile_draft, start_version
from directsupport.planbook.compare.diff import compare_plan_books
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion
from directsupport.planbook.tests.plan_book_support import version_at
from directsupport.week.compile import compile_week
from directsupport.week.models import (
    Company,
    Rate,
    RateCard,
    SupportKind,
    SupportRatio,
    WeekEntry,
)
from directsupport.week.tests.conftest import HOURLY_PENCE, SLEEP_IN_PENCE
from directsupport.week.tests.feed_support import SECRET_NOTE, fill_week


@pytest.fixture
def week_entries(everyone, perfect_week, sister, rate_card):
    return fill_week(perfect_week, sister)


def page(client, person, number: int, name: str = "plan_book_version") -> str:
    response = client.get(reverse(f"planbook:{name}", kwargs={"pk": person.pk, "number": number}))
    assert response.status_code == 200
    return response.content.decode()


def dearer_card(rate_card: RateCard) -> RateCard:
    """A new card from today, every rate £10 an hour higher and sleep-ins £20 more."""
    today = timezone.localdate()
    assert today > rate_card.effective_from
    card = RateCard.objects.create(
        organisation=rate_card.organisation,
        effective_from=today,
        sleep_in_pence=SLEEP_IN_PENCE + 2000,
    )
    Rate.objects.bulk_create(
        Rate(rate_card=card, support_kind=kind, band=band, pence_per_hour=pence + 1000)
        for kind in SupportKind
        if kind != SupportKind.SLEEP_IN
        for band, pence in HOURLY_PENCE.items()
    )
    return card


def test_compiling_includes_the_week_and_its_price(week_entries, rate_card, dee):
    week = compile_plan_book(dee)["week"]

    assert [entry["what"] for entry in week["entries"]] == [e.what for e in week_entries]
    swimming = week["entries"][0]
    assert swimming == {
        "id": week_entries[0].pk,
        "day": 1,
        "day_name": "Tuesday",
        "start": "10:00",
        "end": "12:00",
        "overnight": False,
        "when": "10am to midday",
        "what": "Swimming at the leisure centre",
        "place": "Northfield Leisure Centre",
        "company": "Paid support",
        "with": "",
        "support": "1:1 community access",
        "support_kind": "community_access",
        "fixed": True,
        "repeats": "Every week",
        "repeats_from": None,
        "icon": swimming["icon"],
    }
    tea = week["entries"][3]
    assert (tea["company"], tea["with"]) == ("Someone from my circle", "Ngozi Okafor")
    # A repeating entry carries its first date, in words and as a date.
    assert tea["repeats"] == "Every other Saturday from 7 March 2026"
    assert tea["repeats_from"] == "2026-03-07"
    assert SECRET_NOTE not in str(week)
    price = week["price"]
    assert price["card"]["effective_from"] == rate_card.effective_from.isoformat()
    # Swimming: 2 weekday daytime hours at £32 = £64 a week, among the other entries.
    swimming_price = next(p for p in price["entries"] if p["entry_id"] == week_entries[0].pk)
    assert (swimming_price["weekly_minutes"], swimming_price["weekly_pence"]) == (120, 6400)
    assert price["weekly_pence"] == sum(p["weekly_pence"] for p in price["entries"])
    assert set(price["by_kind"]) == {"community_access", "sleep_in"}


def test_a_published_version_keeps_its_price_after_the_rate_card_changes(
    week_entries, rate_card, coordinator, dee
):
    published = version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)
    old_price = published.content["week"]["price"]

    new_card = dearer_card(rate_card)
    draft = start_version(actor=coordinator, person=dee)

    new_price = draft.content["week"]["price"]
    assert new_price["card"]["effective_from"] == new_card.effective_from.isoformat()
    assert new_price["weekly_pence"] > old_price["weekly_pence"]
    kept = PlanBookVersion.objects.get(pk=published.pk).content["week"]["price"]
    assert kept == old_price
    assert kept["card"]["effective_from"] == rate_card.effective_from.isoformat()


def test_a_draft_recompiled_after_the_rate_card_changes_takes_the_new_price(
    week_entries, rate_card, coordinator, dee
):
    draft = start_version(actor=coordinator, person=dee)
    before = draft.content["week"]["price"]["weekly_pence"]
    dearer_card(rate_card)

    draft = compile_draft(actor=coordinator, version=draft, expected_version=draft.version)

    assert draft.content["week"]["price"]["weekly_pence"] > before


def test_without_a_rate_card_the_week_goes_in_unpriced(everyone, perfect_week, sister, dee):
    fill_week(perfect_week, sister)

    week = compile_plan_book(dee)["week"]

    assert len(week["entries"]) == 5
    assert week["price"] is None
    assert "no rate card" in week["price_problem"]


def test_a_person_with_no_perfect_week_has_none_in_the_snapshot(everyone, dee):
    assert compile_plan_book(dee)["week"] is None


def test_the_snapshot_holds_the_week_as_week_compiles_it(week_entries, rate_card, dee):
    """The Plan Book compiles week's part itself (it stands above week), with week's own
    compile_week: the snapshot's "week" is exactly what that gives."""
    assert compile_plan_book(dee)["week"] == compile_week(dee)


def test_compiling_takes_the_same_queries_however_many_entries(
    week_entries, perfect_week, rate_card, dee
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            compile_plan_book(dee)
        return len(captured.captured_queries)

    few = queries()
    for hour in range(6, 20):
        WeekEntry.objects.create(
            week=perfect_week,
            weekday=0,
            starts_at=dt.time(hour, 0),
            ends_at=dt.time(hour, 30),
            what=f"Walk number {hour}",
            company=Company.PAID,
            support_ratio=SupportRatio.ONE_TO_ONE,
            support_kind=SupportKind.COMMUNITY_ACCESS,
        )

    assert queries() == few


def test_the_plan_book_page_shows_the_timetable_and_costs_with_the_card_date(
    week_entries, rate_card, coordinator, client_for, dee
):
    version = version_at(dee, PlanBookStatus.DRAFT, by=coordinator)
    price = version.content["week"]["price"]

    content = page(client_for(coordinator), dee, version.number)

    assert '<th scope="col">Monday</th>' in content
    assert "Swimming at the leisure centre" in content
    assert "With Ngozi Okafor" in content
    assert "priced with the rate card from 1 April 2026" in content
    assert "Community access" in content
    assert f"£{price['weekly_pence'] // 100:,}.{price['weekly_pence'] % 100:02d}" in content
    assert "These will appear here" not in content
    assert SECRET_NOTE.split(",")[0] not in content


def test_the_easy_read_page_goes_day_by_day_with_a_picture_beside_each_entry(
    week_entries, rate_card, coordinator, client_for, person_user, dee
):
    version = version_at(dee, PlanBookStatus.DRAFT, by=coordinator)

    content = page(client_for(person_user), dee, version.number, name="plan_book_easy_read")

    week_part = content.split('id="easy-week-title"', 1)[1]
    assert "<h3>Tuesday</h3>" in week_part
    assert "<strong>10am to midday:</strong> Swimming at the leisure centre." in week_part
    assert "My support costs £" in week_part
    assert "My Perfect Week will go here." not in content
    assert week_part.count('<div class="easy-read-item">') >= len(week_entries)


def test_a_reader_who_may_not_see_the_circle_sees_no_names(
    week_entries, rate_card, coordinator, client_for, finance, dee
):
    version = version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)

    content = page(client_for(finance), dee, version.number)

    week_part = content.split('id="plan-book-week"', 1)[1]
    assert "Tea at my sister&#x27;s house" in week_part
    assert "Ngozi Okafor" not in week_part
    assert "Someone from my circle" in week_part


def test_the_diff_lists_week_entries_added_and_taken_out_and_the_new_cost(
    week_entries, rate_card, dee
):
    old = compile_plan_book(dee)
    week_entries[4].delete()
    WeekEntry.objects.create(
        week=week_entries[0].week,
        weekday=3,
        starts_at=dt.time(18, 0),
        ends_at=dt.time(20, 0),
        what="Football training",
        place="Northfield Park",
        company=Company.PAID,
        support_ratio=SupportRatio.ONE_TO_ONE,
        support_kind=SupportKind.COMMUNITY_ACCESS,
    )
    new = compile_plan_book(dee)

    sections = compare_plan_books(
        old=old, new=new, old_introduction="", new_introduction="", include_circle=True
    )

    week = next(section for section in sections if section.key == "week")
    words = {(change.word, change.text) for change in week.changes}
    assert (
        "Added",
        "Thursday 6pm to 8pm: Football training, at Northfield Park (1:1 community access)",
    ) in words
    assert (
        "Taken out",
        "Sunday 10:30am to midday: Church with friends, at St Mary's Church (No paid support)",
    ) in words
    assert any(change.where == "Cost a week" for change in week.changes)


def test_the_diff_shows_an_every_other_week_entry_moved_to_the_other_weeks(
    week_entries, rate_card, dee
):
    old = compile_plan_book(dee)
    tea = week_entries[3]
    tea.repeats_from = dt.date(2026, 3, 14)
    tea.save()

    sections = compare_plan_books(
        old=old,
        new=compile_plan_book(dee),
        old_introduction="",
        new_introduction="",
        include_circle=True,
    )

    week = next(section for section in sections if section.key == "week")
    assert [change.text for change in week.changes] == [
        "Was “Saturday 1pm to 5:30pm: Tea at my sister's house, at Ngozi's house, every other "
        "Saturday from 7 March 2026 (No paid support)”; now “Saturday 1pm to 5:30pm: Tea at my "
        "sister's house, at Ngozi's house, every other Saturday from 14 March 2026 (No paid "
        "support)”"
    ]
