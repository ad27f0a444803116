"""Negotiating Dee's swimming, through the real pages: Tom (the market shaper) asks two suppliers
for a quote from Dee's need; Anchor Swim and Bright Days each make an offer in their portal;
Tom counter-offers Anchor, which revises its offer; Tom records Dee's choice (her weights and
her reason); the contract is drawn up; Dee says yes to it on her easy-read page; Anchor accepts
it in its portal; Tom makes it active, and Dee's need is met.

Every page passes axe-core (WCAG 2.2 AA) at 1280 and 320 px, under the site's real CSP.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from directsupport.accounts.models import User
from directsupport.accounts.roles import OrganisationKind, Role
from directsupport.commissioning.fair_cost.services import create_fair_cost_model
from directsupport.commissioning.models import (
    Contract,
    ContractStatus,
    Offer,
    OfferSide,
    OfferStatus,
    QuoteRequest,
    RequestStatus,
)
from directsupport.commissioning.requests.views import START_AFTER_DAYS
from directsupport.demo.commissioning_data import FAIR_COST
from directsupport.funds.models import Agreement, AgreementStatus, FeeKind, Fund
from directsupport.market.models import NeedStatus, SupportNeed
from directsupport.market.tests.factories import (
    PostcodeDistrictFactory,
    SupplierFactory,
    supplier_for_organisation,
)
from directsupport.market.tests.matching_fixtures import swimming_need
from directsupport.people.models import PreferredFormat
from tests.factories import OrganisationFactory, UserFactory

from .helpers import sign_in

REASON = "Ama swims with me and she talks to me in Punjabi"
CANCELLATION = "Cancel 48 hours ahead and nothing is paid; later, the session is paid."
# The browser and the live server share the real clock, so the journey's dates count from
# today, read when they are needed (a run can cross midnight), and nothing depends on which
# day: the offers start on the first Monday on or after the day the request wants support from.


def offers_start_on() -> dt.date:
    wanted_from = timezone.localdate() + dt.timedelta(days=START_AFTER_DAYS)
    return wanted_from + dt.timedelta(days=-wanted_from.weekday() % 7)


def give_isf(person: Any, *, budget_pence: int) -> None:
    """The person's ISF with an approved agreement for the year around today."""
    today = timezone.localdate()
    fund, _ = Fund.objects.get_or_create(
        person=person,
        defaults={
            "provider": person.organisation,
            "council": person.funding_council,
            "reference": f"ISF-{person.pk:04d}",
        },
    )
    Agreement.objects.create(
        fund=fund,
        version=fund.agreements.count() + 1,
        status=AgreementStatus.APPROVED,
        annual_budget_pence=budget_pence,
        starts_on=today - dt.timedelta(days=120),
        ends_on=today + dt.timedelta(days=240),
        fee_kind=FeeKind.PERCENT,
        fee_basis_points=800,
        first_review_on=today + dt.timedelta(days=60),
    )


@pytest.fixture
def anchor_user(provider) -> User:
    entry = SupplierFactory.create(
        organisation=OrganisationFactory.create(
            name="Anchor Swim CIC", kind=OrganisationKind.SUPPLIER
        ),
        directory_owner=provider,
        base_district=PostcodeDistrictFactory.create(code="HF3"),
    )
    return UserFactory.create(
        organisation=entry.organisation,
        role=Role.SUPPLIER,
        full_name="Ama Mensah",
        email="ama@anchorswim.example",
    )


@pytest.fixture
def swim(dee, provider, supplier, market_shaper) -> SupportNeed:
    """Dee's swimming (2 hours on Tuesday evenings), her ISF, easy read, Bright Days (the
    supplier persona's organisation) in Willowbrook's directory and the fair cost."""
    supplier_for_organisation(
        supplier.organisation,
        directory_owner=provider,
        base_district=PostcodeDistrictFactory.create(code="HF3"),
    )
    give_isf(dee, budget_pence=3_120_000)
    dee.preferred_format = PreferredFormat.EASY_READ
    dee.save(update_fields=["preferred_format"])
    create_fair_cost_model(
        actor=market_shaper, organisation=provider, fields={**FAIR_COST, "term": None}
    )
    return swimming_need(dee, minutes_a_week=120, place="Hollowfield Lido")


