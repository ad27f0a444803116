"""Gaps and the borough's market view: counts checked against an independent count, the
filters, who may see it (commissioners see counts, never names), its CSV, and the market
shaper's home panel."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from directsupport.audit.models import Action, AuditEvent
from directsupport.market.matching.gaps import market_view
from directsupport.market.models import (
    ApplicationStatus,
    Commissioning,
    NeedStatus,
    PreferredApplication,
    Service,
    SupportNeed,
)
from directsupport.people.models import Person
from tests.factories import PersonFactory

from .factories import PostcodeDistrictFactory, SupportNeedFactory, standard_term
from .matching_fixtures import MONDAY, SUNDAY, TUESDAY, swimming_need

pytestmark = pytest.mark.django_db

VIEWERS = ["market_shaper", "coordinator", "manager", "commissioner"]
NOT_FOUND = ["worker", "finance", "person_user", "sister_user", "supplier", "expert"]
MARKET_VIEW = reverse("market:market_view")
MARKET_CSV = reverse("market:market_view_csv")


@pytest.fixture
def ben(provider, council) -> Person:
    return PersonFactory.create(
        organisation=provider, funding_council=council, first_name="Ben", last_name="Adeyemi"
    )


@pytest.fixture
def needs(dee, ben, swimming_market) -> dict[str, SupportNeed]:
    """Five needs looking for support, four of them gaps, for two people; one need chosen and
    one withdrawn, which the view leaves out."""
    sunday = {"weekday": SUNDAY, "starts_at": dt.time(6), "ends_at": dt.time(7)}
    hf1 = PostcodeDistrictFactory.create(code="HF1")
    return {
        "met": swimming_need(dee),
        "dee_sunday": swimming_need(dee, **sunday),
        "dee_care": SupportNeedFactory.create(
            person=dee,
            what="Getting ready",
            term=standard_term("personal-care"),
            weekday=MONDAY,
            starts_at=dt.time(7),
            ends_at=dt.time(9),
            district=PostcodeDistrictFactory.create(code="HF3"),
        ),
        "ben_sunday": swimming_need(ben, **sunday),
        "ben_out": SupportNeedFactory.create(person=ben, what="Out on Tuesdays", district=hf1),
        "chosen": swimming_need(ben, what="Chosen already", status=NeedStatus.CHOSEN),
        "withdrawn": swimming_need(ben, what="Not now", status=NeedStatus.WITHDRAWN, **sunday),
    }


def _independent_gaps() -> set[int]:
    """The gaps worked out another way, straight from the database: an open need is a gap when
    no running service offers its exact kind in its district at a schedule covering its time
    (this fixture has no parent or child kinds, travel radii that reach, overnight needs or
    personal care services, so the shortcut is exact here)."""
    gaps = set()
    for need in SupportNeed.objects.filter(status=NeedStatus.OPEN, weekday__isnull=False):
        can_meet = Service.objects.filter(
            Q(status="active"),
            terms=need.term,
            areas__district=need.district,
            schedules__weekday=need.weekday or 0,
            schedules__opens_at__lte=need.starts_at,
            schedules__closes_at__gte=need.ends_at,
        )
        if not can_meet.exists():
            gaps.add(need.pk)
    return gaps


def test_gaps_agree_with_an_independent_count(provider, needs):
    view = market_view(SupportNeed.objects.all(), timezone.localdate())
    gap_ids = {row.need.id for row in view.open_needs if row.is_gap}
    assert gap_ids == _independent_gaps()
    assert gap_ids == {needs[key].pk for key in ("dee_sunday", "dee_care", "ben_sunday", "ben_out")}
    assert (view.needs, view.gaps, view.people, view.people_with_gaps) == (5, 4, 2, 2)
    met = next(row for row in view.open_needs if row.need.id == needs["met"].pk)
    assert met.candidates == 4  # Anchor, Birch, Cedar, Dolphin: as the match page lists


def test_needs_for_the_providers_own_team_are_not_looking_for_support(
    provider, needs, client_for, market_shaper
):
    """What the person wants Willowbrook itself to deliver is met by its rota: not a gap, not in
    the market view, not on the market shaper's list of needs without a supplier."""
    needs["dee_care"].commissioning = Commissioning.PROVIDER
    needs["dee_care"].save()

    view = market_view(SupportNeed.objects.all(), timezone.localdate())

    assert needs["dee_care"].pk not in {row.need.id for row in view.open_needs}
    assert (view.needs, view.gaps) == (4, 3)
    home = client_for(market_shaper).get("/").content.decode()
    assert "Getting ready" not in home


