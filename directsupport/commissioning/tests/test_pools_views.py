"""The pool pages: who may see and change them, the person's own Yes or No in easy read, staff
recording answers, leaving, closing, going out to quote, and proposing from the list."""

from __future__ import annotations

import datetime as dt

import pytest

from directsupport.commissioning.models import MemberStatus, Pool, PoolMember, PoolStatus
from directsupport.commissioning.pools.services import answer
from directsupport.people.models import DecidedBy

from .test_pools_fixtures import *  # noqa: F403 - the pool fixtures

pytestmark = pytest.mark.django_db


def _member(pool: Pool, first_name: str) -> PoolMember:
    return pool.members.get(person__first_name=first_name)


def _agree(pool: Pool, actor, *first_names: str) -> None:
    for name in first_names:
        answer(actor=actor, member=_member(pool, name), agrees=True, decided_by=DecidedBy.PERSON)


# --- The list and proposing ----------------------------------------------------------------


@pytest.mark.parametrize("role", ["market_shaper", "manager", "coordinator", "finance"])
def test_provider_staff_see_the_pools_list(request, client_for, swim_pool, role) -> None:
    response = client_for(request.getfixturevalue(role)).get("/commissioning/pools/")
    assert response.status_code == 200
    assert "POOL-001" in response.text


def test_only_market_shapers_and_managers_see_propose_now(client_for, coordinator, swim_pool):
    assert "Propose pools now" not in client_for(coordinator).get("/commissioning/pools/").text


def test_commissioner_sees_pools_of_people_their_council_funds(
    client_for, commissioner, other_commissioner, swim_pool
) -> None:
    assert "POOL-001" in client_for(commissioner).get("/commissioning/pools/").text


def test_outsider_staff_see_no_pools_of_ours(client_for, outsider, swim_pool) -> None:
    response = client_for(outsider).get("/commissioning/pools/")
    assert response.status_code == 200
    assert "POOL-001" not in response.text


@pytest.mark.parametrize("role", ["worker", "expert", "supplier"])
def test_workers_experts_and_suppliers_have_no_pools_page(request, client_for, role) -> None:
    assert client_for(request.getfixturevalue(role)).get("/commissioning/pools/").status_code == 404


def test_the_person_sees_their_pools_in_easy_read(client_for, person_user, swim_pool) -> None:
    response = client_for(person_user).get("/commissioning/pools/")
    assert response.status_code == 200
    assert "Going with other people" in response.text
    assert "Swimming on Tuesdays" in response.text


def test_propose_now_proposes_once(client_for, market_shaper, swimmers) -> None:
    client = client_for(market_shaper)
    response = client.post("/commissioning/pools/propose/", follow=True)
    assert "1 new pool(s) proposed: POOL-001" in response.text
    response = client.post("/commissioning/pools/propose/", follow=True)
    assert "No new pools" in response.text
    assert Pool.objects.count() == 1


@pytest.mark.parametrize("role", ["coordinator", "finance", "commissioner", "person_user"])
def test_only_market_shapers_and_managers_propose(request, client_for, swimmers, role) -> None:
    response = client_for(request.getfixturevalue(role)).post("/commissioning/pools/propose/")
    assert response.status_code == 404
    assert not Pool.objects.exists()


def test_propose_is_a_post(client_for, market_shaper) -> None:
    assert client_for(market_shaper).get("/commissioning/pools/propose/").status_code == 405


# --- A pool's page -------------------------------------------------------------------------


def test_staff_see_members_full_names_costs_answers_and_rules(
    client_for, market_shaper, person_user, swim_pool
) -> None:
    answer(
        actor=person_user,
        member=_member(swim_pool, "Adaeze"),
        agrees=True,
        decided_by=DecidedBy.PERSON,
        in_their_words="I would like to swim with friends",
    )
    response = client_for(market_shaper).get(f"/commissioning/pools/{swim_pool.pk}/")
    assert response.status_code == 200
    text = response.text
    for words in ("Dee Okafor", "Ravi Menon", "Lena Novak", "£48.00", "£16.00", "£36.00"):
        assert words in text
    assert "I would like to swim with friends" in text
    assert "Rules for absence and leaving" in text
    assert "Record an answer" in text


def test_coordinators_read_without_actions(client_for, coordinator, swim_pool) -> None:
    response = client_for(coordinator).get(f"/commissioning/pools/{swim_pool.pk}/")
    assert response.status_code == 200
    assert "Record an answer" not in response.text


