"""The directory's shared reference data: kinds of support and activity, postcode districts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from directsupport.audit.models import AuditEvent
from directsupport.market.models import PostcodeDistrict, TaxonomyTerm

from .factories import PostcodeDistrictFactory, standard_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def shaper(client_for, market_shaper):
    standard_term("support")
    return client_for(market_shaper)


def test_the_terms_page_lists_each_kind_under_support_or_activities(shaper):
    page = shaper.get(reverse("market:terms")).content.decode()
    assert "<caption>Support</caption>" in page
    assert "<caption>Activities</caption>" in page
    assert "Swimming sessions and lessons" in page


def test_adding_a_kind_of_activity(shaper):
    activities = standard_term("activities")
    response = shaper.post(
        reverse("market:term_add"),
        {"name": " Boccia ", "description": "A ball game", "parent": activities.pk},
    )
    assert response.status_code == 302
    term = TaxonomyTerm.objects.get(name="Boccia")
    assert term.parent == activities
    assert term.code == "boccia"
    assert AuditEvent.objects.filter(action="create", subject_type="market.taxonomyterm").exists()


def test_a_kind_needs_a_place_and_a_new_name(shaper):
    response = shaper.post(reverse("market:term_add"), {"name": "Boccia"})
    assert response.context["form"].errors["parent"] == [
        "Choose whether it is paid support or an activity"
    ]
    response = shaper.post(
        reverse("market:term_add"),
        {"name": "swimming", "parent": standard_term("activities").pk},
    )
    assert response.context["form"].errors["name"] == ["There is already a term called “swimming”"]
    assert 'value="swimming"' in response.content.decode()
    assert not TaxonomyTerm.objects.filter(name="Boccia").exists()


def test_renaming_keeps_the_code_and_place(shaper):
    swimming = standard_term("swimming")
    url = reverse("market:term_rename", args=[swimming.pk])
    assert shaper.post(url, {"name": "Swimming and aquafit", "description": ""}).status_code == 302
    swimming.refresh_from_db()
    assert swimming.name == "Swimming and aquafit"
    assert swimming.code == "swimming"
    assert swimming.parent == standard_term("activities")
    # The same name again is fine; another term's name is not.
    assert shaper.post(url, {"name": "Swimming and aquafit"}).status_code == 302
    response = shaper.post(url, {"name": "Gardening"})
    assert response.context["form"].errors["name"] == ["There is already a term called “Gardening”"]


def test_adding_a_district(shaper):
    response = shaper.post(
        reverse("market:district_add"),
        {
            "code": "hf 8",
            "name": "Hollowfield North",
            "easting_m": "523400",
            "northing_m": "181200",
        },
    )
    assert response.status_code == 302
    district = PostcodeDistrict.objects.get(code="HF8")
    assert (district.easting_m, district.northing_m) == (523_400, 181_200)
    assert "HF8" in shaper.get(reverse("market:districts")).content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"code": "Hollowfield"}, "code", "is not a postcode district"),
        ({"code": "HF1"}, "code", "HF1 is already in the directory"),
        ({"easting_m": "900000"}, "easting_m", "a whole number from 0 to 700000"),
        ({"northing_m": "-1"}, "northing_m", "a whole number from 0 to 1300000"),
        ({"name": ""}, "name", "Enter the name of the place"),
    ],
)
def test_bad_districts_are_refused(shaper, changes, field, message):
    PostcodeDistrictFactory.create(code="HF1")
    data = {"code": "HF8", "name": "Hollowfield North", "easting_m": "523400"}
    data |= {"northing_m": "181200"} | changes
    response = shaper.post(reverse("market:district_add"), data)
    assert message in response.context["form"].errors[field][0]
    assert 'value="523400"' in response.content.decode() or field == "easting_m"
    assert not PostcodeDistrict.objects.filter(code="HF8").exists()
