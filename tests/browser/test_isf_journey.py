"""From Hollowfield Council's block contract to Dee's easy-read statement, through the real pages.

Grace (finance) records a block contract covering Dee and Ben, previews a split in proportion to
their assessed hours, sees it add up to the contract's value to the penny, saves it and sends it
to the council. Martin (commissioner) approves the split, which opens an ISF with a draft
agreement for each person. Dee reads her agreement in easy read and says "Yes, I agree"; Martin
approves it. On the monthly routine page Grace opens last month (the council's money, the fee,
the plan); she imports a supplier's CSV timesheet of ten sessions, records one more session by
hand, and makes the month's statements. Dee reads "Your money in <last month>" in easy read,
where every figure is the ledger's, and then "Your money this month". Every page passes axe-core
(WCAG 2.2 AA) at 1280 and 320 px wide, under the site's real CSP, with no script errors.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import FilePayload, Locator, Page, expect

from directsupport.funds.hours.planned import planned_support
from directsupport.funds.ledger.balances import fund_balances
from directsupport.funds.models import (
    Agreement,
    AgreementStatus,
    BlockContract,
    ContractSplit,
    Fund,
    LedgerTransaction,
    SplitStatus,
    SupportSession,
)
from directsupport.funds.months.opening import month_end, monthly_allocations
from directsupport.funds.statements.figures import next_month, previous_month
from directsupport.lib.money import format_pence, parse_pounds
from directsupport.lib.templatetags.money import hours
from directsupport.people.models import Person
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
from tests.factories import PersonFactory

from .helpers import sign_in

REFERENCE = "HC-ISF-001"
TITLE = "Supported living, learning disabilities"
# An odd penny, so the split has a remainder to place: 12:8 hours gives Dee 60% of it.
CONTRACT_VALUE = "60,000.01"
CONTRACT_PENCE = 6_000_001
DEE_HOURS, BEN_HOURS = "12", "8"

# Willowbrook's hourly rate by band, the same for every kind of support.
HOURLY_PENCE = {
    TimeBand.DAY: 3200,
    TimeBand.EVENING: 3500,
    TimeBand.NIGHT: 3800,
    TimeBand.WEEKEND: 3600,
    TimeBand.BANK_HOLIDAY: 4800,
}

SUPPLIER = "Bright Days Care"
SUPPLIER_WORKER = "Jo Bright"
SUPPLIER_RATE = "30.50"
SESSION_MINUTES = 180  # each timesheet session: 3 hours
TIMESHEET_SESSIONS = 10
HAND_SESSION_MINUTES = 150  # the session Grace records by hand: 2.5 hours at the card's £32


@pytest.fixture
def ben(provider, council) -> Person:
    """Ben Adams: the other person the block contract covers (no sign-in of his own)."""
    return PersonFactory.create(
        organisation=provider, first_name="Ben", last_name="Adams", funding_council=council
    )


@pytest.fixture
def dees_plan(provider, dee, manager) -> None:
    """Arranged, as no page of this journey makes them: Willowbrook's rate card (in force well
    before the contract) and Dee's Perfect Week, which the month's planned hours come from. The
    Perfect Week journey builds a week through the pages."""
    card = RateCard.objects.create(
        organisation=provider,
        effective_from=timezone.localdate() - dt.timedelta(days=400),
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
    for weekday, what in ((1, "Swimming at Hollowfield Leisure Centre"), (3, "Cooking at home")):
        WeekEntry.objects.create(
            week=week,
            weekday=weekday,
            starts_at=dt.time(10),
            ends_at=dt.time(13),
            what=what,
            company=Company.PAID,
            support_ratio=SupportRatio.ONE_TO_ONE,
            support_kind=SupportKind.COMMUNITY_ACCESS,
        )


def _nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()


def _money_tab(page: Page, name: str) -> None:
    """A tab of the person's money pages (Summary, Ledger, Hours, Banked, Agreement...)."""
    page.get_by_role("navigation", name="Dee's money").get_by_role(
        "link", name=name, exact=True
    ).click()


def _pence(text: str) -> int:
    return parse_pounds(text.strip())


def _column(table: Locator, index: int) -> list[str]:
    return [
        cell.strip() for cell in table.locator(f"tbody tr > :nth-child({index})").all_inner_texts()
    ]


def _timesheet_csv(fund: Fund, month: dt.date) -> bytes:
    """Bright Days' timesheet: a 3-hour session on each of the first ten weekdays of the month."""
    days = [
        month + dt.timedelta(days=offset)
        for offset in range(31)
        if (month + dt.timedelta(days=offset)).weekday() < 5
    ][:TIMESHEET_SESSIONS]
    lines = ["person_reference,date,start,hours,support_kind,worker,hourly_rate"]
    lines += [
        f"{fund.reference},{day:%d/%m/%Y},10:00,3,community_access,{SUPPLIER_WORKER},"
        f"{SUPPLIER_RATE}"
        for day in days
    ]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.django_db(transaction=True)