def test_commissioner_reads_only_their_councils_people_by_name(
    client_for, commissioner, other_commissioner, swim_pool
) -> None:
    text = client_for(commissioner).get(f"/commissioning/pools/{swim_pool.pk}/").text
    assert "Dee" in text and "Ravi" in text
    assert "Lena" not in text and "Another person" in text
    other = client_for(other_commissioner).get(f"/commissioning/pools/{swim_pool.pk}/").text
    assert "Lena" in other and "Ravi" not in other


@pytest.mark.parametrize("role", ["outsider", "worker", "expert", "supplier", "neighbour_user"])
def test_others_get_not_found(request, client_for, neighbour, swim_pool, role) -> None:
    response = client_for(request.getfixturevalue(role)).get(
        f"/commissioning/pools/{swim_pool.pk}/"
    )
    assert response.status_code == 404


def test_the_person_sees_first_names_their_cost_and_yes_or_no(
    client_for, person_user, swim_pool
) -> None:
    response = client_for(person_user).get(f"/commissioning/pools/{swim_pool.pk}/")
    assert response.status_code == 200
    text = response.text
    assert "easy-read" in text
    assert "Lena, Ravi" in text
    assert "Menon" not in text and "Novak" not in text
    assert "On your own it costs £48.00 each week." in text
    assert "In the group it costs £16.00 each week." in text
    assert 'name="agrees"' in text


def test_her_sister_reads_it_but_cannot_answer(client_for, sister_user, sister, swim_pool):
    response = client_for(sister_user).get(f"/commissioning/pools/{swim_pool.pk}/")
    assert response.status_code == 200
    assert 'name="agrees"' not in response.text
    response = client_for(sister_user).post(
        f"/commissioning/pools/{swim_pool.pk}/answer/", {"agrees": "yes"}
    )
    assert response.status_code == 403
    assert _member(swim_pool, "Adaeze").status == MemberStatus.ASKED


# --- The person's answer -------------------------------------------------------------------


def test_the_person_says_yes_in_their_words(client_for, person_user, swim_pool) -> None:
    response = client_for(person_user).post(
        f"/commissioning/pools/{swim_pool.pk}/answer/",
        {"agrees": "yes", "in_their_words": "Yes please, I like Tuesdays"},
        follow=True,
    )
    assert "Your answer is saved" in response.text
    member = _member(swim_pool, "Adaeze")
    assert member.status == MemberStatus.AGREED
    assert member.in_their_words == "Yes please, I like Tuesdays"
    assert member.decided_by == DecidedBy.PERSON


def test_the_person_must_choose_yes_or_no_and_keeps_their_words(
    client_for, person_user, swim_pool
) -> None:
    response = client_for(person_user).post(
        f"/commissioning/pools/{swim_pool.pk}/answer/", {"in_their_words": "I am not sure"}
    )
    assert response.status_code == 400
    assert "Choose Yes or No." in response.text
    assert "I am not sure" in response.text
    assert _member(swim_pool, "Adaeze").status == MemberStatus.ASKED


def test_a_person_cannot_answer_for_someone_else(
    client_for, person_user, ravi_user, swim_pool
) -> None:
    ravi = _member(swim_pool, "Ravi")
    response = client_for(person_user).post(
        f"/commissioning/pools/{swim_pool.pk}/members/{ravi.pk}/answer/",
        {"agrees": "yes", "decided_by": DecidedBy.PERSON},
    )
    assert response.status_code == 403
    ravi.refresh_from_db()
    assert ravi.status == MemberStatus.ASKED
    # Ravi's own answer page answers for Ravi only.
    client_for(ravi_user).post(f"/commissioning/pools/{swim_pool.pk}/answer/", {"agrees": "no"})
    ravi.refresh_from_db()
    assert ravi.status == MemberStatus.DECLINED
    assert _member(swim_pool, "Adaeze").status == MemberStatus.ASKED


@pytest.mark.parametrize("role", ["market_shaper", "coordinator", "commissioner"])
def test_staff_and_commissioners_do_not_answer_on_the_persons_page(
    request, client_for, swim_pool, role
) -> None:
    response = client_for(request.getfixturevalue(role)).post(
        f"/commissioning/pools/{swim_pool.pk}/answer/", {"agrees": "yes"}
    )
    assert response.status_code == 403


