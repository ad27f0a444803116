"""The demo's market: about 60 suppliers of every kind (the ledger's suppliers among them, on
the same organisations), the preferred list in every state, everyone's needs with how they
want them commissioned, the suppliers chosen, and the gap the story tells, found by matching."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from directsupport.accounts.models import Organisation
from directsupport.accounts.roles import OrganisationKind
from directsupport.demo import funds_data as fd
from directsupport.demo import market_needs_data as nd
from directsupport.demo.market_suppliers_data import ALL_SUPPLIERS
from directsupport.demo.organisations_data import PROVIDER
from directsupport.funds.models import SupportSession
from directsupport.market.matching.facts import load_directory, load_needs
from directsupport.market.matching.ranking import rank_need
from directsupport.market.models import (
    ApplicationStatus,
    Commissioning,
    CostUnit,
    CqcRating,
    NeedSource,
    NeedStatus,
    PreferredApplication,
    PreferredCriterion,
    Service,
    Supplier,
    SupplierChoice,
    SupplierKind,
    SupportNeed,
)
from directsupport.market.preferred.queries import missing_for_approval, preferred_supplier_ids
from directsupport.people.models import Person

EVENING = dt.time(18)


def _provider() -> Organisation:
    return Organisation.objects.get(name=PROVIDER)


def _gaps() -> list[SupportNeed]:
    """The needs the matching finds no candidate for, as the market view would."""
    provider = _provider()
    directory = load_directory(provider.pk, timezone.localdate())
    preferred = frozenset(preferred_supplier_ids(provider.pk))
    needs = SupportNeed.objects.exclude(status=NeedStatus.WITHDRAWN)
    gap_ids = [
        facts.id
        for facts in load_needs(needs)
        if rank_need(
            facts, directory, pence_left_a_week=None, preferred_supplier_ids=preferred
        ).is_gap
    ]
    return list(SupportNeed.objects.filter(pk__in=gap_ids).select_related("term", "person"))


def test_about_60_suppliers_of_every_kind_in_willowbrooks_directory(demo):
    suppliers = Supplier.objects.filter(directory_owner=_provider())
    assert suppliers.count() == len(ALL_SUPPLIERS) == 60
    kinds = Counter(suppliers.values_list("kind", flat=True))
    assert set(kinds) == set(SupplierKind.values)
    assert all(count >= 10 for count in kinds.values()), kinds
    assert Service.objects.filter(supplier__in=suppliers).count() > 60
    # Every supplier organisation has exactly one entry: the directory is not a second list.
    supplier_orgs = Organisation.objects.filter(kind=OrganisationKind.SUPPLIER)
    assert supplier_orgs.count() == 60
    assert not supplier_orgs.filter(supplier__isnull=True).exists()
    assert "60 suppliers (14 registered providers, 11 micro-enterprises, 15 PAs" in demo


def test_the_ledgers_suppliers_are_directory_entries_on_the_same_organisations(demo):
    paid = set(
        SupportSession.objects.exclude(supplier_name=PROVIDER).values_list(
            "supplier_name", flat=True
        )
    )
    assert paid == {s.name for s in (fd.RIVERSIDE, fd.ACTIVE, fd.PA_AGENCY, fd.MARCIA)}
    for name in paid:
        organisation = Organisation.objects.get(name=name)
        assert Supplier.objects.get(organisation=organisation).directory_owner.name == PROVIDER
        # The supplier's own users belong to that same organisation, so they keep this entry.
        assert organisation.users.exists()
    marcia = Supplier.objects.get(organisation__name=fd.MARCIA.name)
    price = marcia.services.get().cost_options.get()
    assert (price.unit, price.amount_pence) == (CostUnit.HOUR, fd.MARCIA.pence_per_hour)


def test_registered_providers_have_cqc_ratings_and_prices_are_believable(demo):
    registered = Supplier.objects.filter(kind=SupplierKind.REGISTERED_PROVIDER)
    assert not registered.filter(cqc_location_id="").exists()
    assert set(registered.values_list("cqc_rating", flat=True)) >= {
        CqcRating.OUTSTANDING,
        CqcRating.GOOD,
        CqcRating.REQUIRES_IMPROVEMENT,
        CqcRating.NOT_YET_RATED,
    }
    today = timezone.localdate()
    assert all(s.cqc_inspected_on and s.cqc_inspected_on < today for s in registered)
    care = Service.objects.filter(supplier__in=registered, terms__code="personal-care")
    hourly = [
        option.amount_pence
        for service in care
        for option in service.cost_options.filter(unit=CostUnit.HOUR)
        if "Bank holidays" not in option.description
    ]
    assert hourly and all(2900 <= pence <= 3900 for pence in hourly), hourly
    pa_prices = Service.objects.filter(
        supplier__kind=SupplierKind.PERSONAL_ASSISTANT, cost_options__unit=CostUnit.HOUR
    ).values_list("cost_options__amount_pence", flat=True)
    assert all(1600 <= pence <= 2300 for pence in pa_prices)
    free = Service.objects.filter(supplier__kind=SupplierKind.FREE_ACTIVITY)
    assert all(s.cost_options.get().unit == CostUnit.FREE for s in free)
    assert Supplier.objects.filter(published=False).exists()


def test_preferred_list_has_applications_in_every_state_with_reasons(demo):
    applications = PreferredApplication.objects.filter(provider=_provider())
    assert set(applications.values_list("status", flat=True)) == set(ApplicationStatus.values)
    assert PreferredCriterion.objects.filter(provider=_provider()).count() == 6
    for application in applications.filter(
        status__in=[ApplicationStatus.APPROVED, ApplicationStatus.SUSPENDED]
    ):
        assert not missing_for_approval(application)
        assert application.panel_view and application.panel_view_at
    for application in applications:
        steps = list(application.steps.all())
        assert steps[-1].to_status == application.status
        assert [s.at for s in steps] == sorted(s.at for s in steps)
        assert steps[0].at.date() < timezone.localdate()
        for step in steps:
            if step.to_status in (ApplicationStatus.DECLINED, ApplicationStatus.SUSPENDED):
                assert len(step.reason) > 40
    reinstated = applications.get(supplier__organisation__name="Unity Homecare")
    assert [s.to_status for s in reinstated.steps.all()][-3:] == [
        ApplicationStatus.APPROVED,
        ApplicationStatus.SUSPENDED,
        ApplicationStatus.APPROVED,
    ]
    assert "16 applications (2 proposed, 2 applied, 2 being assessed" in demo


def test_every_person_has_needs_with_commissioning_choices_mostly_by_willowbrook(demo):
    needs = SupportNeed.objects.exclude(status=NeedStatus.WITHDRAWN)
    for person in Person.objects.all():
        mine = needs.filter(person=person)
        assert mine.filter(source=NeedSource.WEEK).exists(), person
        assert mine.exclude(commissioning="").exists(), person
    # Every need from the Perfect Week has an answer.
    assert not needs.filter(source=NeedSource.WEEK, commissioning="").exists()
    how = Counter(needs.exclude(commissioning="").values_list("commissioning", flat=True))
    assert set(how) == set(Commissioning.values)
    assert how[Commissioning.PROVIDER] > sum(how.values()) / 2
    for value in (Commissioning.DIRECT_PAYMENT, Commissioning.OWN_PA, Commissioning.JOINT):
        assert 0 < how[value] < how[Commissioning.OTHER_SUPPLIER]


def test_chosen_suppliers_follow_the_ledger_and_peoples_own_words(demo):
    choices = SupplierChoice.objects.select_related("need__person", "service__supplier")
    assert choices.count() > 50
    # Chosen, or met once a contract with the supplier is active (seed_commissioning).
    assert all(choice.need.status in (NeedStatus.CHOSEN, NeedStatus.MET) for choice in choices)
    assert all(choice.need.commissioning == Commissioning.OTHER_SUPPLIER for choice in choices)
    tomasz = choices.filter(
        need__person__first_name="Tomasz", service__supplier__organisation__name=fd.PA_AGENCY.name
    )
    assert tomasz.count() == 5  # every morning's personal care
    assert all("Polish" in c.reason and c.chosen_by == "Tomasz" for c in tomasz)
    sophie = choices.filter(need__person__first_name="Sophie")[0]
    assert sophie.on_behalf_reason and sophie.chosen_by != "Sophie"
    for spec in nd.CHOICES:
        chosen = choices.get(need__person__first_name=spec.person, reason=spec.reason)
        assert chosen.service.supplier.name == spec.supplier
        assert chosen.rank_when_chosen is not None  # the person's choice was a candidate too
    assert "suppliers chosen" in demo


def test_the_gap_the_story_tells_is_found_by_matching(demo):
    gaps = _gaps()
    assert gaps, "the matching finds no gap"
    swims = [need for need in gaps if need.term.code == "swimming"]
    assert {need.person.first_name for need in swims} == {s.person for s in nd.EVENING_SWIMS}
    for need in swims:  # weekdays, from six in the evening
        assert need.weekday is not None and need.weekday < 5
        assert need.starts_at is not None and need.starts_at >= EVENING
    # Nothing else is a gap: the story names the only one.
    assert swims == gaps
    assert "4 needs of 4 people with no supplier (gaps)" in demo


def test_waking_nights_in_the_north_west_come_from_one_full_supplier(demo):
    provider = _provider()
    directory = load_directory(provider.pk, timezone.localdate())
    nights = SupportNeed.objects.filter(term__code="waking-night")
    assert set(nights.values_list("district__code", flat=True)) == {"HF2"}
    ranking = rank_need(
        load_needs(nights)[0],
        directory,
        pence_left_a_week=None,
        preferred_supplier_ids=frozenset(preferred_supplier_ids(provider.pk)),
    )
    (only,) = ranking.candidates
    assert only.service.supplier_name == "Nightingale Night Care"
    assert only.service.places_free == 0


def test_a_second_seed_adds_nothing_to_the_market(demo):
    models = list(apps.get_app_config("market").get_models())
    before = {model.__name__: model._default_manager.count() for model in models}
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert {model.__name__: model._default_manager.count() for model in models} == before
    assert "60 suppliers" in out.getvalue() and "0 added;" in out.getvalue()
