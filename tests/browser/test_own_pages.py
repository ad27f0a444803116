"""Dee's own pages, on her phone: in her own voice, with what waits for her first.

Her page opened with a third-person "How to communicate with Dee" box and 12 tabs, so on a phone
her first action started about 2,150 px down. Now what waits for her (here, a Plan Book to read
and agree) comes first, within the first screen; the tabs are fewer and in her words ("About
me", "My plans"); her communication needs, for the people who read about her, come last and
folded. Every page passes axe-core at 1280 and 320 px.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from directsupport.people.models import PreferredFormat
from directsupport.planbook.models import PlanBookStatus
from directsupport.planbook.tests.plan_book_support import fill_tools, version_at

from .helpers import sign_in

PHONE = ViewportSize(width=390, height=844)


@pytest.mark.django_db(transaction=True)
def test_dee_sees_what_waits_for_her_first_on_her_phone(
    page: Page, live_server, axe_check, dee, coordinator, person_user
):
    dee.preferred_format = PreferredFormat.EASY_READ
    dee.save()
    fill_tools(dee)
    version_at(dee, PlanBookStatus.SHARED, by=coordinator)
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, person_user)

    # Her home is her page, in the format she chose.
    expect(page).to_have_url(f"{live_server.url}/people/{dee.pk}/easy-read/")
    expect(page.get_by_role("heading", level=2, name="Waiting for me")).to_be_visible()
    agree = page.get_by_role("link", name="Read and agree my Plan Book")
    expect(agree).to_be_in_viewport()
    box = agree.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], box

    tabs = page.get_by_role("navigation", name="My pages").get_by_role("link")
    expect(tabs).to_have_text(
        [
            "About me",
            "My circle of support",
            "My plans",
            "My Perfect Week",
            "My money and support",
            "How it's going",
            "My information",
        ]
    )
    # Her communication needs are for the people reading about her: last, and folded.
    needs = page.locator("details.communication-needs")
    expect(needs.locator("summary")).to_have_text("How people should communicate with me")
    expect(needs).not_to_have_attribute("open", "")
    assert page.get_by_text("How to communicate with Dee").count() == 0
    axe_check(page)

    page.get_by_role("navigation", name="My pages").get_by_role("link", name="My plans").click()
    expect(
        page.get_by_role("navigation", name="Pages in My plans").get_by_role("link")
    ).to_have_text(["Planning Live", "Plans and tools", "Plan Book"])
    axe_check(page)

    plans = page.get_by_role("navigation", name="Pages in My plans")
    plans.get_by_role("link", name="Plan Book").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dee Okafor")
    axe_check(page)
