# ruff: noqa: F811 (fixtures imported from needs_fixtures are named as test arguments)
"""Drawing needs from Dee's Perfect Week and outcomes: one need per entry with paid support, kept
up to date by drawing again, withdrawn (never deleted) when the entry goes, with what the
coordinator refined by hand kept."""

from __future__ import annotations

import datetime as dt

import pytest

from directsupport.audit.models import AuditEvent
from directsupport.market.models import NeedSource, NeedStatus, SupportNeed
from directsupport.market.needs.drawing import NeedConflict, draw_needs, save_drawn, snapshot
from directsupport.market.needs.outcome_terms import term_code_for_outcome
from directsupport.market.needs.services import refine_need
from directsupport.planning.models import Outcome
from directsupport.week.models import SupportKind, SupportRatio
from directsupport.week.pricing import EntryFacts, support_minutes, weekly_support_minutes

from .needs_fixtures import (  # noqa: F401
    PLAN_YEAR_START,
    add_entry,
    dee_at_home,
    districts,
    matching_tool,
    today,
)

pytestmark = pytest.mark.django_db


def draw(dee, coordinator):
    return draw_needs(person=dee, actor=coordinator)


def test_a_one_to_one_entry_is_one_need_with_its_kind_minutes_and_home_district(
    today, dee_at_home, coordinator, add_entry, matching_tool
):
    entry = add_entry(1, "10:00", "12:30", what="Swimming at the lido", fixed=False)

    result = draw(dee_at_home, coordinator)

    need = SupportNeed.objects.get()
    assert result.added == [need]
    assert need.source == NeedSource.WEEK
    assert need.week_entry == entry
    assert need.term.code == "community-access"
    assert (need.weekday, need.starts_at, need.ends_at) == (1, dt.time(10), dt.time(12, 30))
    assert need.minutes_a_week == 150
    assert need.ratio == SupportRatio.ONE_TO_ONE
    assert need.fixed is False
    assert need.district is not None and need.district.code == "HF3"
    assert need.status == NeedStatus.OPEN
    # From the Matching support tool: the swimming row and the everyday row, not the money one.
    assert need.wanted_skills == [
        "Strong swimmer",
        "lifeguard training",
        "Knows Makaton, or will learn it",
    ]
    assert need.wanted_languages == ["Yoruba"]
    assert need.wanted_interests == ["Sport"]
    assert need.wanted_personality == "Encouraging; Calm and kind"
    assert AuditEvent.objects.filter(action="create", subject_type="market.supportneed").exists()


def test_an_entry_without_paid_support_is_no_need(today, dee_at_home, coordinator, add_entry):
    add_entry(2, "14:00", "16:00", what="Tea with Ngozi", ratio=SupportRatio.NONE)

    result = draw(dee_at_home, coordinator)

    assert result.added == []
    assert not SupportNeed.objects.exists()


def test_each_kind_of_support_finds_its_own_term(today, dee_at_home, coordinator, add_entry):
    add_entry(0, "22:00", "07:00", what="Sleep-in", kind=SupportKind.SLEEP_IN, overnight=True)
    add_entry(3, "09:00", "10:00", what="Getting ready", kind=SupportKind.PERSONAL_CARE)

    draw(dee_at_home, coordinator)

    terms = dict(SupportNeed.objects.values_list("what", "term__code"))
    assert terms == {"Sleep-in": "sleep-in", "Getting ready": "personal-care"}


def test_drawing_twice_changes_nothing_the_second_time(today, dee_at_home, coordinator, add_entry):
    add_entry(1, "10:00", "12:00")
    draw(dee_at_home, coordinator)
    version = SupportNeed.objects.get().version

    again = draw(dee_at_home, coordinator)

    assert (again.added, again.updated, again.withdrawn, again.unchanged) == ([], [], [], 1)
    assert SupportNeed.objects.get().version == version


def test_redrawing_after_the_week_changes_updates_the_same_need(
    today, dee_at_home, coordinator, add_entry
):
    entry = add_entry(1, "10:00", "12:00")
    draw(dee_at_home, coordinator)
    need = SupportNeed.objects.get()
    entry.starts_at, entry.ends_at, entry.weekday = dt.time(14), dt.time(17), 4
    entry.support_ratio = SupportRatio.TWO_TO_ONE
    entry.save()

    result = draw(dee_at_home, coordinator)

    assert SupportNeed.objects.count() == 1
    need.refresh_from_db()
    assert result.updated == [need]
    assert (need.weekday, need.starts_at, need.ends_at) == (4, dt.time(14), dt.time(17))
    assert need.ratio == SupportRatio.TWO_TO_ONE
    assert need.minutes_a_week == 3 * 60 * 2  # both workers' time
    assert need.version == 2


