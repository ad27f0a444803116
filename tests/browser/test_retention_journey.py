"""Helen, a manager, reviews records past their retention period: she reads the schedule, opens
the review list, tries to keep Dee's money records without a reason (and is told what to add),
keeps them with one, then destroys Dee's circle contact details, which leaves only a note."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from playwright.sync_api import Page, expect

from directsupport.funds.ledger import posting
from directsupport.funds.models import Fund, Kind
from directsupport.people.models import Person
from directsupport.retention.models import DestructionLog, KeepDecision

from .helpers import sign_in, title


def _years_ago(years: int) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years, day=min(today.day, 28))


def test_manager_reviews_records_past_their_time(
    page: Page, live_server, axe_check, manager, finance, dee, sister, provider, council
):
    # Dee's support ended 9 years ago; her fund's last money is from then too.
    Person.objects.filter(pk=dee.pk).update(support_ended_on=_years_ago(9))
    fund = Fund.objects.create(person=dee, provider=provider, council=council, reference="ISF-7")
    posting.post(
        fund=fund,
        kind=Kind.ALLOCATION,
        lines=posting.allocation_lines(260_000),
        effective_on=_years_ago(9),
        description="Monthly allocation",
        idempotency_key="retention-journey-1",
        actor=finance,
    )

    sign_in(page, live_server, manager)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Keeping records").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How long we keep people's records")
    axe_check(page)

    page.get_by_role("link", name="Records due for review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Records due for review")
    expect(page.get_by_role("main")).to_contain_text("Money records: 4 records")
    axe_check(page)

    page.get_by_role("link", name="Dee Okafor").click()
    expect(page.get_by_role("heading", level=2, name="Records held about Dee")).to_be_visible()
    axe_check(page)

    # Keep without a reason: a clear message, and the day typed is kept.
    page.get_by_role("radio", name="Money records (4)").check()
    next_review = timezone.localdate() + dt.timedelta(days=200)
    page.get_by_label("Look at them again on").fill(next_review.isoformat())
    page.get_by_role("button", name="Keep them").click()
    expect(page).to_have_title(title("Error: Records held about Dee Okafor"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Say why these records must be kept longer.")
    expect(page.get_by_label("Look at them again on")).to_have_value(next_review.isoformat())
    axe_check(page)

    page.get_by_label("Why they must be kept longer").fill("The council's audit is still open.")
    page.get_by_role("button", name="Keep them").click()
    expect(page.get_by_role("status")).to_contain_text("Kept, with your reason.")
    assert KeepDecision.objects.get().reason == "The council's audit is still open."

    # Destroy the circle's phone numbers and addresses, confirming it cannot be undone.
    page.get_by_role("checkbox", name="Circle members' contact details (1)").check()
    page.get_by_label("Why", exact=True).fill("Support ended years ago; no one needs them.")
    page.get_by_role("checkbox", name="I understand").check()
    page.get_by_role("button", name="Destroy the records I chose").click()
    expect(page.get_by_role("status")).to_contain_text("Destroyed 1 record.")
    expect(page.get_by_role("main")).to_contain_text("Already destroyed")
    axe_check(page)
    log = DestructionLog.objects.get()
    assert (log.target, log.rows_destroyed) == ("circle_contacts", 1)


def test_manager_decides_a_request_to_erase(
    page: Page, live_server, axe_check, manager, dee, sister
):
    """Dee, still supported, asks for her family's details to be erased: the page says her care
    records must be kept and her circle's contact details can go; Helen decides each part."""
    sign_in(page, live_server, manager)
    page.goto(f"/people/{dee.pk}/")
    page.get_by_role("link", name="Keeping Dee's records").click()
    page.get_by_role("link", name="Record a request to erase their information").click()
    expect(
        page.get_by_role("heading", level=2, name="Record a request to erase Dee's information")
    ).to_be_visible()
    axe_check(page)
    page.get_by_label("Who asked").fill("Dee Okafor (the person)")
    page.get_by_label("What they asked to be erased").fill("My sister's phone number.")
    page.get_by_role("button", name="Record the request").click()
    expect(page.get_by_role("status")).to_contain_text("Nothing has been erased yet.")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Must be kept: the law says 8 years after their support ends")
    expect(main).to_contain_text("Can be erased: held only because they agreed to it.")
    axe_check(page)

    # Every part needs a choice and a reason: nothing chosen, every part is named.
    page.get_by_role("button", name="Record my decision").click()
    expect(page.get_by_role("alert")).to_contain_text("Care records: choose erase or keep.")
    axe_check(page)

    for region in ("Care records", "Who looked at or changed their information", "Their sign-in"):
        part = page.get_by_role("region", name=region)
        part.get_by_role("radio", name="Keep").check()
        part.get_by_label(f"{region}: your reason").fill("The law says we must keep these.")
    contacts = page.get_by_role("region", name="Circle members' contact details")
    contacts.get_by_role("radio", name="Erase").check()
    contacts.get_by_label("Circle members' contact details: your reason").fill(
        "Held only with Ngozi's agreement, which she has withdrawn."
    )
    # Asking to erase care records within their time is refused beside that choice, and the
    # reasons typed are kept.
    care = page.get_by_role("region", name="Care records")
    care.get_by_role("radio", name="Erase").check()
    page.get_by_role("button", name="Record my decision").click()
    expect(page.get_by_role("alert")).to_contain_text("Care records cannot be erased now.")
    expect(contacts.get_by_label("Circle members' contact details: your reason")).to_have_value(
        "Held only with Ngozi's agreement, which she has withdrawn."
    )
    axe_check(page)
    page.get_by_role("region", name="Care records").get_by_role("radio", name="Keep").check()
    page.get_by_role("button", name="Record my decision").click()
    expect(page.get_by_role("status")).to_contain_text("Decided.")
    expect(page.get_by_role("main")).to_contain_text("Erased: 1 circle members' contact details")
    axe_check(page)
