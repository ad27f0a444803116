"""A repeating entry's own first date: asked for in the entry form, checked, shown in words, and
honoured by the clash check, which compares the dates entries really happen on.

The clock is stopped on Tuesday 1 December 2026. December 2026's Thursdays are the 3rd, 10th,
17th, 24th and 31st; the first Thursday of January 2027 is the 7th.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from directsupport.audit.models import Action, AuditEvent
from directsupport.week.clashes import first_clash
from directsupport.week.display import repeat_words
from directsupport.week.forms import FIRST_DATE_MESSAGE
from directsupport.week.models import Week, WeekEntry, rule_needs_first_date
from directsupport.week.pricing import EntryFacts, facts_from

from .test_entries import add_url, edit_url, form_data, make_entry

THU = 3
FORTNIGHTLY_THU = "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"


@pytest.fixture(autouse=True)
def first_of_december() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("Europe/London"))):
        yield


def samba(**changes: Any) -> dict[str, Any]:
    """Dee's samba band on a Thursday evening, every other week, with a worker."""
    values = {
        "weekday": str(THU),
        "starts_at": "18:00",
        "ends_at": "20:00",
        "what": "Samba band at the community centre",
        "repeats": "fortnightly",
        "repeats_from": "3/12/2026",
    }
    values.update(changes)
    return form_data(**values)


# --- The form -----------------------------------------------------------------------------------


def test_every_other_week_is_saved_with_its_first_date_typed_the_uk_way(
    client_for, coordinator, dee, everyone
):
    client = client_for(coordinator)
    response = client.post(add_url(dee), samba())

    assert response.status_code == 302
    entry = WeekEntry.objects.get()
    assert (entry.recurrence, entry.repeats_from) == (FORTNIGHTLY_THU, dt.date(2026, 12, 3))
    page = client.get(reverse("week:perfect_week", kwargs={"pk": dee.pk})).content.decode()
    assert "Every other Thursday from 3 December 2026" in page


def test_every_other_week_without_a_first_date_is_refused_beside_the_field(
    client_for, coordinator, dee, everyone
):
    response = client_for(coordinator).post(add_url(dee), samba(repeats_from=""))

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_repeats_from_error"' in body
    assert FIRST_DATE_MESSAGE.split(":")[0] in body
    assert "Samba band at the community centre" in body  # what was typed is kept
    assert not WeekEntry.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"repeats_from": "5/12/2026"},
            "5 December 2026 is a Saturday, but the entry is on Thursday: enter a Thursday",
        ),
        ({"repeats_from": "31/2/2026"}, "Enter a real date, for example 3/12/2026"),
        ({"repeats_from": "next Thursday"}, "Enter a real date, for example 3/12/2026"),
        ({"repeats_from": "4/12/2014"}, "Enter a first date in the last ten years"),
        ({"repeats_from": "3/2/2028"}, "Enter a first date in the last ten years"),
        (
            {"repeats": "monthly", "month_week": "1", "repeats_from": "10/12/2026"},
            "10 December 2026 is not one of the days it repeats on: the next one after it is "
            "7 January 2027",
        ),
        (
            {
                "repeats": "custom",
                "custom_rule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=3",
                "repeats_from": "3/12/2020",
            },
            "Counted from 3 December 2020, this repeat rule has no dates left",
        ),
        (
            {"repeats": "custom", "custom_rule": "FREQ=WEEKLY;INTERVAL=3;BYDAY=TH"},
            "Enter the first date it happens",
        ),
    ],
)
def test_a_wrong_first_date_is_refused_beside_the_field_and_nothing_typed_is_lost(
    client_for, coordinator, dee, everyone, changes, message
):
    data = samba(**changes)
    if "repeats_from" not in changes:
        data["repeats_from"] = ""
    response = client_for(coordinator).post(add_url(dee), data)

    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert 'id="id_repeats_from_error"' in body
    assert "Samba band at the community centre" in body
    assert f'value="{data["repeats_from"]}"' in body or not data["repeats_from"]
    assert not WeekEntry.objects.exists()


def test_the_first_thursday_of_the_month_needs_no_first_date_but_may_have_one(
    client_for, coordinator, dee, everyone
):
    client = client_for(coordinator)
    client.post(add_url(dee), samba(repeats="monthly", month_week="1", repeats_from=""))
    client.post(
        add_url(dee),
        samba(
            what="Disco at the town hall",
            starts_at="20:00",
            ends_at="22:00",
            repeats="monthly",
            month_week="1",
            repeats_from="7/1/2027",
            version="2",
        ),
    )

    assert list(WeekEntry.objects.values_list("recurrence", "repeats_from")) == [
        ("FREQ=MONTHLY;BYDAY=1TH", None),
        ("FREQ=MONTHLY;BYDAY=1TH", dt.date(2027, 1, 7)),
    ]


