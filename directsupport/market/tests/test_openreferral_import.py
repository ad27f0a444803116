"""Importing an Open Referral UK file: the profile's example files import cleanly, a file the
directory published imports back onto itself, and a file that is not JSON, fails the schema,
uses an id twice or cannot be placed is refused whole, every problem listed by JSON path."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from directsupport.accounts.models import Organisation
from directsupport.accounts.roles import OrganisationKind
from directsupport.audit.models import AuditEvent
from directsupport.market.models import (
    CostOption,
    Location,
    Schedule,
    Service,
    ServiceArea,
    Supplier,
    SupplierKind,
    TaxonomyTerm,
)
from directsupport.market.openreferral.feed import MAX_BYTES
from directsupport.market.openreferral.services import import_feed
from directsupport.market.openreferral.validation import STANDARD_DIR

from .factories import PostcodeDistrictFactory, ServiceFactory, SupplierFactory, standard_term
from .oruk import STANDARD, assert_valid_oruk

pytestmark = pytest.mark.django_db

EXAMPLE_SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"
EXAMPLE_ORGANIZATION_ID = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
TODAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def example(name: str) -> bytes:
    return (STANDARD / name).read_bytes()


def example_json(name: str) -> Any:
    return json.loads(example(name))


@pytest.fixture
def hf3(db):
    return PostcodeDistrictFactory.create(code="HF3", name="Hollowfield South")


def run(provider, market_shaper, raw: bytes | Any, **options: Any):
    if not isinstance(raw, bytes):
        raw = json.dumps(raw).encode()
    with time_machine.travel(TODAY, tick=False):
        return import_feed(raw=raw, directory_owner=provider, actor=market_shaper, **options)


def directory_counts() -> dict[str, int]:
    models = (Organisation, Supplier, Service, Schedule, CostOption, ServiceArea, Location)
    return {model.__name__: model.objects.count() for model in (*models, TaxonomyTerm)}


def paths(report: Any) -> list[str]:
    return [problem.path for problem in report.problems]


# --- The profile's examples ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shape"),
    [
        ("example_service_full.json", "service"),
        ("example_service_list.json", "page of services"),
        ("example_organization_full.json", "organisation"),
    ],
)
def test_the_examples_import_cleanly(client, provider, market_shaper, hf3, name, shape):
    report = run(provider, market_shaper, example(name), default_district=hf3)
    assert report.problems == []
    assert report.shape == shape
    assert report.suppliers_added == ["Example Organization Inc."]
    assert report.services_added == ["Community Counselling (Example Organization Inc.)"]
    supplier = Supplier.objects.get(uuid=EXAMPLE_ORGANIZATION_ID)
    assert supplier.organisation.kind == OrganisationKind.SUPPLIER
    assert (supplier.directory_owner, supplier.published, supplier.base_district) == (
        provider,
        True,
        hf3,
    )
    assert supplier.kind == SupplierKind.COMMUNITY_GROUP
    service = Service.objects.get(uuid=EXAMPLE_SERVICE_ID)
    assert (service.supplier, service.published, service.minimum_age) == (supplier, True, 12)
    # What it imported, it publishes, in the profile's shape.
    published = client.get(reverse("openreferral:service", args=[EXAMPLE_SERVICE_ID])).json()
    assert_valid_oruk(published, "service")
    assert published["organization"]["name"] == "Example Organization Inc."


def test_the_full_example_brings_its_parts(provider, market_shaper, hf3):
    report = run(
        provider, market_shaper, example("example_service_full.json"), default_district=hf3
    )
    service = Service.objects.get(uuid=EXAMPLE_SERVICE_ID)
    # "TH,FR", weekly, 10:00 to 18:00: a row for each day, the first keeping the file's id.
    schedules = list(service.schedules.order_by("weekday"))
    assert [(s.weekday, s.opens_at, s.closes_at) for s in schedules] == [
        (3, dt.time(10), dt.time(18)),
        (4, dt.time(10), dt.time(18)),
    ]
    assert str(schedules[0].uuid) == "48102e86-bb50-41c4-8f1e-e269368c41d1"
    [price] = service.cost_options.all()
    assert (price.amount_pence, price.unit, price.valid_to) == (3500, "hour", dt.date(2022, 12, 31))
    [term] = service.terms.all()
    assert (term.name, term.vocabulary, str(term.uuid)) == (
        "name",
        "taxonomy",
        "3f7b145d-84af-42d7-8fae-eaca714b02b2",
    )
    assert report.terms_added == ["name"]
    left_out = dict(report.left_out)
    assert left_out["contacts (the directory never publishes a person)"] == 1
    assert left_out["locations without a full UK postcode"] == 1
    assert left_out["service areas that are not a UK postcode district (such as HF3)"] == 1
    assert "Ann Persona" not in json.dumps([s.notes for s in schedules])
    assert not Location.objects.exists()


def test_importing_again_updates_and_adds_nothing(provider, market_shaper, hf3):
    run(provider, market_shaper, example("example_organization_full.json"), default_district=hf3)
    counts = directory_counts()
    again = run(provider, market_shaper, example("example_organization_full.json"))
    assert again.problems == []
    assert (again.suppliers_added, again.services_added, again.terms_added) == ([], [], [])
    assert again.suppliers_updated == ["Example Organization Inc."]
    assert again.services_updated == ["Community Counselling (Example Organization Inc.)"]
    assert directory_counts() == counts


def test_a_page_without_parts_keeps_the_services_parts(provider, market_shaper, hf3):
    run(provider, market_shaper, example("example_service_full.json"), default_district=hf3)
    run(provider, market_shaper, example("example_service_list.json"))
    service = Service.objects.get(uuid=EXAMPLE_SERVICE_ID)
    assert service.schedules.count() == 2 and service.cost_options.count() == 1


def test_our_own_published_service_imports_back_onto_itself(client, provider, market_shaper):
    hf1 = PostcodeDistrictFactory.create(code="HF1")
    supplier = SupplierFactory.create(directory_owner=provider, base_district=hf1)
    service = ServiceFactory.create(supplier=supplier, terms=[standard_term("swimming")])
    Schedule.objects.create(
        service=service, weekday=2, opens_at="22:00", closes_at="07:00", overnight=True
    )
    ServiceArea.objects.create(service=service, district=PostcodeDistrictFactory.create(code="HF2"))
    service.travel_radius_km = 8
    service.save()
    published = client.get(reverse("openreferral:service", args=[service.uuid])).json()
    counts = directory_counts()
    report = run(provider, market_shaper, published)
    assert report.problems == []
    assert report.services_updated and not report.services_added and not report.terms_added
    assert directory_counts() == counts
    service.refresh_from_db()
    assert service.travel_radius_km == 8
    [night] = service.schedules.all()
    assert (night.weekday, night.overnight, night.closes_at) == (2, True, dt.time(7))
    assert list(service.terms.all()) == [standard_term("swimming")]


def test_terms_are_matched_by_code_or_name(provider, market_shaper, hf3):
    swimming = standard_term("swimming")
    document = example_json("example_service_full.json")
    document["attributes"][0]["taxonomy_term"].update(name="Swimming", term="swimming")
    report = run(provider, market_shaper, document, default_district=hf3)
    assert report.terms_added == []
    service = Service.objects.get(uuid=EXAMPLE_SERVICE_ID)
    assert list(service.terms.all()) == [swimming]
    document["id"] = "5b0f6d2e-6b5a-4b8e-9a53-0d2c1f3e4a77"
    document["attributes"][0]["id"] = "8d1c6a55-5e0a-4d0b-9f53-7a2b3c4d5e6f"
    document["attributes"][0]["taxonomy_term"].update(
        id="9e2d7b66-6f1b-4e1c-8a64-8b3c4d5e6f70", name="SWIMMING", term="Swim sessions"
    )
    for part in ("schedules", "cost_options", "service_at_locations", "service_areas"):
        document.pop(part)
    report = run(provider, market_shaper, document, default_district=hf3)
    assert report.problems == [] and report.terms_added == []
    assert list(Service.objects.get(uuid=document["id"]).terms.all()) == [swimming]


def test_a_supplier_is_matched_by_name(provider, market_shaper, hf3):
    existing = SupplierFactory.create(
        organisation__name="Example Organization Inc.", directory_owner=provider
    )
    report = run(provider, market_shaper, example("example_organization_full.json"))
    assert report.problems == []
    assert report.suppliers_matched_by_name == ["Example Organization Inc."]
    assert Service.objects.get(uuid=EXAMPLE_SERVICE_ID).supplier == existing
    assert Supplier.objects.count() == 1


def test_a_venue_with_a_known_postcode_places_a_new_supplier(provider, market_shaper, hf3):
    document = example_json("example_service_full.json")
    document["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] = "hf3 2ab"
    report = run(provider, market_shaper, document)
    assert report.problems == [] and report.locations_added == 1
    supplier = Supplier.objects.get(uuid=EXAMPLE_ORGANIZATION_ID)
    assert supplier.base_district == hf3
    location = Location.objects.get()
    assert (location.postcode, location.supplier) == ("HF3 2AB", supplier)


def test_the_import_is_audited(provider, market_shaper, hf3):
    run(provider, market_shaper, example("example_service_full.json"), default_district=hf3)
    events = AuditEvent.objects.filter(actor=market_shaper)
    assert {e.subject_type for e in events} >= {
        "market.supplier",
        "market.service",
        "market.openreferral_import",
    }


# --- Refused whole ------------------------------------------------------------------------------


def refused(provider, market_shaper, raw: bytes | Any, **options: Any) -> Any:
    counts = directory_counts()
    report = run(provider, market_shaper, raw, **options)
    assert report.refused
    assert directory_counts() == counts, "something was half-imported"
    return report


def test_a_file_that_is_not_json_is_refused(provider, market_shaper, hf3):
    report = refused(provider, market_shaper, b'{"id": "x",\n "name": }', default_district=hf3)
    assert report.problems[0].message.startswith("The file is not valid JSON")
    assert "line 2" in report.problems[0].message
    report = refused(provider, market_shaper, b"\xff\xfe{\x00}\x00")
    assert "UTF-8" in report.problems[0].message
    report = refused(provider, market_shaper, b'{"id": "a", "id": "b"}')
    assert "appears twice" in report.problems[0].message


def test_a_file_that_fails_the_schema_lists_every_problem(provider, market_shaper, hf3):
    page = example_json("example_service_list.json")
    second = copy.deepcopy(page["contents"][0])
    del second["status"]
    second["id"] = "not-a-uuid"
    second["minimum_age"] = "twelve"
    page["contents"].append(second)
    report = refused(provider, market_shaper, page, default_district=hf3)
    by_path = {problem.path: problem.message for problem in report.problems}
    assert by_path["$.contents[1]"] == "“status” is missing, and is required here"
    assert by_path["$.contents[1].id"] == "“not-a-uuid” is not a valid uuid"
    assert by_path["$.contents[1].minimum_age"] == "should be a number, not text"


def test_duplicate_ids_are_refused(provider, market_shaper, hf3):
    service = example_json("example_service_full.json")
    report = refused(provider, market_shaper, [service, service], default_district=hf3)
    assert "$[1].id" in paths(report)
    cost_id = service["cost_options"][0]["id"]
    service["schedules"][0]["id"] = cost_id
    report = refused(provider, market_shaper, service, default_district=hf3)
    assert [str(p) for p in report.problems] == [
        f"$.cost_options[0].id: the id {cost_id} is already used for a schedule at $.schedules[0]"
    ]


def test_one_bad_service_refuses_the_good_ones_too(provider, market_shaper, hf3):
    good = example_json("example_service_full.json")
    bad = copy.deepcopy(good)
    bad["id"] = "5b0f6d2e-6b5a-4b8e-9a53-0d2c1f3e4a77"
    for part in ("schedules", "service_at_locations", "cost_options", "attributes", "funding"):
        bad.pop(part)
    bad.pop("service_areas"), bad.pop("contacts"), bad.pop("languages")
    bad["cost_options"] = [{"id": "7e3c2a10-3b8e-4c55-9b1a-0f6e2d4c8a11", "amount": -5}]
    report = refused(provider, market_shaper, [good, bad], default_district=hf3)
    assert [str(p) for p in report.problems] == [
        "$[1].cost_options[0].amount: -5 is less than nothing: a price cannot be negative"
    ]


def test_a_new_supplier_that_cannot_be_placed_is_refused(provider, market_shaper):
    report = refused(provider, market_shaper, example("example_service_full.json"))
    assert report.problems[0].path == "$.organization"
    assert "choose a postcode district" in report.problems[0].message


def test_names_of_providers_and_other_directories_are_refused(
    provider, other_provider, market_shaper, hf3
):
    document = example_json("example_service_full.json")
    document["organization"]["name"] = "Other Care Ltd"
    report = refused(provider, market_shaper, document, default_district=hf3)
    assert "already the name of a care provider here" in report.problems[0].message
    SupplierFactory.create(organisation__name="Elsewhere CIC", directory_owner=other_provider)
    document["organization"]["name"] = "Elsewhere CIC"
    report = refused(provider, market_shaper, document, default_district=hf3)
    assert "another provider's directory" in report.problems[0].message


def test_values_the_directory_cannot_hold_are_refused(provider, market_shaper, hf3):
    document = example_json("example_service_full.json")
    document["schedules"][0].update(byday="TH,XX")
    document["cost_options"][0]["amount"] = 12.345
    document["name"] = "x" * 201
    report = refused(provider, market_shaper, document, default_district=hf3)
    assert [str(p) for p in report.problems] == [
        "$.schedules[0].byday: “XX” is not a day: use MO, TU, WE, TH, FR, SA or SU",
        "$.cost_options[0].amount: 12.345 has parts of a penny: give pounds and pence",
        "$.name: Ensure this value has at most 200 characters (it has 201).",
    ]


def test_one_venue_cannot_belong_to_two_organisations(provider, market_shaper, hf3):
    first = example_json("example_service_full.json")
    first["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] = "HF3 2AB"
    second = copy.deepcopy(first)
    second["id"] = "5b0f6d2e-6b5a-4b8e-9a53-0d2c1f3e4a77"
    second["organization"].update(id="6c1a7e3f-7c6b-4c9f-8b64-1e3d2f4a5b88", name="Other CIC")
    for part in ("schedules", "cost_options", "attributes", "service_areas", "languages"):
        second.pop(part)
    second.pop("contacts"), second.pop("funding")
    second["service_at_locations"][0]["id"] = "7d2b8f40-8d7c-4da0-9c75-2f4e3a5b6c99"
    second["organization"].pop("organization_identifiers")
    report = refused(provider, market_shaper, [first, second], default_district=hf3)
    assert [str(p) for p in report.problems] == [
        "$[1].service_at_locations[0].location.id: this location is another organisation's "
        "in this file"
    ]


def test_a_file_over_five_megabytes_is_refused(provider, market_shaper):
    report = refused(provider, market_shaper, b" " * (MAX_BYTES + 1))
    assert "larger than 5 MB" in report.problems[0].message


def test_the_standard_files_the_product_carries_are_the_profiles():
    for name in ("openapi.json", "LICENSE"):
        assert (STANDARD_DIR / name).read_bytes() == (STANDARD / name).read_bytes()
    for name in ("service.json", "organization.json"):
        assert (STANDARD_DIR / name).read_bytes() == (STANDARD / "compiled" / name).read_bytes()
    assert Path(settings.BASE_DIR) in STANDARD_DIR.parents


# --- The page and the command ---------------------------------------------------------------


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/json")


def test_the_market_shaper_imports_a_file_on_the_page(client_for, market_shaper, hf3):
    client = client_for(market_shaper)
    url = reverse("market:openreferral_import")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "file": upload("feed.json", example("example_organization_full.json")),
            "district": "HF3",
            "supplier_kind": SupplierKind.FREE_ACTIVITY,
        },
    )
    assert response.status_code == 200
    assert b"The file has been imported" in response.content
    assert b"Example Organization Inc." in response.content
    assert Supplier.objects.get().kind == SupplierKind.FREE_ACTIVITY


def test_a_refused_file_shows_its_problems_on_the_page(client_for, manager, hf3):
    client = client_for(manager)
    response = client.post(
        reverse("market:openreferral_import"),
        {"file": upload("feed.json", b"[1, 2"), "supplier_kind": SupplierKind.COMMUNITY_GROUP},
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The file was not imported: 1 problem listed below" in page
    assert "The file is not valid JSON" in page
    assert not Supplier.objects.exists()


def test_a_district_the_directory_does_not_know_is_a_form_error(client_for, market_shaper):
    response = client_for(market_shaper).post(
        reverse("market:openreferral_import"),
        {
            "file": upload("feed.json", example("example_service_full.json")),
            "district": "ZZ9",
            "supplier_kind": SupplierKind.COMMUNITY_GROUP,
        },
    )
    assert "The directory does not know where ZZ9 is yet" in response.content.decode()
    assert not Supplier.objects.exists()


@pytest.mark.parametrize("who", ["coordinator", "worker", "commissioner", "supplier", "outsider"])
def test_only_market_shapers_and_managers_may_import(client_for, request, who, hf3):
    client = client_for(request.getfixturevalue(who))
    url = reverse("market:openreferral_import")
    assert client.get(url).status_code == 404
    response = client.post(url, {"file": upload("feed.json", example("example_service_full.json"))})
    assert response.status_code == 404
    assert not Supplier.objects.exists()


def test_the_command_imports_and_reports(provider, hf3, capsys):
    file = STANDARD / "example_organization_full.json"
    with time_machine.travel(TODAY, tick=False):
        call_command("import_openreferral", str(file), "--district", "HF3")
    output = capsys.readouterr().out
    assert "Suppliers added: Example Organization Inc." in output
    assert Supplier.objects.get().directory_owner == provider
    event = AuditEvent.objects.get(subject_type="market.openreferral_import")
    assert (event.actor, event.organisation) == (None, provider)


def test_the_command_refuses_a_bad_file(provider, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"contents": [{"id": "x"}]}')
    with pytest.raises(CommandError, match="was not imported"):
        call_command("import_openreferral", str(bad))
    assert "$.contents[0]" in capsys.readouterr().err
    assert not Supplier.objects.exists()