def test_a_removed_entry_leaves_its_need_withdrawn_not_deleted(
    today, dee_at_home, coordinator, add_entry
):
    entry = add_entry(1, "10:00", "12:00")
    draw(dee_at_home, coordinator)
    entry.delete()

    result = draw(dee_at_home, coordinator)

    need = SupportNeed.objects.get()
    assert result.withdrawn == [need]
    assert need.status == NeedStatus.WITHDRAWN
    assert need.week_entry is None


def test_an_entry_that_stops_needing_support_withdraws_and_reopens_its_need(
    today, dee_at_home, coordinator, add_entry
):
    entry = add_entry(1, "10:00", "12:00")
    draw(dee_at_home, coordinator)
    entry.support_ratio, entry.support_kind = SupportRatio.NONE, ""
    entry.save()
    draw(dee_at_home, coordinator)
    assert SupportNeed.objects.get().status == NeedStatus.WITHDRAWN

    entry.support_ratio, entry.support_kind = SupportRatio.ONE_TO_ONE, SupportKind.TRAVEL
    entry.save()
    draw(dee_at_home, coordinator)

    need = SupportNeed.objects.get()
    assert need.status == NeedStatus.OPEN
    assert need.term.code == "travel-support"


def test_an_every_other_week_entry_has_half_the_minutes_a_week(
    today, dee_at_home, coordinator, add_entry
):
    add_entry(
        3,
        "19:00",
        "21:00",
        what="Samba band",
        recurrence="FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
        repeats_from=dt.date(2026, 6, 11),
    )
    add_entry(4, "19:00", "21:00", what="Choir")

    draw(dee_at_home, coordinator)

    minutes = dict(SupportNeed.objects.values_list("what", "minutes_a_week"))
    assert minutes == {"Samba band": 60, "Choir": 120}


def test_a_place_in_another_district_is_where_the_need_is(
    today, dee_at_home, coordinator, add_entry
):
    add_entry(1, "10:00", "12:00", what="Lido", place="Hollowfield Lido, HF4 1AA")
    add_entry(2, "10:00", "12:00", what="Gym", place="The gym on the High Street, HF1")
    add_entry(3, "10:00", "12:00", what="Far away", place="Somewhere, ZZ9 9ZZ")

    draw(dee_at_home, coordinator)

    found = dict(SupportNeed.objects.values_list("what", "district__code"))
    assert found == {"Lido": "HF4", "Gym": "HF1", "Far away": None}


def test_a_postcode_the_directory_does_not_know_leaves_the_district_empty(
    today, dee, coordinator, add_entry
):
    dee.postcode = "QQ7 1AB"
    dee.save(update_fields=["postcode"])
    add_entry(1, "10:00", "12:00")

    draw(dee, coordinator)

    assert SupportNeed.objects.get().district is None


def test_what_the_coordinator_refined_is_kept_and_the_rest_follows_the_week(
    today, dee_at_home, coordinator, add_entry
):
    entry = add_entry(1, "10:00", "12:00", what="Swimming")
    draw(dee_at_home, coordinator)
    need = SupportNeed.objects.get()
    refine_need(
        actor=coordinator,
        need=need,
        expected_version=need.version,
        fields={"what": "Swimming lessons with a woman instructor", "wanted_gender": "women"},
    )
    entry.what, entry.starts_at, entry.fixed = "Swim", dt.time(9), False
    entry.support_kind = SupportKind.EMOTIONAL
    entry.save()

    draw(dee_at_home, coordinator)

    need.refresh_from_db()
    assert need.what == "Swimming lessons with a woman instructor"
    assert need.wanted_gender == "women"
    assert need.starts_at == dt.time(9)  # when follows the week
    assert need.fixed is False  # not refined, so it follows the week
    assert need.term.code == "emotional-support"
    assert sorted(need.refined_fields) == ["wanted_gender", "what"]


def test_a_need_withdrawn_by_hand_stays_withdrawn_when_drawn_again(
    today, dee_at_home, coordinator, add_entry
):
    add_entry(1, "10:00", "12:00")
    draw(dee_at_home, coordinator)
    need = SupportNeed.objects.get()
    refine_need(
        actor=coordinator,
        need=need,
        expected_version=need.version,
        fields={"status": NeedStatus.WITHDRAWN},
    )

    draw(dee_at_home, coordinator)

    assert SupportNeed.objects.get().status == NeedStatus.WITHDRAWN