@pytest.mark.parametrize("typed", ["3/12/2026", "not a date"])
def test_every_week_lets_go_of_a_first_date_left_in_the_field(
    client_for, coordinator, dee, everyone, typed
):
    response = client_for(coordinator).post(
        add_url(dee), samba(repeats="weekly", repeats_from=typed)
    )

    assert response.status_code == 302
    assert WeekEntry.objects.get().repeats_from is None


def test_the_change_form_shows_the_first_date(client_for, coordinator, dee, everyone, perfect_week):
    entry = make_entry(
        perfect_week, weekday=THU, recurrence=FORTNIGHTLY_THU, repeats_from=dt.date(2026, 12, 3)
    )

    body = client_for(coordinator).get(edit_url(dee, entry)).content.decode()

    assert 'name="repeats_from" value="2026-12-03"' in body
    assert ">First date</label>" in body  # needed for some repeats, so not marked optional


def test_moving_an_entry_to_the_other_weeks_is_saved_and_audited(
    client_for, coordinator, dee, everyone, perfect_week
):
    entry = make_entry(
        perfect_week, weekday=THU, recurrence=FORTNIGHTLY_THU, repeats_from=dt.date(2026, 12, 3)
    )

    response = client_for(coordinator).post(
        edit_url(dee, entry), samba(what="Swimming", repeats_from="10/12/2026")
    )

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.repeats_from == dt.date(2026, 12, 10)
    event = AuditEvent.objects.get(action=Action.UPDATE, subject_type="week.weekentry")
    assert event.changes["repeats_from"] == {"from": "2026-12-03", "to": "2026-12-10"}


# --- The model and the words ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "needed"),
    [
        ("", False),
        ("FREQ=WEEKLY;BYDAY=TH", False),
        ("FREQ=DAILY", False),
        ("FREQ=MONTHLY;BYDAY=1SA", False),
        ("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25", False),
        (FORTNIGHTLY_THU, True),
        ("FREQ=WEEKLY;BYDAY=TH;COUNT=6", True),
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=1SA", True),
        ("FREQ=MONTHLY", True),
        ("NOT A RULE", True),
    ],
)
def test_which_rules_need_a_first_date(rule, needed):
    assert rule_needs_first_date(rule) is needed


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"recurrence": FORTNIGHTLY_THU}, "Give the first date it happens"),
        ({"repeats_from": dt.date(2026, 12, 3)}, "Only an entry that does not happen every week"),
        (
            {"recurrence": FORTNIGHTLY_THU, "repeats_from": dt.date(2026, 12, 4)},
            "The first date must be a Thursday",
        ),
    ],
)
def test_the_model_refuses_a_first_date_that_cannot_be_right(perfect_week, fields, message):
    entry = WeekEntry(
        week=perfect_week,
        weekday=THU,
        starts_at=dt.time(18),
        ends_at=dt.time(20),
        what="Samba band",
        company="on_my_own",
        **fields,
    )
    with pytest.raises(ValidationError, match=message):
        entry.full_clean()


def test_the_first_date_is_said_in_words():
    first = dt.date(2026, 12, 3)
    assert repeat_words(FORTNIGHTLY_THU, first) == "Every other Thursday from 3 December 2026"
    assert repeat_words("FREQ=MONTHLY;BYDAY=1TH", first) == (
        "First Thursday of the month from 3 December 2026"
    )
    assert repeat_words("FREQ=WEEKLY;BYDAY=TH;COUNT=4", first) == (
        "Repeats: FREQ=WEEKLY;BYDAY=TH;COUNT=4, from 3 December 2026"
    )
    assert repeat_words(FORTNIGHTLY_THU) == "Every other Thursday"
    assert repeat_words("", first) == "Every week"


# --- The clash check ------------------------------------------------------------------------------


def test_alternate_weeks_on_opposite_weeks_do_not_clash(
    client_for, coordinator, dee, everyone, perfect_week
):
    make_entry(
        perfect_week,
        weekday=THU,
        starts_at=dt.time(18),
        ends_at=dt.time(20),
        what="Bowling with the club",
        recurrence=FORTNIGHTLY_THU,
        repeats_from=dt.date(2026, 12, 10),
    )

    response = client_for(coordinator).post(add_url(dee), samba())

    assert response.status_code == 302
    assert WeekEntry.objects.count() == 2


