# ruff: noqa: RUF001 (the reasons put an en dash between two times, as print does)
"""The Right Support's ranking, against hand-built cases: the order AND the sentences.

Dee wants supported swimming on Tuesdays 18:00-20:00 in HF3, with a worker who speaks Punjabi
and a woman worker; £50.10 a week is left for support. Six swimming services in Willowbrook's
directory (HFn is n-1 km east of HF1, so HF3 is 2 km from HF1 and 5 km from HF8):

- Anchor Swim: HF3, Tuesdays 17:00-21:00, £20.00 an hour, Punjabi, women, preferred: the
  perfect fit.
- Birch Leisure: HF3, Tuesdays 18:00-20:00, £24.00 an hour, Punjabi only, preferred.
- Cedar Swim: the same but £18.00 an hour and not preferred: cheaper, equal fit, below Birch.
- Dolphin Club: £30.00 an hour (£60.00 a week): over what is left, Punjabi only, not preferred.
- Eastside Swim: based in HF8 and travels 2 km: out of area (5 km away).
- Morning Swim: in HF3 but Tuesdays 09:00-12:00 only: not at Dee's time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from directsupport.market.matching.facts import load_directory, need_facts
from directsupport.market.matching.ranking import Ranker, Ranking, rank_need
from directsupport.market.models import CostUnit, CqcRating, SupportNeed
from directsupport.people.models import Person

from .factories import (
    CostOptionFactory,
    PostcodeDistrictFactory,
    ScheduleFactory,
    ServiceFactory,
    SupplierFactory,
    SupportNeedFactory,
    standard_term,
)
from .matching_fixtures import MONDAY, SUNDAY, TUESDAY, make_service, swimming_need

TODAY = dt.date(2026, 11, 26)
LEFT = 5010  # £50.10 a week left for support


def _rank(need: SupportNeed, *, preferred=(), left: int | None = LEFT) -> Ranking:
    directory = load_directory(need.person.organisation_id, TODAY)
    return rank_need(
        need_facts(need),
        directory,
        pence_left_a_week=left,
        preferred_supplier_ids=frozenset(preferred),
        explain_misses=True,
    )


def _names(ranking: Ranking) -> list[str]:
    return [candidate.service.supplier_name for candidate in ranking.candidates]


def _preferred(market) -> set[int]:
    return {market["anchor"].supplier_id, market["birch"].supplier_id}


def test_the_perfect_fit_comes_first_with_every_reason_met(dee, swimming_market):
    ranking = _rank(swimming_need(dee), preferred=_preferred(swimming_market))
    first = ranking.candidates[0]
    assert first.service.supplier_name == "Anchor Swim CIC"
    assert first.met == [
        "Offers swimming",
        "Works Tuesdays 18:00–20:00",
        "Covers HF3 (less than 1 km away)",
        "£20.00 an hour (£40.00 a week): within what is left (£50.10 a week)",
        "On the preferred list",
        "2 places free now",
        "Workers speak Punjabi",
        "A woman worker available",
    ]
    assert first.unmet == []
    assert first.weekly_pence == 4000


def test_a_preferred_supplier_outranks_a_cheaper_one_of_equal_fit(dee, swimming_market):
    ranking = _rank(swimming_need(dee), preferred=_preferred(swimming_market))
    assert _names(ranking) == ["Anchor Swim CIC", "Birch Leisure", "Cedar Swim", "Dolphin Club"]
    birch, cedar = ranking.candidates[1], ranking.candidates[2]
    assert "On the preferred list" in birch.met
    assert "£24.00 an hour (£48.00 a week): within what is left (£50.10 a week)" in birch.met
    assert "£18.00 an hour (£36.00 a week): within what is left (£50.10 a week)" in cedar.met
    assert cedar.unmet == ["Not on the preferred list", "No woman worker available"]
    assert "Covers HF3 (about 2 km away)" in cedar.met


def test_without_the_preferred_list_the_cheaper_of_equal_fit_comes_first(dee, swimming_market):
    ranking = _rank(swimming_need(dee))
    assert _names(ranking)[1:3] == ["Cedar Swim", "Birch Leisure"]


def test_a_supplier_over_budget_is_listed_after_those_within_it_and_says_why(dee, swimming_market):
    ranking = _rank(swimming_need(dee), preferred=_preferred(swimming_market))
    dolphin = ranking.candidates[-1]
    assert dolphin.service.supplier_name == "Dolphin Club"
    assert dolphin.unmet == [
        "£30.00 an hour (£60.00 a week): more than what is left (£50.10 a week)",
        "Not on the preferred list",
        "No woman worker available",
    ]


def test_a_supplier_out_of_area_is_not_a_candidate_and_the_distance_is_said(dee, swimming_market):
    ranking = _rank(swimming_need(dee))
    assert "Eastside Swim" not in _names(ranking)
    misses = {miss.service.supplier_name: miss.hard_stops for miss in ranking.misses}
    assert misses["Eastside Swim"] == ("Does not cover HF3 (about 5 km away; travels up to 2 km)",)


def test_a_supplier_that_travels_far_enough_covers_the_district(dee, swimming_market):
    make_service("Roaming swim", "Roaming Swim", base="HF1", areas=(), radius=3)
    ranking = _rank(swimming_need(dee))
    roaming = next(c for c in ranking.candidates if c.service.supplier_name == "Roaming Swim")
    assert "Travels to HF3 (about 2 km away, within its 3 km)" in roaming.met


def test_a_supplier_not_working_at_that_time_is_left_out_with_its_hours(dee, swimming_market):
    ranking = _rank(swimming_need(dee))
    assert "Morning Swim" not in _names(ranking)
    misses = {miss.service.supplier_name: miss.hard_stops for miss in ranking.misses}
    assert misses["Morning Swim"] == (
        "Does not work Tuesdays 18:00–20:00 (it works Tuesdays 09:00–12:00)",
    )


def test_a_need_at_a_time_no_supplier_works_is_a_gap(dee, swimming_market):
    need = swimming_need(dee, weekday=SUNDAY, starts_at=dt.time(6), ends_at=dt.time(7))
    ranking = _rank(need)
    assert ranking.is_gap and ranking.candidates == []
    misses = {miss.service.supplier_name: miss.hard_stops for miss in ranking.misses}
    assert misses["Anchor Swim CIC"] == ("Does not work Sundays 06:00–07:00 (it works Tuesdays)",)
    assert misses["Eastside Swim"] == (
        "Does not work Sundays 06:00–07:00 (it works Tuesdays)",
        "Does not cover HF3 (about 5 km away; travels up to 2 km)",
    )


def test_a_flexible_need_keeps_suppliers_at_other_times_but_lower(dee, swimming_market):
    need = swimming_need(dee, starts_at=dt.time(10), ends_at=dt.time(11), fixed=False)
    ranking = _rank(need)
    morning = ranking.candidates[0]
    assert morning.service.supplier_name == "Morning Swim"
    assert "Works Tuesdays 10:00–11:00" in morning.met
    anchor = next(c for c in ranking.candidates if c.service.supplier_name == "Anchor Swim CIC")
    assert "Does not work Tuesdays 10:00–11:00, but the time can move" in anchor.unmet


def test_personal_care_without_cqc_registration_is_excluded(dee):
    need = SupportNeedFactory.create(
        person=dee,
        what="Getting ready in the morning",
        term=standard_term("personal-care"),
        weekday=MONDAY,
        starts_at=dt.time(7),
        ends_at=dt.time(9),
        district=PostcodeDistrictFactory.create(code="HF3"),
    )
    make_service(
        "Home help", "Unregistered Helpers", term="personal-care", day=MONDAY, opens=(7, 10)
    )
    make_service(
        "Registered care",
        "Registered Care Ltd",
        term="personal-care",
        day=MONDAY,
        opens=(6, 12),
        cqc_location_id="1-123456789",
        cqc_rating=CqcRating.GOOD,
        cqc_inspected_on=dt.date(2026, 3, 10),
    )
    ranking = _rank(need)
    assert _names(ranking) == ["Registered Care Ltd"]
    assert "CQC: Good (inspected March 2026)" in ranking.candidates[0].met
    misses = {miss.service.supplier_name: miss.hard_stops for miss in ranking.misses}
    assert misses["Unregistered Helpers"] == (
        "Not registered with the CQC, and personal care must come from a registered supplier",
    )


def test_a_poor_cqc_rating_is_said_and_ranks_lower(dee):
    need = SupportNeedFactory.create(
        person=dee, term=standard_term("community-access"), wanted_languages=[]
    )
    make_service(
        "Poor",
        "Poor Care",
        term="community-access",
        base="HF1",
        areas=("HF1",),
        cqc_location_id="1-1",
        cqc_rating=CqcRating.REQUIRES_IMPROVEMENT,
    )
    make_service("Fine", "Fine Friends", term="community-access", base="HF1", areas=("HF1",))
    ranking = _rank(need)
    assert _names(ranking) == ["Fine Friends", "Poor Care"]
    assert "CQC: Requires improvement" in ranking.candidates[1].unmet


def test_a_service_with_no_places_says_so_and_comes_after_those_with_places(dee, swimming_market):
    swimming_market["anchor"].capacity_people = 0
    swimming_market["anchor"].save()
    ranking = _rank(swimming_need(dee), preferred=_preferred(swimming_market))
    assert _names(ranking)[-1] == "Anchor Swim CIC"
    assert "No places free now" in ranking.candidates[-1].unmet


def test_a_parent_or_child_term_is_the_right_kind(dee):
    need = SupportNeedFactory.create(
        person=dee, what="Something active", term=standard_term("activities")
    )
    make_service("Swim", "Swim Club", term="swimming", base="HF1", areas=("HF1",))
    ranking = _rank(need)
    assert ranking.candidates[0].met[0] == "Offers swimming, a kind of activities"


def test_without_a_known_budget_the_price_is_not_checked(dee, swimming_market):
    ranking = _rank(swimming_need(dee), left=None)
    assert (
        "£20.00 an hour (£40.00 a week): what is left for support is not known"
        in ranking.candidates[0].unmet
    )


# --- Times: overnight, every other week, schedules that join ----------------------------------


def _timedmake_service(**schedule):
    service = ServiceFactory.create(
        supplier=SupplierFactory.create(base_district=PostcodeDistrictFactory.create(code="HF1")),
        terms=[standard_term("waking-night")],
    )
    service.areas.create(district=PostcodeDistrictFactory.create(code="HF1"))
    ScheduleFactory.create(service=service, **schedule)
    return service


def test_a_sunday_night_schedule_covers_a_need_into_monday_morning(dee):
    _timedmake_service(weekday=SUNDAY, opens_at=dt.time(21), closes_at=dt.time(8), overnight=True)
    need = SupportNeedFactory.create(
        person=dee,
        term=standard_term("waking-night"),
        weekday=SUNDAY,
        starts_at=dt.time(22),
        ends_at=dt.time(7),
        overnight=True,
    )
    ranking = _rank(need)
    assert len(ranking.candidates) == 1
    assert "Works Sundays 22:00–07:00, overnight" in ranking.candidates[0].met


def test_two_schedules_that_meet_cover_a_need_across_both(dee):
    service = _timedmake_service(weekday=TUESDAY, opens_at=dt.time(16), closes_at=dt.time(19))
    ScheduleFactory.create(
        service=service, weekday=TUESDAY, opens_at=dt.time(19), closes_at=dt.time(22)
    )
    need = SupportNeedFactory.create(
        person=dee, term=standard_term("waking-night"), starts_at=dt.time(18), ends_at=dt.time(21)
    )
    assert len(_rank(need).candidates) == 1


def test_every_other_week_covers_only_the_same_weeks(dee):
    first_tuesday = dt.date(2026, 11, 3)
    _timedmake_service(
        weekday=TUESDAY,
        opens_at=dt.time(17),
        closes_at=dt.time(21),
        interval_weeks=2,
        valid_from=first_tuesday,
    )
    weekly = SupportNeedFactory.create(person=dee, term=standard_term("waking-night"))
    assert _rank(weekly).is_gap
    misses = _rank(weekly).misses
    assert misses[0].hard_stops == (
        "Does not work Tuesdays 18:00–20:00 (it works Tuesdays 17:00–21:00 every other week)",
    )
    same_weeks = _fortnightly_need(dee, first_tuesday + dt.timedelta(weeks=4))
    other_weeks = _fortnightly_need(dee, first_tuesday + dt.timedelta(weeks=1))
    assert "Works every other Tuesday 18:00–20:00" in _rank(same_weeks).candidates[0].met
    assert _rank(other_weeks).is_gap


def _fortnightly_need(person: Person, first: dt.date) -> SupportNeed:
    from directsupport.week.models import Week, WeekEntry

    week, _ = Week.objects.get_or_create(person=person, kind="perfect")
    entry = WeekEntry.objects.create(
        week=week,
        weekday=TUESDAY,
        starts_at=dt.time(18),
        ends_at=dt.time(20),
        what="Fortnightly",
        company="paid",
        support_ratio="one_to_one",
        support_kind="waking_night",
        recurrence="FREQ=WEEKLY;INTERVAL=2",
        repeats_from=first,
    )
    return SupportNeedFactory.create(
        person=person,
        term=standard_term("waking-night"),
        week_entry=entry,
        recurrence="FREQ=WEEKLY;INTERVAL=2",
    )


def test_a_price_by_the_session_counts_how_often_the_need_happens(dee):
    service = _timedmake_service(weekday=TUESDAY, opens_at=dt.time(17), closes_at=dt.time(21))
    CostOptionFactory.create(service=service, unit=CostUnit.SESSION, amount_pence=1250)
    need = SupportNeedFactory.create(person=dee, term=standard_term("waking-night"))
    assert "£12.50 a session: within what is left (£50.10 a week)" in _rank(need).candidates[0].met


def test_the_half_hour_index_finds_the_same_services_as_checking_every_one(dee, swimming_market):
    """A fixed weekly need on the half hour is checked against the directory's index of who
    works at that moment; any other need against every service of its kind in its area. Both
    must give the same answer."""
    make_service("Late swim", "Late Swim", opens=(20, 23))
    ScheduleFactory.create(
        service=make_service("Split swim", "Split Swim", opens=(9, 12)),
        weekday=TUESDAY,
        opens_at=dt.time(12),
        closes_at=dt.time(15),
    )
    directory = load_directory(dee.organisation_id, TODAY)
    ranker = Ranker(directory, preferred_supplier_ids=frozenset())
    base = need_facts(swimming_need(dee))
    checked = 0
    for start in range(6 * 60, 23 * 60, 15):
        for minutes in (30, 60, 120, 240):
            if start + minutes >= 24 * 60:
                continue
            need = replace(
                base,
                starts_at=dt.time(start // 60, start % 60),
                ends_at=dt.time((start + minutes) // 60, (start + minutes) % 60),
            )
            every_one = sum(
                ranker.works_then(service, need)
                for service, _ in directory.of_kind_in_area(need.term_id, need.district_id)
            )
            assert ranker.candidate_count(need) == every_one, (start, minutes)
            indexed = ranker.rank(need, pence_left_a_week=LEFT).candidates
            direct = rank_need(
                need, directory, pence_left_a_week=LEFT, preferred_supplier_ids=frozenset()
            ).candidates
            assert [(c.service.id, c.reasons) for c in indexed] == [
                (c.service.id, c.reasons) for c in direct
            ]
            checked += every_one
    assert checked > 100
