"""A supplier onto Willowbrook's preferred list, through the real pages, and Dee reading it.

Tom (market shaper) writes down a criterion agreed with the panel and the council. Kwame (Bright
Days CIC) reads the criteria on his own page and applies. Tom tries to approve too early and is
told what is missing, then assesses the application against each criterion. Jo (an expert by
experience on the co-production panel) records the panel's view. Tom approves it, with a reason.
Kwame sees that he is on the list and why; Dee reads the list in easy read. Every page passes
axe-core (WCAG 2.2 AA) at 1280 and 320 px wide, under the site's real CSP.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from directsupport.market.models import ApplicationStatus, PreferredApplication
from directsupport.market.tests.factories import (
    PostcodeDistrictFactory,
    PreferredCriterionFactory,
    ServiceFactory,
    standard_term,
    supplier_for_organisation,
)

from .helpers import sign_in, sign_out


def _h1(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


@pytest.mark.django_db(transaction=True)
def test_a_supplier_applies_is_assessed_approved_and_read_in_easy_read(
    page: Page,
    live_server,
    axe_check,
    market_shaper,
    expert,
    supplier,
    supplier_org,
    person_user,
    dee,
    provider,
) -> None:
    bright_days = supplier_for_organisation(
        supplier_org,
        directory_owner=provider,
        base_district=PostcodeDistrictFactory.create(code="HF3", name="Hollowfield South"),
    )
    service = ServiceFactory.create(
        supplier=bright_days, name="Days out", terms=[standard_term("community-access")]
    )
    service.areas.create(district=bright_days.base_district)
    PreferredCriterionFactory.create(
        provider=provider, title="Good quality support", easy_read="They give good support."
    )

    # 1. Tom writes down a second criterion.
    sign_in(page, live_server, market_shaper)
    page.locator("nav.site-nav").get_by_role("link", name="Preferred list").click()
    _h1(page, "The preferred supplier list")
    axe_check(page)
    page.get_by_role("link", name="Criteria", exact=True).click()
    page.get_by_role("link", name="Add a criterion").click()
    _h1(page, "Add a criterion")
    page.get_by_role("button", name="Add the criterion").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter a name for the criterion.")
    axe_check(page)
    page.get_by_label("Price within the fair range").check()
    page.get_by_label("Name").fill("Fair prices")
    page.get_by_label("What a supplier must show").fill("Prices within the fair cost range.")
    page.get_by_label("In easy read").fill("Their prices are fair.")
    page.get_by_label("Agreed on").fill("2026-03-14")
    page.get_by_label("Agreed with").fill("The co-production panel and Hollowfield Council")
    page.get_by_role("button", name="Add the criterion").click()
    _h1(page, "What preferred suppliers must show")
    expect(page.get_by_role("main")).to_contain_text("'Fair prices' has been added")
    axe_check(page)
    sign_out(page)

    # 2. Kwame reads the criteria and applies for Bright Days.
    sign_in(page, live_server, supplier)
    page.locator("nav.site-nav").get_by_role("link", name="Preferred list").click()
    _h1(page, "Willowbrook Support's preferred supplier list")
    expect(page.get_by_role("main")).to_contain_text("Fair prices")
    axe_check(page)
    page.get_by_label("Why you should be on the preferred list").fill(
        "Ten years of days out; families can give references."
    )
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_role("main")).to_contain_text("Your application is waiting to be assessed.")
    axe_check(page)
    sign_out(page)
    application = PreferredApplication.objects.get()

    # 3. Tom tries to approve too early, then assesses each criterion.
    sign_in(page, live_server, market_shaper)
    page.goto(f"{live_server.url}/market/preferred/applications/")
    _h1(page, "Applications to the preferred list")
    expect(page.get_by_role("link", name="Applied (1)")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Bright Days CIC").click()
    _h1(page, "Bright Days CIC")
    page.get_by_role("link", name="Decide").click()
    page.get_by_label("Start assessing").check()
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_role("link", name="Decide").click()
    expect(page.get_by_role("main")).to_contain_text("It cannot be approved yet")
    page.get_by_label("Approve: put on the preferred list").check()
    page.get_by_label("Reason").fill("Keen to have them.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "assess it against Good quality support and Fair prices and record the co-production "
        "panel's view"
    )
    expect(page.get_by_label("Reason")).to_have_value("Keen to have them.")
    axe_check(page)
    page.get_by_role("link", name="Back to Bright Days CIC's application").click()
    for title in ("Good quality support", "Fair prices"):
        page.get_by_role("link", name=f"Assess {title}").click()
        page.get_by_label("Met", exact=True).check()
        page.get_by_label("Evidence").fill(f"Checked {title.lower()} with two families.")
        if title == "Fair prices":
            axe_check(page)
        page.get_by_role("button", name="Save the assessment").click()
        expect(page.get_by_role("main")).to_contain_text(f"against '{title}' is saved")
    sign_out(page)

    # 4. Jo records the panel's view.
    sign_in(page, live_server, expert)
    page.goto(f"{live_server.url}/market/preferred/applications/{application.pk}/")
    page.get_by_role("link", name="Record the panel's view").click()
    _h1(page, "The co-production panel's view of Bright Days CIC")
    page.get_by_label("The panel's view").fill("We met them. They listened to us.")
    axe_check(page)
    page.get_by_role("button", name="Save the panel's view").click()
    expect(page.get_by_role("main")).to_contain_text("We met them. They listened to us.")
    sign_out(page)

    # 5. Tom approves it, with a reason.
    sign_in(page, live_server, market_shaper)
    page.goto(f"{live_server.url}/market/preferred/applications/{application.pk}/decide/")
    page.get_by_label("Approve: put on the preferred list").check()
    page.get_by_label("Reason").fill("Meets both criteria; the panel agrees.")
    axe_check(page)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("main")).to_contain_text("is now on the preferred list")
    axe_check(page)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    page.get_by_role("link", name="The preferred list").click()
    expect(page.get_by_role("main")).to_contain_text("Hollowfield South")
    axe_check(page)
    sign_out(page)

    # 6. Kwame sees he is on the list, and why.
    sign_in(page, live_server, supplier)
    page.locator("nav.site-nav").get_by_role("link", name="Preferred list").click()
    expect(page.get_by_role("main")).to_contain_text("Your application is on the preferred list.")
    expect(page.get_by_role("main")).to_contain_text("Meets both criteria; the panel agrees.")
    page.get_by_role("link", name="See your application").click()
    expect(page.get_by_role("main")).not_to_contain_text("They listened to us")
    axe_check(page)
    sign_out(page)

    # 7. Dee reads the list in easy read.
    sign_in(page, live_server, person_user)
    page.goto(f"{live_server.url}/market/preferred/easy-read/")
    _h1(page, "Good suppliers")
    main = page.get_by_role("main")
    expect(main).to_contain_text("These suppliers were checked by people like you and the council.")
    expect(main).to_contain_text("They help with: community access.")
    expect(main).to_contain_text("They work in Hollowfield South.")
    axe_check(page)
