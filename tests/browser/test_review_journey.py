"""Dee's review, from the invitation to the next Plan Book version, through the real pages:
Priya schedules it and invites Ngozi; Ngozi signs in, finds it on her home page and says she is
coming; Priya writes it up (each point of view, the 4 plus 1, the survey) and completes it; the
new Plan Book draft exists and says what the review changed, and Dee reads it in easy read.

Every page passes axe-core (WCAG 2.2 AA) at 1280 and 320 px, under the site's real CSP.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from directsupport.accounts.models import User
from directsupport.coproduction.models import InvitationAnswer, Review, ReviewStatus
from directsupport.funds.models import Agreement, AgreementReview, AgreementStatus, FeeKind, Fund
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion
from directsupport.planning.models import Outcome, OutcomeAction

from .helpers import sign_in


@pytest.fixture
def today() -> dt.date:
    """The browser and the live server share the real clock: the review is tomorrow afternoon,
    and written up today (a review may be written up once the circle has met, even a day early).
    Read when the test starts: a date read when the module was imported went stale in a run
    that crossed midnight, and the outcome written "now" was then a day after it."""
    return timezone.localdate()


@pytest.fixture
def dees_plan(dee: Any, coordinator: User, today: dt.date) -> Outcome:
    """Dee's ISF (in force since four months ago), her published Plan Book and an outcome."""
    fund = Fund.objects.create(
        person=dee, provider=dee.organisation, council=dee.funding_council, reference="ISF-0001"
    )
    Agreement.objects.create(
        fund=fund,
        version=1,
        status=AgreementStatus.APPROVED,
        annual_budget_pence=3_120_000,
        starts_on=today - dt.timedelta(days=120),
        ends_on=today + dt.timedelta(days=240),
        fee_kind=FeeKind.PERCENT,
        fee_basis_points=800,
        first_review_on=today - dt.timedelta(days=70),
    )
    PlanBookVersion.objects.create(
        person=dee,
        number=1,
        status=PlanBookStatus.PUBLISHED,
        introduction="My Plan Book, made at Planning Live.",
        content={},
        compiled_at=timezone.now(),
        created_by=coordinator,
        published_by=coordinator,
        published_at=timezone.now(),
    )
    outcome = Outcome.objects.create(
        person=dee, text="I want to swim every week at the lido", created_by=coordinator
    )
    OutcomeAction.objects.create(
        outcome=outcome, what="Find a quiet swim time", who="Sam", by_when=today
    )
    return outcome


