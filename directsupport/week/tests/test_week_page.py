"""The Perfect Week and week now pages, side by side, easy read, and the pricing panel."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from directsupport.audit.models import Action, AuditEvent
from directsupport.week.models import Week, WeekKind

from .conftest import NOT_FOUND_FOR_WEEK, WEEK_READERS
from .test_entries import make_entry

PAGES = ["perfect_week", "week_now", "week_compare", "week_easy_read"]


def url(name: str, dee: Any) -> str:
    return reverse(f"week:{name}", kwargs={"pk": dee.pk})


@pytest.fixture
def current_week(dee, coordinator) -> Week:
    return Week.objects.create(person=dee, kind=WeekKind.CURRENT, updated_by=coordinator)


@pytest.mark.parametrize("name", WEEK_READERS)
@pytest.mark.parametrize("page", PAGES)
def test_readers_see_the_week_pages(
    client_for, persona, dee, perfect_week, current_week, name, page
):
    make_entry(perfect_week)
    make_entry(current_week)
    response = client_for(persona(name)).get(url(page, dee))
    assert response.status_code == 200
    assert "Swimming" in response.content.decode()


@pytest.mark.parametrize("name", NOT_FOUND_FOR_WEEK)
@pytest.mark.parametrize("page", PAGES)
def test_others_are_not_told_the_week_exists(client_for, persona, dee, perfect_week, name, page):
    make_entry(perfect_week)
    response = client_for(persona(name)).get(url(page, dee))
    assert response.status_code == 404
    assert "Swimming" not in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_is_audited_and_has_no_inline_script_or_style(
    client_for, coordinator, dee, everyone, perfect_week, page
):
    make_entry(perfect_week)
    body = client_for(coordinator).get(url(page, dee)).content.decode()
    assert AuditEvent.objects.filter(action=Action.VIEW, person_id=dee.pk).exists()
    assert "<script>" not in body and not re.search(r"<script(?![^>]*\bsrc=)", body)
    assert "style=" not in body


def test_the_timetable_in_pictures_and_words(client_for, coordinator, dee, everyone, perfect_week):
    make_entry(
        perfect_week,
        what="Work at the garden centre",
        weekday=0,
        starts_at=dt.time(9),
        ends_at=dt.time(15),
        fixed=True,
    )
    make_entry(
        perfect_week,
        what="Sleep-in",
        weekday=2,
        starts_at=dt.time(22),
        ends_at=dt.time(7),
        overnight=True,
        support_kind="sleep_in",
    )
    make_entry(
        perfect_week,
        what="Cinema",
        weekday=5,
        fixed=False,
        company="on_my_own",
        support_ratio="none",
        support_kind="",
        recurrence="FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
    )
    body = client_for(coordinator).get(url("perfect_week", dee)).content.decode()
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        assert f">{day}</h3>" in body
    assert "week-card--fixed" in body and "week-card--flexible" in body
    assert ">Fixed</span>" in body and ">Flexible</span>" in body
    assert "10pm until 7am next day" in body
    assert "Every other Saturday" in body
    assert "1:1 community access" in body
    assert "1:1 sleep-in" in body
    assert '<th scope="col">Fixed or flexible</th>' in body
    assert '<th scope="row">Monday</th>' in body


def test_an_empty_week_says_so(client_for, coordinator, dee, everyone):
    body = client_for(coordinator).get(url("week_now", dee)).content.decode()
    assert "Nothing is in this week yet" in body
    assert reverse("week:entry_add", kwargs={"pk": dee.pk, "week_kind": "current"}) in body


def test_readers_get_no_change_links(client_for, worker, dee, everyone, perfect_week):
    entry = make_entry(perfect_week)
    body = client_for(worker).get(url("perfect_week", dee)).content.decode()
    assert reverse("week:entry_add", kwargs={"pk": dee.pk, "week_kind": "perfect"}) not in body
    assert f"/entries/{entry.pk}/change/" not in body


def test_the_pricing_panel(client_for, coordinator, dee, everyone, perfect_week, rate_card):
    # 2 hours of 1:1 community access on a Tuesday daytime at £32 an hour: £64 a week.
    make_entry(perfect_week)
    make_entry(
        perfect_week,
        what="Cafe",
        weekday=3,
        company="on_my_own",
        support_ratio="none",
        support_kind="",
    )
    body = client_for(coordinator).get(url("perfect_week", dee)).content.decode()
    assert "Priced with the rate card from 1 April 2026" in body
    assert '<th scope="row">Community access</th><td>2 hours</td><td>£64.00</td>' in body
    assert "What costs the most" in body
    assert "budget" not in body.lower()


def test_the_costliest_five_entries_drive_the_cost(
    client_for, coordinator, dee, everyone, perfect_week, rate_card
):
    for hour in range(8, 15):
        make_entry(
            perfect_week,
            what=f"Session at {hour}",
            weekday=hour % 5,
            starts_at=dt.time(hour),
            ends_at=dt.time(hour + 1 + hour % 3),
            support_ratio="one_to_one",
        )
    body = client_for(coordinator).get(url("perfect_week", dee)).content.decode()
    drivers = re.search(r'<ol class="week-drivers">(.*?)</ol>', body, re.S)
    assert drivers is not None
    assert drivers.group(1).count("<li>") == 5


def test_no_rate_card_is_said_plainly(client_for, coordinator, dee, everyone, perfect_week):
    make_entry(perfect_week)
    body = client_for(coordinator).get(url("perfect_week", dee)).content.decode()
    assert "There is no rate card yet, so the Perfect Week cannot be priced" in body


def test_a_rate_card_missing_a_rate_is_said_plainly(
    client_for, coordinator, dee, everyone, perfect_week, rate_card
):
    rate_card.rates.filter(band="day").delete()
    make_entry(perfect_week)
    body = client_for(coordinator).get(url("perfect_week", dee)).content.decode()
    assert "The Perfect Week cannot be priced" in body
    assert "has no weekday daytime rate for community access" in body


def test_the_week_now_has_no_pricing_panel(
    client_for, coordinator, dee, everyone, current_week, rate_card
):
    make_entry(current_week)
    body = client_for(coordinator).get(url("week_now", dee)).content.decode()
    assert "What the Perfect Week costs" not in body


@pytest.mark.parametrize("count", [3, 30])
def test_the_perfect_week_page_queries_do_not_grow_with_entries(
    client_for, coordinator, dee, sister, perfect_week, rate_card, django_assert_num_queries, count
):
    client = client_for(coordinator)

    def fill(n: int) -> None:
        perfect_week.entries.all().delete()
        for i in range(n):
            make_entry(
                perfect_week,
                what=f"Entry {i}",
                weekday=i % 7,
                starts_at=dt.time(i % 20),
                ends_at=dt.time(i % 20 + 1),
                company="circle",
                company_member=sister,
            )

    fill(3)
    client.get(url("perfect_week", dee))  # warm the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url("perfect_week", dee))
    fill(count)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url("perfect_week", dee))
    assert response.content.decode().count("week-card__what") == count


def test_side_by_side_lists_the_differences(
    client_for, coordinator, dee, everyone, perfect_week, current_week
):
    make_entry(perfect_week, what="Swimming", weekday=1)
    make_entry(
        current_week, what="Day centre", weekday=0, starts_at=dt.time(9), ends_at=dt.time(15)
    )
    body = client_for(coordinator).get(url("week_compare", dee)).content.decode()
    assert "Wants swimming on Tuesday — not happening now" in body
    assert "Happens now but not in the Perfect Week: day centre on Monday" in body
    assert '<th scope="col">My Perfect Week</th>' in body


def test_easy_read_has_a_picture_and_short_sentences(
    client_for, person_user, dee, everyone, perfect_week, sister
):
    make_entry(
        perfect_week,
        what="Swimming",
        place="Hollowfield Leisure Centre",
        company="circle",
        company_member=sister,
        support_ratio="none",
        support_kind="",
    )
    body = client_for(person_user).get(url("week_easy_read", dee)).content.decode()
    assert "On Tuesday at 10am: Swimming." in body
    assert "I go to Hollowfield Leisure Centre." in body
    assert "I am with Ngozi Okafor." in body
    assert "Read this to me" in body
    assert '<body class="easy-read' in body or 'class="easy-read"' in body


@pytest.mark.parametrize(
    ("name", "offered"),
    [
        ("person_user", True),
        ("sister_user", True),
        ("cousin_user", True),
        ("coordinator", True),
        ("worker", False),
        ("finance", False),
    ],
)
def test_the_perfect_week_links_to_calendar_links_for_those_who_may_use_them(
    name, offered, persona, client_for, dee
):
    body = client_for(persona(name)).get(reverse("week:perfect_week", args=[dee.pk]))
    link = reverse("week:calendar_links", args=[dee.pk])
    assert (link in body.content.decode()) is offered


def test_staff_see_the_weeks_named_as_dees_not_theirs(persona, client_for, dee):
    staff = client_for(persona("coordinator")).get(reverse("week:perfect_week", args=[dee.pk]))
    own = client_for(persona("person_user")).get(reverse("week:perfect_week", args=[dee.pk]))
    assert ">Perfect Week</a>" in staff.content.decode()
    assert ">My Perfect Week</a>" in own.content.decode()
