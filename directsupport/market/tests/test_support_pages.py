# ruff: noqa: F811 (fixtures imported from needs_fixtures are named as test arguments)
"""Dee's support page and its easy read version, drawing, adding and refining needs, and saying
how each is to be arranged: who may do what (allowed, 403, 404), bad input, conflicts, the tab
and the panel on Dee's own page, and the page's queries."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directsupport.audit.models import AuditEvent
from directsupport.market.models import Commissioning, NeedStatus, SupplierChoice, SupportNeed
from directsupport.market.needs.drawing import draw_needs
from directsupport.planning.models import Outcome
from tests.factories import PersonFactory

from .factories import CostOptionFactory, ServiceFactory, standard_term
from .needs_fixtures import (  # noqa: F401
    add_entry,
    dee_at_home,
    districts,
    make_agreement,
    matching_tool,
    rate_card,
    today,
)

pytestmark = pytest.mark.django_db

READERS = [
    "coordinator",
    "manager",
    "market_shaper",
    "finance",
    "worker",
    "person_user",
    "sister_user",
    "cousin_user",
]
# Commissioners read the plan summary, not the needs drawn from the Plan Book and week.
NOT_FOUND = [
    "other_worker",
    "neighbour_user",
    "supplier",
    "outsider",
    "other_commissioner",
    "commissioner",
]
SHAPERS = ["coordinator", "market_shaper", "manager"]
READ_ONLY_FOR_SHAPING = ["person_user", "sister_user", "worker", "finance"]
READ_ONLY_FOR_COMMISSIONING = ["sister_user", "cousin_user", "worker", "finance"]


@pytest.fixture
def everyone(request, dee_at_home, sister, cousin, neighbour):
    return request.getfixturevalue


@pytest.fixture
def needs(today, dee_at_home, add_entry, rate_card, coordinator, matching_tool):
    add_entry(1, "10:00", "12:00", what="Swimming at the lido")
    add_entry(3, "19:00", "21:00", what="Samba band", place="Community hall, HF4")
    Outcome.objects.create(person=dee_at_home, text="I learn to cook a roast")
    draw_needs(person=dee_at_home, actor=coordinator)
    return {need.what: need for need in SupportNeed.objects.all()}


def choose(need: SupportNeed, user) -> None:
    """A supplier chosen for the need, with an hourly price."""
    service = ServiceFactory.create(supplier__directory_owner=need.person.organisation)
    CostOptionFactory.create(service=service)
    SupplierChoice.objects.create(
        need=need, service=service, reason="Dee liked them", chosen_by="Dee", recorded_by=user
    )


def url(name: str, dee, need: SupportNeed | None = None) -> str:
    args = [dee.pk] if need is None else [dee.pk, need.pk]
    return reverse(f"market:{name}", args=args)


# --- Reading ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", READERS)
@pytest.mark.parametrize("page", ["support", "support_easy_read"])
def test_those_who_may_see_dee_s_needs_see_her_support(
    who, page, everyone, needs, dee_at_home, client_for
):
    response = client_for(everyone(who)).get(url(page, dee_at_home))

    assert response.status_code == 200
    assert "Swimming at the lido" in response.content.decode()


@pytest.mark.parametrize("who", [*NOT_FOUND, "expert"])
@pytest.mark.parametrize("page", ["support", "support_easy_read"])
def test_everyone_else_finds_no_support_page(who, page, everyone, needs, dee_at_home, client_for):
    response = client_for(everyone(who)).get(url(page, dee_at_home))

    assert response.status_code == 404
    assert AuditEvent.objects.filter(action="denied").exists()


def test_reading_the_page_is_audited(needs, dee_at_home, client_for, coordinator):
    client_for(coordinator).get(url("support", dee_at_home))

    assert AuditEvent.objects.filter(
        action="view", person_id=dee_at_home.pk, summary="Support page"
    ).exists()


def test_the_page_shows_each_need_with_where_and_what_was_asked_for(
    needs, dee_at_home, client_for, coordinator
):
    body = client_for(coordinator).get(url("support", dee_at_home)).content.decode()

    assert "Tuesday, 10am to midday; every week" in body
    assert "Community hall, HF4 (district HF4)" in body
    assert "Near home (HF3)" in body
    assert "Strong swimmer" in body
    assert "I learn to cook a roast" in body
    assert "Not said yet" in body


def test_a_home_postcode_the_directory_does_not_know_is_said(
    today, dee, add_entry, rate_card, coordinator, client_for
):
    dee.postcode = "QQ7 1AB"
    dee.save(update_fields=["postcode"])
    add_entry(1, "10:00", "12:00")
    draw_needs(person=dee, actor=coordinator)

    body = client_for(coordinator).get(url("support", dee)).content.decode()

    assert "The directory does not know where QQ7 is yet" in body


def test_the_tab_is_my_support_for_dee_and_dee_s_support_for_others(
    needs, dee_at_home, client_for, coordinator, person_user
):
    own = client_for(person_user).get(reverse("people:detail", args=[dee_at_home.pk]))
    staff = client_for(coordinator).get(reverse("people:detail", args=[dee_at_home.pk]))

    assert ">My support<" in own.content.decode()
    assert ">Dee's support<" in html.unescape(staff.content.decode())
    support = client_for(coordinator).get(url("support", dee_at_home)).content.decode()
    assert 'aria-current="page">Dee\'s support<' in html.unescape(support)


def test_dee_s_own_pages_show_her_support_panel(
    needs, dee_at_home, client_for, person_user, coordinator
):
    easy = client_for(person_user).get(reverse("people:easy_read", args=[dee_at_home.pk]))
    staff = client_for(coordinator).get(reverse("people:easy_read", args=[dee_at_home.pk]))

    body = easy.content.decode()
    assert "Say how you want your support done" in body
    assert "3 things wait for your answer." in body
    assert "Your week costs" in body
    assert "Say how you want your support done" not in staff.content.decode()


def test_the_support_page_reads_the_same_number_of_queries_however_many_needs(
    needs, dee_at_home, add_entry, client_for, coordinator
):
    client = client_for(coordinator)
    make_agreement(dee_at_home, budget_pence=1_000_000)
    choose(needs["Swimming at the lido"], coordinator)
    client.get(url("support", dee_at_home))  # the session's first page reads more
    with CaptureQueriesContext(connection) as few:
        assert client.get(url("support", dee_at_home)).status_code == 200
    for day in range(7):
        add_entry(day, "07:00", "08:00", what=f"Getting up {day}")
    draw_needs(person=dee_at_home, actor=coordinator)
    for need in SupportNeed.objects.filter(what__startswith="Getting up"):
        choose(need, coordinator)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url("support", dee_at_home)).status_code == 200

    assert SupportNeed.objects.count() == 10
    assert len(many) == len(few)
    assert len(few) <= 17


# --- Drawing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", SHAPERS)
def test_coordinators_market_shapers_and_managers_draw_needs(
    who, everyone, today, dee_at_home, add_entry, client_for
):
    add_entry(1, "10:00", "12:00")

    response = client_for(everyone(who)).post(url("needs_draw", dee_at_home))

    assert response.status_code == 302
    assert SupportNeed.objects.filter(person=dee_at_home).count() == 1


@pytest.mark.parametrize("who", READ_ONLY_FOR_SHAPING)
def test_readers_may_not_draw_needs(who, everyone, today, dee_at_home, add_entry, client_for):
    add_entry(1, "10:00", "12:00")

    response = client_for(everyone(who)).post(url("needs_draw", dee_at_home))

    assert response.status_code == 403
    assert not SupportNeed.objects.exists()


@pytest.mark.parametrize("who", NOT_FOUND)
def test_outsiders_cannot_draw_needs(who, everyone, today, dee_at_home, add_entry, client_for):
    add_entry(1, "10:00", "12:00")

    assert client_for(everyone(who)).post(url("needs_draw", dee_at_home)).status_code == 404
    assert not SupportNeed.objects.exists()


def test_drawing_is_a_post(dee_at_home, client_for, coordinator):
    assert client_for(coordinator).get(url("needs_draw", dee_at_home)).status_code == 405


# --- Refining ---------------------------------------------------------------------------------


def refine_data(need: SupportNeed, **changes) -> dict:
    data = {
        "version": need.version,
        "what": need.what,
        "term": need.term_id,
        "status": need.status,
        "fixed": "fixed" if need.fixed else "flexible",
        "wanted_skills": "\n".join(need.wanted_skills),
        "wanted_personality": need.wanted_personality,
        "wanted_interests": "\n".join(need.wanted_interests),
        "wanted_languages": "\n".join(need.wanted_languages),
        "wanted_gender": need.wanted_gender,
        "notes": need.notes,
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("who", SHAPERS)
def test_shapers_refine_a_need_with_the_person(who, everyone, needs, dee_at_home, client_for):
    need = needs["Swimming at the lido"]
    client = client_for(everyone(who))

    assert client.get(url("need_refine", dee_at_home, need)).status_code == 200
    response = client.post(
        url("need_refine", dee_at_home, need),
        refine_data(need, wanted_gender="women", wanted_languages="Yoruba\nEnglish"),
    )

    assert response.status_code == 302
    need.refresh_from_db()
    assert need.wanted_gender == "women"
    assert need.wanted_languages == ["Yoruba", "English"]
    assert sorted(need.refined_fields) == ["wanted_gender", "wanted_languages"]
    assert need.version == 2


@pytest.mark.parametrize("who", READ_ONLY_FOR_SHAPING)
def test_readers_may_not_refine(who, everyone, needs, dee_at_home, client_for):
    need = needs["Swimming at the lido"]
    client = client_for(everyone(who))

    assert client.get(url("need_refine", dee_at_home, need)).status_code == 403
    posted = client.post(url("need_refine", dee_at_home, need), refine_data(need, what="Mine"))
    assert posted.status_code == 403
    need.refresh_from_db()
    assert need.what == "Swimming at the lido"


@pytest.mark.parametrize("who", NOT_FOUND)
def test_outsiders_cannot_refine(who, everyone, needs, dee_at_home, client_for):
    need = needs["Swimming at the lido"]

    response = client_for(everyone(who)).post(
        url("need_refine", dee_at_home, need), refine_data(need, what="Mine")
    )

    assert response.status_code == 404


def test_a_need_of_someone_else_is_not_found(needs, dee_at_home, provider, client_for, manager):
    ben = PersonFactory.create(organisation=provider, first_name="Ben")
    need = needs["Swimming at the lido"]

    response = client_for(manager).get(url("need_refine", ben, need))

    assert response.status_code == 404


def test_a_stale_refinement_gets_the_conflict_page_and_overwrites_nothing(
    needs, dee_at_home, client_for, coordinator, market_shaper
):
    need = needs["Swimming at the lido"]
    stale = refine_data(need, what="Swimming with a woman instructor")
    client_for(market_shaper).post(
        url("need_refine", dee_at_home, need), refine_data(need, what="Swimming at the sea")
    )

    response = client_for(coordinator).post(url("need_refine", dee_at_home, need), stale)

    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else changed this need" in body
    assert "Swimming with a woman instructor" in body and "Swimming at the sea" in body
    need.refresh_from_db()
    assert need.what == "Swimming at the sea"
    assert 'name="version" value="2"' in body


def test_refining_with_bad_input_says_what_is_wrong_and_keeps_what_was_typed(
    needs, dee_at_home, client_for, coordinator
):
    need = needs["I learn to cook a roast"]
    data = refine_data(
        need, what="", weekday="2", starts_at="18:00", ends_at="17:00", place="Kitchen at HF4"
    )

    response = client_for(coordinator).post(url("need_refine", dee_at_home, need), data)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Say what the support is for" in body
    assert "The end must be after the start" in body
    assert 'value="Kitchen at HF4"' in body


def test_an_outcome_need_gets_its_day_times_and_place_by_hand(
    needs, dee_at_home, client_for, coordinator
):
    need = needs["I learn to cook a roast"]
    data = refine_data(
        need, weekday="5", starts_at="11:00", ends_at="13:00", place="Cookery school, HF1"
    )

    assert (
        client_for(coordinator).post(url("need_refine", dee_at_home, need), data).status_code == 302
    )

    need.refresh_from_db()
    assert (need.weekday, need.starts_at, need.ends_at) == (5, dt.time(11), dt.time(13))
    assert need.minutes_a_week == 120
    assert need.district is not None and need.district.code == "HF1"


def test_a_need_no_longer_needed(needs, dee_at_home, client_for, coordinator):
    need = needs["Samba band"]

    client_for(coordinator).post(
        url("need_refine", dee_at_home, need), refine_data(need, status=NeedStatus.WITHDRAWN)
    )

    need.refresh_from_db()
    assert need.status == NeedStatus.WITHDRAWN


# --- Adding -----------------------------------------------------------------------------------


def test_a_coordinator_adds_a_need_from_an_outcome(
    today, dee_at_home, client_for, coordinator, districts
):
    outcome = Outcome.objects.create(person=dee_at_home, text="I go to the seaside")
    client = client_for(coordinator)

    form = client.get(url("need_add", dee_at_home) + f"?outcome={outcome.pk}")
    response = client.post(
        url("need_add", dee_at_home),
        {
            "outcome": outcome.pk,
            "what": "A day trip to the seaside each month",
            "term": standard_term("travel-support").pk,
            "fixed": "flexible",
        },
    )

    assert 'value="I go to the seaside"' in form.content.decode()
    assert response.status_code == 302
    need = SupportNeed.objects.get()
    assert need.district is not None
    assert (need.outcome, need.term.code, need.district.code) == (outcome, "travel-support", "HF3")
    assert "term" in need.refined_fields


@pytest.mark.parametrize("who", READ_ONLY_FOR_SHAPING)
def test_readers_may_not_add_needs(who, everyone, today, dee_at_home, client_for):
    response = client_for(everyone(who)).post(
        url("need_add", dee_at_home),
        {"what": "Mine", "term": standard_term("swimming").pk, "fixed": "fixed"},
    )

    assert response.status_code == 403
    assert not SupportNeed.objects.exists()


@pytest.mark.parametrize("who", NOT_FOUND)
def test_outsiders_cannot_add_needs(who, everyone, today, dee_at_home, client_for):
    assert client_for(everyone(who)).get(url("need_add", dee_at_home)).status_code == 404


def test_adding_without_a_kind_says_so(today, dee_at_home, client_for, coordinator):
    response = client_for(coordinator).post(
        url("need_add", dee_at_home), {"what": "Football", "fixed": "fixed"}
    )

    assert "Choose the kind of support or activity" in response.content.decode()
    assert not SupportNeed.objects.exists()


# --- How it is to be arranged -----------------------------------------------------------------


def test_staff_record_what_dee_said(needs, dee_at_home, client_for, coordinator):
    need = needs["Swimming at the lido"]

    response = client_for(coordinator).post(
        url("need_commissioning", dee_at_home, need),
        {"commissioning": Commissioning.OWN_PA, "who": "person"},
    )

    assert response.status_code == 302
    need.refresh_from_db()
    assert need.commissioning == Commissioning.OWN_PA
    assert need.commissioning_said_by == "Dee Okafor"
    assert need.commissioning_recorded_by == coordinator
    assert need.commissioning_recorded_at is not None
    assert AuditEvent.objects.filter(action="update", subject_id=str(need.pk)).exists()
    body = client_for(coordinator).get(url("support", dee_at_home)).content.decode()
    assert "Dee said so, recorded by Priya Shah" in body


def test_staff_record_what_someone_said_for_dee(needs, dee_at_home, client_for, market_shaper):
    need = needs["Samba band"]

    client_for(market_shaper).post(
        url("need_commissioning", dee_at_home, need),
        {"commissioning": Commissioning.JOINT, "who": "someone", "said_by_name": "Ngozi Okafor"},
    )

    need.refresh_from_db()
    assert (need.commissioning, need.commissioning_said_by) == (Commissioning.JOINT, "Ngozi Okafor")


def test_someone_for_dee_needs_a_name(needs, dee_at_home, client_for, coordinator):
    need = needs["Samba band"]

    response = client_for(coordinator).post(
        url("need_commissioning", dee_at_home, need),
        {"commissioning": Commissioning.JOINT, "who": "someone", "said_by_name": ""},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Give the name of who said it for Dee" in body
    assert 'value="joint" required id="id_commissioning_5" checked' in body or (
        'value="joint"' in body and "checked" in body
    )
    need.refresh_from_db()
    assert need.commissioning == ""


def test_dee_says_for_herself_how_she_wants_it_done(needs, dee_at_home, client_for, person_user):
    need = needs["Swimming at the lido"]
    client = client_for(person_user)

    response = client.post(
        url("need_commissioning", dee_at_home, need),
        {"commissioning": Commissioning.FREE_COMMUNITY, "back": "easy"},
    )

    assert response.status_code == 302
    assert response["Location"] == url("support_easy_read", dee_at_home)
    need.refresh_from_db()
    assert (need.commissioning, need.commissioning_said_by) == (
        Commissioning.FREE_COMMUNITY,
        "Dee Okafor",
    )
    assert need.commissioning_recorded_by == person_user
    easy = client.get(url("support_easy_read", dee_at_home)).content.decode()
    assert "I go to something free near me." in easy


def test_dee_finds_who_could_help_from_her_easy_read_page(
    needs, dee_at_home, client_for, person_user
):
    need = needs["Swimming at the lido"]
    need.commissioning = Commissioning.OTHER_SUPPLIER
    need.save()

    easy = client_for(person_user).get(url("support_easy_read", dee_at_home)).content.decode()

    shortlist = reverse("market:match_easy_read", args=[dee_at_home.pk, need.pk])
    assert f'href="{shortlist}"' in easy
    assert "Choose who helps you" in easy
    need.commissioning = Commissioning.PROVIDER
    need.save()
    easy = client_for(person_user).get(url("support_easy_read", dee_at_home)).content.decode()
    assert f'href="{shortlist}"' not in easy


def test_dee_must_choose_an_answer(needs, dee_at_home, client_for, person_user):
    need = needs["Swimming at the lido"]

    response = client_for(person_user).post(url("need_commissioning", dee_at_home, need), {})

    assert "Choose how you want it done" in response.content.decode()


@pytest.mark.parametrize("who", READ_ONLY_FOR_COMMISSIONING)
def test_circle_and_staff_who_only_read_may_not_record_it(
    who, everyone, needs, dee_at_home, client_for
):
    need = needs["Swimming at the lido"]

    response = client_for(everyone(who)).post(
        url("need_commissioning", dee_at_home, need),
        {"commissioning": Commissioning.OWN_PA, "who": "person"},
    )

    assert response.status_code == 403
    need.refresh_from_db()
    assert need.commissioning == ""


@pytest.mark.parametrize("who", NOT_FOUND)
def test_suppliers_and_outsiders_find_no_need(who, everyone, needs, dee_at_home, client_for):
    need = needs["Swimming at the lido"]

    response = client_for(everyone(who)).post(
        url("need_commissioning", dee_at_home, need),
        {"commissioning": Commissioning.OWN_PA, "who": "person"},
    )

    assert response.status_code == 404
