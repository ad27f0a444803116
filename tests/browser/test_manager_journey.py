"""Helen, a manager, adds a new user, deactivates a leaver (signed out at once) and looks
through the audit log with a filter."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from directsupport.accounts.models import User

from .helpers import sign_in, title


def test_manager_adds_a_user(page: Page, live_server, axe_check, manager):
    sign_in(page, live_server, manager)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team")
    axe_check(page)

    page.get_by_role("link", name="Add a user").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a user")
    axe_check(page)

    # Nothing filled in: clear messages, and the name typed so far is kept.
    page.get_by_label("Full name").fill("Alex Morgan")
    page.get_by_role("button", name="Add and send invitation").click()
    expect(page).to_have_title(title("Error: Add a user", "Team"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Enter their email address.")
    expect(summary).to_contain_text("Choose a role.")
    expect(page.get_by_label("Full name")).to_have_value("Alex Morgan")
    axe_check(page)

    # The error summary links take keyboard users to the field.
    summary.get_by_role("link", name="Enter their email address.").click()
    expect(page.get_by_label("Email address")).to_be_focused()
    page.get_by_label("Email address").fill("alex@willowbrook.example")
    page.get_by_role("radio", name="Support worker").check()
    page.get_by_role("button", name="Add and send invitation").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Alex Morgan")
    expect(page.get_by_role("status")).to_contain_text("Alex Morgan has been added")
    expect(page.locator("main")).to_contain_text("Support worker")
    axe_check(page)
    added = User.objects.get(email="alex@willowbrook.example")
    assert added.organisation == manager.organisation
    assert added.role == "support_worker"


def test_deactivated_leaver_is_signed_out_at_once(
    page: Page, open_page, live_server, axe_check, manager, worker
):
    # Sam is signed in on another computer.
    sams_page = open_page()
    sign_in(sams_page, live_server, worker, backup_code="samcode234")

    sign_in(page, live_server, manager)
    page.goto("/team/")
    page.get_by_role("main").get_by_role("link", name="Sam Patel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam Patel")
    axe_check(page)
    page.get_by_role("link", name="Deactivate Sam Patel's account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deactivate Sam Patel's account?")
    axe_check(page)
    page.get_by_role("button", name="Yes, deactivate the account").click()

    expect(page.get_by_role("status")).to_contain_text("Sam Patel's account is deactivated")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Deactivated")
    axe_check(page)

    # Sam's very next click signs them out, and they cannot sign back in.
    sams_page.goto("/people/")
    expect(sams_page.get_by_role("heading", level=1)).to_have_text("Sign in")
    sams_page.get_by_label("Email address").fill(worker.email)
    sams_page.get_by_label("Password").fill("correct horse battery staple")
    sams_page.get_by_role("button", name="Sign in").click()
    expect(sams_page.get_by_role("alert")).to_be_visible()
    expect(sams_page.get_by_role("heading", level=1)).to_have_text("Sign in")

    # The team list can show just the deactivated accounts.
    page.goto("/team/")
    page.get_by_label("Status").select_option(label="Deactivated")
    page.get_by_role("button", name="Search").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text("Sam Patel")
    expect(table).not_to_contain_text("Helen Carter")
    axe_check(page)


def test_manager_browses_the_audit_log_with_a_filter(
    page: Page, live_server, axe_check, manager, coordinator, dee
):
    # Priya looks at Dee's page, so there is something about Dee in the log.
    sign_in(page, live_server, coordinator)
    page.goto(f"/people/{dee.pk}/")
    page.context.clear_cookies()

    sign_in(page, live_server, manager)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit log")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Helen Carter (manager) signed in")
    axe_check(page)

    page.get_by_label("About whom").fill("Dee")
    page.get_by_label("What happened").select_option(label="Looked at")
    page.get_by_role("button", name="Filter").click()

    expect(table).to_contain_text("Priya Shah (coordinator) looked at Dee Okafor's")
    expect(table).not_to_contain_text("signed in")
    expect(page.get_by_label("About whom")).to_have_value("Dee")
    axe_check(page)

    # A date that is not a date: a clear message, the other filters kept.
    page.get_by_label("From").fill("31/02/2025")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a real date, like 27/3/2025.")
    expect(page.get_by_label("About whom")).to_have_value("Dee")
    axe_check(page)
