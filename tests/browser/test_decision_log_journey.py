"""Helen records a decision about how the service works, through the real pages: she reads the
ladder on the log, forgets to say who took part (the page says so and keeps what she typed),
adds Jo (an expert by experience), herself and Martin (the commissioner) with Jo's words, and
finds it on the log at co-production, as words and as drawn steps. Jo, the expert, reads it on
the log too, and Sophie's best-interests decision shows its reason prominently to Helen. Every
page passes axe (WCAG 2.2 AA) and reflows at 320 px."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from directsupport.coproduction.decisions.services import record_decision
from directsupport.coproduction.models import Decision, Level, ParticipantRole, Topic
from directsupport.lib.decision_feed import Participant

from .helpers import sign_in

TITLE = "Rate card for the year: the same hourly rate for day and evening support"
WORDS = "Evenings are when I go out. They should not cost more."


def test_recording_a_service_decision(
    page: Page, live_server, axe_check, manager, expert, commissioner, dee
):
    dee_best_interests = record_decision(
        organisation=dee.organisation,
        person=dee,
        topic=Topic.SUPPORT,
        title="A second worker for hospital appointments",
        reasons="Two workers keep Dee safe during the anaesthetic.",
        level=None,
        decided_on=timezone.localdate() - dt.timedelta(days=10),
        participants=[Participant(name="Ngozi Okafor", role=ParticipantRole.FAMILY)],
        person_took_part=False,
        without_person_reason=(
            "Best-interests decision: Dee was in hospital and could not be asked."
        ),
        actor=manager,
    )
    sign_in(page, live_server, manager)
    page.goto(f"{live_server.url}{reverse('coproduction:decision_list')}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Decision log")
    expect(page.locator("main")).to_contain_text(
        "Dee did not take part. Best-interests decision: Dee was in hospital"
    )
    page.get_by_text("The ladder of co-production: what each rung means").click()
    expect(page.locator("main")).to_contain_text(
        "People are asked what they think, but others decide."
    )
    axe_check(page)

    page.get_by_role("link", name="Record a decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a decision")
    page.get_by_label("How the service works (no one person)").check()
    page.get_by_label("What was decided").fill(TITLE)
    page.get_by_label("Why", exact=True).fill("People told the panel evening rates kept them in.")
    page.get_by_label("What the person said, in their own words").fill(WORDS)
    page.get_by_role("button", name="Record the decision").click()

    # Nobody named: the page says so, and nothing typed is lost.
    expect(page.locator(".error-summary")).to_contain_text(
        "Say who took part in the decision, with the part each one took"
    )
    expect(page.get_by_label("What was decided")).to_have_value(TITLE)
    expect(page.get_by_label("What the person said, in their own words")).to_have_value(WORDS)
    axe_check(page)

    for row, (name, role) in enumerate(
        [
            ("Jo Whitfield", "Expert by experience"),
            ("Helen Carter", "Staff"),
            ("Martin Hughes", "Commissioner"),
        ],
        start=1,
    ):
        page.get_by_label(f"Name of participant {row}", exact=True).fill(name)
        page.get_by_label(f"Part participant {row} took", exact=True).select_option(label=role)
    page.get_by_role("button", name="Record the decision").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("Co-production: rung 7 of 7")
    expect(page.locator("main")).to_contain_text("Expert by experience: Jo Whitfield")
    axe_check(page)
    decision = Decision.objects.get(title=TITLE)
    assert (decision.person, decision.level) == (None, Level.CO_PRODUCTION)

    page.goto(
        f"{live_server.url}{reverse('coproduction:decision_detail', args=[dee_best_interests.pk])}"
    )
    expect(page.locator(".warning-text")).to_contain_text("Dee did not take part in this decision.")
    axe_check(page)

    # Jo reads the service decision, never the one about Dee.
    page.context.clear_cookies()
    sign_in(page, live_server, expert)
    page.goto(f"{live_server.url}{reverse('coproduction:decision_list')}")
    expect(page.locator("main")).to_contain_text(TITLE)
    expect(page.locator("main")).not_to_contain_text("hospital")
    axe_check(page)
