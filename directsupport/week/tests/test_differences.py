"""The Perfect Week against the week now, in words; and how entries are put into words."""

from __future__ import annotations

import datetime as dt

import pytest

from directsupport.week.differences import EXTRA, MISSING, SUPPORT, TIME, differences
from directsupport.week.display import (
    easy_sentences,
    icon_for,
    place_sentence,
    repeat_words,
    shown,
    when_words,
)
from directsupport.week.models import WeekEntry


def entry(
    what: str, weekday: int = 1, start: int = 10, end: int = 12, **extra: object
) -> WeekEntry:
    fields: dict[str, object] = {
        "weekday": weekday,
        "starts_at": dt.time(start),
        "ends_at": dt.time(end),
        "what": what,
        "company": "on_my_own",
        "support_ratio": "none",
    }
    fields.update(extra)
    return WeekEntry(**fields)


def texts(found: list) -> list[str]:
    return [d.text for d in found]


def test_the_same_week_has_no_differences():
    week = [entry("Swimming"), entry("Work at the garden centre", weekday=2, start=9, end=15)]
    again = [entry("swimming!"), entry("Work at the garden centre", weekday=2, start=9, end=15)]
    assert differences(week, again) == []


def test_wanted_but_not_happening_now():
    found = differences([entry("Swimming", weekday=1)], [])
    assert texts(found) == ["Wants swimming on Tuesday — not happening now"]
    assert found[0].kind == MISSING


def test_happening_now_but_not_wanted():
    found = differences([], [entry("Day centre", weekday=0, start=9, end=15)])
    assert texts(found) == ["Happens now but not in the Perfect Week: day centre on Monday"]
    assert found[0].kind == EXTRA


def test_a_different_time_is_one_difference():
    found = differences([entry("Swimming")], [entry("Swimming", start=14, end=16)])
    assert texts(found) == [
        "Time differs: swimming on Tuesday is 10am to midday in the Perfect Week, 2pm to 4pm now"
    ]
    assert found[0].kind == TIME


def test_different_support_is_a_difference():
    wanted = entry("Swimming", support_ratio="one_to_one", support_kind="community_access")
    found = differences([wanted], [entry("Swimming")])
    assert found[0].kind == SUPPORT
    assert "1:1 community access in the Perfect Week, no paid support now" in found[0].text


def test_same_thing_on_another_day_is_missing_and_extra_in_day_order():
    found = differences([entry("Church", weekday=6)], [entry("Church", weekday=5)])
    assert texts(found) == [
        "Happens now but not in the Perfect Week: church on Saturday",
        "Wants church on Sunday — not happening now",
    ]


def test_each_entry_matches_once():
    found = differences(
        [entry("Walk", start=9, end=10), entry("Walk", start=16, end=17)],
        [entry("Walk", start=9, end=10)],
    )
    assert texts(found) == ["Wants walk on Tuesday — not happening now"]


def test_overnight_words():
    sleep_in = entry("Sleep-in", start=22, end=7, overnight=True)
    assert when_words(sleep_in) == "10pm until 7am next day"


def test_repeat_rules_in_words():
    assert repeat_words("") == "Every week"
    assert repeat_words("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA") == "Every other Saturday"
    assert repeat_words("FREQ=WEEKLY;BYDAY=TU") == "Every Tuesday"
    assert repeat_words("FREQ=WEEKLY;INTERVAL=3;BYDAY=MO") == "Every 3 weeks on Monday"
    assert repeat_words("FREQ=MONTHLY;BYDAY=1SA") == "First Saturday of the month"
    assert repeat_words("FREQ=MONTHLY;BYDAY=-1FR") == "Last Friday of the month"
    assert repeat_words("FREQ=YEARLY;BYMONTH=12") == "Repeats: FREQ=YEARLY;BYMONTH=12"
    assert repeat_words("nonsense") == "Repeats: nonsense"


def test_pictures_come_from_support_and_words():
    assert icon_for(entry("Sleep-in", support_kind="sleep_in")) == "moon"
    assert icon_for(entry("College: cookery course")) == "academic-cap"
    assert icon_for(entry("Work at the garden centre")) == "briefcase"
    assert icon_for(entry("Choir practice")) == "musical-note"
    assert icon_for(entry("Something", support_kind="travel")) == "map"
    assert icon_for(entry("Something")) == "calendar"


def test_easy_read_sentences():
    item = shown(
        entry(
            "Swimming",
            place="Hollowfield Leisure Centre",
            support_ratio="one_to_one",
            support_kind="community_access",
            recurrence="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        )
    )
    assert easy_sentences(item) == [
        "On Tuesday at 10am: Swimming.",
        "I go to Hollowfield Leisure Centre.",
        "I am on my own.",
        "I need 1:1 community access.",
        "It ends at midday.",
        "This happens every other Tuesday.",
        "The time is fixed.",
    ]


@pytest.mark.parametrize(
    ("place", "sentence"),
    [
        ("Home", "I am at home."),
        ("home", "I am at home."),
        ("At home", "I am at home."),
        ("my flat", "I am at home."),
        ("Home, the garden", "I am at home, the garden."),
        ("at the park", "I am at the park."),
        ("In my room", "I am in my room."),
        ("Mum's house", "I go to Mum's house."),
        ("Hollowfield Leisure Centre.", "I go to Hollowfield Leisure Centre."),
        ("Homebase, Kingsmere", "I go to Homebase, Kingsmere."),
    ],
)
def test_where_it_happens_in_the_persons_own_voice(place, sentence):
    """Not "I go to Home.": a person's own home is where they are, not where they go."""
    assert place_sentence(place) == sentence


def test_easy_read_sentences_for_something_at_home():
    item = shown(entry("Morning care", place="Home"))
    assert easy_sentences(item)[1] == "I am at home."
