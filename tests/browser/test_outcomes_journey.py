"""How it's going for Dee, through the real pages: Sam (her support worker) adds to her learning
log what he learned at the lido, after the page tells him what was missing; Priya (her
coordinator) records that Dee's swimming outcome is now partly achieved, and how she knows; Dee
reads her goals in her own words ("How my goals are going"), with the step each has reached shown
as a shape and words, and what was learned beside it.

Every page passes axe-core (WCAG 2.2 AA) at 1280 and 320 px, under the site's real CSP.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from directsupport.coproduction.models import LearningLogEntry, OutcomeProgress, Progress
from directsupport.planning.models import Outcome, OutcomeAction

from .helpers import sign_in, sign_out

# The browser and the live server share the real clock, so the outcome is written two months
# before today (read when the fixture runs: a run can cross midnight), whatever day it is.
SWIM = "I swim at the lido every week"
EVIDENCE = "Dee swam for 40 minutes on Tuesday and asked to go again; Sam and the lifeguard saw it."


@pytest.fixture
def swim(dee, coordinator) -> Outcome:
    today = timezone.localdate()
    written = dt.datetime.combine(
        today - dt.timedelta(days=60), dt.time(11), tzinfo=ZoneInfo(settings.TIME_ZONE)
    )
    outcome = Outcome.objects.create(
        person=dee, text=SWIM, created_by=coordinator, created_at=written, updated_at=written
    )
    OutcomeAction.objects.create(
        outcome=outcome,
        what="Find a quiet swim time",
        who="Sam",
        by_when=today + dt.timedelta(days=14),
    )
    return outcome


def _open_tab(page: Page, live_server, dee, label: str, *, own: bool = False) -> None:
    page.goto(f"{live_server.url}/people/{dee.pk}/")
    nav = "My pages" if own else "Pages about Dee"
    page.get_by_role("navigation", name=nav).get_by_role("link", name=label).click()
    expect(page.get_by_role("heading", level=2, name=label)).to_be_visible()


def test_sam_logs_priya_records_and_dee_reads(
    page: Page, live_server, axe_check, dee, worker, coordinator, person_user, swim
):
    # Sam adds to the learning log.
    sign_in(page, live_server, worker)
    _open_tab(page, live_server, dee, "How it's going for Dee")
    axe_check(page)
    page.get_by_role("link", name="See the learning log").click()
    expect(page.get_by_role("heading", name="Dee's learning log")).to_be_visible()
    expect(page.locator(".result-count")).to_have_text("0 entries.")
    axe_check(page)
    page.get_by_role("link", name="Add to the learning log").click()
    page.get_by_label("What was the activity?").fill("Tried the 10am swim")
    page.get_by_label("Who was there?").fill("Dee and Sam")
    page.get_by_role("button", name="Add to the learning log").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Say what worked, what did not, or both.")
    expect(page.get_by_label("What was the activity?")).to_have_value("Tried the 10am swim")
    axe_check(page)
    page.get_by_label("What worked?").fill("Quieter: Dee stayed the whole hour.")
    page.get_by_label("What did not work?").fill("The changing room was cold.")
    page.get_by_label("Which outcome is it about?").select_option(label=SWIM)
    page.get_by_role("button", name="Add to the learning log").click()
    expect(page.locator(".notice--success")).to_contain_text("Added “Tried the 10am swim”")
    expect(page.locator(".result-count")).to_have_text("1 entry.")
    expect(page.locator("main table")).to_contain_text("Quieter: Dee stayed the whole hour.")
    axe_check(page)
    sign_out(page)

    # Priya records progress.
    sign_in(page, live_server, coordinator)
    _open_tab(page, live_server, dee, "How it's going for Dee")
    page.get_by_role("link", name="See each outcome's progress").click()
    expect(page.get_by_role("heading", name="How Dee's outcomes are going")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name=f"Record progress on “{SWIM}”").click()
    expect(page.get_by_role("heading", name="Record progress")).to_be_visible()
    axe_check(page)
    page.get_by_role("group", name="How far has it got?").get_by_label("Partly achieved").check()
    page.get_by_role("button", name="Record progress").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "Say how you know: what happened, who saw it."
    )
    axe_check(page)
    page.get_by_label("How do you know?").fill(EVIDENCE)
    page.get_by_role("button", name="Record progress").click()
    expect(page.locator(".notice--success")).to_contain_text("as partly achieved")
    outcome = page.locator(f"#outcome-{swim.pk}")
    expect(outcome).to_contain_text("Now: ◑ Partly achieved")
    expect(outcome).to_contain_text(EVIDENCE)
    expect(outcome.locator('[aria-current="step"]')).to_contain_text("Partly achieved")
    axe_check(page)
    sign_out(page)

    # Dee reads her goals, in her own words.
    sign_in(page, live_server, person_user)
    _open_tab(page, live_server, dee, "How it's going", own=True)
    main = page.locator("main")
    for heading in ("My reviews", "What I said", "My goals", "What we learned"):
        expect(main.get_by_role("heading", name=heading)).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="See how my goals are going").click()
    expect(page.get_by_role("heading", name="How my goals are going")).to_be_visible()
    outcome = page.locator(f"#outcome-{swim.pk}")
    expect(outcome).to_contain_text("Partly achieved")
    expect(outcome).to_contain_text(EVIDENCE)
    expect(outcome).to_contain_text("Tried the 10am swim")
    expect(outcome).to_contain_text("Find a quiet swim time")
    expect(page.get_by_role("link", name="Record progress")).to_have_count(0)
    axe_check(page)

    progress = OutcomeProgress.objects.get()
    assert (progress.status, progress.recorded_by) == (Progress.PARTLY, coordinator)
    assert LearningLogEntry.objects.get().recorded_by == worker
