"""Finding support for one need, and the person's choice, through the pages: who may see and
choose, the ranked list with its reasons, the choice overriding the ranking, easy read, and a
fixed number of queries however big the directory."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directsupport.audit.models import Action, AuditEvent
from directsupport.market.models import (
    ApplicationStatus,
    NeedStatus,
    PreferredApplication,
    SupplierChoice,
    SupportNeed,
)

from .matching_fixtures import make_service, swimming_need
from .needs_fixtures import make_agreement

pytestmark = pytest.mark.django_db

READERS = ["coordinator", "manager", "market_shaper", "worker", "finance"]
CIRCLE_READERS = ["sister_user"]
# Commissioners read the plan summary, not the needs drawn from the Plan Book and week.
NOT_FOUND = [
    "outsider",
    "other_commissioner",
    "commissioner",
    "supplier",
    "expert",
    "neighbour_user",
]
CHOOSERS = ["coordinator", "manager", "market_shaper"]
READ_ONLY = ["worker", "finance", "sister_user"]


@pytest.fixture
def need(dee, swimming_market, market_shaper) -> SupportNeed:
    """Dee's swimming need; Anchor and Birch on Willowbrook's preferred list; an agreement
    leaving her money for support."""
    for key in ("anchor", "birch"):
        PreferredApplication.objects.create(
            provider=dee.organisation,
            supplier=swimming_market[key].supplier,
            status=ApplicationStatus.APPROVED,
            created_by=market_shaper,
        )
    make_agreement(dee, budget_pence=3_120_000)  # £600 a week, £552 left after the 8% fee
    return swimming_need(dee)


def match_url(need: SupportNeed, suffix: str = "") -> str:
    return reverse(f"market:match{suffix}", kwargs={"pk": need.person_id, "need_pk": need.pk})


def _order(content: str, names: list[str]) -> list[str]:
    """The suppliers named, in the order they first appear on the page."""
    return sorted(names, key=lambda name: content.index(name) if name in content else 10**9)


# --- The ranked list -------------------------------------------------------------------------


def test_the_ranked_list_has_its_reasons_in_words(client_for, coordinator, need):
    response = client_for(coordinator).get(match_url(need))
    assert response.status_code == 200
    page = response.content.decode()
    ranked = page[page.index('id="ranked-title"') : page.index('id="misses-title"')]
    assert _order(ranked, ["Anchor Swim CIC", "Birch Leisure", "Cedar Swim", "Dolphin Club"]) == [
        "Anchor Swim CIC",
        "Birch Leisure",
        "Cedar Swim",
        "Dolphin Club",
    ]
    assert "Eastside Swim" not in ranked and "Morning Swim" not in ranked
    for sentence in (
        "Works Tuesdays 18:00–20:00",  # noqa: RUF001
        "Covers HF3 (about 2 km away)",
        "£20.00 an hour (£40.00 a week): within what is left (£552.00 a week)",
        "On the preferred list",
        "Workers speak Punjabi",
        "No woman worker available",
        "Does not cover HF3 (about 5 km away; travels up to 2 km)",
    ):
        assert sentence in page
    assert "Quality, not lowest price" in page
    assert AuditEvent.objects.filter(
        action=Action.VIEW, person_id=need.person_id, subject_type="market.supportneed"
    ).exists()


def test_someone_who_may_not_see_the_money_reads_no_amount_left(client_for, worker, need):
    page = client_for(worker).get(match_url(need)).content.decode()
    assert "£20.00 an hour (£40.00 a week): within what is left for support" in page
    assert "£552.00" not in page


def test_the_market_shaper_reads_what_is_left_to_match_within(client_for, market_shaper, need):
    page = client_for(market_shaper).get(match_url(need)).content.decode()
    assert "£552.00" in page


@pytest.mark.parametrize("name", READERS + CIRCLE_READERS + ["person_user"])
def test_whoever_may_see_the_needs_may_read_the_list(name, request, client_for, need, sister):
    response = client_for(request.getfixturevalue(name)).get(match_url(need))
    assert response.status_code == 200
    assert "Anchor Swim CIC" in response.content.decode()


@pytest.mark.parametrize("name", NOT_FOUND)
def test_everyone_else_gets_not_found(name, request, client_for, need, sister, neighbour):
    client = client_for(request.getfixturevalue(name))
    for suffix in ("", "_choose", "_easy_read"):
        assert client.get(match_url(need, suffix)).status_code == 404, suffix
        assert client.post(match_url(need, suffix), {"reason": "x"}).status_code == 404, suffix
    assert not SupplierChoice.objects.exists()


@pytest.mark.parametrize("name", READ_ONLY)
def test_readers_may_not_record_a_choice(name, request, client_for, need, sister, swimming_market):
    client = client_for(request.getfixturevalue(name))
    page = client.get(match_url(need)).content.decode()
    assert "choice of this" not in page and "I choose this" not in page
    service = swimming_market["cedar"].pk
    assert client.get(match_url(need, "_choose") + f"?service={service}").status_code == 403
    response = client.post(
        match_url(need, "_choose"), {"service": service, "reason": "x", "who": "person"}
    )
    assert response.status_code == 403
    assert not SupplierChoice.objects.exists()


def test_a_need_no_supplier_can_meet_says_it_is_a_gap(client_for, market_shaper, dee, need):
    gap = swimming_need(dee, weekday=6, starts_at=dt.time(6), ends_at=dt.time(7))
    page = client_for(market_shaper).get(match_url(gap)).content.decode()
    assert "Nobody in the directory can meet this need: it is a gap." in page
    assert "Does not work Sundays 06:00–07:00 (it works Tuesdays)" in page  # noqa: RUF001


# --- The person's choice overrides the ranking ------------------------------------------------


def _choose(client, need: SupportNeed, service_pk: int, **fields: Any):
    data = {"service": service_pk, "reason": "Cedar is where my friend Amrit swims", **fields}
    return client.post(match_url(need, "_choose"), data)


@pytest.mark.parametrize("name", CHOOSERS)
def test_choosing_the_third_records_its_rank_and_the_persons_reason(
    name, request, client_for, need, swimming_market
):
    user = request.getfixturevalue(name)
    client = client_for(user)
    cedar = swimming_market["cedar"]
    form = client.get(match_url(need, "_choose") + f"?service={cedar.pk}")
    assert form.status_code == 200
    assert "Number 3 in the list for this need." in form.content.decode()
    response = _choose(client, need, cedar.pk, who="person")
    assert response.status_code == 302
    assert response["Location"] == match_url(need)
    choice = SupplierChoice.objects.get()
    assert (choice.service, choice.rank_when_chosen) == (cedar, 3)
    assert choice.reason == "Cedar is where my friend Amrit swims"
    assert choice.chosen_by == "Dee Okafor" and choice.on_behalf_reason == ""
    assert choice.recorded_by == user
    need.refresh_from_db()
    assert need.status == NeedStatus.CHOSEN
    audit = AuditEvent.objects.get(action=Action.CREATE, subject_type="market.supplierchoice")
    assert audit.person_id == need.person_id
    assert "chose Cedar Swim (Cedar swimming, ranked 3)" in audit.summary
    page = client.get(match_url(need)).content.decode()
    assert "Chosen: Cedar Swim" in page and "Number 3" in page


def test_a_service_that_is_not_a_candidate_may_be_chosen(
    client_for, market_shaper, need, swimming_market
):
    eastside = swimming_market["eastside"]
    form = client_for(market_shaper).get(match_url(need, "_choose") + f"?service={eastside.pk}")
    assert "Does not cover HF3 (about 5 km away; travels up to 2 km)" in form.content.decode()
    _choose(client_for(market_shaper), need, eastside.pk, who="person")
    assert SupplierChoice.objects.get().rank_when_chosen is None


def test_a_choice_made_for_the_person_is_a_best_guess_until_they_make_it(
    client_for, market_shaper, person_user, need, swimming_market
):
    client = client_for(market_shaper)
    _choose(
        client,
        need,
        swimming_market["birch"].pk,
        who="someone",
        chosen_by_name="Ngozi Okafor",
        on_behalf_reason="Dee was in hospital and asked her sister to choose",
    )
    choice = SupplierChoice.objects.get()
    assert choice.chosen_by == "Ngozi Okafor" and choice.rank_when_chosen == 2
    assert "Best guess — not yet checked with Dee" in client.get(match_url(need)).content.decode()
    easy = client_for(person_user).get(match_url(need, "_easy_read")).content.decode()
    assert "Best guess." in easy and "Ngozi Okafor chose Birch Leisure for you" in easy


def test_a_missing_reason_is_asked_for_and_nothing_typed_is_lost(
    client_for, market_shaper, need, swimming_market
):
    response = _choose(
        client_for(market_shaper),
        need,
        swimming_market["cedar"].pk,
        reason="",
        who="someone",
        chosen_by_name="Ngozi Okafor",
        on_behalf_reason="",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Say why, in the person&#x27;s own words" in page
    assert "Say why Dee could not choose this themselves now" in page
    assert 'value="Ngozi Okafor"' in page
    assert not SupplierChoice.objects.exists()


def test_a_withdrawn_need_cannot_be_chosen_for(client_for, market_shaper, need, swimming_market):
    SupportNeed.objects.filter(pk=need.pk).update(status=NeedStatus.WITHDRAWN)
    response = _choose(client_for(market_shaper), need, swimming_market["cedar"].pk, who="person")
    assert response.status_code == 200
    assert "open it again first" in response.content.decode()
    assert not SupplierChoice.objects.exists()


def test_the_person_chooses_for_themselves_on_the_standard_page(
    client_for, person_user, need, swimming_market
):
    client = client_for(person_user)
    page = client.get(match_url(need)).content.decode()
    assert "I choose this" in page
    form = client.get(match_url(need, "_choose") + f"?service={swimming_market['dolphin'].pk}")
    assert "Why do you choose it?" in form.content.decode()
    assert "Who chose" not in form.content.decode()
    _choose(client, need, swimming_market["dolphin"].pk, reason="I like the dolphins")
    choice = SupplierChoice.objects.get()
    assert (choice.chosen_by, choice.rank_when_chosen, choice.reason) == (
        "Dee Okafor",
        4,
        "I like the dolphins",
    )


def test_the_person_chooses_from_the_easy_read_shortlist(
    client_for, person_user, need, swimming_market
):
    client = client_for(person_user)
    page = client.get(match_url(need, "_easy_read")).content.decode()
    shortlist = re.findall(r'<h3 id="easy-candidate-\d+">([^<]+)</h3>', page)
    assert shortlist == ["Anchor Swim CIC", "Birch Leisure", "Cedar Swim"]
    assert "There is 1 more." in page
    birch = swimming_market["birch"].pk
    missing = client.post(match_url(need, "_easy_read"), {"service": birch, "reason": ""})
    assert missing.status_code == 200
    assert "Please say why you choose it" in missing.content.decode()
    response = client.post(
        match_url(need, "_easy_read"), {"service": birch, "reason": "They are friendly"}
    )
    assert response.status_code == 302
    choice = SupplierChoice.objects.get()
    assert (choice.chosen_by, choice.rank_when_chosen) == ("Dee Okafor", 2)
    assert "You chose Birch Leisure." in client.get(match_url(need, "_easy_read")).content.decode()


def test_the_easy_read_shortlist_says_what_fits_and_counts_what_may_not(
    client_for, person_user, need
):
    page = client_for(person_user).get(match_url(need, "_easy_read")).content.decode()
    staff = client_for(person_user).get(match_url(need)).content.decode()

    assert "Good things:" in page
    assert "Does not fit: " not in page  # the staff list's sentence by sentence
    assert "Does not fit: " in staff
    assert "may not fit. Ask your coordinator about" in page


@pytest.mark.parametrize("name", ["market_shaper", "sister_user"])
def test_only_the_person_chooses_on_their_easy_read_page(
    name, request, client_for, need, sister, swimming_market
):
    client = client_for(request.getfixturevalue(name))
    assert client.get(match_url(need, "_easy_read")).status_code == 200
    response = client.post(
        match_url(need, "_easy_read"), {"service": swimming_market["birch"].pk, "reason": "x"}
    )
    assert response.status_code == 403
    assert not SupplierChoice.objects.exists()


def test_searching_finds_any_service_in_the_directory(
    client_for, market_shaper, need, swimming_market
):
    page = client_for(market_shaper).get(match_url(need), {"q": "eastside"}).content.decode()
    results = page[page.index('id="search-title"') :]
    assert "Eastside Swim: Eastside swimming" in results
    assert f"?service={swimming_market['eastside'].pk}" in results


# --- Scale -----------------------------------------------------------------------------------


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_match_page_asks_the_same_number_of_queries_however_many_suppliers(
    client_for, market_shaper, need
):
    client = client_for(market_shaper)
    client.get(match_url(need))  # warm the session and the content types
    before = _queries(client, match_url(need))
    for number in range(30):
        make_service(f"Swim {number}", f"Extra Swim {number}", base="HF1", areas=("HF3", "HF4"))
    after = _queries(client, match_url(need))
    assert after == before
    assert "Extra Swim 29" in client.get(match_url(need), {"all": "1"}).content.decode()
