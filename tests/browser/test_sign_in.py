"""Signing in and out in a real browser, with the keyboard only too, and the lockout."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.factories import PASSWORD

from .helpers import give_backup_code, sign_in, sign_out, title

WRONG_PASSWORD_MESSAGE = "The email address or password is not right"


def test_sign_in_page_is_clear_and_accessible(page: Page, live_server, axe_check, db):
    page.goto("/")
    expect(page).to_have_url(f"{live_server.url}/account/sign-in/?next=/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page).to_have_title(title("Sign in"))
    expect(page.get_by_label("Email address")).to_have_attribute("autocomplete", "username")
    expect(page.get_by_label("Password")).to_have_attribute("autocomplete", "current-password")
    axe_check(page)


def test_wrong_password_shows_the_message_and_keeps_the_email(
    page: Page, live_server, axe_check, coordinator
):
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(coordinator.email)
    page.get_by_label("Password").fill("not the password at all")
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_title(title("Error: Sign in"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text(WRONG_PASSWORD_MESSAGE)
    expect(summary).to_be_focused()  # screen reader and keyboard users hear the problem first
    expect(page.get_by_label("Email address")).to_have_value(coordinator.email)
    expect(page.get_by_label("Password")).to_have_value("")
    axe_check(page)


def test_coordinator_signs_in_with_a_backup_code_and_signs_out(
    page: Page, live_server, axe_check, coordinator, dee
):
    give_backup_code(coordinator, "abcde23456")
    page.goto("/account/sign-in/")
    axe_check(page, zoom=False)
    page.get_by_label("Email address").fill(coordinator.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check it is you")
    code = page.get_by_label("Code", exact=True)
    expect(code).to_have_attribute("autocomplete", "one-time-code")
    axe_check(page)
    # Backup code typed with a dash, as people copy them: still accepted.
    code.fill("abcde-23456")
    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Priya")
    expect(page.locator("header")).to_contain_text("Signed in as Priya Shah")
    expect(page.get_by_role("status")).to_contain_text("You used a backup code")
    axe_check(page)

    sign_out(page)
    expect(page.get_by_role("status")).to_contain_text("You have signed out.")
    axe_check(page, zoom=False)
    page.goto("/people/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_five_wrong_passwords_lock_the_account(page: Page, live_server, axe_check, coordinator):
    page.goto("/account/sign-in/")
    for attempt in range(1, 6):
        page.get_by_label("Email address").fill(coordinator.email)
        page.get_by_label("Password").fill(f"wrong password number {attempt}")
        page.get_by_role("button", name="Sign in").click()
        if attempt < 5:
            expect(page.get_by_role("alert")).to_contain_text(WRONG_PASSWORD_MESSAGE)

    expect(page.get_by_role("heading", level=1)).to_have_text("Account locked for now")
    expect(page.locator("main")).to_contain_text("locked it for 30 minutes")
    axe_check(page)

    # Even the right password is refused while locked.
    page.get_by_role("link", name="Back to sign in").click()
    page.get_by_label("Email address").fill(coordinator.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Account locked for now")


def test_person_without_two_factor_lands_on_their_easy_read_page(
    page: Page, live_server, axe_check, dee, person_user
):
    sign_in(page, live_server, person_user)
    expect(page).to_have_url(f"{live_server.url}/people/{dee.pk}/easy-read/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dee")
    expect(page.get_by_role("button", name="Read this to me")).to_be_visible()
    axe_check(page)


def test_keyboard_only_sign_in(page: Page, live_server, axe_check, worker):
    """The skip link, the fields and the buttons all work from the keyboard; Enter submits."""
    give_backup_code(worker, "keyboard23")
    page.goto("/account/sign-in/")
    email = page.get_by_label("Email address")
    expect(email).to_be_focused()  # autofocus: ready to type

    # Back up to the skip link: it is the first thing on the page, and visible when focused.
    skip_link = page.get_by_role("link", name="Skip to main content")
    for _ in range(4):
        page.keyboard.press("Shift+Tab")
        if skip_link.evaluate("el => el === document.activeElement"):
            break
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    page.keyboard.press("Tab")
    expect(email).to_be_focused()
    page.keyboard.type(worker.email)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Check it is you")
    expect(page.get_by_label("Code", exact=True)).to_be_focused()
    page.keyboard.type("keyboard23")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Sam")

    # On a page without a form, the first Tab lands on the skip link.
    page.goto("/")
    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    axe_check(page, zoom=False)
