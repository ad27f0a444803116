"""Martin, Hollowfield's commissioner, reads the programme dashboard through the real pages: the
programme so far with when the figures were worked out, the charts each with its table, his
council's people only (never Eastmere's Eli); he narrows the period to two months, then
downloads the figures as CSV for those months. Every page passes axe (WCAG 2.2 AA) at 1280 and
320 px, under the site's real CSP (the charts are inline SVG drawn on the server, no script).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from directsupport.coproduction.dashboard.snapshots import refresh_provider
from directsupport.funds.models import Agreement, AgreementStatus, BlockContract, Fund
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion
from tests.factories import PersonFactory

from .helpers import sign_in

# The browser and the live server share the real clock: the programme counts from today,
# read when the test starts (not when the module is imported: a run can cross midnight).


def test_the_commissioner_reads_and_downloads_the_programme(
    page: Page, live_server, axe_check, commissioner, provider, council, other_council, dee
):
    today = timezone.localdate()
    this_month = today.replace(day=1)

    def months_ago(count: int) -> dt.date:
        return this_month - relativedelta(months=count)

    eli = PersonFactory.create(
        organisation=provider, first_name="Eli", last_name="Moss", funding_council=other_council
    )
    BlockContract.objects.create(
        provider=provider,
        council=council,
        reference="LBW-1",
        title="Supported living",
        annual_value_pence=10_000_000,
        starts_on=months_ago(4),
        ends_on=months_ago(4) + relativedelta(years=1, days=-1),
    )
    PlanBookVersion.objects.create(
        person=dee,
        number=1,
        status=PlanBookStatus.PUBLISHED,
        signed_at=timezone.now() - relativedelta(months=3),
        published_at=timezone.now() - relativedelta(months=3),
    )
    fund = Fund.objects.create(person=dee, provider=provider, council=council, reference="ISF-1")
    Agreement.objects.create(
        fund=fund,
        version=1,
        status=AgreementStatus.APPROVED,
        annual_budget_pence=3_120_000,
        starts_on=months_ago(2),
        ends_on=months_ago(2) + relativedelta(years=1, days=-1),
        first_review_on=months_ago(2) + dt.timedelta(weeks=7),
        decided_at=timezone.now() - relativedelta(months=2, days=5),
    )
    refresh_provider(provider.pk, today=today)

    sign_in(page, live_server, commissioner)
    page.goto(f"{live_server.url}{reverse('coproduction:dashboard')}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme dashboard")
    main = page.locator("main")
    expect(main).to_contain_text("they refresh every 15 minutes")
    expect(main).to_contain_text("People Hollowfield Council funds")
    expect(page.get_by_role("img", name="Where people are on the programme")).to_be_visible()
    expect(page.get_by_role("table", name="Where people are on the programme, month by month"))
    expect(main).to_contain_text(dee.display_name)
    expect(main).not_to_contain_text(eli.display_name)
    axe_check(page)

    # Two months only.
    start, end = months_ago(2), months_ago(1)
    page.get_by_label("From the start of").select_option(label=f"{start:%B %Y}")
    page.get_by_label("To the end of").select_option(label=f"{end:%B %Y}")
    page.get_by_role("button", name="Show these figures").click()
    expect(page.locator("h1 + .caption")).to_contain_text(f"{start:%B %Y} to {end:%B %Y}")
    people_table = page.get_by_role(
        "table", name="Where people are on the programme, month by month"
    )
    expect(people_table.get_by_role("row")).to_have_count(3)  # the heading row and two months
    expect(people_table).not_to_contain_text(f"{this_month:%B %Y}")
    axe_check(page)

    # A period the wrong way round: said clearly, the choice kept.
    page.get_by_label("From the start of").select_option(label=f"{end:%B %Y}")
    page.get_by_label("To the end of").select_option(label=f"{start:%B %Y}")
    page.get_by_role("button", name="Show these figures").click()
    expect(page.locator(".error-summary")).to_contain_text("must be the same as or after")
    expect(page.get_by_label("From the start of")).to_have_value(f"{end:%Y-%m}")
    axe_check(page)

    page.get_by_label("From the start of").select_option(label=f"{start:%B %Y}")
    page.get_by_label("To the end of").select_option(label=f"{end:%B %Y}")
    page.get_by_role("button", name="Show these figures").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the figures as CSV").click()
    download = download_info.value
    assert download.suggested_filename == f"programme-figures-{start:%Y-%m}-to-{end:%Y-%m}.csv"
    content = Path(download.path()).read_text(encoding="utf-8-sig")
    assert f"{start:%B %Y}" in content and f"{end:%B %Y}" in content
    assert f"{this_month:%B %Y}" not in content
    assert "Figures worked out at" in content
    assert dee.display_name not in content
