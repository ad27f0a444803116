"""The public Open Referral UK API: every answer valid against the profile's schemas, only what
suppliers published, each filter with a case it keeps and one it drops, bad parameters a 400
and unknown ids a 404 in one error shape, CORS open, no cookies, queries that do not grow."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from directsupport.market.models import (
    ServiceArea,
    ServiceAtLocation,
    SupplierKind,
    TaxonomyTerm,
)
from directsupport.market.openreferral.publish import taxonomy_id

from .factories import (
    CostOptionFactory,
    LocationFactory,
    PostcodeDistrictFactory,
    ScheduleFactory,
    ServiceFactory,
    SupplierFactory,
    standard_term,
)
from .oruk import assert_valid_oruk

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def directory(provider, market_shaper) -> dict[str, Any]:
    """Riverside Days publishes a swimming group (Mondays 10:00-12:00 at its pool, HF2, ages
    18-65) and an evening club (Wednesdays 18:00-21:00, travels 5 km); Quiet Ltd published its
    entry but not its service; Hidden Ltd published nothing."""
    with time_machine.travel(NOW, tick=False):
        hf1 = PostcodeDistrictFactory.create(code="HF1")
        hf2 = PostcodeDistrictFactory.create(code="HF2")
        PostcodeDistrictFactory.create(code="HF9")
        riverside = SupplierFactory.create(
            organisation__name="Riverside Days CIC",
            directory_owner=provider,
            description="Days out and clubs in Hollowfield.",
            email="hello@riverside.example",
            cqc_location_id="1-123456789",
            languages=["Punjabi"],
            base_district=hf1,
            updated_by=market_shaper,
        )
        swimming = ServiceFactory.create(
            supplier=riverside,
            name="Supported swimming",
            description="A swimming group with a worker in the water.",
            minimum_age=18,
            maximum_age=65,
            terms=[standard_term("swimming")],
        )
        club = ServiceFactory.create(
            supplier=riverside,
            name="Evening club",
            description="Games, music and friends.",
            travel_radius_km=5,
            terms=[standard_term("social-clubs")],
        )
        ScheduleFactory.create(
            service=swimming, weekday=0, opens_at=dt.time(10), closes_at=dt.time(12)
        )
        ScheduleFactory.create(service=club, weekday=2, opens_at=dt.time(18), closes_at=dt.time(21))
        CostOptionFactory.create(service=swimming, amount_pence=1250, unit="session")
        ServiceArea.objects.create(service=swimming, district=hf2)
        pool = LocationFactory.create(
            supplier=riverside, name="Hollowfield Pool", postcode="HF1 2AB", district=hf1
        )
        at_pool = ServiceAtLocation.objects.create(service=swimming, location=pool)
        quiet = SupplierFactory.create(organisation__name="Quiet Ltd", directory_owner=provider)
        secret = ServiceFactory.create(supplier=quiet, name="Unlisted tea dance", published=False)
        hidden = SupplierFactory.create(
            organisation__name="Hidden Ltd", directory_owner=provider, published=False
        )
        hidden_service = ServiceFactory.create(supplier=hidden, name="Hidden befriending")
        hidden_pool = LocationFactory.create(supplier=hidden, name="Hidden hall")
        hidden_link = ServiceAtLocation.objects.create(service=hidden_service, location=hidden_pool)
    return {
        "riverside": riverside,
        "swimming": swimming,
        "club": club,
        "at_pool": at_pool,
        "secret": secret,
        "hidden_service": hidden_service,
        "hidden_link": hidden_link,
    }


def get(client: Client, name: str, *args: object, **query: Any) -> Any:
    response = client.get(reverse(f"openreferral:{name}", args=args), query)
    assert response["Content-Type"] == "application/json", response.content
    return response


def names(page: dict[str, Any]) -> set[str]:
    return {item.get("name") or item["service"]["name"] for item in page["contents"]}


# --- Each address answers in the profile's shapes ----------------------------------------------


def test_the_root_says_which_version_and_profile(client):
    body = get(client, "root").json()
    assert_valid_oruk(body, "api_information")
    assert body["version"] == "3.0"
    assert body["openapi_url"] == "http://testserver/openreferral/openapi.json"
    openapi = client.get("/openreferral/openapi.json").json()
    assert openapi["info"]["title"] == "Open Referral UK Profile"


def test_services_are_a_page_of_published_services(client, directory):
    response = get(client, "services")
    page = response.json()
    assert_valid_oruk(page, "service_list", page=True)
    assert names(page) == {"Supported swimming", "Evening club"}
    assert (page["total_items"], page["total_pages"], page["size"]) == (2, 1, 2)
    swimming = next(s for s in page["contents"] if s["name"] == "Supported swimming")
    assert swimming["organization"]["name"] == "Riverside Days CIC"
    assert swimming["last_modified"] == "2026-03-02T09:00:00.000Z"


def test_a_service_is_fully_nested(client, directory):
    swimming = directory["swimming"]
    body = get(client, "service", swimming.uuid).json()
    assert_valid_oruk(body, "service")
    assert body["id"] == str(swimming.uuid)
    assert body["organization"]["organization_identifiers"][0]["identifier"] == "1-123456789"
    [schedule] = body["schedules"]
    assert (schedule["byday"], schedule["opens_at"], schedule["closes_at"]) == (
        "MO",
        "10:00:00",
        "12:00:00",
    )
    assert [area["name"] for area in body["service_areas"]] == ["HF2"]
    [price] = body["cost_options"]
    assert (price["amount"], price["amount_description"]) == (12.5, "£12.50 a session")
    [place] = body["service_at_locations"]
    assert place["location"]["addresses"][0]["postal_code"] == "HF1 2AB"
    assert [a["taxonomy_term"]["term"] for a in body["attributes"]] == ["swimming"]
    assert body["languages"][0]["name"] == "Punjabi"
    assert "contacts" not in body


def test_a_travel_radius_is_a_service_area(client, directory):
    body = get(client, "service", directory["club"].uuid).json()
    assert_valid_oruk(body, "service")
    assert [area["name"] for area in body["service_areas"]] == ["Within 5 km of HF1"]


def test_services_at_locations_list_and_one(client, directory):
    page = get(client, "service_at_locations").json()
    assert_valid_oruk(page, "service_at_location_list", page=True)
    assert [item["location"]["name"] for item in page["contents"]] == ["Hollowfield Pool"]
    body = get(client, "service_at_location", directory["at_pool"].uuid).json()
    # The OpenAPI file gives compiled/service.json here, but the answer is a
    # service_at_location (its other operations and the compiled file of that name agree).
    assert_valid_oruk(body, "service_at_location")
    assert body["service"]["name"] == "Supported swimming"
    assert body["location"]["addresses"][0]["country"] == "GB"


def test_taxonomies_and_terms(client, directory):
    page = get(client, "taxonomies").json()
    assert_valid_oruk(page, "taxonomy", page=True)
    [vocabulary] = page["contents"]
    assert vocabulary["id"] == taxonomy_id(TaxonomyTerm.VOCABULARY)
    body = get(client, "taxonomy", vocabulary["id"]).json()
    assert_valid_oruk(body, "taxonomy")
    assert "Swimming" in {term["name"] for term in body["taxonomy_terms"]}
    terms = get(client, "taxonomy_terms", per_page=100).json()
    assert_valid_oruk(terms, "taxonomy_term", page=True)
    assert terms["total_items"] == TaxonomyTerm.objects.count()
    swimming = standard_term("swimming")
    term = get(client, "taxonomy_term", swimming.uuid).json()
    assert_valid_oruk(term, "taxonomy_term")
    assert term["parent_id"] == str(standard_term("activities").uuid)


# --- Nothing private --------------------------------------------------------------------------


def test_nothing_unpublished_or_private_appears_anywhere(client, directory, market_shaper):
    hidden = [
        "Hidden",
        "Unlisted tea dance",
        "Quiet Ltd",
        str(directory["secret"].uuid),
        str(directory["hidden_service"].uuid),
        str(directory["hidden_link"].uuid),
        market_shaper.full_name,
        market_shaper.email,
        "Willowbrook",
    ]
    answers = [
        get(client, "services", per_page=100),
        get(client, "service", directory["swimming"].uuid),
        get(client, "service_at_locations", per_page=100),
        get(client, "service_at_location", directory["at_pool"].uuid),
        get(client, "taxonomy_terms", per_page=100),
    ]
    for response in answers:
        text = response.content.decode()
        assert not [word for word in hidden if word in text], response.request["PATH_INFO"]
    for unpublished in ("secret", "hidden_service"):
        assert get(client, "service", directory[unpublished].uuid).status_code == 404
    assert get(client, "service_at_location", directory["hidden_link"].uuid).status_code == 404


def test_a_personal_assistant_is_never_open_data(client, directory, provider):
    pa = SupplierFactory.create(
        organisation__name="Marcia Goodwin",
        directory_owner=provider,
        kind=SupplierKind.PERSONAL_ASSISTANT,
        email="marcia@pa.example",
    )
    service = ServiceFactory.create(supplier=pa, name="Support at home and out")
    text = get(client, "services", per_page=100).content.decode()
    assert "Marcia" not in text and "marcia@pa.example" not in text
    assert get(client, "service", service.uuid).status_code == 404


def test_unpublishing_takes_a_service_out_at_once(client, directory):
    swimming = directory["swimming"]
    swimming.published = False
    swimming.save()
    assert "Supported swimming" not in names(get(client, "services").json())
    assert get(client, "service", swimming.uuid).status_code == 404


# --- Filters: each keeps something and drops something ------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"search": "swim"}, {"Supported swimming"}),
        ({"search": "riverside"}, {"Supported swimming", "Evening club"}),
        ({"search": "knitting"}, set()),
        ({"minimum_age": "18"}, {"Supported swimming"}),
        ({"minimum_age": "21"}, set()),
        ({"maximum_age": "70"}, {"Supported swimming"}),
        ({"maximum_age": "60"}, set()),
        ({"day": "Monday"}, {"Supported swimming"}),
        ({"day": "WE"}, {"Evening club"}),
        ({"day": "tuesday"}, set()),
        ({"start_time": "17:00"}, {"Evening club"}),
        ({"end_time": "12:00"}, {"Supported swimming"}),
        ({"day": "MO", "start_time": "10:00", "end_time": "12:00"}, {"Supported swimming"}),
        ({"day": "MO", "start_time": "11:00"}, set()),
    ],
)
def test_service_filters(client, directory, query, expected):
    page = get(client, "services", **query).json()
    assert_valid_oruk(page, "service_list", page=True)
    assert names(page) == expected


def test_filter_by_taxonomy_term_and_taxonomy(client, directory):
    swimming = standard_term("swimming")
    assert names(get(client, "services", taxonomy_term_id=swimming.uuid).json()) == {
        "Supported swimming"
    }
    unused = standard_term("gardening")
    assert names(get(client, "services", taxonomy_term_id=unused.uuid).json()) == set()
    ours = taxonomy_id(TaxonomyTerm.VOCABULARY)
    assert len(names(get(client, "services", taxonomy_id=ours).json())) == 2
    other = taxonomy_id("someone-elses-vocabulary")
    assert names(get(client, "services", taxonomy_id=other).json()) == set()


def test_filter_by_organisation_and_modified_after(client, directory):
    riverside = directory["riverside"]
    assert len(names(get(client, "services", organization_id=riverside.uuid).json())) == 2
    quiet = directory["secret"].supplier
    assert names(get(client, "services", organization_id=quiet.uuid).json()) == set()
    club = directory["club"]
    club.updated_at = NOW + dt.timedelta(days=10)
    club.save()
    later = (NOW + dt.timedelta(days=5)).isoformat()
    assert names(get(client, "services", modified_after=later).json()) == {"Evening club"}
    earlier = (NOW - dt.timedelta(days=5)).isoformat()
    assert len(names(get(client, "services", modified_after=earlier).json())) == 2


def test_places_by_postcode_and_proximity(client, directory):
    # The swimming group lists HF2; nothing covers HF9.
    assert len(get(client, "service_at_locations", postcode="HF2 1AA").json()["contents"]) == 1
    assert get(client, "service_at_locations", postcode="HF9").json()["contents"] == []
    # The pool is in HF1, a kilometre from HF2 and eight from HF9.
    near = get(client, "service_at_locations", postcode="HF2", proximity="1500").json()
    assert_valid_oruk(near, "service_at_location_list", page=True)
    assert len(near["contents"]) == 1
    assert (
        get(client, "service_at_locations", postcode="HF2", proximity="500").json()["contents"]
        == []
    )


def test_a_travel_radius_covers_nearby_districts(client, directory):
    PostcodeDistrictFactory.create(code="HF4")  # 3 km from the club's HF1 base
    club = directory["club"]
    ServiceAtLocation.objects.create(
        service=club, location=LocationFactory.create(supplier=club.supplier, name="Club room")
    )
    assert "Club room" in {
        item["location"]["name"]
        for item in get(client, "service_at_locations", postcode="HF4").json()["contents"]
    }
    assert "Club room" not in {
        item["location"]["name"]
        for item in get(client, "service_at_locations", postcode="HF9").json()["contents"]
    }


# --- Pages --------------------------------------------------------------------------------------


def test_pages_count_and_flag_themselves(client, directory):
    first = get(client, "services", per_page=1).json()
    assert_valid_oruk(first, "service_list", page=True)
    assert (first["total_pages"], first["first_page"], first["last_page"]) == (2, True, False)
    second = get(client, "services", per_page=1, page=2).json()
    assert (second["page_number"], second["first_page"], second["last_page"]) == (2, False, True)
    assert names(first) | names(second) == {"Supported swimming", "Evening club"}
    beyond = get(client, "services", page=9).json()
    assert_valid_oruk(beyond, "service_list", page=True)
    assert (beyond["size"], beyond["contents"], beyond["empty"]) == (0, [], False)


def test_the_default_page_is_fifty(client, directory):
    for number in range(60):
        ServiceFactory.create(supplier=directory["riverside"], name=f"Extra {number:02d}")
    page = get(client, "services").json()
    assert (page["size"], page["total_items"], page["total_pages"]) == (50, 62, 2)


# --- Bad requests and unknown ids -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "query", "parameter"),
    [
        ("services", {"page": "two"}, "page"),
        ("services", {"page": "0"}, "page"),
        ("services", {"per_page": "101"}, "per_page"),
        ("services", {"per_page": "-5"}, "per_page"),
        ("services", {"day": "Funday"}, "day"),
        ("services", {"start_time": "25:00"}, "start_time"),
        ("services", {"end_time": "noon"}, "end_time"),
        ("services", {"start_time": "12:00", "end_time": "09:00"}, "end_time"),
        ("services", {"taxonomy_term_id": "swimming"}, "taxonomy_term_id"),
        ("services", {"taxonomy_id": "42"}, "taxonomy_id"),
        ("services", {"minimum_age": "old"}, "minimum_age"),
        ("services", {"modified_after": "last week"}, "modified_after"),
        ("service_at_locations", {"postcode": "not a postcode"}, "postcode"),
        ("service_at_locations", {"proximity": "1000"}, "proximity"),
        ("taxonomy_terms", {"per_page": "1000"}, "per_page"),
        ("taxonomies", {"page": "x"}, "page"),
    ],
)
def test_bad_parameters_are_a_400_naming_them(client, name, query, parameter):
    response = get(client, name, **query)
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["error"] == "Bad Request"
    assert parameter in {error["parameter"] for error in body["errors"]}
    assert all(error["message"] for error in body["errors"])


def test_every_bad_parameter_is_named_at_once(client):
    body = get(client, "services", page="x", day="Funday", per_page="500").json()
    assert {error["parameter"] for error in body["errors"]} == {"page", "day", "per_page"}


@pytest.mark.parametrize("name", ["service", "service_at_location", "taxonomy", "taxonomy_term"])
@pytest.mark.parametrize("unknown", ["0c6a4c8e-0000-4000-8000-000000000000", "not-an-id"])
def test_unknown_ids_are_a_404_in_the_error_shape(client, name, unknown):
    response = get(client, name, unknown)
    assert response.status_code == 404
    body = response.json()
    assert (body["status"], body["error"]) == (404, "Not Found")
    assert unknown in body["message"]


def test_the_api_is_read_only(client, directory):
    response = client.post(reverse("openreferral:services"), {"name": "Intruder"})
    assert response.status_code == 405
    assert response.json()["status"] == 405
    assert response["Allow"] == "GET, HEAD"


# --- Open to every page, with nothing to sign in ------------------------------------------------


def test_cors_is_open_for_the_api_only(client, directory):
    response = client.get(reverse("openreferral:services"), headers={"Origin": "https://x.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        reverse("openreferral:services"),
        headers={"Origin": "https://x.example", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    elsewhere = client.get(reverse("healthz"), headers={"Origin": "https://x.example"})
    assert "Access-Control-Allow-Origin" not in elsewhere


def test_no_session_or_cookie_is_made_or_needed(client, directory):
    response = get(client, "services")
    assert response.status_code == 200
    assert not response.cookies


def test_someone_signed_in_gets_the_same_answer(client_for, client, directory, supplier):
    signed_in = client_for(supplier)
    assert get(signed_in, "services").json() == get(client, "services").json()


# --- Queries do not grow with the directory ---------------------------------------------------


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_services_or_their_parts(client, directory):
    swimming_url = reverse("openreferral:service", args=[directory["swimming"].uuid])
    list_url = reverse("openreferral:services")
    places_url = reverse("openreferral:service_at_locations")
    before = [_queries(client, url) for url in (list_url, swimming_url, places_url)]
    for number in range(20):
        service = ServiceFactory.create(supplier=directory["riverside"], name=f"More {number}")
        ScheduleFactory.create(service=service)
        ServiceAtLocation.objects.create(
            service=service, location=LocationFactory.create(supplier=service.supplier)
        )
    swimming = directory["swimming"]
    for weekday in range(1, 6):
        ScheduleFactory.create(service=swimming, weekday=weekday)
    CostOptionFactory.create(service=swimming, valid_from=timezone.localdate())
    swimming.terms.add(standard_term("day-opportunities"))
    after = [_queries(client, url) for url in (list_url, swimming_url, places_url)]
    assert after == before
    assert before[0] <= 2  # the count and the page


def test_responses_are_json(client, directory):
    body = json.loads(get(client, "services").content)
    assert isinstance(body["contents"], list)