def test_block_contract_split_approved_hours_posted_and_read_in_easy_read(
    page: Page,
    open_page,
    live_server,
    axe_check,
    finance,
    commissioner,
    person_user,
    dee,
    ben,
    council,
    dees_plan,
) -> None:
    today = timezone.localdate()
    # The contract began on the first of last month, so last month can be posted and stated.
    month = previous_month(today)
    contract_ends = month.replace(year=month.year + 1) - dt.timedelta(days=1)

    # 1. Grace records the block contract, previews the split, saves it and sends it.
    sign_in(page, live_server, finance)
    _nav(page, "Block contracts")
    expect(page.get_by_role("heading", level=1)).to_have_text("Block contracts")
    axe_check(page)
    page.get_by_role("link", name="Add a block contract").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a block contract")
    page.get_by_label("Council").select_option(label=council.name)
    page.get_by_label("Contract reference").fill(REFERENCE)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Annual value (£)").fill(CONTRACT_VALUE)
    page.get_by_label("Starts on").fill(month.isoformat())
    page.get_by_label("Ends on").fill(contract_ends.isoformat())
    page.get_by_label("Covered: Dee Okafor").check()
    page.get_by_label("Assessed hours a week for Dee Okafor").fill(DEE_HOURS)
    page.get_by_label("Covered: Ben Adams").check()
    page.get_by_label("Assessed hours a week for Ben Adams").fill(BEN_HOURS)
    axe_check(page)
    page.get_by_role("button", name="Save the contract").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"{REFERENCE}: {TITLE}")
    expect(page.get_by_role("main")).to_contain_text(f"Block contract {REFERENCE} is saved.")
    contract = BlockContract.objects.get(reference=REFERENCE)
    assert (contract.annual_value_pence, contract.starts_on) == (CONTRACT_PENCE, month)
    assert contract.covered.count() == 2
    axe_check(page)

    page.get_by_role("link", name="Split into ISFs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Split {REFERENCE} into ISFs")
    axe_check(page)
    page.get_by_label("In proportion to assessed weekly hours").check()
    page.get_by_role("button", name="Show the split").click()
    expect(page.get_by_role("heading", level=2, name="Each person's share")).to_be_visible()
    preview = page.get_by_role("table", name=re.compile(r"^The split of"))
    expect(preview).to_contain_text("Dee Okafor")
    expect(preview).to_contain_text("Ben Adams")
    # Every share, added up, is the contract's value to the penny (the odd penny goes to Dee).
    shares = dict(zip(_column(preview, 1), map(_pence, _column(preview, 3)), strict=True))
    assert shares == {"Dee Okafor": 3_600_001, "Ben Adams": 2_400_000}
    assert sum(shares.values()) == CONTRACT_PENCE
    expect(preview.locator("tfoot")).to_contain_text(format_pence(CONTRACT_PENCE))
    assert not ContractSplit.objects.exists()  # a preview saves nothing
    axe_check(page)
    page.get_by_role("button", name="Save this split as a draft").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Split of {REFERENCE}")
    expect(page.get_by_role("main")).to_contain_text("The split is saved as a draft.")
    axe_check(page)
    page.get_by_role("button", name=f"Send to {council.name} for approval").click()
    expect(page.get_by_role("main")).to_contain_text(f"The split is sent to {council.name}.")
    expect(page.get_by_role("main")).to_contain_text(SplitStatus.SUBMITTED.label)
    split = ContractSplit.objects.get(contract=contract)
    assert split.status == SplitStatus.SUBMITTED
    assert sum(split.lines.values_list("share_pence", flat=True)) == CONTRACT_PENCE

    # 2. Martin, for the council, opens the split from the contract and approves it.
    council_page = open_page()
    sign_in(council_page, live_server, commissioner)
    _nav(council_page, "Block contracts")
    council_page.get_by_role("link", name=REFERENCE).click()
    expect(council_page.get_by_role("heading", level=1)).to_have_text(f"{REFERENCE}: {TITLE}")
    axe_check(council_page)
    council_page.get_by_role("row").filter(has_text=SplitStatus.SUBMITTED.label).get_by_role(
        "link"
    ).click()
    expect(council_page.get_by_role("heading", level=1)).to_have_text(f"Split of {REFERENCE}")
    expect(council_page.get_by_role("heading", level=2, name="Your decision")).to_be_visible()
    axe_check(council_page)
    council_page.get_by_role("button", name="Approve the split").click()
    expect(council_page.get_by_role("main")).to_contain_text(
        "The split is approved. 2 ISFs have a draft agreement for each person to agree."
    )
    expect(council_page.get_by_role("main")).to_contain_text(SplitStatus.APPROVED.label)
    axe_check(council_page)
    split.refresh_from_db()
    assert split.status == SplitStatus.APPROVED
    fund = Fund.objects.get(person=dee)
    drafts = Agreement.objects.filter(fund__split_line__split=split, status=AgreementStatus.DRAFT)
    assert {(a.fund.person_id, a.annual_budget_pence) for a in drafts} == {
        (dee.pk, 3_600_001),
        (ben.pk, 2_400_000),
    }

    # 3. Dee reads her agreement in easy read and says yes.
    dees_page = open_page()
    sign_in(dees_page, live_server, person_user)
    # On her own pages money, support and contracts are one tab, opening on her money.
    dees_page.get_by_role("navigation", name="My pages").get_by_role(
        "link", name="My money and support"
    ).click()
    expect(dees_page.get_by_role("heading", level=2, name="Your money")).to_be_visible()
    axe_check(dees_page)
    _money_tab(dees_page, "Agreement")
    expect(dees_page.get_by_role("heading", level=2, name="Dee's ISF agreement")).to_be_visible()
    axe_check(dees_page)
    dees_page.get_by_role("link", name="Say yes or no to it").click()
    expect(dees_page.get_by_role("heading", level=2, name="Your money agreement")).to_be_visible()
    easy = dees_page.locator("#agreement-easy-read")
    expect(easy).to_contain_text(f"You have {format_pence(3_600_001)} a year for your support.")
    expect(easy).to_contain_text(f"It starts on {month.day} {month:%B %Y}.")
    axe_check(dees_page)
    dees_page.get_by_role("button", name="Yes, I agree").click()
    expect(dees_page.get_by_role("main")).to_contain_text("Thank you. You said yes.")
    agreement = Agreement.objects.get(fund=fund, version=1)
    assert (agreement.status, agreement.agreed_by_user) == (AgreementStatus.AGREED, person_user)
    axe_check(dees_page)

    # Martin approves Dee's agreement: it comes into force.
    _nav(council_page, "People we fund")
    council_page.get_by_role("link", name="Dee Okafor").click()
    council_page.get_by_role("navigation", name="Pages about Dee").get_by_role(
        "link", name="Dee's money"
    ).click()
    expect(council_page.get_by_role("heading", level=2, name="Dee's money")).to_be_visible()
    _money_tab(council_page, "Agreement")
    council_page.get_by_role("link", name="Approve or return it").click()
    expect(
        council_page.get_by_role("heading", level=2, name="Approve or return version 1")
    ).to_be_visible()
    axe_check(council_page)
    council_page.get_by_label("Approve: the agreement comes into force").check()
    council_page.get_by_role("button", name="Record the decision").click()
    expect(council_page.get_by_role("main")).to_contain_text(
        "Version 1 is approved: it is now in force."
    )
    axe_check(council_page)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.APPROVED

    # 4. Grace opens last month for every live ISF: the council's money for the month, the
    # management fee, and the support planned from the Perfect Week.
    _nav(page, "ISFs")
    page.get_by_role("link", name=re.compile("^Monthly routine")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Monthly routine")
    page.get_by_label("Month").select_option(label=f"{month:%B %Y}")
    page.get_by_role("button", name="Show this month").click()
    expect(page.get_by_role("heading", level=2, name=f"{month:%B %Y}")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name=f"Open {month:%B %Y} for every live ISF").click()
    expect(page.get_by_role("status")).to_contain_text(f"{month:%B %Y}: opened for 1 ISF now")
    axe_check(page)
    assert LedgerTransaction.objects.filter(fund=fund, effective_on=month).count() == 3

    # Grace imports Bright Days' timesheet for the month.
    _nav(page, "Timesheets")
    expect(page.get_by_role("heading", level=1)).to_have_text("Timesheets from suppliers")
    axe_check(page)
    page.get_by_role("link", name="Import a timesheet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a timesheet")
    page.get_by_label("Who sent the timesheet").fill(SUPPLIER)
    page.get_by_label("Timesheet (a CSV file)").set_input_files(
        FilePayload(
            name=f"bright-days-{month:%Y-%m}.csv",
            mimeType="text/csv",
            buffer=_timesheet_csv(fund, month),
        )
    )
    axe_check(page)
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Timesheet from {SUPPLIER}")
    expect(page.get_by_role("main")).to_contain_text(
        f"The timesheet has been imported: {TIMESHEET_SESSIONS} sessions."
    )
    imported_pence = TIMESHEET_SESSIONS * 3 * _pence(SUPPLIER_RATE)
    summary = page.locator("dl.summary-list")
    expect(summary).to_contain_text(str(TIMESHEET_SESSIONS))
    expect(summary).to_contain_text(hours(TIMESHEET_SESSIONS * SESSION_MINUTES))
    expect(summary).to_contain_text(format_pence(imported_pence))
    expect(
        page.get_by_role("table", name="The sessions in this timesheet").locator("tbody tr")
    ).to_have_count(TIMESHEET_SESSIONS)
    axe_check(page)

    # And records, by hand, a session Willowbrook's own worker gave on the month's last weekday
    # (in the day band, so the rate card's weekday daytime rate is the right one).
    _nav(page, "People")
    page.get_by_role("link", name="Dee Okafor").click()
    page.get_by_role("navigation", name="Pages about Dee").get_by_role(
        "link", name="Dee's money"
    ).click()
    _money_tab(page, "Hours")
    axe_check(page)
    page.get_by_role("link", name="Record a session").click()
    expect(
        page.get_by_role("heading", level=2, name="Record a support session with Dee")
    ).to_be_visible()
    last_day = month_end(month)
    while last_day.weekday() >= 5:
        last_day -= dt.timedelta(days=1)
    page.get_by_label("Date", exact=True).fill(last_day.isoformat())
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("How long").fill("2.5")
    page.get_by_label("Personal care").check()
    page.get_by_label("Support worker's name").fill("Sam Patel")
    axe_check(page)
    page.get_by_role("button", name="Record the session").click()
    expect(page.get_by_role("main")).to_contain_text(
        f"The session on {last_day.day} {last_day:%B %Y} at 14:00 has been recorded."
    )
    axe_check(page)
    sessions = SupportSession.objects.filter(fund=fund, delivered_on__month=month.month)
    assert sessions.count() == TIMESHEET_SESSIONS + 1

    # The month is over: Grace makes its statements.
    _nav(page, "ISFs")
    page.get_by_role("link", name=re.compile("^Monthly routine")).click()
    page.get_by_label("Month").select_option(label=f"{month:%B %Y}")
    page.get_by_role("button", name="Show this month").click()
    page.get_by_role("button", name=f"Make the statements for {month:%B %Y}").click()
    expect(page.get_by_role("status")).to_contain_text(f"{month:%B %Y}: made 1 statement.")
    axe_check(page)

    # 5. Dee reads last month's statement in easy read.
    _money_tab(dees_page, "Statements")
    expect(dees_page.get_by_role("heading", level=2, name="My statements")).to_be_visible()
    axe_check(dees_page)
    dees_page.get_by_role("link", name=f"Easy read for {month:%B %Y}").click()
    expect(
        dees_page.get_by_role("heading", level=2, name=f"Your money in {month:%B %Y}")
    ).to_be_visible()

    # What the ledger says about the month, worked out here from the services.
    balances = fund_balances(fund.pk, before=next_month(month))
    allocation = monthly_allocations(agreement)[month]
    fee = agreement.fee_for_month_pence(allocation)
    by_hand_pence = HAND_SESSION_MINUTES * HOURLY_PENCE[TimeBand.DAY] // 60
    assert balances.received_pence == allocation
    assert balances.spent_pence == fee + imported_pence + by_hand_pence
    delivered = sum(sessions.values_list("minutes", flat=True))
    assert delivered == TIMESHEET_SESSIONS * SESSION_MINUTES + HAND_SESSION_MINUTES
    planned = planned_support(dee, month, month_end(month))
    assert planned.minutes > 0

    statement = dees_page.locator("#easy-read-content")
    for sentence in (
        f"At the start of {month:%B} you had £0.00.",
        f"The council gave {format_pence(allocation)} for your support.",
        f"You spent {format_pence(imported_pence + by_hand_pence)} on support and things you "
        "bought.",
        f"{format_pence(imported_pence)} went to {SUPPLIER}.",
        f"{format_pence(by_hand_pence)} went to {fund.provider.name}.",
        f"The management fee was {format_pence(fee)}.",
        f"You used {hours(delivered)} of support.",
        f"You planned {hours(planned.minutes)}.",
        f"At the end of {month:%B} you had {format_pence(balances.held_pence)}.",
    ):
        expect(statement).to_contain_text(sentence)
    axe_check(dees_page)

    # And this month so far: nothing opened or spent yet, so what she holds is what is left.
    _money_tab(dees_page, "Statements")
    dees_page.get_by_role("link", name="in easy read").click()
    expect(dees_page.get_by_role("heading", level=2, name="Your money this month")).to_be_visible()
    so_far = dees_page.locator("#easy-read-content")
    expect(so_far).to_contain_text("The month is not over.")
    expect(so_far).to_contain_text(f"Today you have {format_pence(balances.held_pence)}.")
    axe_check(dees_page)
