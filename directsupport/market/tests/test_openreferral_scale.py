"""The benchmarks' directory generator (bench/scale_market.py) makes a directory the API
publishes in the profile's shapes, with its unpublished share left out."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from bench.scale_market import generate_suppliers
from directsupport.accounts.models import Organisation
from directsupport.market.access import published_services
from directsupport.market.models import Schedule, Service, Supplier

from .oruk import assert_valid_oruk

pytestmark = pytest.mark.django_db


def test_generated_suppliers_are_published_in_the_profiles_shapes(client, provider):
    made = generate_suppliers(
        40, directory_owner=provider, published_share=0.8, today=dt.date(2026, 3, 2)
    )
    assert made.suppliers == Supplier.objects.filter(directory_owner=provider).count() == 40
    assert made.services == Service.objects.count() >= 40
    assert made.published_services == published_services().count() < made.services
    assert made.schedules == Schedule.objects.count()
    page = client.get(reverse("openreferral:services"), {"per_page": 100}).json()
    assert_valid_oruk(page, "service_list", page=True)
    assert page["total_items"] == made.published_services
    for service in published_services().order_by("pk")[:10]:
        body = client.get(reverse("openreferral:service", args=[service.uuid])).json()
        assert_valid_oruk(body, "service")


def test_calling_it_again_adds_more(provider):
    generate_suppliers(5, directory_owner=provider)
    generate_suppliers(5, directory_owner=provider, seed=1)
    assert Organisation.objects.filter(name__startswith="Scale ").count() == 10
