"""Buying swimming together, through the real pages: Dee, Femi and Grace each want to swim on
Tuesday evenings and would share a worker. Tom (the market shaper) asks the system to propose
pools; it proposes the three of them, each paying less than alone. Tom records Femi's and
Grace's yes; Dee says yes herself on her easy-read page. Tom sends the pool out to quote;
Bright Days offers in its portal; Tom records the choice and draws up one contract, its cost
split equally across the three ISFs; Dee says yes to it, Tom records the others' agreement,
Bright Days accepts and Tom makes it active.

Every page passes axe-core (WCAG 2.2 AA) at 1280 and 320 px, under the site's real CSP.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from directsupport.accounts.models import User
from directsupport.commissioning.fair_cost.services import create_fair_cost_model
from directsupport.commissioning.models import (
    Contract,
    ContractStatus,
    MemberStatus,
    Pool,
    PoolStatus,
    QuoteRequest,
)
from directsupport.demo.commissioning_data import FAIR_COST
from directsupport.market.models import Commissioning, NeedStatus, SupportNeed
from directsupport.market.tests.factories import (
    PostcodeDistrictFactory,
    ServiceFactory,
    standard_term,
    supplier_for_organisation,
)
from directsupport.market.tests.matching_fixtures import swimming_need
from directsupport.people.models import Person, PreferredFormat
from tests.factories import PersonFactory

from .helpers import sign_in
from .test_commissioning_journey import CANCELLATION, fill_offer, give_isf, offers_start_on

OTHERS = ("Femi", "Grace")
REASON = "They all know the coach from the summer scheme"


def _swim(person: Person) -> SupportNeed:
    """Swimming on Tuesdays 18:00-19:30 in HF3, happy to share a worker with two others."""
    return swimming_need(
        person,
        ends_at=dt.time(19, 30),
        minutes_a_week=90,
        ratio="shared",
        shared_by=3,
        commissioning=Commissioning.JOINT,
        wanted_languages=[],
        wanted_gender="",
    )


@pytest.fixture
def swimmers(dee, provider, council, coordinator, supplier, market_shaper) -> list[Person]:
    bright_days = supplier_for_organisation(
        supplier.organisation,
        directory_owner=provider,
        base_district=PostcodeDistrictFactory.create(code="HF3"),
    )
    # The pool's request goes to suppliers offering its kind of support.
    ServiceFactory.create(
        supplier=bright_days, name="Swim group", terms=[standard_term("swimming")]
    )
    create_fair_cost_model(
        actor=market_shaper, organisation=provider, fields={**FAIR_COST, "term": None}
    )
    dee.preferred_format = PreferredFormat.EASY_READ
    dee.save(update_fields=["preferred_format"])
    people = [dee] + [
        PersonFactory.create(
            organisation=provider,
            first_name=name,
            last_name="Adebayo" if name == "Femi" else "Lewis",
            funding_council=council,
            coordinator=coordinator,
        )
        for name in OTHERS
    ]
    for person in people:
        give_isf(person, budget_pence=2_600_000)
        _swim(person)
    return people


@pytest.mark.django_db(transaction=True)
def test_three_people_buy_swimming_together_with_one_contract_split_across_their_isfs(
    page: Page,
    open_page: Any,
    live_server: Any,
    axe_check: Any,
    market_shaper: User,
    supplier: User,
    person_user: User,
    dee: Person,
    swimmers: list[Person],
) -> None:
    main = page.get_by_role("main")

    # 1. Tom asks the system to propose pools: the three swimmers, each paying less.
    sign_in(page, live_server, market_shaper)
    page.goto("/commissioning/pools/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pools: buying support together")
    axe_check(page)
    page.get_by_role("button", name="Propose pools now").click()
    pool = Pool.objects.get()
    assert {m.person.first_name for m in pool.members.all()} == {"Adaeze", *OTHERS}
    assert all(m.pooled_pence_a_week < m.alone_pence_a_week for m in pool.members.all())
    page.get_by_role("link", name=re.compile(pool.reference)).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(pool.reference)
    axe_check(page)

    # 2. Tom records Femi's and Grace's yes, as they told him.
    for name in OTHERS:
        page.get_by_role("link", name=re.compile(f"Record an answer for {name}")).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(name)
        page.get_by_role("radio", name="Yes, they want to join").check()
        page.get_by_role("radio", name=re.compile("^The person decided")).check()
        page.get_by_role("button", name="Save the answer").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(pool.reference)
    axe_check(page)

    # 3. Dee says yes herself, on her easy-read page.
    dees = open_page()
    sign_in(dees, live_server, person_user)
    dees.goto(f"/commissioning/pools/{pool.pk}/")
    expect(dees.get_by_role("heading", level=1)).to_have_text("Going with other people")
    axe_check(dees)
    dees.get_by_role("radio", name="Yes").check()
    dees.get_by_role("button", name="Save my answer").click()
    expect(dees.get_by_role("main")).to_contain_text("Yes")
    axe_check(dees)
    assert set(pool.members.values_list("status", flat=True)) == {MemberStatus.AGREED}

    # 4. Tom sends the pool out to quote, to Bright Days.
    page.goto(f"/commissioning/pools/{pool.pk}/")
    page.get_by_role("link", name="Send out to quote").click()
    axe_check(page)
    page.get_by_role("checkbox", name=re.compile("^Bright Days CIC")).check()
    page.get_by_label("Reply by").fill((timezone.localdate() + dt.timedelta(days=7)).isoformat())
    page.get_by_label("Support to start on").fill(offers_start_on().isoformat())
    page.get_by_role("button", name="Send the request").click()
    rfq = QuoteRequest.objects.get(pool=pool)
    assert rfq.needs.count() == 3
    axe_check(page)

    # 5. Bright Days offers one worker for the three of them.
    bright = open_page()
    sign_in(bright, live_server, supplier)
    bright.goto(f"/commissioning/portal/requests/{rfq.pk}/offer/")
    axe_check(bright)
    fill_offer(bright, "31.50", hours="1.5", message="One worker in the water with all three.")
    bright.get_by_role("button", name="Send the offer").click()
    expect(bright.get_by_role("main")).to_contain_text("£31.50")

    # 6. Tom records the choice and draws up one contract, shared equally.
    page.goto(f"/commissioning/requests/{rfq.pk}/choose/")
    page.get_by_role("radio", name=re.compile("Bright Days CIC")).check()
    page.get_by_label("Why this offer, in the person's words").fill(REASON)
    page.get_by_role("button", name="Record the choice").click()
    expect(main).to_contain_text(REASON)
    page.goto(f"/commissioning/requests/{rfq.pk}/contract/new/")
    axe_check(page)
    page.get_by_label("Cancellation rules").fill(CANCELLATION)
    page.get_by_role("button", name="Draw up the contract").click()
    expect(main).to_contain_text("drawn up as a draft")
    contract = Contract.objects.get()
    parties = list(contract.parties.order_by("id"))
    assert len(parties) == 3 and sum(p.share_bp for p in parties) == 10_000
    assert all(p.fund_id for p in parties)
    axe_check(page)

    # 7. Dee says yes on her easy-read contract; Tom records Femi's and Grace's agreement.
    dees.goto(f"/commissioning/contracts/{contract.pk}/agree/")
    dees.get_by_label("Yes, I agree to this contract").check()
    dees.get_by_role("button", name="Save my answer").click()
    expect(dees.get_by_role("main")).to_contain_text("You said yes to your contract.")
    for name in OTHERS:
        page.goto(f"/commissioning/contracts/{contract.pk}/")
        page.get_by_role("link", name=re.compile(f"Record {name}.*agreement")).click()
        page.get_by_role("radio", name=re.compile("^The person decided")).check()
        page.get_by_label("What the person said, in their words").fill(
            "Yes, swimming with friends."
        )
        page.get_by_role("button", name="Record the agreement").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(contract.reference)
    axe_check(page)

    # 8. Bright Days accepts; Tom makes it active; every need is met.
    bright.goto(f"/commissioning/portal/contracts/{contract.pk}/")
    bright.get_by_role("button", name="Accept this contract").click()
    expect(bright.get_by_role("button", name="Accept this contract")).to_have_count(0)
    page.goto(f"/commissioning/contracts/{contract.pk}/")
    page.get_by_role("button", name="Make the contract active").click()
    expect(main).to_contain_text("Active")
    axe_check(page)
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE
    assert contract.pool_id == pool.pk
    pool.refresh_from_db()
    assert pool.status == PoolStatus.CONTRACTED
    needs = SupportNeed.objects.filter(person__in=swimmers)
    assert set(needs.values_list("status", flat=True)) == {NeedStatus.MET}
