"""Dee's support: her needs drawn from her Perfect Week and her plan, set against her money, and
how she wants each arranged, through the real pages.

Priya (coordinator) opens "Dee's support" from Dee's page: the week costs more than Dee's ISF
leaves after the 8% fee, and the page says by how much, a week and a year. She draws Dee's
needs (three from the week, one from the outcome "I learn to swim"), refines the swimming need
with Dee (workers who are women), and records that Dee's sister said the samba band should be
shared with other people, first forgetting the sister's name. Dee signs in: her own page says
things wait for her answer; in easy read she reads "Your week costs ... That is ... short." and
says she wants to employ her own personal assistant for swimming. Every page passes axe-core
(WCAG 2.2 AA) at 1280 and 320 px wide, under the site's real CSP, with no script errors.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from directsupport.funds.models import Agreement, AgreementStatus, FeeKind, Fund
from directsupport.market.models import Commissioning, SupportNeed
from directsupport.market.tests.factories import PostcodeDistrictFactory
from directsupport.planning.models import Outcome, ToolKind, ToolSection
from directsupport.week.models import (
    Company,
    Rate,
    RateCard,
    SupportKind,
    SupportRatio,
    TimeBand,
    Week,
    WeekEntry,
    WeekKind,
)
from directsupport.week.pricing import plan_year_start

from .helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

HOURLY_PENCE = {
    TimeBand.DAY: 3200,
    TimeBand.EVENING: 3500,
    TimeBand.NIGHT: 3800,
    TimeBand.WEEKEND: 3600,
    TimeBand.BANK_HOLIDAY: 4800,
}


@pytest.fixture
def dees_plan(dee, provider, council, manager, sister):
    today = timezone.localdate()
    for code in ("HF1", "HF3", "HF4"):
        PostcodeDistrictFactory.create(code=code)
    dee.postcode = "HF3 2AB"
    dee.save(update_fields=["postcode"])
    card = RateCard.objects.create(
        organisation=provider,
        effective_from=today - dt.timedelta(days=200),
        sleep_in_pence=9500,
        created_by=manager,
    )
    Rate.objects.bulk_create(
        Rate(rate_card=card, support_kind=kind, band=band, pence_per_hour=pence)
        for kind in SupportKind
        if kind != SupportKind.SLEEP_IN
        for band, pence in HOURLY_PENCE.items()
    )
    week = Week.objects.create(person=dee, kind=WeekKind.PERFECT)
    first_thursday = plan_year_start(today) + dt.timedelta(days=3)
    rows: list[tuple[int, str, str, str, str, dict[str, Any]]] = [
        (1, "10:00", "13:00", "Swimming at the lido", "Hollowfield Lido, HF4 1AA", {}),
        (
            3,
            "19:00",
            "21:00",
            "Samba band",
            "Community hall",
            {"recurrence": "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "repeats_from": first_thursday},
        ),
        (5, "09:00", "17:00", "Day out in town", "", {"fixed": False}),
    ]
    for weekday, starts, ends, what, place, extra in rows:
        WeekEntry.objects.create(
            week=week,
            weekday=weekday,
            starts_at=dt.time.fromisoformat(starts),
            ends_at=dt.time.fromisoformat(ends),
            what=what,
            place=place,
            company=Company.PAID,
            support_ratio=SupportRatio.ONE_TO_ONE,
            support_kind=SupportKind.COMMUNITY_ACCESS,
            **extra,
        )
    Outcome.objects.create(person=dee, text="I learn to swim")
    ToolSection.objects.create(
        person=dee,
        kind=ToolKind.MATCHING_SUPPORT,
        content={
            "rows": [
                {
                    "support": "Everyday support at home and out and about",
                    "skills": "Knows Makaton, or will learn it",
                    "personality": "Calm and kind",
                    "interests": "Music",
                }
            ]
        },
    )
    fund = Fund.objects.create(person=dee, provider=provider, council=council, reference="ISF-7")
    Agreement.objects.create(
        fund=fund,
        version=1,
        status=AgreementStatus.APPROVED,
        annual_budget_pence=1_500_000,
        starts_on=today - dt.timedelta(days=60),
        ends_on=today + dt.timedelta(days=300),
        fee_kind=FeeKind.PERCENT,
        fee_basis_points=800,
        first_review_on=today - dt.timedelta(days=60) + dt.timedelta(weeks=7),
    )
    return dee


def test_a_coordinator_draws_dees_needs_and_dee_says_how_she_wants_them_done(
    page: Page, live_server, axe_check, dees_plan, coordinator, open_page, person_user
):
    dee = dees_plan
    sign_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/people/{dee.pk}/")
    page.get_by_role("navigation", name="Pages about Dee").get_by_role(
        "link", name="Dee's support", exact=True
    ).click()
    expect(page.get_by_role("heading", level=2, name="Dee's support")).to_be_visible()
    money = page.get_by_role("table", name="Dee's week against the money")
    expect(money).to_contain_text("Shortfall")
    expect(money).to_contain_text("Left for support")
    axe_check(page)

    page.get_by_role("button", name="Draw the needs").click()
    expect(page.get_by_role("main")).to_contain_text("Dee's needs are drawn: 4 added")
    swimming = page.get_by_role("article", name="Swimming at the lido")
    expect(swimming).to_contain_text("Hollowfield Lido, HF4 1AA (district HF4)")
    expect(swimming).to_contain_text("Knows Makaton")
    expect(page.get_by_role("article", name="I learn to swim")).to_contain_text("Swimming")
    expect(page.get_by_role("article", name="Samba band")).to_contain_text(
        "Community hall (near home, HF3)"
    )
    axe_check(page)

    swimming.get_by_role("link", name="Refine").click()
    expect(
        page.get_by_role("heading", level=2, name="Refine “Swimming at the lido” with Dee")
    ).to_be_visible()
    page.get_by_role("group", name="Workers' gender").get_by_role("radio", name="Women").check()
    axe_check(page)
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_role("main")).to_contain_text("The changes to 'Swimming at the lido'")
    expect(page.get_by_role("article", name="Swimming at the lido")).to_contain_text(
        "Refined by hand: workers' gender"
    )

    samba = page.get_by_role("article", name="Samba band")
    samba.get_by_role("link", name="Record how it is to be arranged").click()
    page.get_by_role("radio", name=Commissioning.JOINT.label).check()
    page.get_by_role("radio", name="Someone said it for Dee").check()
    page.get_by_role("button", name="Save").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("Give the name of who said it for Dee")
    expect(page.get_by_role("radio", name=Commissioning.JOINT.label)).to_be_checked()
    axe_check(page)
    page.get_by_label("Name of who said it for them").fill("Ngozi Okafor")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("article", name="Samba band")).to_contain_text(
        "Said for Dee by Ngozi Okafor"
    )

    dees = open_page()
    sign_in(dees, live_server, person_user)
    dees.goto(f"{live_server.url}/people/{dee.pk}/easy-read/")
    expect(dees.get_by_role("main")).to_contain_text("3 things wait for your answer.")
    axe_check(dees)
    dees.get_by_role("link", name="Say how I want my support done").click()
    expect(dees.get_by_role("heading", level=2, name="My support")).to_be_visible()
    expect(dees.get_by_role("main")).to_contain_text("Your week costs")
    expect(dees.get_by_role("main")).to_contain_text("a week short.")
    axe_check(dees)
    item = dees.locator(".easy-read-item", has_text="Swimming at the lido")
    item.get_by_role("radio", name="I employ my own personal assistant.").check()
    item.get_by_role("button", name="Save my answer").click()
    expect(dees.get_by_role("main")).to_contain_text("Thank you. Your answer is saved.")
    expect(dees.locator(".easy-read-item", has_text="Swimming at the lido")).to_contain_text(
        "You said: I employ my own personal assistant."
    )
    expect(dees.locator(".easy-read-item", has_text="Samba band")).to_contain_text(
        "Ngozi Okafor said this for you: I share it with other people."
    )
    expect(dees.locator(".easy-read-item", has_text="Samba band")).to_contain_text(
        "Every other Thursday at 7pm: Samba band."
    )
    axe_check(dees)
    # What Ngozi said for Dee is Dee's to check: she says it herself.
    samba = dees.locator(".easy-read-item", has_text="Samba band")
    samba.get_by_role("link", name="Change how you want this done").click()
    expect(dees.get_by_role("heading", level=2, name="How do you want this done?")).to_be_visible()
    expect(dees.get_by_role("radio", name="I share it with other people.")).to_be_checked()
    axe_check(dees)
    dees.get_by_role("button", name="Save my answer").click()
    expect(dees.locator(".easy-read-item", has_text="Samba band")).to_contain_text(
        "You said: I share it with other people."
    )
    dees.get_by_role("link", name="My support", exact=True).first.click()
    expect(dees.get_by_role("heading", level=2, name="My support")).to_be_visible()
    axe_check(dees)

    need = SupportNeed.objects.get(what="Swimming at the lido")
    assert (need.commissioning, need.commissioning_said_by) == (Commissioning.OWN_PA, "Dee Okafor")