def test_pages_read_a_view_counted_in_the_last_ten_minutes(
    provider, needs, client_for, market_shaper
):
    client = client_for(market_shaper)
    # Counted now, read again at once (the change not yet counted), and after ten minutes.
    now = timezone.now().replace(second=0, microsecond=0)
    with time_machine.travel(now, tick=False):
        first = client.get(MARKET_VIEW).content.decode()
        needs["dee_care"].commissioning = Commissioning.PROVIDER
        needs["dee_care"].save()
        still = client.get(MARKET_VIEW).content.decode()
    later_time = now + dt.timedelta(minutes=11)
    with time_machine.travel(later_time, tick=False):
        later = client.get(MARKET_VIEW).content.decode()

    assert "<dd>4, affecting 2 people</dd>" in first and "<dd>4, affecting 2 people</dd>" in still
    assert f"{timezone.localtime(now):%H:%M} on" in still
    assert "<dd>3, affecting 2 people</dd>" in later
    assert f"{timezone.localtime(later_time):%H:%M} on" in later


def test_gaps_are_grouped_with_the_people_affected(provider, needs):
    view = market_view(SupportNeed.objects.all(), timezone.localdate())
    first = view.gap_groups[0]
    assert (first.term, first.district, first.day, first.band) == (
        "Swimming",
        "HF3",
        "Sunday",
        "Morning (6:00 to 12:00)",
    )
    assert (first.people, first.needs) == (2, 2)
    kinds = {tally.label: tally for tally in view.by_kind}
    assert (kinds["Swimming"].needs, kinds["Swimming"].gaps, kinds["Swimming"].people_affected) == (
        3,
        2,
        2,
    )
    # Six swimming services; prices an hour £18, £20, £20, £20, £24, £30.
    swimming = kinds["Swimming"]
    assert (len(swimming.services), swimming.median_hourly_pence) == (6, 2000)
    assert (swimming.lowest_hourly_pence, swimming.highest_hourly_pence) == (1800, 3000)
    areas = {tally.label: tally for tally in view.by_area}
    assert (areas["HF3"].needs, areas["HF3"].gaps, areas["HF1"].gaps) == (4, 3, 1)
    times = {tally.label: tally for tally in view.by_time}
    assert times["Sunday, morning"].gaps == 2
    assert times["Tuesday, evening"].needs == 2 and times["Tuesday, evening"].gaps == 1
    assert len(times["Tuesday, evening"].services) == 5  # all but the morning swim


def test_the_filters_narrow_the_needs_and_the_supply(provider, needs):
    swimming = standard_term("swimming")
    hf1 = PostcodeDistrictFactory.create(code="HF1")
    everything = SupportNeed.objects.all()
    by_kind = market_view(everything, timezone.localdate(), term_id=swimming.pk)
    assert (by_kind.needs, by_kind.gaps) == (3, 2)
    by_area = market_view(everything, timezone.localdate(), district_id=hf1.pk)
    assert (by_area.needs, by_area.gaps) == (1, 1)
    by_day = market_view(everything, timezone.localdate(), weekday=TUESDAY)
    assert (by_day.needs, by_day.gaps) == (2, 1)
    activities = market_view(
        everything, timezone.localdate(), term_id=standard_term("activities").pk
    )
    assert activities.needs == 3  # swimming is under activities


# --- The page and its CSV --------------------------------------------------------------------


@pytest.mark.parametrize("name", VIEWERS)
def test_market_shapers_coordinators_managers_and_commissioners_see_the_view(
    name, request, client_for, needs
):
    response = client_for(request.getfixturevalue(name)).get(MARKET_VIEW)
    assert response.status_code == 200
    page = response.content.decode()
    assert "4, affecting 2 people" in page
    assert "Swimming" in page and "HF3" in page
    assert AuditEvent.objects.filter(action=Action.VIEW, subject_type="market.supportneed").exists()


def test_staff_see_who_has_each_need_with_a_link_to_find_support(client_for, market_shaper, needs):
    page = client_for(market_shaper).get(MARKET_VIEW, {"gaps": "on"}).content.decode()
    assert "Ben Adeyemi" in page and "Dee Okafor" in page
    link = reverse(
        "market:match", kwargs={"pk": needs["ben_out"].person_id, "need_pk": needs["ben_out"].pk}
    )
    assert link in page
    assert "Chosen already" not in page