def test_alternate_weeks_on_the_same_weeks_clash_on_their_first_shared_date(
    client_for, coordinator, dee, everyone, perfect_week
):
    make_entry(
        perfect_week,
        weekday=THU,
        starts_at=dt.time(19),
        ends_at=dt.time(21),
        what="Bowling with the club",
        recurrence=FORTNIGHTLY_THU,
        repeats_from=dt.date(2026, 12, 17),
    )

    body = client_for(coordinator).post(add_url(dee), samba()).content.decode()

    assert (
        "This overlaps with &#x27;Bowling with the club&#x27; on Thursday 17 December 2026 "
        "(7pm to 9pm), which needs the same supporter (their own paid support worker)"
    ) in body
    assert WeekEntry.objects.count() == 1


def test_a_nightly_overnight_entry_clashes_with_a_thursday_late_outing(
    client_for, coordinator, dee, everyone, perfect_week
):
    # One entry on Monday that repeats every night: its Monday alone would miss Thursday.
    make_entry(
        perfect_week,
        weekday=0,
        starts_at=dt.time(22),
        ends_at=dt.time(7),
        overnight=True,
        what="Waking night at home",
        support_kind="waking_night",
        recurrence="FREQ=DAILY",
    )

    body = (
        client_for(coordinator)
        .post(
            add_url(dee),
            samba(
                what="Late film at the cinema",
                starts_at="23:00",
                ends_at="23:45",
                repeats="weekly",
                repeats_from="",
            ),
        )
        .content.decode()
    )

    assert (
        "This overlaps with &#x27;Waking night at home&#x27; on Thursday 3 December 2026 "
        "(10pm until 7am next day)"
    ) in body
    assert WeekEntry.objects.count() == 1


def test_clashes_are_found_on_real_dates():
    def entry(weekday: int, start: str, end: str, **fields: Any) -> EntryFacts:
        return EntryFacts(
            id=None,
            weekday=weekday,
            starts_at=dt.time.fromisoformat(start),
            ends_at=dt.time.fromisoformat(end),
            overnight=fields.pop("overnight", False),
            support_ratio="one_to_one",
            support_kind="community_access",
            shared_by=None,
            **fields,
        )

    today = dt.date(2026, 12, 1)
    nightly = entry(0, "22:00", "07:00", overnight=True, recurrence="FREQ=DAILY")
    late_thursday = entry(THU, "23:00", "23:45")
    assert first_clash(late_thursday, nightly, today=today) == dt.datetime(2026, 12, 3, 22)
    assert first_clash(nightly, late_thursday, today=today) == dt.datetime(2026, 12, 3, 23)
    # Sunday night runs into Monday morning; touching is not overlapping.
    sunday_night = entry(6, "22:00", "08:00", overnight=True)
    assert first_clash(entry(0, "07:00", "09:00"), sunday_night, today=today) is not None
    assert first_clash(entry(0, "08:00", "09:00"), sunday_night, today=today) is None
    # Every other Thursday from the 3rd and from the 10th never meet; from the 17th they do.
    first = entry(
        THU, "18:00", "20:00", recurrence=FORTNIGHTLY_THU, repeats_from=dt.date(2026, 12, 3)
    )
    other = entry(
        THU, "18:00", "20:00", recurrence=FORTNIGHTLY_THU, repeats_from=dt.date(2026, 12, 10)
    )
    later = entry(
        THU, "18:00", "20:00", recurrence=FORTNIGHTLY_THU, repeats_from=dt.date(2026, 12, 17)
    )
    assert first_clash(first, other, today=today) is None
    assert first_clash(first, later, today=today) == dt.datetime(2026, 12, 17, 18)
    # Starting next year: the window moves with the later first date.
    next_year = entry(
        THU, "18:00", "20:00", recurrence=FORTNIGHTLY_THU, repeats_from=dt.date(2027, 11, 18)
    )
    assert first_clash(first, next_year, today=today) == dt.datetime(2027, 11, 18, 18)


def test_a_saved_entry_is_read_with_its_first_date(perfect_week):
    entry = make_entry(
        perfect_week, weekday=THU, recurrence=FORTNIGHTLY_THU, repeats_from=dt.date(2026, 12, 3)
    )
    assert facts_from(entry).repeats_from == dt.date(2026, 12, 3)
    assert Week.objects.get().entries.get().repeats_from == dt.date(2026, 12, 3)
