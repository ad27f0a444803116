"""Dee decides who in her circle may see her information: No for her neighbour Bob, Yes for her
sister Ngozi. Bob then cannot find Dee at all; Ngozi can."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import Page, expect

from .helpers import sign_in, sign_out


def test_dee_says_no_to_her_neighbour_and_yes_to_her_sister(
    page: Page,
    open_page,
    live_server,
    axe_check,
    dee,
    person_user,
    sister,
    neighbour,
    sister_user,
    neighbour_user,
):
    # Before Dee decides: Bob may see, Ngozi may not (the opposite of what Dee wants).
    neighbour.may_see = True
    neighbour.save()
    sister.may_see = False
    sister.may_contribute = False
    sister.save()

    sign_in(page, live_server, person_user)
    expect(page).to_have_url(f"{live_server.url}{reverse('people:easy_read', args=[dee.pk])}")
    axe_check(page)

    page.get_by_role("link", name="Who can see my information").first.click()
    expect(page.get_by_role("heading", level=2, name="Who can see my information")).to_be_visible()
    axe_check(page)

    bob = page.get_by_role("region", name="Bob Price")
    ngozi = page.get_by_role("region", name="Ngozi Okafor")
    bob.get_by_role("group", name="Can Bob see my information?").get_by_label("No").check()
    bob.get_by_role("group", name="Can Bob add to my plans?").get_by_label("No").check()
    ngozi.get_by_role("group", name="Can Ngozi see my information?").get_by_label("Yes").check()
    ngozi.get_by_role("group", name="Can Ngozi add to my plans?").get_by_label("Yes").check()
    page.get_by_role("button", name="Save my choices").click()

    expect(page.get_by_role("status")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Bob Price cannot see your information.")
    expect(page.locator("main")).to_contain_text("Ngozi Okafor can see your information.")
    axe_check(page)
    neighbour.refresh_from_db()
    sister.refresh_from_db()
    assert (neighbour.may_see, sister.may_see, sister.may_contribute) == (False, True, True)
    sign_out(page)

    # Bob: Dee's page is simply not there for him.
    bobs_page = open_page()
    sign_in(bobs_page, live_server, neighbour_user)
    expect(bobs_page.get_by_role("main")).not_to_contain_text("Dee Okafor")
    for name in ("people:detail", "people:easy_read", "people:circle"):
        response = bobs_page.goto(reverse(name, args=[dee.pk]))
        assert response is not None and response.status == 404, name
        expect(bobs_page.get_by_role("heading", level=1)).to_have_text("Page not found")
        expect(bobs_page.locator("body")).not_to_contain_text("Dee")
    axe_check(bobs_page, zoom=False)

    # Ngozi: now she can.
    ngozis_page = open_page()
    sign_in(ngozis_page, live_server, sister_user)
    ngozis_page.get_by_role("main").get_by_role("link", name="Dee Okafor").click()
    expect(ngozis_page.get_by_role("heading", level=1)).to_have_text("Dee Okafor")
    axe_check(ngozis_page)
