"""factory_boy factories for market shaping's tests: one shared file for every concept package
(directory, preferred, needs, matching, openreferral). Add to it; keep it tidy.

Suppliers belong to the persona provider's directory ("Willowbrook Support") unless told
otherwise, and each creates its own accounts Organisation of kind supplier, as the directory
does. Districts are the demo borough's shape: HF1 at a round grid point, others nearby.
"""

from __future__ import annotations

import datetime as dt
import re

import factory

from directsupport.accounts.models import Organisation
from directsupport.accounts.roles import OrganisationKind
from directsupport.market.models import (
    CostOption,
    CostUnit,
    CriterionKind,
    Location,
    NeedSource,
    PostcodeDistrict,
    PreferredCriterion,
    Schedule,
    Service,
    Supplier,
    SupplierKind,
    SupportNeed,
    TaxonomyTerm,
)
from directsupport.market.taxonomy import ensure_standard_terms
from tests.factories import OrganisationFactory, PersonFactory


def standard_term(code: str) -> TaxonomyTerm:
    """One of the standard terms (market/taxonomy.py), created with the others if missing."""
    return ensure_standard_terms()[code]


def _district_number(code: str) -> int:
    digits = re.search(r"[0-9]+", code)
    return int(digits.group()) if digits else 0


class PostcodeDistrictFactory(factory.django.DjangoModelFactory[PostcodeDistrict]):
    """A district; ``code`` is the lookup key, so asking twice for "HF1" gives one row."""

    class Meta:
        model = PostcodeDistrict
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"HF{n + 1}")
    name = factory.LazyAttribute(lambda d: f"District {d.code}")
    # A kilometre east for each number, so HF1 to HF4 is about 3 km.
    easting_m = factory.LazyAttribute(lambda d: 520_000 + 1_000 * _district_number(d.code))
    northing_m = 180_000


class SupplierOrganisationFactory(OrganisationFactory):
    kind = OrganisationKind.SUPPLIER
    name = factory.Sequence(lambda n: f"Supplier {n} Ltd")


class SupplierFactory(factory.django.DjangoModelFactory[Supplier]):
    """A directory entry with its own supplier organisation, in the persona provider's
    directory. Pass ``organisation=supplier_org`` to give the supplier persona an entry."""

    class Meta:
        model = Supplier

    organisation = factory.SubFactory(SupplierOrganisationFactory)
    directory_owner = factory.LazyFunction(
        lambda: OrganisationFactory.create(
            name="Willowbrook Support", kind=OrganisationKind.PROVIDER
        )
    )
    kind = SupplierKind.MICRO_ENTERPRISE
    description = "Friendly support in the community, by people who live here."
    email = factory.Sequence(lambda n: f"hello{n}@supplier.example")
    base_district = factory.SubFactory(PostcodeDistrictFactory, code="HF1")


class ServiceFactory(factory.django.DjangoModelFactory[Service]):
    """A service; ``terms=[...]`` adds taxonomy terms (community access if not given)."""

    class Meta:
        model = Service
        skip_postgeneration_save = True

    supplier = factory.SubFactory(SupplierFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    description = "Support to get out and about."
    capacity_people = 3

    @factory.post_generation
    def terms(self, create: bool, extracted: list[TaxonomyTerm] | None, **kwargs: object) -> None:
        if not create:
            return
        self.terms.set(extracted if extracted is not None else [standard_term("community-access")])


class ScheduleFactory(factory.django.DjangoModelFactory[Schedule]):
    """Mondays, ten till four, every week."""

    class Meta:
        model = Schedule

    service = factory.SubFactory(ServiceFactory)
    weekday = 0
    opens_at = dt.time(10, 0)
    closes_at = dt.time(16, 0)


class CostOptionFactory(factory.django.DjangoModelFactory[CostOption]):
    """£22.50 an hour from the start of 2024, with no end date."""

    class Meta:
        model = CostOption

    service = factory.SubFactory(ServiceFactory)
    unit = CostUnit.HOUR
    amount_pence = 2250
    valid_from = dt.date(2024, 1, 1)


class LocationFactory(factory.django.DjangoModelFactory[Location]):
    class Meta:
        model = Location

    supplier = factory.SubFactory(SupplierFactory)
    name = factory.Sequence(lambda n: f"Community hall {n}")
    address_1 = "1 High Street"
    postcode = "HF1 1AA"
    district = factory.SubFactory(PostcodeDistrictFactory, code="HF1")


def supplier_for_organisation(organisation: Organisation, **fields: object) -> Supplier:
    """The directory entry for an existing supplier organisation (such as the supplier_org
    persona), so its users have an entry of their own."""
    return SupplierFactory.create(organisation=organisation, **fields)


class PreferredCriterionFactory(factory.django.DjangoModelFactory[PreferredCriterion]):
    """A criterion of the persona provider's preferred list, agreed with the panel and the
    council; ``kind`` and ``title`` are worth giving when a test names the criterion."""

    class Meta:
        model = PreferredCriterion

    provider = factory.LazyFunction(
        lambda: OrganisationFactory.create(
            name="Willowbrook Support", kind=OrganisationKind.PROVIDER
        )
    )
    kind = CriterionKind.QUALITY
    title = factory.Sequence(lambda n: f"Criterion {n}")
    description = "What people supported say about the support, and how problems are put right."
    easy_read = "They give good support."
    agreed_on = dt.date(2026, 3, 14)
    agreed_with = "The co-production panel and Hollowfield Council"
    position = factory.Sequence(lambda n: n)


class SupportNeedFactory(factory.django.DjangoModelFactory[SupportNeed]):
    """One of a person's needs: community access on Tuesdays 18:00-20:00 in HF1, fixed, added
    with the person. Give ``person`` (a persona such as dee) and whatever the test is about."""

    class Meta:
        model = SupportNeed

    person = factory.SubFactory(PersonFactory)
    source = NeedSource.ADDED
    what = "Going out in the evening"
    term = factory.LazyFunction(lambda: standard_term("community-access"))
    weekday = 1
    starts_at = dt.time(18, 0)
    ends_at = dt.time(20, 0)
    minutes_a_week = 120
    district = factory.SubFactory(PostcodeDistrictFactory, code="HF1")
    ratio = "one_to_one"
