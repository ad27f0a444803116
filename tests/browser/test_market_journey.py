"""The Right Support, through the real pages: Tom (the market shaper) finds the right support
for Dee's swimming need and records the choice Dee made, with her reason; Dee reads her
shortlist and her support page in easy read.

Tom starts on his home page (needs without a supplier, gaps), opens the market view, then Dee's
support page and the need's "Find support" page: six swimming services in Willowbrook's
directory, four that could meet the need ranked with their reasons, two that cannot with why.
Dee chose Cedar Swim, third in the list, "because my friend Amrit swims there": Tom records it,
and the database holds it with where it ranked. Dee signs in, sees the choice on her easy-read
shortlist, and reads her support page in easy read. Every page passes axe-core (WCAG 2.2 AA)
at 1280 and 320 px, under the site's real CSP, with no script errors.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from directsupport.market.models import (
    ApplicationStatus,
    NeedStatus,
    PreferredApplication,
    Service,
    SupplierChoice,
    SupportNeed,
)
from directsupport.market.tests.matching_fixtures import make_service, swimming_need
from directsupport.market.tests.needs_fixtures import make_agreement
from directsupport.people.models import PreferredFormat

from .helpers import sign_in

REASON = "Because my friend Amrit swims there on Tuesdays"


@pytest.fixture
def swimming(dee, market_shaper) -> dict[str, Service]:
    """Dee's swimming need and six swimming services (see matching_fixtures), Anchor and Birch
    on the preferred list, and Dee's agreement; one more need nobody can meet (a gap)."""
    services = {
        "anchor": make_service(
            "Swim with Anchor",
            "Anchor Swim CIC",
            opens=(17, 21),
            languages=["Punjabi"],
            worker_genders=["women"],
        ),
        "birch": make_service(
            "Birch swimming", "Birch Leisure", base="HF1", hourly_pence=2400, languages=["Punjabi"]
        ),
        "cedar": make_service(
            "Cedar swimming", "Cedar Swim", base="HF1", hourly_pence=1800, languages=["Punjabi"]
        ),
        "dolphin": make_service(
            "Dolphin swimming", "Dolphin Club", hourly_pence=3000, languages=["Punjabi"]
        ),
        "eastside": make_service(
            "Eastside swimming", "Eastside Swim", base="HF8", areas=(), radius=2
        ),
        "morning": make_service("Morning swim", "Morning Swim", opens=(9, 12)),
    }
    for key in ("anchor", "birch"):
        PreferredApplication.objects.create(
            provider=dee.organisation,
            supplier=services[key].supplier,
            status=ApplicationStatus.APPROVED,
            created_by=market_shaper,
        )
    make_agreement(dee, budget_pence=3_120_000)
    swimming_need(dee)
    swimming_need(dee, what="Early swim on Sundays", weekday=6, starts_at="06:00", ends_at="07:00")
    dee.preferred_format = PreferredFormat.EASY_READ
    dee.save(update_fields=["preferred_format"])
    return services


def _ranked_names(page: Page) -> list[str]:
    return [
        text.split(":")[0].split(". ", 1)[1]
        for text in page.locator(".match-list > li h4").all_inner_texts()
    ]


@pytest.mark.django_db(transaction=True)
def test_a_market_shaper_finds_support_and_records_the_persons_choice(
    page: Page, open_page, live_server, axe_check, market_shaper, person_user, dee, swimming
) -> None:
    need = SupportNeed.objects.get(person=dee, what="Swimming")

    # 1. Tom's home page: Dee's needs without a supplier, and the gap.
    sign_in(page, live_server, market_shaper)
    main = page.get_by_role("main")
    expect(main).to_contain_text("2 needs still looking for support.")
    expect(main).to_contain_text("1 need that no supplier in the directory can meet, for 1 person")
    axe_check(page)

    # 2. The market view: the gap, by kind, area, day and time, with Dee's name for staff.
    page.get_by_role("link", name="See them in the market view").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Market view: gaps and supply")
    expect(main).to_contain_text("1, affecting 1 person")
    expect(page.get_by_role("link", name="Early swim on Sundays (Dee Okafor)")).to_be_visible()
    axe_check(page)

    # 3. Dee's support page, then "Find support" for her swimming.
    page.goto(f"/market/people/{dee.pk}/support/")
    axe_check(page)
    page.get_by_role("link", name="Find support for “Swimming”").click()
    expect(page.get_by_role("heading", name="Find support: Swimming")).to_be_visible()
    assert _ranked_names(page) == ["Anchor Swim CIC", "Birch Leisure", "Cedar Swim", "Dolphin Club"]
    first = page.locator(".match-list > li").first
    expect(first).to_contain_text("Works Tuesdays 18:00–20:00")  # noqa: RUF001
    expect(first).to_contain_text("On the preferred list")
    expect(first).to_contain_text("A woman worker available")
    expect(page.locator(".match-misses")).to_contain_text(
        "Does not cover HF3 (about 5 km away; travels up to 2 km)"
    )
    page.get_by_text("How the list is put in order").click()
    expect(main).to_contain_text("Quality, not lowest price.")
    axe_check(page)

    # 4. Dee chose the third, Cedar Swim: Tom records her choice in her words.
    cedar = page.locator(".match-list > li").filter(has_text="3. Cedar Swim")
    cedar.get_by_role("link", name="Record Dee's choice of this").click()
    expect(main).to_contain_text("Number 3 in the list for this need.")
    page.get_by_role("button", name="Record the choice").click()  # nothing filled in yet
    expect(page.get_by_role("alert")).to_contain_text("Say why, in the person's own words")
    axe_check(page)
    page.get_by_label("Why Dee chose it, in Dee's own words").fill(REASON)
    page.get_by_role("radio", name="Dee chose it").check()
    page.get_by_role("button", name="Record the choice").click()
    expect(main).to_contain_text("Dee's choice is recorded: Cedar Swim for “Swimming”.")
    expect(page.get_by_role("heading", name="Chosen: Cedar Swim")).to_be_visible()
    axe_check(page)

    choice = SupplierChoice.objects.get(need=need)
    assert (choice.service, choice.rank_when_chosen) == (swimming["cedar"], 3)
    assert (choice.reason, choice.chosen_by, choice.recorded_by) == (
        REASON,
        "Dee Okafor",
        market_shaper,
    )
    need.refresh_from_db()
    assert need.status == NeedStatus.CHOSEN

    # 5. Dee reads her shortlist and her support page in easy read.
    dees_page = open_page()
    sign_in(dees_page, live_server, person_user)
    dees_page.goto(f"/market/people/{dee.pk}/needs/{need.pk}/match/easy-read/")
    dees = dees_page.get_by_role("main")
    expect(dees).to_contain_text("You chose Cedar Swim.")
    expect(dees).to_contain_text(f"You said: “{REASON}”")
    axe_check(dees_page)
    dees_page.goto(f"/market/people/{dee.pk}/support/easy-read/")
    expect(dees_page.get_by_role("heading", name="My support", level=2)).to_be_visible()
    expect(dees).to_contain_text("Swimming")
    axe_check(dees_page)