def fill_offer(page: Page | Locator, rate: str, *, message: str, hours: str = "2") -> None:
    """Fill the supplier's (or Tom's) offer form on the page, or inside one thread."""
    page.get_by_label("Rate for an hour").fill(rate)
    page.get_by_label("Hours a week").fill(hours)
    page.get_by_label("Can start on").fill(offers_start_on().isoformat())
    page.get_by_label("Message").fill(message)


@pytest.mark.django_db(transaction=True)
def test_a_request_two_offers_a_counter_offer_a_choice_and_a_contract_for_dee(
    page: Page,
    open_page: Any,
    live_server: Any,
    axe_check: Any,
    market_shaper: User,
    supplier: User,
    anchor_user: User,
    person_user: User,
    dee: Any,
    swim: SupportNeed,
) -> None:
    main = page.get_by_role("main")

    # 1. Tom draws up a request from Dee's need and asks Anchor and Bright Days.
    sign_in(page, live_server, market_shaper)
    page.goto(f"/commissioning/people/{dee.pk}/needs/{swim.pk}/request/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask suppliers for a quote")
    axe_check(page)
    for name in ("Anchor Swim CIC", "Bright Days CIC"):
        page.get_by_role("checkbox", name=re.compile(f"^{name}")).check()
    page.get_by_role("button", name="Save as a draft").click()
    expect(main).to_contain_text("as a draft")
    rfq = QuoteRequest.objects.get()
    assert rfq.status == RequestStatus.DRAFT
    axe_check(page)
    page.get_by_role("link", name="Send to suppliers").click()
    expect(main).to_contain_text("Anchor Swim CIC")
    axe_check(page)
    page.get_by_role("button", name="Send it").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(rfq.reference)
    rfq.refresh_from_db()
    assert rfq.status == RequestStatus.SENT
    # Suppliers read Dee's first name only, never her need's notes.

    # 2. Anchor and Bright Days each make an offer in their portal.
    anchor = open_page()
    sign_in(anchor, live_server, anchor_user)
    anchor.goto(f"/commissioning/portal/requests/{rfq.pk}/")
    expect(anchor.get_by_role("main")).not_to_contain_text("Okafor")
    axe_check(anchor)
    anchor.get_by_role("link", name="Make an offer").click()
    fill_offer(anchor, "34.50", message="A woman coach who speaks Punjabi.")
    axe_check(anchor)
    anchor.get_by_role("button", name="Send the offer").click()
    expect(anchor.get_by_role("main")).to_contain_text("£34.50")
    axe_check(anchor)

    bright = open_page()
    sign_in(bright, live_server, supplier)
    bright.goto(f"/commissioning/portal/requests/{rfq.pk}/offer/")
    fill_offer(bright, "28.00", message="Our swim group meets on Tuesdays.")
    bright.get_by_role("button", name="Send the offer").click()
    expect(bright.get_by_role("main")).to_contain_text("£28.00")
    # Bright Days never sees Anchor's offer.
    expect(bright.get_by_role("main")).not_to_contain_text("£34.50")
    axe_check(bright)

    # 3. Tom counter-offers Anchor, within the fair range.
    page.goto(f"/commissioning/requests/{rfq.pk}/offers/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Offers for {rfq.reference}")
    axe_check(page)
    thread = page.locator("section").filter(
        has=page.get_by_role("heading", name="Anchor Swim CIC", level=2)
    )
    fill_offer(thread, "31.00", message="Dee's budget has room for £31.00 an hour.")
    thread.get_by_role("button", name=re.compile("Send the counter-offer")).click()
    expect(main).to_contain_text("£31.00")
    axe_check(page)

    # 4. Anchor revises its offer.
    anchor.goto(f"/commissioning/portal/requests/{rfq.pk}/offer/")
    expect(anchor.get_by_role("heading", name="Reply to the counter-offer")).to_be_visible()
    fill_offer(anchor, "32.50", message="We can do £32.50 for a whole year's booking.")
    anchor.get_by_role("button", name="Send the offer").click()
    expect(anchor.get_by_role("main")).to_contain_text("£32.50")
    axe_check(anchor)
    thread_rates = list(
        Offer.objects.filter(request=rfq, supplier__organisation__name="Anchor Swim CIC")
        .order_by("made_at", "id")
        .values_list("side", "pence_per_hour", "status")
    )
    assert thread_rates == [
        (OfferSide.SUPPLIER, 3450, OfferStatus.SUPERSEDED),
        (OfferSide.BUYER, 3100, OfferStatus.SUPERSEDED),
        (OfferSide.SUPPLIER, 3250, OfferStatus.OPEN),
    ]

    # 5. Tom compares the offers with Dee and records her choice, her weights and reason.
    page.goto(f"/commissioning/requests/{rfq.pk}/choose/")
    axe_check(page)
    page.get_by_label("Quality", exact=True).fill("30")
    page.get_by_label("Fit with the person", exact=True).fill("50")
    page.get_by_label("Price", exact=True).fill("20")
    page.get_by_role("radio", name=re.compile("Anchor Swim CIC")).check()
    page.get_by_label("Why this offer, in the person's words").fill(REASON)
    page.get_by_role("button", name="Record the choice").click()
    expect(main).to_contain_text(REASON)
    axe_check(page)
    rfq.refresh_from_db()
    choice = rfq.choices.get()
    assert rfq.status == RequestStatus.CHOSEN
    assert (choice.weight_quality, choice.weight_fit, choice.weight_price) == (30, 50, 20)
    assert choice.offer.pence_per_hour == 3250
    bright_offer = Offer.objects.get(request=rfq, supplier__organisation=supplier.organisation)
    assert bright_offer.status == OfferStatus.DECLINED

    # 6. The contract is drawn up from the choice.
    page.goto(f"/commissioning/requests/{rfq.pk}/contract/new/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Draw up the contract")
    axe_check(page)
    page.get_by_label("Cancellation rules").fill(CANCELLATION)
    page.get_by_role("button", name="Draw up the contract").click()
    expect(main).to_contain_text("drawn up as a draft")
    contract = Contract.objects.get()
    assert contract.status == ContractStatus.DRAFT and contract.pence_per_hour == 3250
    axe_check(page)

    # 7. Dee reads her contract in easy read and says yes.
    dees = open_page()
    sign_in(dees, live_server, person_user)
    dees.goto(f"/commissioning/contracts/{contract.pk}/easy-read/")
    expect(dees.get_by_role("heading", level=1)).to_contain_text("My contract")
    axe_check(dees)
    dees.get_by_role("link", name="Say yes to this contract").click()
    expect(dees.get_by_role("heading", level=1)).to_have_text("Do you want this contract?")
    axe_check(dees)
    dees.get_by_label("Yes, I agree to this contract").check()
    dees.get_by_label("Anything you want to say (you do not have to)").fill("I like Ama.")
    dees.get_by_role("button", name="Save my answer").click()
    expect(dees.get_by_role("main")).to_contain_text("You said yes to your contract.")
    axe_check(dees)

    # 8. Anchor accepts the contract in its portal.
    anchor.goto(f"/commissioning/portal/contracts/{contract.pk}/")
    axe_check(anchor)
    anchor.get_by_role("button", name="Accept this contract").click()
    expect(anchor.get_by_role("button", name="Accept this contract")).to_have_count(0)
    axe_check(anchor)

    # 9. Tom makes it active: Dee's need is met.
    page.goto(f"/commissioning/contracts/{contract.pk}/")
    page.get_by_role("button", name="Make the contract active").click()
    expect(main).to_contain_text("Active")
    axe_check(page)
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE
    assert contract.supplier_accepted_by == anchor_user
    party = contract.parties.get()
    assert party.agreed_at is not None and party.agreement_recorded_by == person_user
    swim.refresh_from_db()
    assert swim.status == NeedStatus.MET
