"""Helen, a manager, reviews records past their retention period: she reads the schedule, opens
the review list, tries to keep Dee's money records without a reason (and is told what to add),
keeps them with one, then destroys Dee's circle contact details, which leaves only a note."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from playwright.sync_api import Page, expect

from directsupport.funds import ledger
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
    ledger.post(
        fund=fund,
        kind=Kind.ALLOCATION,
        lines=ledger.allocation_lines(260_000),
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
