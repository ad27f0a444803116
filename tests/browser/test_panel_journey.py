"""The co-production panel, through the real pages: Priya plans a meeting and uploads an
easy-read paper; Jo (an expert by experience) signs in, finds the meeting and the paper on her
home page, opens the paper, and claims her time for the last meeting, seeing first that it takes
her week near her benefits limit (her choice: she sends it); Grace in finance sees the same
warning and approves the claim.

Every page passes axe-core (WCAG 2.2 AA) at 1280 and 320 px, under the site's real CSP.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from directsupport.coproduction.models import ClaimStatus, MeetingPaper, PaperRead, TimeClaim
from directsupport.coproduction.panel.services import (
    add_member,
    claim_time,
    plan_meeting,
    record_attendance,
    set_up_panel,
)

from .helpers import sign_in, sign_out

TINY_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
# The browser and the live server share the real clock: everything counts from now, read
# when it is needed (not when the module is imported: a run can cross midnight).


@pytest.fixture
def private_storage(settings: Any, tmp_path: Any) -> Any:
    folder = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder), "base_url": None},
        },
    }
    return folder


@pytest.fixture
def jos_panel(provider, coordinator, expert) -> Any:
    """Willowbrook's panel with Jo as a member; she came to a meeting that ended an hour ago
    and has already claimed five hours of other work that day (£100.00)."""
    panel = set_up_panel(
        actor=coordinator,
        organisation=provider,
        fields={
            "name": "Willowbrook co-production panel",
            "hourly_rate_pence": 2000,
            "weekly_limit_pence": 19_500,
            "warn_at_percent": 80,
        },
    )
    jo = add_member(
        actor=coordinator,
        panel=panel,
        name="Jo Whitfield",
        joined_on=timezone.localdate() - dt.timedelta(days=400),
        user=expert,
    )
    last = plan_meeting(
        actor=coordinator,
        panel=panel,
        title="Preferred-supplier criteria",
        starts_at=timezone.now() - dt.timedelta(hours=3),
        ends_at=timezone.now() - dt.timedelta(hours=1),
        place="Willowbrook office",
        invite=[jo],
    )
    record_attendance(
        actor=coordinator, meeting=last, statuses={jo.pk: "attended"}, notes="", held=True
    )
    claim_time(
        actor=expert,
        member=jo,
        worked_on=timezone.localtime(last.starts_at).date(),
        what="Interview panel for new support workers",
        meeting_minutes=300,
    )
    return panel


@pytest.mark.django_db(transaction=True)
def test_a_meeting_planned_read_and_claimed_for(
    page: Page,
    live_server,
    axe_check,
    coordinator,
    expert,
    finance,
    jos_panel,
    private_storage,
    tmp_path,
):
    # Priya plans the meeting and adds the easy-read paper.
    sign_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/coproduction/panel/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Willowbrook co-production panel")
    axe_check(page)
    page.get_by_role("link", name="Plan a meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan a panel meeting")
    axe_check(page)
    page.get_by_label("What the meeting is about").fill("How reviews run")
    next_week = timezone.localdate() + dt.timedelta(days=7)
    page.get_by_label("Date of the meeting").fill(next_week.isoformat())
    page.get_by_label("Starts at").fill("10:30")
    page.get_by_label("Ends at").fill("12:30")
    page.get_by_label("Where").fill("Hollowfield Community Centre, room 2")
    page.get_by_label("Agenda item 1").fill("What a good review feels like")
    page.get_by_label("Minutes for item 1").fill("40")
    expect(page.get_by_label("Jo Whitfield")).to_be_checked()
    page.get_by_role("button", name="Plan the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How reviews run")
    axe_check(page)

    page.get_by_role("link", name="Add a paper").click()
    axe_check(page)
    page.get_by_label("Title of the paper").fill("How reviews run (easy read)")
    paper_file = tmp_path / "reviews.pdf"
    paper_file.write_bytes(TINY_PDF)
    page.get_by_label("The file").set_input_files(str(paper_file))
    page.get_by_role("button", name="Add the paper").click()
    expect(page.locator(".notices")).to_contain_text("The paper 'How reviews run (easy read)'")
    expect(page.locator("main")).to_contain_text("Easy read")
    axe_check(page)
    paper = MeetingPaper.objects.get()
    sign_out(page)

    # Jo finds it on her home page and opens the paper.
    sign_in(page, live_server, expert)
    main = page.locator("main")
    expect(main.get_by_role("heading", name="How reviews run")).to_be_visible()
    expect(main).to_contain_text("Hollowfield Community Centre, room 2")
    paper_link = main.get_by_role("link", name="How reviews run (easy read)")
    expect(paper_link).to_be_visible()
    axe_check(page)
    href = paper_link.get_attribute("href")
    opened = page.request.get(f"{live_server.url}{href}")
    assert opened.status == 200
    assert opened.body() == TINY_PDF
    assert PaperRead.objects.filter(paper=paper, member__user=expert).exists()
    page.reload()
    expect(main).to_contain_text("You have opened all the papers for your next meetings.")

    # She claims her time for the meeting she came to: the warning first, then her choice.
    page.get_by_role("link", name="Claim my time for Preferred-supplier criteria").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Claim my time")
    expect(page.get_by_label("Time at the meeting")).to_have_value("2:00")
    axe_check(page)
    page.get_by_label("Time getting ready (reading papers)").fill("1:00")
    page.get_by_label("Time travelling").fill("0.5")
    page.get_by_role("button", name="Send my claim").click()
    warning = page.get_by_role("alert")
    expect(warning).to_contain_text("This claim takes your week to £170.00 of your £195.00 limit.")
    expect(warning).to_contain_text("It is your choice")
    assert TimeClaim.objects.count() == 1
    axe_check(page)
    page.get_by_role("button", name="Yes, send the claim").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My time claims")
    expect(page.locator(".notices")).to_contain_text("Your claim for £70.00 has been sent.")
    axe_check(page)
    sign_out(page)

    # Grace in finance sees the same warning and approves.
    sign_in(page, live_server, finance)
    page.goto(f"{live_server.url}/coproduction/panel/claims/?status=claimed")
    axe_check(page)
    page.get_by_role("link", name="Decide on Jo Whitfield's claim").first.click()
    expect(page.locator("main")).to_contain_text("Jo Whitfield's week to £170.00")
    axe_check(page)
    page.get_by_label("Approve the claim").check()
    page.get_by_role("button", name="Save the decision").click()
    expect(page.locator(".notices")).to_contain_text("Jo Whitfield's claim is approved.")
    claim = TimeClaim.objects.get(meeting__isnull=False)
    assert claim.status == ClaimStatus.APPROVED
    assert claim.amount_pence == 7000
