# ruff: noqa: F811 (fixtures imported from test_overview are named as test arguments)
"""Commissioning fills the registries of the apps below it: which of its models hold a person's
data (subject access, retention) and the tab on every page about a person."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from directsupport.commissioning.models import (
    Contract,
    ContractParty,
    Offer,
    OfferChoice,
    Pool,
    PoolMember,
    Proposal,
    QuoteRequest,
    RequestNeed,
    ShareChange,
)
from directsupport.lib.person_records import RecordKind, entry_for, excused
from directsupport.people.person_tabs import tab_of, tabs_for

from .test_overview import dees_commissioning, elsewhere  # noqa: F401  (fixtures)


def test_contracts_are_financial_records_and_the_rest_care_records() -> None:
    kinds: dict[type[Model], RecordKind] = {
        **dict.fromkeys((Contract, ContractParty, ShareChange), RecordKind.FINANCIAL),
        **dict.fromkeys(
            (RequestNeed, QuoteRequest, Offer, OfferChoice, PoolMember, Proposal), RecordKind.CARE
        ),
    }
    for model, kind in kinds.items():
        entry = entry_for(model)
        assert entry is not None and entry.kind == kind, model
    assert Pool in excused()


def test_each_registered_model_finds_dees_rows_and_nobody_elses(
    dee, dees_commissioning: dict[str, Any], elsewhere: dict[str, Any]
) -> None:
    expected = {
        RequestNeed: set(dees_commissioning["rfq"].needs.values_list("pk", flat=True)),
        QuoteRequest: {dees_commissioning["rfq"].pk},
        Offer: {dees_commissioning["offer"].pk, dees_commissioning["counter"].pk},
        OfferChoice: {dees_commissioning["choice"].pk},
        Contract: {dees_commissioning["contract"].pk},
        ContractParty: {dees_commissioning["party"].pk},
        ShareChange: set(dees_commissioning["contract"].share_changes.values_list("pk", flat=True)),
        PoolMember: {dees_commissioning["member"].pk},
    }
    for model, pks in expected.items():
        entry = entry_for(model)
        assert entry is not None
        assert set(entry.rows_for(dee.pk).values_list("pk", flat=True)) == pks, model


def test_a_proposal_is_reached_through_the_offer_it_suggests(
    dee, dees_commissioning: dict[str, Any]
) -> None:
    proposal = dees_commissioning["proposal"]
    proposal.offer = dees_commissioning["counter"]
    proposal.save()
    entry = entry_for(Proposal)
    assert entry is not None
    assert list(entry.rows_for(dee.pk)) == [proposal]
    # A pool's proposal names needs of several people: the ids are left out of the export.
    assert "need_ids" not in entry.concrete_field_names()


def test_the_shares_of_other_pool_members_are_left_out_of_the_export() -> None:
    entry = entry_for(ShareChange)
    assert entry is not None and "shares" not in entry.concrete_field_names()


def test_the_tab_follows_market_support_and_claims_its_own_pages(
    dee, person_user, market_shaper, worker, supplier
) -> None:
    urls = [tab.url_name for tab in tabs_for(market_shaper, dee)]
    assert urls.index("commissioning:overview_person") == urls.index("market:support") + 1
    assert "commissioning:overview_person" in [tab.url_name for tab in tabs_for(person_user, dee)]
    assert "commissioning:overview_person" not in [tab.url_name for tab in tabs_for(worker, dee)]
    assert tab_of("commissioning:overview_person_easy_read") == "commissioning:overview_person"