def test_a_person_outside_the_pool_gets_not_found(client_for, provider, swim_pool) -> None:
    from directsupport.accounts.roles import Role
    from tests.factories import PersonFactory, UserFactory

    stranger = UserFactory.create(organisation=provider, role=Role.PERSON)
    PersonFactory.create(organisation=provider, user=stranger)
    assert client_for(stranger).get(f"/commissioning/pools/{swim_pool.pk}/").status_code == 404
    assert (
        client_for(stranger).post(f"/commissioning/pools/{swim_pool.pk}/answer/").status_code == 404
    )


# --- Staff recording answers ---------------------------------------------------------------


def test_market_shaper_records_a_representatives_answer(client_for, market_shaper, swim_pool):
    lena = _member(swim_pool, "Lena")
    url = f"/commissioning/pools/{swim_pool.pk}/members/{lena.pk}/answer/"
    client = client_for(market_shaper)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "agrees": "yes",
            "decided_by": DecidedBy.REPRESENTATIVE,
            "representative_name": "Marta Novak",
            "representative_reason": "Lena's deputy for welfare decisions",
            "in_their_words": "She loves the water",
        },
    )
    assert response.status_code == 302
    lena.refresh_from_db()
    assert lena.status == MemberStatus.AGREED
    assert lena.representative_name == "Marta Novak"
    assert lena.recorded_by == market_shaper


def test_a_representative_without_a_name_gets_a_message_and_nothing_is_lost(
    client_for, market_shaper, swim_pool
) -> None:
    lena = _member(swim_pool, "Lena")
    response = client_for(market_shaper).post(
        f"/commissioning/pools/{swim_pool.pk}/members/{lena.pk}/answer/",
        {
            "agrees": "yes",
            "decided_by": DecidedBy.REPRESENTATIVE,
            "in_their_words": "She loves the water",
        },
    )
    assert response.status_code == 400
    assert "Enter the name of the representative who made this decision." in response.text
    assert "Enter why a representative made this decision for Lena." in response.text
    assert "She loves the water" in response.text
    lena.refresh_from_db()
    assert lena.status == MemberStatus.ASKED


@pytest.mark.parametrize("role", ["coordinator", "finance", "commissioner", "person_user"])
def test_read_only_roles_cannot_record_answers(request, client_for, swim_pool, role) -> None:
    lena = _member(swim_pool, "Lena")
    url = f"/commissioning/pools/{swim_pool.pk}/members/{lena.pk}/answer/"
    assert client_for(request.getfixturevalue(role)).get(url).status_code == 403


@pytest.mark.parametrize("role", ["outsider", "worker", "supplier"])
def test_outsiders_cannot_find_the_answer_page(request, client_for, swim_pool, role) -> None:
    lena = _member(swim_pool, "Lena")
    url = f"/commissioning/pools/{swim_pool.pk}/members/{lena.pk}/answer/"
    assert client_for(request.getfixturevalue(role)).get(url).status_code == 404


def test_a_member_of_another_pool_is_not_found(client_for, market_shaper, swim_pool) -> None:
    url = f"/commissioning/pools/{swim_pool.pk}/members/999999/answer/"
    assert client_for(market_shaper).get(url).status_code == 404


# --- Leaving and closing -------------------------------------------------------------------


def test_a_member_leaves_before_the_contract(client_for, market_shaper, swim_pool) -> None:
    ravi = _member(swim_pool, "Ravi")
    url = f"/commissioning/pools/{swim_pool.pk}/members/{ravi.pk}/leave/"
    client = client_for(market_shaper)
    assert client.get(url).status_code == 200
    response = client.post(url, {"left_on": "2026-12-07", "reason": "Moving to Leeds"})
    assert response.status_code == 302
    ravi.refresh_from_db()
    assert ravi.status == MemberStatus.LEFT and ravi.left_on == dt.date(2026, 12, 7)


def test_leaving_needs_a_real_date(client_for, market_shaper, swim_pool) -> None:
    ravi = _member(swim_pool, "Ravi")
    response = client_for(market_shaper).post(
        f"/commissioning/pools/{swim_pool.pk}/members/{ravi.pk}/leave/",
        {"left_on": "31 02 2026", "reason": "Moving to Leeds"},
    )
    assert response.status_code == 400
    assert "Leaving from: enter a real date" in response.text
    assert "Moving to Leeds" in response.text
    ravi.refresh_from_db()
    assert ravi.status == MemberStatus.ASKED