@pytest.mark.django_db(transaction=True)
def test_a_review_for_dee_from_invitation_to_her_next_plan_book(
    page: Page,
    open_page: Any,
    live_server: Any,
    axe_check: Any,
    coordinator: User,
    sister_user: User,
    person_user: User,
    dee: Any,
    sister: Any,
    dees_plan: Outcome,
    today: dt.date,
) -> None:
    tomorrow = today + dt.timedelta(days=1)
    main = page.get_by_role("main")

    # 1. Priya schedules Dee's review for tomorrow at Dee's flat and invites Ngozi.
    sign_in(page, live_server, coordinator)
    page.goto(f"/coproduction/people/{dee.pk}/reviews/")
    expect(main).to_contain_text("Overdue")
    axe_check(page)
    page.get_by_role("link", name="Schedule a review").click()
    expect(main).to_contain_text("Schedule Dee's review")
    axe_check(page)
    page.get_by_label("Day of the review").fill(tomorrow.isoformat())
    page.get_by_label("Time").fill("14:00")
    page.get_by_label("Where").fill("Dee's flat")
    page.get_by_role("checkbox", name="Ngozi Okafor (my sister)").check()
    page.get_by_role("button", name="Send the invitations").click()
    expect(main).to_contain_text("the invitations are sent")
    review = Review.objects.get()
    assert review.status == ReviewStatus.SCHEDULED
    axe_check(page)

    # 2. Ngozi signs in, sees the review coming on her home page and says she is coming.
    ngozi = open_page()
    sign_in(ngozi, live_server, sister_user)
    ngozi.goto("/")
    when = f"{tomorrow:%A} {tomorrow.day} {tomorrow:%B}"
    expect(ngozi.get_by_role("main")).to_contain_text(f"Dee's review on {when} at 14:00")
    axe_check(ngozi)
    ngozi.get_by_role("link", name=re.compile("say if you are coming")).click()
    expect(ngozi.get_by_role("main")).to_contain_text("You are invited to Dee's review")
    axe_check(ngozi)
    ngozi.get_by_label("Yes, I am coming").check()
    ngozi.get_by_role("button", name="Send my answer").click()
    expect(ngozi.get_by_role("main")).to_contain_text("we will see you there")
    assert review.invitations.get(user=sister_user).answer == InvitationAnswer.COMING
    axe_check(ngozi)

    # 3. Priya writes the review up: Dee's view and Ngozi's, the 4 plus 1, the survey.
    page.goto(f"/coproduction/people/{dee.pk}/reviews/{review.pk}/")
    expect(main).to_contain_text("Coming")
    axe_check(page)
    page.get_by_role("link", name="Write up the review").click()
    page.get_by_label("Day the review was held").fill(today.isoformat())
    page.locator("#id_working_0").fill("Swimming on Tuesdays with Sam.")
    page.locator("#id_not_working_0").fill("Sundays are long and boring.")
    page.locator("#id_whose_1").fill("Ngozi Okafor")
    page.locator("#id_role_1").select_option("family")
    page.locator("#id_working_1").fill("Dee is calmer and talks about her swimming.")
    page.get_by_label("What have we tried?").fill("Swimming at the lido on quiet mornings.")
    page.get_by_label("What are we pleased about?").fill("Dee swims every week now.")
    page.get_by_label("What are we concerned about?").fill("Sundays alone.")
    page.get_by_label("What next?").fill("Try the Sunday lunch club at St Mark's with Ngozi.")
    page.get_by_role("group", name="Doing more of what matters to me").get_by_label(
        "5: A lot better"
    ).check()
    page.locator(f"#id_progress_{dees_plan.pk}").select_option("partly")
    page.locator(f"#id_evidence_{dees_plan.pk}").fill("Swims most weeks; missed two.")
    axe_check(page)
    page.get_by_role("button", name="Save the write-up").click()
    expect(main).to_contain_text("The review is written up")
    axe_check(page)

    # 4. Priya completes it: a new action for the swimming outcome.
    page.get_by_role("link", name="Complete the review").click()
    expect(main).to_contain_text("It does not change Dee's budget or money.")
    page.locator("#id_outcome_0").select_option(str(dees_plan.pk))
    page.locator("#id_what_0").fill("Book the Sunday lunch club")
    page.locator("#id_who_0").fill("Ngozi")
    page.locator("#id_by_when_0").fill((today + dt.timedelta(days=21)).isoformat())
    axe_check(page)
    page.get_by_role("button", name="Complete the review").click()
    expect(main).to_contain_text("The review is complete. Plan Book version 2")
    axe_check(page)
    review.refresh_from_db()
    assert review.status == ReviewStatus.COMPLETED
    assert AgreementReview.objects.count() == 1

    # 5. The new Plan Book draft exists and says what the review changed.
    page.get_by_role("link", name=re.compile("Version 2")).click()
    held = f"{today.day} {today:%B %Y}"
    expect(main).to_contain_text(f"After the review on {held}")
    axe_check(page)
    draft = PlanBookVersion.objects.get(person=dee, number=2)
    assert draft.status == PlanBookStatus.DRAFT
    assert draft.changes_summary.startswith(f"After the review on {held}: Try the Sunday")

    # 6. Dee reads her review in easy read.
    dee_page = open_page()
    sign_in(dee_page, live_server, person_user)
    dee_page.goto(f"/coproduction/people/{dee.pk}/reviews/{review.pk}/easy-read/")
    expect(dee_page.get_by_role("main")).to_contain_text("What is working for me")
    expect(dee_page.get_by_role("main")).to_contain_text("What happens next")
    axe_check(dee_page)