def test_an_outcome_that_asks_for_something_to_buy_is_a_need_once(
    today, dee_at_home, coordinator, matching_tool
):
    swim = Outcome.objects.create(person=dee_at_home, text="I learn to swim")
    Outcome.objects.create(person=dee_at_home, text="I have my own cat")
    Outcome.objects.create(
        person=dee_at_home, text="I go swimming twice a week", achieved_on=dt.date(2026, 5, 1)
    )

    draw(dee_at_home, coordinator)
    again = draw(dee_at_home, coordinator)

    need = SupportNeed.objects.get()
    assert again.added == []
    assert (need.source, need.outcome, need.term.code) == (NeedSource.OUTCOME, swim, "swimming")
    assert need.what == "I learn to swim"
    assert need.weekday is None and need.fixed is False
    assert "Strong swimmer" in need.wanted_skills


def test_the_need_of_a_deleted_outcome_is_withdrawn(today, dee_at_home, coordinator):
    outcome = Outcome.objects.create(person=dee_at_home, text="I learn to cook a roast")
    draw(dee_at_home, coordinator)
    outcome.delete()

    draw(dee_at_home, coordinator)

    need = SupportNeed.objects.get()
    assert (need.status, need.term.code) == (NeedStatus.WITHDRAWN, "cooking-skills")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("I learn to swim", "swimming"),
        ("I get a job in a café kitchen", "work-volunteering"),
        ("I cook a meal for my friends at home", "cooking-skills"),
        ("I play the drums in a band", "music-drama"),
        ("I play in a proper team with a kit", "sport-fitness"),
        ("I travel on the bus on my own", "travel-support"),
        ("I join a quiz team", "social-clubs"),
        ("I go to a party", None),
        ("I have my own cat", None),
    ],
)
def test_an_outcome_s_words_say_what_it_needs(text, code):
    assert term_code_for_outcome(text) == code


def test_a_stale_drawing_is_refused_and_changes_nothing(today, dee_at_home, coordinator, add_entry):
    add_entry(1, "10:00", "12:00")
    draw(dee_at_home, coordinator)
    stale = SupportNeed.objects.get()
    SupportNeed.objects.filter(pk=stale.pk).update(version=5, what="Changed meanwhile")
    before = snapshot(stale)
    stale.what = "From a stale read"

    with pytest.raises(NeedConflict) as refused:
        save_drawn(stale, before=before, changed={"what"}, actor=coordinator)

    assert refused.value.saved.what == "Changed meanwhile"
    assert SupportNeed.objects.get().what == "Changed meanwhile"


# --- The week's rule for support minutes, which needs and prices share ------------------------


def _facts(ratio: str, starts: str, ends: str, **fields) -> EntryFacts:
    return EntryFacts(
        id=None,
        weekday=fields.pop("weekday", 1),
        starts_at=dt.time.fromisoformat(starts),
        ends_at=dt.time.fromisoformat(ends),
        overnight=fields.pop("overnight", False),
        support_ratio=ratio,
        support_kind=SupportKind.COMMUNITY_ACCESS,
        shared_by=fields.pop("shared_by", None),
        **fields,
    )


@pytest.mark.parametrize(
    ("facts", "minutes"),
    [
        (_facts(SupportRatio.ONE_TO_ONE, "10:00", "12:30"), 150),
        (_facts(SupportRatio.TWO_TO_ONE, "10:00", "12:30"), 300),
        (_facts(SupportRatio.SHARED, "10:00", "12:30", shared_by=3), 150),
        (_facts(SupportRatio.ONE_TO_ONE, "22:00", "07:00", overnight=True), 540),
        (_facts(SupportRatio.NONE, "10:00", "12:30"), 0),
    ],
)
def test_support_minutes_of_one_occurrence(facts, minutes):
    assert support_minutes(facts) == minutes


def test_weekly_minutes_count_the_weeks_an_entry_happens():
    every_week = _facts(SupportRatio.ONE_TO_ONE, "10:00", "11:00")
    monthly = _facts(SupportRatio.ONE_TO_ONE, "10:00", "11:00", recurrence="FREQ=MONTHLY;BYDAY=1TU")

    assert weekly_support_minutes(every_week, year_start=PLAN_YEAR_START) == 60
    # Twelve first Tuesdays in the 52 weeks from 8 June 2026 (7 July 2026 ... 1 June 2027):
    # 12 x 60 / 52 = 13.8, rounded half up.
    assert weekly_support_minutes(monthly, year_start=PLAN_YEAR_START) == 14
