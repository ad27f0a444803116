"""Dee says the council may see what she wants to achieve; Martin, the council's commissioner,
then reads her plan summary (her outcome, her money, no names from her circle) and finds no
Plan Book to open."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from playwright.sync_api import Page, expect

from directsupport.funds.models import Agreement, AgreementStatus, FeeKind, Fund
from directsupport.planbook.models import PlanBookStatus
from directsupport.planbook.tests.plan_book_support import add_outcome, version_at

from .helpers import sign_in, sign_out


def test_dee_shares_her_outcomes_and_martin_reads_her_plan_summary(
    page: Page,
    live_server,
    axe_check,
    dee,
    sister,
    person_user,
    coordinator,
    commissioner,
    provider,
    council,
):
    add_outcome(dee, "Cook Sunday lunch for Ngozi")
    version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)
    fund = Fund.objects.create(person=dee, provider=provider, council=council, reference="ISF-1")
    Agreement.objects.create(
        fund=fund,
        version=1,
        status=AgreementStatus.APPROVED,
        annual_budget_pence=3_120_000,
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2027, 3, 31),
        fee_kind=FeeKind.PERCENT,
        fee_basis_points=800,
        first_review_on=dt.date(2026, 5, 20),
    )

    # Dee, in easy read: yes to what she wants to achieve, no to the rest.
    sign_in(page, live_server, person_user)
    page.goto(f"{live_server.url}{reverse('people:permissions', args=[dee.pk])}")
    page.get_by_role("link", name="What I share with the council").click()
    heading = page.get_by_role("heading", level=2, name="What I share with the council")
    expect(heading).to_be_visible()
    axe_check(page)
    page.get_by_role("group", name="Can the council see what I want to achieve?").get_by_label(
        "Yes"
    ).check()
    page.get_by_role("button", name="Save my choices").click()
    expect(page.get_by_role("status")).to_contain_text("Your choices are saved")
    sign_out(page)

    # Martin: Dee's page shows no address or circle, and a Plan summary tab instead of a book.
    sign_in(page, live_server, commissioner)
    page.goto(f"{live_server.url}{reverse('people:detail', args=[dee.pk])}")
    expect(page.get_by_role("link", name="Plan Book")).to_have_count(0)
    axe_check(page)
    page.get_by_role("link", name="Plan summary").click()
    expect(page.get_by_role("heading", level=2, name="Dee's plan summary")).to_be_visible()
    main = page.locator("main")
    expect(main).to_contain_text("Cook Sunday lunch for my sister")
    expect(main).to_contain_text("£31,200.00 a year")
    expect(main).not_to_contain_text("Ngozi")
    axe_check(page)
