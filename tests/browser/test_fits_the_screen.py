"""Pages that held more than the screen, each checked in Chromium to fit it now.

At 320 px wide (1280 px at 400% zoom) Your account scrolled sideways with a long email address,
and the easy-read Plan Book's "The right people to support me" was wider than the phone. At
1280 px the ledger table cut off "Money to spend after" and the council's reconciliation cut off
"Closing held" and "Banked": the tables scrolled inside their frames on an ordinary screen. Every
page also passes axe-core (WCAG 2.2 AA) at 1280 and 320 px, which fails on sideways scrolling.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from directsupport.funds.ledger import posting
from directsupport.funds.models import Agreement, AgreementStatus, FeeKind, Fund, Kind
from directsupport.planbook.models import PlanBookStatus
from directsupport.planbook.tests.plan_book_support import version_at
from directsupport.planning.models import ToolKind, ToolSection

from .helpers import sign_in

START = dt.date(2026, 4, 1)
# What each frame of a table holds beyond what it shows, in CSS px (0 when the table fits).
TABLES_CUT_OFF = """
() => [...document.querySelectorAll(".table-wrap")].map(
  (wrap) => [wrap.querySelector("caption")?.textContent.trim(), wrap.scrollWidth - wrap.clientWidth]
).filter(([, hidden]) => hidden > 1)
"""


def _fund_with_big_figures(dee, provider, council, finance) -> Fund:
    """Dee's ISF with six-figure amounts and a long line, the widest a ledger row gets."""
    fund = Fund.objects.create(person=dee, provider=provider, council=council, reference="ISF-0001")
    Agreement.objects.create(
        fund=fund,
        version=1,
        status=AgreementStatus.APPROVED,
        annual_budget_pence=123_456_789,
        starts_on=START,
        ends_on=dt.date(2027, 3, 31),
        fee_kind=FeeKind.PERCENT,
        fee_basis_points=800,
        first_review_on=START + dt.timedelta(weeks=7),
    )
    posting.post(
        fund=fund,
        kind=Kind.ALLOCATION,
        lines=posting.allocation_lines(123_456_78),
        effective_on=START,
        description="Monthly allocation from the council for April, with the uplift agreed",
        counterparty=council.name,
        idempotency_key="fits-the-screen-allocation",
        actor=finance,
    )
    return fund


@pytest.mark.django_db(transaction=True)
def test_money_tables_fit_an_ordinary_screen(
    page: Page, live_server, axe_check, dee, provider, council, finance
):
    _fund_with_big_figures(dee, provider, council, finance)
    sign_in(page, live_server, finance)

    page.goto(f"/funds/people/{dee.pk}/ledger/")
    expect(page.get_by_role("columnheader", name="Money to spend after")).to_be_visible()
    assert page.evaluate(TABLES_CUT_OFF) == []
    axe_check(page)

    page.goto(f"/funds/councils/{council.pk}/reconciliation/?month=2026-04")
    expect(page.get_by_role("columnheader", name="Closing held")).to_be_in_viewport()
    assert page.evaluate(TABLES_CUT_OFF) == []
    axe_check(page)


@pytest.mark.django_db(transaction=True)
def test_a_long_email_address_and_easy_read_words_fit_a_phone(
    page: Page, live_server, axe_check, dee, coordinator
):
    coordinator.email = "priya.shah.coordinator.north.team@willowbrook-support-services.example"
    coordinator.save(update_fields=["email"])
    ToolSection.objects.create(
        person=dee,
        kind=ToolKind.MATCHING_SUPPORT,
        content={
            "rows": [
                {
                    "support": "Swimming on Saturdays",
                    "skills": "Strong swimmer, first aid",
                    "personality": "Patient, cheerful, unflappable",
                    "interests": "Music and cooking",
                }
            ]
        },
    )
    version = version_at(dee, PlanBookStatus.SHARED, by=coordinator)
    sign_in(page, live_server, coordinator)

    page.goto("/account/")
    expect(page.get_by_text(coordinator.email)).to_be_visible()
    axe_check(page)  # at 320 px too, where sideways scrolling fails

    page.goto(f"/planning/people/{dee.pk}/plan-book/{version.number}/easy-read/")
    expect(page.get_by_role("heading", name="The right people to support me")).to_be_visible()
    axe_check(page)
