"""Helen, a manager behind two-factor, walks every page of the back office she can reach: the
index, each section, every registered record's list (sorted, filtered, searched and paged), its
add page where she may add, one record's page, its history and its delete page where she may
delete. Each page is checked with axe at 1280 and 320 px and must break no CSP rule.

The walk follows the links the back office itself shows, so a newly registered record is walked
without changing this test; pages that differ only by an id or a query value are walked once.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from directsupport.accounts.admin_site import admin_site
from directsupport.accounts.models import User
from directsupport.people.models import Area
from tests.factories import AreaFactory, PersonFactory

from .helpers import sign_in

BACK_OFFICE = "/back-office/"
# Links that leave the back office's pages or act rather than show.
NOT_WALKED = re.compile(r"^/back-office/(logout|password_change|jsi18n|r|autocomplete)/")


@pytest.fixture
def back_office_manager(manager) -> User:
    manager.is_staff = True
    manager.save()
    return manager


@pytest.fixture
def records(provider, coordinator, dee) -> None:
    """Enough of each record to fill every list, and more areas than one page holds."""
    per_page = admin_site.get_model_admin(Area).list_per_page
    AreaFactory.create_batch(per_page, organisation=provider)
    PersonFactory.create_batch(3, organisation=provider, coordinator=coordinator)


def _shape(url: str) -> str:
    """What a page is, whatever its ids and query values: /back-office/people/area/N/change/?."""
    parts = urlsplit(url)
    path = re.sub(r"/\d+/", "/N/", parts.path)
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return path + ("?" + "&".join(keys) if keys else "")


def _links(page: Page) -> list[str]:
    """The back-office pages this page links to, as path and query."""
    hrefs: list[str] = page.eval_on_selector_all(
        "a[href]", "links => links.map(link => link.getAttribute('href'))"
    )
    found = []
    for href in hrefs:
        target = urlsplit(urljoin(page.url, href))
        if target.netloc != urlsplit(page.url).netloc or href.startswith("#"):
            continue
        if target.path.startswith(BACK_OFFICE) and not NOT_WALKED.match(target.path):
            found.append(target.path + (f"?{target.query}" if target.query else ""))
    return found


def test_every_back_office_page_is_accessible_and_within_the_csp(
    page: Page, live_server, axe_check, back_office_manager, records
):
    sign_in(page, live_server, back_office_manager)

    to_walk = [BACK_OFFICE]
    seen_shapes: set[str] = set()
    while to_walk:
        url = to_walk.pop(0)
        shape = _shape(url)
        if shape in seen_shapes:
            continue
        seen_shapes.add(shape)
        response = page.goto(url)
        assert response is not None and response.status == 200, f"{url}: {response}"
        expect(page.locator("#content h1, #content h2").first).to_be_visible()
        axe_check(page)
        to_walk.extend(_links(page))

    # The walk reached every registered record's list and one record of each.
    for model in admin_site._registry:
        opts = model._meta
        base = f"{BACK_OFFICE}{opts.app_label}/{opts.model_name}/"
        assert base in seen_shapes, f"never reached the list of {opts.verbose_name_plural}"
        assert f"{base}N/change/" in seen_shapes, f"never opened one {opts.verbose_name}"
    # ...and the pages a manager may use to change things: paging, adding, deleting.
    for expected in ("/back-office/people/area/?p", "/back-office/people/area/add/"):
        assert expected in seen_shapes, f"never reached {expected}"
    assert "/back-office/people/area/N/delete/" in seen_shapes

    # A form sent back with a mistake shows its errors accessibly too.
    page.goto(f"{BACK_OFFICE}people/area/add/")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errornote")).to_be_visible()
    axe_check(page)

    # A search, which no link leads to.
    page.goto(f"{BACK_OFFICE}accounts/user/")
    page.locator("#searchbar").fill("Priya")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#result_list")).to_contain_text("Priya Shah")
    axe_check(page)

    print(f"Back-office pages checked: {axe_check.checked}")
