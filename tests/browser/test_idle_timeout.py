"""The idle-timeout warning: it appears, "Stay signed in" keeps the session, and doing nothing
signs the user out with an explanation. Timeouts are shortened to seconds for the test."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, expect

from .helpers import sign_in

IDLE_TIMEOUT = 8
IDLE_WARNING = 5
TIMED_OUT_MESSAGE = "You were signed out because nothing happened for a while"


@pytest.fixture
def short_idle_timeout(settings):
    # Read on every request by the middleware and the context processor, so the live server
    # (another thread, same settings object) sees them too.
    settings.SESSION_IDLE_TIMEOUT = IDLE_TIMEOUT
    settings.SESSION_IDLE_WARNING = IDLE_WARNING


def test_stay_signed_in_keeps_the_session(
    page: Page, live_server, axe_check, coordinator, short_idle_timeout
):
    sign_in(page, live_server, coordinator)
    signed_in_at = time.monotonic()
    dialog = page.get_by_role("alertdialog", name="You are about to be signed out")
    expect(dialog).to_be_hidden()

    expect(dialog).to_be_visible(timeout=IDLE_TIMEOUT * 1000)
    stay = dialog.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()  # keyboard and screen reader users land on the way out
    expect(dialog).to_contain_text("seconds")
    axe_check(page, zoom=False)
    stay.click()
    expect(dialog).to_be_hidden()

    # Wait until the original session would have run out, then carry on: still signed in.
    time.sleep(max(0.0, IDLE_TIMEOUT + 1 - (time.monotonic() - signed_in_at)))
    page.goto("/people/")
    expect(page).to_have_url(f"{live_server.url}/people/")
    expect(page.locator("header")).to_contain_text("Signed in as Priya Shah")


def test_doing_nothing_signs_out_with_an_explanation(
    page: Page, live_server, axe_check, dee, person_user, short_idle_timeout
):
    sign_in(page, live_server, person_user)
    expect(page).to_have_url(f"{live_server.url}/people/{dee.pk}/easy-read/")

    expect(page.get_by_role("alertdialog")).to_be_visible(timeout=IDLE_TIMEOUT * 1000)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sign in", timeout=(IDLE_TIMEOUT + 4) * 1000
    )
    expect(page.get_by_role("status")).to_contain_text(TIMED_OUT_MESSAGE)
    expect(page.locator("header")).not_to_contain_text("Signed in as")
    axe_check(page, zoom=False)

    # Really signed out on the server, not just shown the sign-in page.
    page.goto(f"/people/{dee.pk}/easy-read/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
