# ruff: noqa: F811 (fixtures imported from directory_fixtures are named as test arguments)
"""Finding suppliers: every filter lets in what matches and leaves out what does not; nearest
first from a postcode, with distances in words; a fixed number of queries however many
suppliers there are.

Bright Days CIC: community support by the hour (£22.50) on Mondays 10:00-16:00, in HF1, with
workers who speak Punjabi, sign Makaton, like music and are women. Hollowfield Lido Swimmers:
free swimming on Saturdays 10:00-12:00, based in HF4 (3 km east of HF1).
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directsupport.market.models import (
    ApplicationStatus,
    CqcRating,
    PreferredApplication,
    ServiceStatus,
)

from .directory_fixtures import (  # noqa: F401
    TODAY,
    other_entry,
    other_service,
    own_entry,
    own_service,
)
from .factories import (
    CostOptionFactory,
    ScheduleFactory,
    ServiceFactory,
    SupplierFactory,
    standard_term,
)

pytestmark = pytest.mark.django_db

BRIGHT = "Bright Days CIC"
LIDO = "Hollowfield Lido Swimmers"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def both(own_entry, other_entry):
    return own_entry, other_entry


@pytest.fixture
def search(client_for, market_shaper, both):
    client = client_for(market_shaper)

    def found(**params) -> list[str]:
        response = client.get(reverse("market:supplier_list"), params)
        assert response.status_code == 200
        return [row["supplier"].name for row in response.context["rows"]]

    return found


def test_everyone_is_listed_without_filters(search):
    assert search() == [BRIGHT, LIDO]


def test_search_words_find_names_descriptions_and_services(search):
    assert search(q="lido") == [LIDO]
    assert search(q="friendly swimming") == [LIDO]  # from the description
    assert search(q="community support") == [BRIGHT]  # a service's name
    assert search(q="gardening") == []


def test_kind_of_supplier(search):
    assert search(kind="community_group") == [LIDO]
    assert search(kind="micro_enterprise") == [BRIGHT]


def test_support_or_activity(search):
    assert search(term="swimming") == [LIDO]
    assert search(term="community-access") == [BRIGHT]
    assert search(term="waking-night") == []


def test_district_covered_by_area_or_travel_radius(search, other_service):
    assert search(postcode="HF1 2AB", covers="on") == [BRIGHT]
    other_service.travel_radius_km = 4  # HF4 to HF1 is 3 km
    other_service.save()
    assert search(postcode="HF1", covers="on") == [BRIGHT, LIDO]
    other_service.travel_radius_km = 2
    other_service.save()
    assert search(postcode="HF1", covers="on") == [BRIGHT]


def test_near_a_postcode_sorts_by_distance_and_says_how_far(client_for, market_shaper, both):
    client = client_for(market_shaper)
    response = client.get(reverse("market:supplier_list"), {"postcode": "hf4 1aa"})
    rows = [(row["supplier"].name, row["distance"]) for row in response.context["rows"]]
    assert rows == [(LIDO, "In HF4"), (BRIGHT, "About 3 km")]
    assert "Distance from HF4" in response.content.decode()
    response = client.get(reverse("market:supplier_list"), {"postcode": "HF1"})
    assert [row["supplier"].name for row in response.context["rows"]] == [BRIGHT, LIDO]


def test_day_and_time_of_day(search):
    assert search(day="5") == [LIDO]
    assert search(day="0") == [BRIGHT]
    assert search(day="0", time_of_day="morning") == [BRIGHT]
    assert search(day="0", time_of_day="evening") == []
    assert search(time_of_day="afternoon") == [BRIGHT]  # Mondays until 16:00
    assert search(day="2") == []


def test_overnight_support_runs_into_the_next_morning(search, own_service):
    ScheduleFactory.create(
        service=own_service,
        weekday=4,
        opens_at=dt.time(22),
        closes_at=dt.time(9),
        overnight=True,
    )
    assert search(day="4", time_of_day="night") == [BRIGHT]
    assert search(day="5", time_of_day="morning") == [BRIGHT, LIDO]  # to 09:00 on Saturday
    assert search(day="5", time_of_day="afternoon") == []


def test_schedules_that_have_ended_do_not_count(search, own_service):
    own_service.schedules.update(valid_to=dt.date(2026, 4, 30))
    assert search(day="0") == []


def test_price_up_to_an_amount_an_hour_includes_free(search, own_service):
    assert search(max_hourly="20.00") == [LIDO]
    assert search(max_hourly="22.50") == [BRIGHT, LIDO]
    own_service.cost_options.update(valid_to=dt.date(2026, 5, 1))  # expired
    assert search(max_hourly="25") == [LIDO]


def test_free_only(search):
    assert search(free_only="on") == [LIDO]


def test_cqc_rating(search, own_entry):
    own_entry.cqc_location_id = "1-101234567"
    own_entry.cqc_rating = CqcRating.GOOD
    own_entry.save()
    assert search(cqc_rating="good") == [BRIGHT]
    assert search(cqc_rating="outstanding") == []


def test_preferred_means_approved_for_this_provider(search, provider, market_shaper, both):
    own_entry, other_entry = both
    PreferredApplication.objects.create(
        provider=provider,
        supplier=other_entry,
        status=ApplicationStatus.APPROVED,
        created_by=market_shaper,
    )
    PreferredApplication.objects.create(
        provider=provider,
        supplier=own_entry,
        status=ApplicationStatus.ASSESSING,
        created_by=market_shaper,
    )
    assert search(preferred="on") == [LIDO]


def test_what_people_match_on(search):
    assert search(language="punjabi") == [BRIGHT]
    assert search(skill="makaton") == [BRIGHT]
    assert search(interest="music") == [BRIGHT]
    assert search(worker_gender="women") == [BRIGHT]
    assert search(worker_gender="men") == []


def test_the_filters_offer_only_what_suppliers_have(client_for, market_shaper, both):
    form = client_for(market_shaper).get(reverse("market:supplier_list")).context["form"]
    assert list(form.fields["language"].choices) == [
        ("", "Any language"),
        ("english", "English"),
        ("punjabi", "Punjabi"),
    ]


def test_filters_about_services_apply_to_one_service_together(search, own_entry):
    """Swimming on a Monday: Bright Days swims only on Saturdays, the Lido not at all."""
    swim = ServiceFactory.create(supplier=own_entry, name="Swim buddies", terms=[])
    swim.terms.set([own_entry.services.get(name="Community support").terms.get()])
    ScheduleFactory.create(service=swim, weekday=5)
    assert search(term="community-access", day="5") == [BRIGHT]
    swim.status = ServiceStatus.DEFUNCT
    swim.save()
    assert search(term="community-access", day="5") == []


def test_filters_combine(search):
    assert search(q="swim", free_only="on", day="5", postcode="HF4") == [LIDO]
    assert search(q="swim", kind="micro_enterprise") == []


def test_bad_postcodes_say_what_to_type_and_keep_what_was_typed(client_for, market_shaper, both):
    client = client_for(market_shaper)
    response = client.get(reverse("market:supplier_list"), {"postcode": "Hollowfield Road"})
    body = response.content.decode()
    assert "is not a UK postcode or postcode district" in body
    assert 'value="Hollowfield Road"' in body
    response = client.get(reverse("market:supplier_list"), {"postcode": "ZZ9 9ZZ"})
    assert "The directory does not know where ZZ9 is yet" in response.content.decode()
    # The other filters still apply.
    response = client.get(
        reverse("market:supplier_list"), {"postcode": "ZZ9", "kind": "community_group"}
    )
    assert [row["supplier"].name for row in response.context["rows"]] == [LIDO]


def test_a_day_outside_the_week_is_refused(client_for, market_shaper, both):
    response = client_for(market_shaper).get(reverse("market:supplier_list"), {"day": "9"})
    assert "Choose a day from Monday to Sunday" in response.content.decode()


def test_covering_needs_a_postcode(client_for, market_shaper, both):
    response = client_for(market_shaper).get(reverse("market:supplier_list"), {"covers": "on"})
    assert "Type the postcode or district they must work in" in response.content.decode()


def test_unpublished_and_unregistered_personal_care_are_marked(
    client_for, market_shaper, own_entry
):
    care = ServiceFactory.create(
        supplier=own_entry, name="Morning care", terms=[standard_term("personal-care")]
    )
    own_entry.published = False
    own_entry.save()
    body = client_for(market_shaper).get(reverse("market:supplier_list")).content.decode()
    assert "Not published" in body
    assert "Personal care without CQC registration" in body
    care.delete()
    body = client_for(market_shaper).get(reverse("market:supplier_list")).content.decode()
    assert "Personal care without CQC registration" not in body


def _list_queries(client, params: dict[str, str]) -> int:
    client.get(reverse("market:supplier_list"))  # the session's own first-request queries
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("market:supplier_list"), params).status_code == 200
    return len(queries)


def test_the_list_takes_the_same_queries_for_many_suppliers(client_for, market_shaper, both):
    client = client_for(market_shaper)
    params = {"postcode": "HF1", "language": "punjabi", "day": "0", "max_hourly": "30"}
    few = _list_queries(client, {})
    few_filtered = _list_queries(client, params)
    for _ in range(30):
        supplier = SupplierFactory.create(languages=["Punjabi"])
        service = ServiceFactory.create(supplier=supplier)
        ScheduleFactory.create(service=service)
        CostOptionFactory.create(service=service)
    assert _list_queries(client, {}) == few
    assert _list_queries(client, params) == few_filtered