def test_leaving_a_contracted_pool_points_to_the_contract(
    client_for, market_shaper, swim_pool
) -> None:
    Pool.objects.filter(pk=swim_pool.pk).update(status=PoolStatus.CONTRACTED)
    ravi = _member(swim_pool, "Ravi")
    response = client_for(market_shaper).post(
        f"/commissioning/pools/{swim_pool.pk}/members/{ravi.pk}/leave/", {"left_on": "2026-12-07"}
    )
    assert response.status_code == 400
    assert "leaving is recorded on the contract" in response.text


@pytest.mark.parametrize(("role", "status"), [("coordinator", 403), ("outsider", 404)])
def test_only_writers_record_leaving_or_close(request, client_for, swim_pool, role, status):
    client = client_for(request.getfixturevalue(role))
    ravi = _member(swim_pool, "Ravi")
    assert (
        client.get(f"/commissioning/pools/{swim_pool.pk}/members/{ravi.pk}/leave/").status_code
        == status
    )
    assert (
        client.post(f"/commissioning/pools/{swim_pool.pk}/close/", {"reason": "x"}).status_code
        == status
    )
    swim_pool.refresh_from_db()
    assert swim_pool.status == PoolStatus.PROPOSED


def test_closing_says_why(client_for, market_shaper, swim_pool) -> None:
    client = client_for(market_shaper)
    assert client.get(f"/commissioning/pools/{swim_pool.pk}/close/").status_code == 200
    response = client.post(f"/commissioning/pools/{swim_pool.pk}/close/", {"reason": ""})
    assert response.status_code == 400
    assert "Say why the pool is closing" in response.text
    client.post(f"/commissioning/pools/{swim_pool.pk}/close/", {"reason": "The lido is closing"})
    swim_pool.refresh_from_db()
    assert swim_pool.status == PoolStatus.CLOSED
    assert swim_pool.closed_reason == "The lido is closing"


# --- Going out to quote --------------------------------------------------------------------


def test_an_agreed_pool_goes_out_to_quote(
    client_for, market_shaper, person_user, swim_pool, bright_days
) -> None:
    _agree(swim_pool, person_user, "Adaeze")
    _agree(swim_pool, market_shaper, "Ravi")
    client = client_for(market_shaper)
    page = client.get(f"/commissioning/pools/{swim_pool.pk}/quote/")
    assert page.status_code == 200
    assert "Bright Days" in page.text
    response = client.post(
        f"/commissioning/pools/{swim_pool.pk}/quote/",
        {
            "suppliers": [bright_days.pk],
            "respond_by": "2026-12-14",
            "starts_on": "2027-01-05",
            "details": "Meet at the lido entrance",
        },
        follow=True,
    )
    assert "is out to quote as RFQ-" in response.text
    swim_pool.refresh_from_db()
    assert swim_pool.status == PoolStatus.OUT_TO_QUOTE


def test_going_to_quote_without_suppliers_or_with_a_past_date_says_so(
    client_for, market_shaper, person_user, swim_pool, bright_days
) -> None:
    _agree(swim_pool, person_user, "Adaeze")
    _agree(swim_pool, market_shaper, "Ravi")
    response = client_for(market_shaper).post(
        f"/commissioning/pools/{swim_pool.pk}/quote/",
        {"respond_by": "2026-12-01", "starts_on": "2027-01-05", "details": "Meet at the lido"},
    )
    assert response.status_code == 400
    assert "Choose at least one supplier" in response.text
    assert "Meet at the lido" in response.text
    response = client_for(market_shaper).post(
        f"/commissioning/pools/{swim_pool.pk}/quote/",
        {"suppliers": [bright_days.pk], "respond_by": "2026-12-01", "starts_on": "2027-01-05"},
    )
    assert response.status_code == 400
    assert "The reply date must be today or later" in response.text
    swim_pool.refresh_from_db()
    assert swim_pool.status == PoolStatus.AGREED


def test_a_proposed_pool_cannot_go_to_quote(client_for, market_shaper, swim_pool, bright_days):
    response = client_for(market_shaper).post(
        f"/commissioning/pools/{swim_pool.pk}/quote/",
        {"suppliers": [bright_days.pk], "respond_by": "2026-12-14", "starts_on": "2027-01-05"},
    )
    assert response.status_code == 400
    assert "only a pool its members agreed to goes out to quote" in response.text


@pytest.mark.parametrize(("role", "status"), [("finance", 403), ("supplier", 404)])
def test_only_writers_send_to_quote(request, client_for, swim_pool, role, status) -> None:
    response = client_for(request.getfixturevalue(role)).get(
        f"/commissioning/pools/{swim_pool.pk}/quote/"
    )
    assert response.status_code == status
