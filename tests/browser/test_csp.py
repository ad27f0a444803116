"""The Content Security Policy really is enforced, and the main pages live within it.

Every browser test runs under the real CSP (axe-core is injected through the DevTools protocol,
which the CSP does not govern, so no test needs bypass_csp). This test walks the main pages as
the roles that see them and checks each one explicitly: the header is sent without
'unsafe-inline', and the page broke no rule of it.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from playwright.sync_api import Page, expect

from .helpers import csp_violations, sign_in, sign_out


def _check(page: Page, path: str, seen: list[str]) -> None:
    response = page.goto(path)
    assert response is not None
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy, f"{path}: {policy!r}"
    assert "unsafe-inline" not in policy, f"{path}: {policy!r}"
    assert response.status == 200, f"{path} answered {response.status}"
    page.wait_for_load_state("load")
    assert csp_violations(page) == [], f"{path}: {csp_violations(page)}"
    seen.append(path)


def _url(name: str, *args: int) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None  # the page is not built yet; its own journey test says so


def test_main_pages_break_no_csp_rule(
    page: Page, live_server, manager, coordinator, dee, sister, neighbour, person_user
):
    seen: list[str] = []
    _check(page, "/account/sign-in/", seen)

    sign_in(page, live_server, manager)
    staff_pages = [
        "/",
        _url("people:list"),
        _url("people:add"),
        _url("people:detail", dee.pk),
        _url("people:edit", dee.pk),
        _url("people:circle", dee.pk),
        _url("people:circle_add", dee.pk),
        _url("people:who_looked", dee.pk),
        _url("team:list"),
        _url("team:add"),
        _url("team:member", coordinator.pk),
        _url("audit:log"),
        _url("accounts:account"),
        _url("accounts:change_password"),
    ]
    for path in filter(None, staff_pages):
        _check(page, path, seen)
    sign_out(page)

    sign_in(page, live_server, person_user)
    expect(page).to_have_url(f"{live_server.url}/people/{dee.pk}/easy-read/")
    for path in filter(
        None, [_url("people:easy_read", dee.pk), _url("people:permissions", dee.pk)]
    ):
        _check(page, path, seen)

    assert len(seen) >= 10, seen
