"""The supplier directory: Tom (market shaper) adds a personal assistant and her service, and
finds her by what she offers and when; Kwame (Bright Days CIC) keeps his own entry from his home
page. Every page is checked with axe at desktop width and at 320 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from directsupport.market.models import Supplier
from directsupport.market.tests.factories import (
    PostcodeDistrictFactory,
    ServiceFactory,
    SupplierFactory,
    standard_term,
)

from .helpers import sign_in


@pytest.fixture
def directory(provider, supplier_org) -> Supplier:
    """HF1 and HF3, the standard terms, and Bright Days CIC with a service but no times yet."""
    PostcodeDistrictFactory.create(code="HF1", name="Hollowfield Central")
    PostcodeDistrictFactory.create(code="HF3", name="Hollowfield East")
    standard_term("swimming")
    entry = SupplierFactory.create(organisation=supplier_org, directory_owner=provider)
    ServiceFactory.create(supplier=entry, name="Community support")
    return entry


def test_market_shaper_adds_a_supplier_and_finds_her(
    page: Page, live_server, axe_check, market_shaper, directory
):
    sign_in(page, live_server, market_shaper)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Suppliers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supplier directory")
    axe_check(page)

    page.get_by_role("link", name="Add a supplier").click()
    page.get_by_label("Name", exact=True).fill("Maya Okoro")
    page.get_by_label("Personal assistant").check()
    page.get_by_label("What they offer").fill("A personal assistant who loves swimming.")
    page.get_by_label("Where they are based").fill("HF9")
    page.get_by_label("Languages their workers speak").fill("English, Yoruba")
    page.get_by_role("button", name="Add this supplier").click()
    # An unknown district is refused beside the field; what was typed stays.
    expect(page.get_by_role("alert")).to_contain_text("does not know where HF9 is yet")
    expect(page.get_by_label("What they offer")).to_have_value(
        "A personal assistant who loves swimming."
    )
    axe_check(page)
    page.get_by_label("Where they are based").fill("HF3 2AB")
    page.get_by_role("button", name="Add this supplier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Maya Okoro")
    needs = page.get_by_role("region", name="What this entry still needs")
    expect(needs).to_contain_text("At least one service")
    axe_check(page)

    needs.get_by_role("link", name="Add a service").click()
    page.get_by_label("Name of the service").fill("Swimming together")
    page.get_by_label("What it is", exact=True).fill("Swimming at the lido, with a PA.")
    page.get_by_label("Activities: Swimming").check()
    page.get_by_label("Places free now").fill("2")
    axe_check(page)
    # By keyboard: with the longer navigation of issue 12, Playwright's first mouse click on this
    # button (at the bottom edge of the window after the 320px check) is lost and never submits;
    # a second click does. Not reproduced by hand; noted in issue 12's closing note.
    page.get_by_role("button", name="Add this service").press("Enter")

    service = page.get_by_role("region", name="Swimming together")
    service.get_by_role("link", name="Add a time Swimming together runs").click()
    page.get_by_label("Day", exact=True).select_option("Saturday")
    page.get_by_label("Starts at").fill("10:00")
    page.get_by_label("Ends at").fill("09:00")
    page.get_by_role("button", name="Add this time").click()
    expect(page.get_by_role("alert")).to_contain_text("before it starts")
    axe_check(page)
    page.get_by_label("Ends at").fill("12:00")
    page.get_by_role("button", name="Add this time").click()

    service.get_by_role("link", name="Add a price for Swimming together").click()
    page.get_by_label("By the hour").check()
    page.get_by_label("Price, in pounds and pence").fill("18.50")
    page.get_by_label("Price from").fill("2026-01-01")
    page.get_by_role("button", name="Add this price").click()
    expect(page.get_by_text("Saturdays, 10:00 to 12:00")).to_be_visible()
    expect(page.get_by_text("£18.50 an hour")).to_be_visible()
    axe_check(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Suppliers").click()
    search = page.get_by_role("search", name="Find suppliers")
    search.get_by_label("Support or activity").select_option("Swimming")
    search.get_by_label("Day", exact=True).select_option("Saturday")
    search.get_by_label("Near a postcode").fill("HF1")
    search.get_by_role("button", name="Search").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text("Maya Okoro")
    expect(table).not_to_contain_text("Bright Days CIC")
    expect(table).to_contain_text("About 2 km")
    axe_check(page)


def test_supplier_keeps_its_own_entry(page: Page, live_server, axe_check, supplier, directory):
    sign_in(page, live_server, supplier)
    entry = page.get_by_role("region", name="Your directory entry")
    expect(entry).to_contain_text("When Community support runs")
    axe_check(page)

    entry.get_by_role("link", name="Change your details").click()
    page.get_by_label("Skills").fill("Makaton, autism")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("status")).to_contain_text("The changes have been saved.")
    expect(page.get_by_text("Makaton, autism")).to_be_visible()
    axe_check(page)

    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="My directory entry"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bright Days CIC")
