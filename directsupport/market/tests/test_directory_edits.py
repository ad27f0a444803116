# ruff: noqa: F811 (fixtures imported from directory_fixtures are named as test arguments)
"""Keeping the directory: adding and changing entries and services, with their times,
districts, prices and closure days; concurrent edits never overwrite each other; bad input gets a
message beside its field, keeps what was typed, and saves nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from directsupport.accounts.models import Organisation
from directsupport.accounts.roles import OrganisationKind
from directsupport.audit.models import AuditEvent
from directsupport.market.models import (
    CostOption,
    CostUnit,
    Schedule,
    ScheduleException,
    Service,
    ServiceArea,
    Supplier,
    SupplierChoice,
    SupportNeed,
)

from .directory_fixtures import (  # noqa: F401
    TODAY,
    other_entry,
    other_service,
    own_entry,
    own_service,
)
from .factories import PostcodeDistrictFactory, ScheduleFactory, standard_term

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def shaper(client_for, market_shaper):
    PostcodeDistrictFactory.create(code="HF1")
    PostcodeDistrictFactory.create(code="HF3")
    return client_for(market_shaper)


def _errors(response) -> dict[str, list[str]]:
    return {field: list(errors) for field, errors in response.context["form"].errors.items()}


# --- Adding a supplier --------------------------------------------------------------------------

NEW_SUPPLIER = {
    "name": "Maya Okoro",
    "kind": "personal_assistant",
    "description": "A personal assistant who loves music and the outdoors.",
    "base_district": "hf3 2ab",
    "email": "maya@example.org",
    "languages": "English, Yoruba, english",
    "worker_genders": ["women"],
    "published": "on",
}


def test_adding_a_supplier_creates_its_organisation(shaper, provider):
    response = shaper.post(reverse("market:supplier_add"), NEW_SUPPLIER)
    supplier = Supplier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("market:supplier", args=[supplier.pk])
    assert supplier.organisation.name == "Maya Okoro"
    assert supplier.organisation.kind == OrganisationKind.SUPPLIER
    assert supplier.directory_owner == provider
    assert supplier.base_district.code == "HF3"
    assert supplier.languages == ["English", "Yoruba"]
    assert supplier.worker_genders == ["women"]
    assert supplier.version == 1
    row = AuditEvent.objects.get(action="create", subject_type="market.supplier")
    assert row.changes["name"] == {"from": None, "to": "Maya Okoro"}


def test_a_supplier_the_ledger_knows_joins_its_existing_organisation(shaper, supplier_org):
    """Bright Days CIC signs in already: its entry is its organisation, never a second one."""
    data = NEW_SUPPLIER | {"name": "bright days cic", "kind": "micro_enterprise"}
    assert shaper.post(reverse("market:supplier_add"), data).status_code == 302
    assert Supplier.objects.get().organisation == supplier_org
    assert Organisation.objects.filter(name__iexact="bright days cic").count() == 1


def test_a_name_that_is_not_a_supplier_or_already_listed_is_refused(shaper, provider, own_entry):
    response = shaper.post(reverse("market:supplier_add"), NEW_SUPPLIER | {"name": provider.name})
    assert "not a supplier" in _errors(response)["name"][0]
    response = shaper.post(
        reverse("market:supplier_add"), NEW_SUPPLIER | {"name": "Bright Days CIC"}
    )
    assert _errors(response)["name"] == ["Bright Days CIC already has a directory entry"]
    assert Supplier.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"base_district": "Hollowfield"}, "base_district", "is not a UK postcode"),
        ({"base_district": "ZZ9 1AA"}, "base_district", "does not know where ZZ9 is yet"),
        ({"cqc_location_id": "12345"}, "cqc_location_id", "is not a CQC location ID"),
        ({"cqc_rating": "good"}, "cqc_location_id", "Enter the CQC location ID as well"),
        (
            {"cqc_location_id": "1-101234567", "cqc_inspected_on": "2026-06-01"},
            "cqc_inspected_on",
            "The inspection date is in the future",
        ),
        ({"kind": ""}, "kind", "Choose what kind of supplier they are"),
        ({"description": ""}, "description", "Say what they offer"),
        ({"languages": "x" * 60}, "languages", "is too long"),
    ],
)
def test_bad_supplier_details_are_refused_beside_the_field(shaper, changes, field, message):
    response = shaper.post(reverse("market:supplier_add"), NEW_SUPPLIER | changes)
    assert response.status_code == 200
    assert message in " ".join(_errors(response)[field])
    body = response.content.decode()
    assert 'value="Maya Okoro"' in body  # nothing typed is lost
    assert changes.get("description") == "" or "A personal assistant who loves music" in body
    assert not Supplier.objects.exists()
    assert not Organisation.objects.filter(name="Maya Okoro").exists()


# --- Changing an entry, and two people changing it at once ---------------------------------------


def _edit_data(supplier: Supplier, **changes: Any) -> dict[str, Any]:
    from directsupport.market.directory.forms import SupplierForm

    initial = SupplierForm.initial_for(supplier)
    data = {
        key: value
        for key, value in initial.items()
        if value not in (None, False) and key != "cqc_inspected_on"
    }
    data["languages"] = ", ".join(supplier.languages)
    data["skills"] = ", ".join(supplier.skills)
    data["interests"] = ", ".join(supplier.interests)
    if supplier.published:
        data["published"] = "on"
    return data | changes


def test_changing_an_entry_saves_and_moves_its_version_on(shaper, own_entry):
    data = _edit_data(own_entry, description="Now also on Saturdays.", name="Bright Days")
    response = shaper.post(reverse("market:supplier_edit", args=[own_entry.pk]), data)
    assert response.status_code == 302
    own_entry.refresh_from_db()
    own_entry.organisation.refresh_from_db()
    assert own_entry.description == "Now also on Saturdays."
    assert own_entry.organisation.name == "Bright Days"
    assert own_entry.version == 2
    row = AuditEvent.objects.get(action="update", subject_type="market.supplier")
    assert row.changes["description"]["to"] == "Now also on Saturdays."


def test_a_stale_save_gets_the_conflict_page_and_overwrites_nothing(
    client_for, shaper, supplier, own_entry
):
    stale = _edit_data(own_entry, description="The market shaper's words.")
    # The supplier saves first.
    theirs = _edit_data(own_entry, description="The supplier's own words.")
    assert (
        client_for(supplier)
        .post(reverse("market:supplier_edit", args=[own_entry.pk]), theirs)
        .status_code
        == 302
    )
    response = shaper.post(reverse("market:supplier_edit", args=[own_entry.pk]), stale)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else changed this entry" in body
    assert "The market shaper&#x27;s words." in body  # theirs to save again
    assert "The supplier&#x27;s own words." in body  # what is saved now
    own_entry.refresh_from_db()
    assert own_entry.description == "The supplier's own words."
    # Saving again from the conflict page (it carries the new version) wins knowingly.
    again = stale | {"version": str(own_entry.version)}
    assert (
        shaper.post(reverse("market:supplier_edit", args=[own_entry.pk]), again).status_code == 302
    )
    own_entry.refresh_from_db()
    assert own_entry.description == "The market shaper's words."


def test_a_supplier_changes_its_own_entry(client_for, supplier, own_entry):
    data = _edit_data(own_entry, phone="020 7946 0000")
    response = client_for(supplier).post(reverse("market:supplier_edit", args=[own_entry.pk]), data)
    assert response.status_code == 302
    own_entry.refresh_from_db()
    assert own_entry.phone == "020 7946 0000"
    assert own_entry.updated_by == supplier


# --- Services ------------------------------------------------------------------------------------


def _service_data(**changes: Any) -> dict[str, Any]:
    return {
        "name": "Evening support",
        "description": "Out in the evening: clubs, cinema, friends.",
        "terms": [standard_term("community-access").pk],
        "status": "active",
        "capacity_people": "2",
        "ratios": ["one_to_one"],
        "published": "on",
    } | changes


def test_adding_a_service(shaper, own_entry):
    response = shaper.post(reverse("market:service_add", args=[own_entry.pk]), _service_data())
    service = own_entry.services.get(name="Evening support")
    assert response["Location"].endswith(f"#service-{service.pk}")
    assert [t.code for t in service.terms.all()] == ["community-access"]
    own_entry.refresh_from_db()
    assert own_entry.version == 2


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"capacity_people": "501"}, "capacity_people", "from 0 to 500"),
        ({"capacity_people": "-1"}, "capacity_people", "from 0 to 500"),
        ({"capacity_people": "lots"}, "capacity_people", "from 0 to 500"),
        (
            {"minimum_age": "65", "maximum_age": "18"},
            "maximum_age",
            "The oldest age (18) is below the youngest (65)",
        ),
        ({"maximum_age": "130"}, "maximum_age", "from 0 to 120"),
        ({"travel_radius_km": "250"}, "travel_radius_km", "from 0 to 100"),
        ({"terms": []}, "terms", "Choose at least one kind of support or activity"),
    ],
)
def test_bad_service_details_are_refused(shaper, own_entry, changes, field, message):
    response = shaper.post(
        reverse("market:service_add", args=[own_entry.pk]), _service_data(**changes)
    )
    assert response.status_code == 200
    assert message in " ".join(_errors(response)[field])
    assert 'value="Evening support"' in response.content.decode()
    assert not own_entry.services.filter(name="Evening support").exists()


def test_changing_a_service_after_the_entry_changed_is_a_conflict(
    client_for, shaper, supplier, own_entry, own_service
):
    edit_url = reverse("market:service_edit", args=[own_entry.pk, own_service.pk])
    version = shaper.get(edit_url).context["form"].initial["version"]
    # Meanwhile the supplier adds a district: the entry moves on.
    client_for(supplier).post(
        reverse("market:area_add", args=[own_entry.pk, own_service.pk]), {"district": "HF3"}
    )
    data = _service_data(name="Community support", capacity_people="0", version=str(version))
    response = shaper.post(edit_url, data)
    assert response.status_code == 409
    own_service.refresh_from_db()
    assert own_service.capacity_people == 3
    data["version"] = str(version + 1)
    assert shaper.post(edit_url, data).status_code == 302
    own_service.refresh_from_db()
    assert own_service.capacity_people == 0


def test_removing_a_service(shaper, own_entry, own_service):
    url = reverse("market:service_remove", args=[own_entry.pk, own_service.pk])
    assert "Remove Community support?" in shaper.get(url).content.decode()
    assert shaper.post(url).status_code == 302
    assert not Service.objects.filter(pk=own_service.pk).exists()
    assert not Schedule.objects.filter(service_id=own_service.pk).exists()
    assert AuditEvent.objects.filter(action="delete", subject_type="market.service").exists()


def test_a_chosen_service_stays(shaper, dee, coordinator, own_entry, own_service):
    need = SupportNeed.objects.create(
        person=dee, source="added", what="Going out", term=standard_term("community-access")
    )
    SupplierChoice.objects.create(
        need=need,
        service=own_service,
        reason="I like them",
        chosen_by="Dee",
        recorded_by=coordinator,
    )
    response = shaper.post(reverse("market:service_remove", args=[own_entry.pk, own_service.pk]))
    assert response.status_code == 200
    assert "People have chosen Community support" in response.content.decode()
    assert Service.objects.filter(pk=own_service.pk).exists()
    own_entry.refresh_from_db()
    assert own_entry.version == 1


# --- When it runs --------------------------------------------------------------------------------


def _schedule_data(**changes: Any) -> dict[str, Any]:
    return {
        "weekday": "2",
        "opens_at": "18:00",
        "closes_at": "21:00",
        "interval_weeks": "1",
        "closed_on_bank_holidays": "on",
    } | changes


def _add_schedule(client, service, **changes: Any):
    return client.post(
        reverse("market:schedule_add", args=[service.supplier_id, service.pk]),
        _schedule_data(**changes),
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"opens_at": "21:00", "closes_at": "18:00"},
            "closes_at",
            "It ends (18:00) before it starts (21:00)",
        ),
        ({"opens_at": "18:00", "closes_at": "18:00"}, "closes_at", "It ends when it starts"),
        ({"weekday": "7"}, "weekday", "Choose a day from Monday to Sunday"),
        ({"opens_at": "25:00"}, "opens_at", "Enter a time from 00:00 to 23:59"),
        (
            {"valid_from": "2026-06-03", "valid_to": "2026-05-20"},
            "valid_to",
            "It stops (20 May 2026) before it starts (3 June 2026)",
        ),
        ({"interval_weeks": "2"}, "valid_from", "Enter the first day it runs"),
        (
            {"interval_weeks": "2", "valid_from": "2026-06-04"},
            "valid_from",
            "4 June 2026 is a Thursday, but it runs on Wednesdays",
        ),
    ],
)
def test_impossible_schedules_are_refused(shaper, own_service, changes, field, message):
    response = _add_schedule(shaper, own_service, **changes)
    assert response.status_code == 200
    assert message in " ".join(_errors(response)[field])
    assert response.context["form"].data["opens_at"] == _schedule_data(**changes)["opens_at"]
    assert own_service.schedules.count() == 1


def test_overnight_and_fortnightly_schedules_are_kept(shaper, own_service):
    assert (
        _add_schedule(
            shaper, own_service, opens_at="22:00", closes_at="07:00", overnight="on"
        ).status_code
        == 302
    )
    assert (
        _add_schedule(shaper, own_service, interval_weeks="2", valid_from="2026-06-03").status_code
        == 302
    )
    overnight, fortnightly = own_service.schedules.filter(weekday=2).order_by("opens_at")[::-1]
    assert overnight.overnight and overnight.closes_at == dt.time(7)
    assert fortnightly.interval_weeks == 2 and fortnightly.valid_from == dt.date(2026, 6, 3)
    page = shaper.get(reverse("market:supplier", args=[own_service.supplier_id])).content.decode()
    assert "Wednesdays, 22:00 to 07:00 the next morning" in page
    assert "Wednesdays, 18:00 to 21:00, every other week from 3 June 2026" in page


def test_removing_a_schedule(shaper, own_service):
    schedule = own_service.schedules.get()
    url = reverse(
        "market:schedule_remove", args=[own_service.supplier_id, own_service.pk, schedule.pk]
    )
    assert shaper.post(url).status_code == 302
    assert not own_service.schedules.exists()


# --- Where ---------------------------------------------------------------------------------------


def _add_area(client, service, district: str):
    return client.post(
        reverse("market:area_add", args=[service.supplier_id, service.pk]), {"district": district}
    )


def test_districts_a_service_covers(shaper, own_service):
    assert _add_area(shaper, own_service, "hf3 9zz").status_code == 302
    assert own_service.areas.filter(district__code="HF3").exists()
    for typed, message in [
        ("Hollowfield", "is not a UK postcode or postcode district"),
        ("ZZ9", "The directory does not know where ZZ9 is yet"),
        ("HF3", "Community support already covers HF3"),
        ("", "Enter the postcode district they cover"),
    ]:
        response = _add_area(shaper, own_service, typed)
        assert message in _errors(response)["district"][0], typed
        assert f'value="{typed}"' in response.content.decode() or not typed
    assert own_service.areas.count() == 2


def test_removing_a_district(shaper, own_service):
    area = own_service.areas.get()
    url = reverse("market:area_remove", args=[own_service.supplier_id, own_service.pk, area.pk])
    assert shaper.post(url).status_code == 302
    assert not ServiceArea.objects.filter(pk=area.pk).exists()


# --- At what price -------------------------------------------------------------------------------


def _price_data(**changes: Any) -> dict[str, Any]:
    return {"unit": "hour", "amount": "24.50", "valid_from": "2026-06-01"} | changes


def _add_price(client, service, **changes: Any):
    return client.post(
        reverse("market:price_add", args=[service.supplier_id, service.pk]),
        _price_data(**changes),
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"amount": "-5"}, "amount", "The price: enter an amount of £0.00 or more"),
        ({"amount": "twenty"}, "amount", "The price: enter an amount in pounds and pence"),
        ({"amount": "620"}, "amount", "£620.00 an hour is more than £500.00 an hour"),
        (
            {"unit": "night", "amount": "2500"},
            "amount",
            "£2,500.00 a night is more than £2,000.00 a night",
        ),
        ({"amount": ""}, "amount", "Enter the price an hour"),
        ({"unit": "free", "amount": "5"}, "amount", "but 'Free' is chosen"),
        ({"valid_to": "2026-05-01", "valid_from": "2026-01-01"}, "valid_to", "This price ended"),
        (
            {"valid_from": "2026-07-01", "valid_to": "2026-06-30"},
            "valid_to",
            "The price ends (30 June 2026) before it starts (1 July 2026)",
        ),
        ({"valid_from": ""}, "valid_from", "Enter the first day this price applies"),
    ],
)
def test_bad_prices_are_refused_and_say_why(shaper, own_service, changes, field, message):
    response = _add_price(shaper, own_service, **changes)
    assert response.status_code == 200
    assert message in " ".join(_errors(response)[field])
    assert response.context["form"].data["amount"] == _price_data(**changes)["amount"]
    assert own_service.cost_options.count() == 1


def test_prices_free_or_by_the_night(shaper, own_service):
    assert _add_price(shaper, own_service, unit="free", amount="").status_code == 302
    assert _add_price(shaper, own_service, unit="night", amount="180").status_code == 302
    assert own_service.cost_options.filter(unit=CostUnit.FREE, amount_pence=0).exists()
    assert own_service.cost_options.filter(unit=CostUnit.NIGHT, amount_pence=18_000).exists()


def test_the_page_shows_expired_prices_and_a_service_with_no_current_price(
    shaper, own_entry, own_service
):
    own_service.cost_options.update(valid_to=dt.date(2026, 3, 31))
    page = shaper.get(reverse("market:supplier", args=[own_entry.pk])).content.decode()
    assert "£22.50 an hour" in page
    assert "Ended 31 March 2026" in page
    assert "Expired" in page
    assert "Community support has no current price." in page


def test_removing_a_price(shaper, own_service):
    option = own_service.cost_options.get()
    url = reverse("market:price_remove", args=[own_service.supplier_id, own_service.pk, option.pk])
    assert shaper.post(url).status_code == 302
    assert not CostOption.objects.filter(pk=option.pk).exists()


# --- Closure days --------------------------------------------------------------------------------


def test_closure_days(shaper, own_service):
    url = reverse("market:closure_add", args=[own_service.supplier_id, own_service.pk])
    data = {"on": "2026-12-24", "reason": "Christmas Eve"}
    assert shaper.post(url, data).status_code == 302
    response = shaper.post(url, data | {"reason": "Again"})
    assert _errors(response)["on"] == ["24 December 2026 is already a closure day"]
    response = shaper.post(url, {"on": "24/13/2026", "reason": "Training day"})
    assert "as a real date" in _errors(response)["on"][0]
    assert 'value="Training day"' in response.content.decode()
    closure = own_service.exceptions.get()
    page = shaper.get(reverse("market:supplier", args=[own_service.supplier_id])).content.decode()
    assert "Thursday 24 December 2026: Christmas Eve" in page
    remove = reverse(
        "market:closure_remove", args=[own_service.supplier_id, own_service.pk, closure.pk]
    )
    assert shaper.post(remove).status_code == 302
    assert not ScheduleException.objects.exists()


# --- What the page says about quality ----------------------------------------------------------


def test_personal_care_without_cqc_registration_is_flagged(shaper, own_entry, own_service):
    own_service.terms.add(standard_term("personal-care"))
    page = shaper.get(reverse("market:supplier", args=[own_entry.pk])).content.decode()
    assert "Personal care without CQC registration." in page
    assert "Community support offers personal care" in page
    own_entry.cqc_location_id = "1-101234567"
    own_entry.save()
    page = shaper.get(reverse("market:supplier", args=[own_entry.pk])).content.decode()
    assert "Personal care without CQC registration" not in page


def test_the_supplier_page_shows_everything(shaper, own_entry, own_service):
    ScheduleFactory.create(service=own_service, weekday=3, notes="Term time only")
    page = shaper.get(reverse("market:supplier", args=[own_entry.pk])).content.decode()
    for words in [
        "Bright Days CIC",
        "Community micro-enterprise",
        "English, Punjabi",
        "Makaton",
        "Women",
        "Mondays, 10:00 to 16:00",
        "(Term time only)",
        "HF1 (District HF1)",
        "£22.50 an hour",
        "Places free now",
    ]:
        assert words in page, words