def test_commissioners_see_counts_never_names(client_for, commissioner, needs):
    page = client_for(commissioner).get(MARKET_VIEW).content.decode()
    assert "Okafor" not in page and "Adeyemi" not in page and "Getting ready" not in page
    rows = _csv(client_for(commissioner).get(MARKET_CSV))
    assert not any("Okafor" in cell or "Adeyemi" in cell for row in rows for cell in row)
    assert not any(row[0] == "Need nobody can meet" for row in rows)


def test_a_commissioner_of_another_council_sees_none_of_our_people(
    client_for, other_commissioner, needs
):
    response = client_for(other_commissioner).get(MARKET_VIEW)
    assert response.status_code == 200
    page = response.content.decode()
    assert "0, of 0 people" in page and "Okafor" not in page


@pytest.mark.parametrize("name", NOT_FOUND)
def test_everyone_else_gets_not_found(name, request, client_for, needs, sister):
    client = client_for(request.getfixturevalue(name))
    assert client.get(MARKET_VIEW).status_code == 404
    assert client.get(MARKET_CSV).status_code == 404


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_has_every_section_and_for_staff_each_gap_by_name(client_for, market_shaper, needs):
    response = client_for(market_shaper).get(MARKET_CSV)
    assert response["Content-Disposition"].startswith('attachment; filename="market-view-')
    rows = _csv(response)
    assert rows[0][:3] == ["Section", "Kind of support", "Area"]
    sections = {row[0] for row in rows[1:]}
    assert sections == {
        "By kind of support",
        "By area",
        "By day and time",
        "Gap",
        "Need nobody can meet",
    }
    swimming = next(row for row in rows if row[0] == "By kind of support" and row[1] == "Swimming")
    assert swimming[5:13] == ["3", "2", "2", "6", "6", "20.00", "18.00", "30.00"]
    named = sorted((row[13], row[14]) for row in rows if row[0] == "Need nobody can meet")
    assert named == [
        ("Ben Adeyemi", "Out on Tuesdays"),
        ("Ben Adeyemi", "Swimming"),
        ("Dee Okafor", "Getting ready"),
        ("Dee Okafor", "Swimming"),
    ]
    assert AuditEvent.objects.filter(
        action=Action.EXPORT, subject_type="market.supportneed"
    ).exists()


# --- The market shaper's home panel ----------------------------------------------------------


@pytest.mark.parametrize("name", ["market_shaper", "manager"])
def test_the_market_shapers_home_lists_needs_applications_and_gaps_with_links(
    name, request, client_for, needs, swimming_market, market_shaper
):
    application = PreferredApplication.objects.create(
        provider=needs["met"].person.organisation,
        supplier=swimming_market["cedar"].supplier,
        status=ApplicationStatus.APPLIED,
        created_by=market_shaper,
    )
    page = client_for(request.getfixturevalue(name)).get(reverse("home")).content.decode()
    assert "5 needs still looking for support." in page
    need = needs["dee_care"]
    assert reverse("market:match", kwargs={"pk": need.person_id, "need_pk": need.pk}) in page
    assert "See all 5 needs without a supplier" in page
    assert "1 application to the preferred list waiting to be assessed." in page
    assert reverse("market:preferred_application", args=[application.pk]) in page
    assert reverse("market:preferred_applications") in page
    assert "4 needs that no supplier in the directory can meet, for 2 people" in page
    assert "Swimming in HF3, Sunday morning (6:00 to 12:00)</a>: 2 people" in page


@pytest.mark.parametrize("name", ["coordinator", "worker", "commissioner"])
def test_others_have_no_market_shaper_panel(name, request, client_for, needs):
    page = client_for(request.getfixturevalue(name)).get(reverse("home")).content.decode()
    assert "Needs without a supplier" not in page


@pytest.mark.parametrize("name", VIEWERS)
def test_the_market_view_is_in_the_navigation_of_those_who_may_see_it(name, request, client_for):
    links = client_for(request.getfixturevalue(name)).get(reverse("home")).context["nav_links"]
    assert {"label": "Market view", "url": MARKET_VIEW, "current": False} in links


@pytest.mark.parametrize("name", ["worker", "finance", "supplier", "expert"])
def test_others_have_no_market_view_link(name, request, client_for):
    links = client_for(request.getfixturevalue(name)).get(reverse("home")).context["nav_links"]
    assert all(link["label"] != "Market view" for link in links)
