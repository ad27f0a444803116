"""The fair-cost pages: the open-book build-up beside the reference prices, read by the
provider's commissioning staff and its council's commissioners; kept by market shapers and
managers, with a version check so two editors never overwrite each other."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from directsupport.audit.models import AuditEvent
from directsupport.commissioning.fair_cost.forms import FairCostForm
from directsupport.commissioning.fair_cost.services import (
    add_reference_price,
    change_fair_cost_model,
    create_fair_cost_model,
)
from directsupport.commissioning.models import FairCostModel, ReferencePrice

LIST = "/commissioning/fair-cost/"


@pytest.fixture
def fair_model(market_shaper, provider) -> FairCostModel:
    return create_fair_cost_model(
        actor=market_shaper,
        organisation=provider,
        fields={
            "name": "Willowbrook homecare",
            "term": None,
            "pay_pence_per_hour": 1221,
            "employer_ni_bp": 900,
            "pension_bp": 300,
            "holiday_bp": 1207,
            "travel_minutes_per_hour": 15,
            "travel_pence_per_hour": 150,
            "training_bp": 300,
            "overheads_bp": 2500,
            "surplus_bp": 300,
            "flag_below_bp": 1500,
            "flag_above_bp": 2500,
        },
    )


@pytest.fixture
def hca_price(market_shaper, provider) -> ReferencePrice:
    return add_reference_price(
        actor=market_shaper,
        organisation=provider,
        fields={
            "name": "Homecare Association minimum price 2025/26",
            "region": "England",
            "pence_per_hour": 3214,
            "applies_from": dt.date(2025, 4, 1),
            "applies_to": dt.date(2026, 3, 31),
            "source": "Homecare Association",
        },
    )


def edit_url(model) -> str:
    return reverse("commissioning:fair_cost_edit", args=[model.pk])


def price_url(price) -> str:
    return reverse("commissioning:fair_cost_reference_price_edit", args=[price.pk])


def edit_data(model, **changes) -> dict[str, str]:
    data = {k: "" if v is None else str(v) for k, v in FairCostForm.initial_for(model).items()}
    data.update(changes)
    return data


def test_the_list_is_where_the_urls_say() -> None:
    assert reverse("commissioning:fair_cost") == LIST


@pytest.mark.parametrize(
    "role", ["market_shaper", "manager", "coordinator", "finance", "commissioner"]
)
def test_the_open_book_is_read_by_staff_and_the_council(
    request, client_for, role, dee, fair_model, hca_price
) -> None:
    page = client_for(request.getfixturevalue(role)).get(LIST)
    assert page.status_code == 200
    text = page.content.decode()
    for pence in ("£12.21", "£1.10", "£0.37", "£1.47", "£3.79", "£1.50", "£0.61", "£5.26", "£0.79"):
        assert pence in text
    assert "£27.10" in text
    assert "£23.03 to £33.88" in text
    assert "£32.14" in text
    assert (edit_url(fair_model) in text) == (role in ("market_shaper", "manager"))


def test_another_councils_commissioner_sees_none_of_it(
    client_for, other_commissioner, dee, fair_model, hca_price
) -> None:
    page = client_for(other_commissioner).get(LIST)
    assert page.status_code == 200
    assert "Willowbrook homecare" not in page.content.decode()
    assert client_for(other_commissioner).get(edit_url(fair_model)).status_code == 404


@pytest.mark.parametrize("role", ["worker", "expert", "supplier", "person_user", "sister_user"])
def test_others_get_not_found(request, client_for, role, fair_model, hca_price) -> None:
    user_client = client_for(request.getfixturevalue(role))
    assert user_client.get(LIST).status_code == 404
    assert user_client.get(edit_url(fair_model)).status_code == 404
    assert user_client.get(price_url(hca_price)).status_code == 404


@pytest.mark.parametrize("role", ["outsider"])
def test_another_providers_staff_get_not_found_for_ours(
    request, client_for, role, fair_model, hca_price
) -> None:
    user_client = client_for(request.getfixturevalue(role))
    assert "Willowbrook homecare" not in user_client.get(LIST).content.decode()
    assert user_client.get(edit_url(fair_model)).status_code == 404
    assert user_client.get(price_url(hca_price)).status_code == 404


@pytest.mark.parametrize("role", ["coordinator", "finance", "commissioner"])
def test_readers_may_not_change_it(request, client_for, role, dee, fair_model, hca_price) -> None:
    user_client = client_for(request.getfixturevalue(role))
    assert user_client.get(edit_url(fair_model)).status_code == 403
    assert user_client.get(price_url(hca_price)).status_code == 403


def test_a_market_shaper_changes_the_build_up_and_it_is_audited(
    client_for, market_shaper, fair_model
) -> None:
    page = client_for(market_shaper).post(
        edit_url(fair_model), edit_data(fair_model, pay_pence_per_hour="£12.60", surplus_bp="4")
    )
    assert page.status_code == 302
    fair_model.refresh_from_db()
    assert (fair_model.pay_pence_per_hour, fair_model.surplus_bp, fair_model.version) == (
        1260,
        400,
        2,
    )
    event = AuditEvent.objects.filter(subject_type="commissioning.faircostmodel").latest("id")
    assert event.changes["pay_pence_per_hour"] == {"from": 1221, "to": 1260}


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("pay_pence_per_hour", "twelve", "pounds and pence"),
        ("employer_ni_bp", "75", "no more than 50%"),
        ("overheads_bp", "ten", "as a percentage"),
        ("travel_minutes_per_hour", "90", "no more than 60 minutes"),
    ],
)
def test_bad_figures_are_refused_beside_their_field(
    client_for, market_shaper, fair_model, field, value, words
) -> None:
    page = client_for(market_shaper).post(
        edit_url(fair_model), edit_data(fair_model, **{field: value})
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert words in text
    assert f'id="id_{field}_error"' in text
    fair_model.refresh_from_db()
    assert fair_model.version == 1


def test_two_editors_never_overwrite_each_other(
    client_for, market_shaper, manager, fair_model
) -> None:
    stale = edit_data(fair_model, pay_pence_per_hour="13.00")
    change_fair_cost_model(
        actor=manager, model=fair_model, fields={"surplus_bp": 500}, expected_version=1
    )
    page = client_for(market_shaper).post(edit_url(fair_model), stale)
    assert page.status_code == 409
    assert "Someone else changed" in page.content.decode()
    fair_model.refresh_from_db()
    assert (fair_model.pay_pence_per_hour, fair_model.surplus_bp) == (1221, 500)


def test_a_market_shaper_adds_and_updates_a_reference_price(
    client_for, market_shaper, provider
) -> None:
    shaper = client_for(market_shaper)
    page = shaper.post(
        reverse("commissioning:fair_cost_reference_price_new"),
        {
            "name": "Homecare Association minimum price 2025/26",
            "region": "Outer London",
            "pence_per_hour": "£38.32",
            "applies_from": "2025-04-01",
            "applies_to": "",
            "source": "Homecare Association",
        },
    )
    assert page.status_code == 302
    price = ReferencePrice.objects.get()
    assert price.pence_per_hour == 3832 and price.organisation == provider
    page = shaper.post(
        price_url(price),
        {
            "name": price.name,
            "region": "Outer London",
            "pence_per_hour": "38.50",
            "applies_from": "2025-04-01",
            "applies_to": "2024-01-01",
            "source": "",
        },
    )
    assert "until a date after it starts" in page.content.decode()
    price.refresh_from_db()
    assert price.pence_per_hour == 3832


@pytest.mark.parametrize("role", ["coordinator", "commissioner", "supplier", "worker"])
def test_only_market_shapers_and_managers_add_reference_prices(request, client_for, role) -> None:
    page = client_for(request.getfixturevalue(role)).post(
        reverse("commissioning:fair_cost_reference_price_new"),
        {"name": "X", "region": "England", "pence_per_hour": "32.14", "applies_from": "2025-04-01"},
    )
    assert page.status_code == 404
    assert not ReferencePrice.objects.exists()


def test_a_market_shaper_adds_a_build_up(client_for, market_shaper, provider) -> None:
    page = client_for(market_shaper).post(
        reverse("commissioning:fair_cost_new"),
        {
            "version": "0",
            "name": "Outer London homecare",
            "term": "",
            "pay_pence_per_hour": "13.85",
            "employer_ni_bp": "9",
            "pension_bp": "3",
            "holiday_bp": "12.07",
            "travel_minutes_per_hour": "12",
            "travel_pence_per_hour": "1.20",
            "training_bp": "3",
            "overheads_bp": "25",
            "surplus_bp": "3",
            "flag_below_bp": "15",
            "flag_above_bp": "25",
        },
    )
    assert page.status_code == 302
    model = FairCostModel.objects.get()
    assert (model.organisation, model.holiday_bp, model.pay_pence_per_hour) == (
        provider,
        1207,
        1385,
    )


@pytest.mark.parametrize("role", ["coordinator", "commissioner", "supplier", "outsider"])
def test_only_market_shapers_and_managers_add_build_ups(request, client_for, role) -> None:
    page = client_for(request.getfixturevalue(role)).get(reverse("commissioning:fair_cost_new"))
    assert page.status_code == 404
