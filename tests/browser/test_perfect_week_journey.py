"""Dee's Perfect Week, built with the keyboard only, priced, printed and put on Dee's phone.

Priya (coordinator) opens Dee's Perfect Week and, from there on, uses only the keyboard: she
tries a vague entry ("Activities") and is asked what actually happens, with everything she typed
kept; then adds swimming with 1:1 support and a shared 1:3 pottery class. The page prices the
week from Willowbrook's rate card, and the PDF download holds the entries. Dee signs in, reads
"My Perfect Week" in easy read, and makes a calendar link for her phone. Every page passes
axe-core (WCAG 2.2 AA) at 1280 and 320 px wide, under the site's real CSP.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from directsupport.week.forms import VAGUE_MESSAGE
from directsupport.week.models import (
    CalendarFeed,
    Rate,
    RateCard,
    SupportKind,
    SupportRatio,
    TimeBand,
    WeekEntry,
)

from .helpers import sign_in

# Willowbrook's hourly rates in pence per worker-hour, by band; sleep-ins £95 a night.
HOURLY_PENCE = {
    TimeBand.DAY: 3200,
    TimeBand.EVENING: 3500,
    TimeBand.NIGHT: 3800,
    TimeBand.WEEKEND: 3600,
    TimeBand.BANK_HOLIDAY: 4800,
}
SLEEP_IN_PENCE = 9500

SWIMMING = "Swimming with Sam at Hollowfield Leisure Centre"
SWIMMING_PLACE = "Hollowfield Leisure Centre"
POTTERY = "Pottery class with friends"
POTTERY_PLACE = "Northfield Arts Hub"
# Tuesday 10:00-12:00 in the day band, one worker: 2 hours x £32.00 = £64.00 a week.
SWIMMING_WEEKLY = "£64.00"
# Thursday 13:00-16:00, one worker shared by 3: 3 hours x £32.00 / 3 = £32.00 a week.
POTTERY_WEEKLY = "£32.00"
WEEKLY_TOTAL = "£96.00"
# Every week of the 52-week plan year; 52 x £96.00 (no bank holiday falls on a Tue or Thu).
YEARLY_TOTAL = "£4,992.00"
# Hours of support: 2 (1:1) + 3 (the time Dee has shared support).
WEEKLY_HOURS = "5 hours"


@pytest.fixture
def rate_card(provider, manager) -> RateCard:
    """The same hourly rate for every kind of support, by band."""
    card = RateCard.objects.create(
        organisation=provider,
        effective_from=dt.date(2026, 4, 1),
        sleep_in_pence=SLEEP_IN_PENCE,
        created_by=manager,
    )
    Rate.objects.bulk_create(
        Rate(rate_card=card, support_kind=kind, band=band, pence_per_hour=pence)
        for kind in SupportKind
        if kind != SupportKind.SLEEP_IN
        for band, pence in HOURLY_PENCE.items()
    )
    return card


def _tab_to(page: Page, target: Locator, *, limit: int = 40, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the target has focus: it fails if the target is not in
    the tab order, or a focus trap keeps the keyboard from getting there."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            break
        page.keyboard.press(key)
    expect(target).to_be_focused()


def _press_tab(page: Page, then: Locator) -> None:
    """One Tab, which must land on the next field of the form."""
    page.keyboard.press("Tab")
    expect(then).to_be_focused()


def _arrow_to(page: Page, radio: Locator, *, limit: int = 8) -> None:
    """Move through a radio group with the down arrow (which also chooses) to this radio."""
    for _ in range(limit):
        if radio.is_checked():
            break
        page.keyboard.press("ArrowDown")
    expect(radio).to_be_checked()
    expect(radio).to_be_focused()


def _type_time(page: Page, field: Locator, value: str) -> None:
    """Enter a time into the time field the keyboard has reached. Headless Chromium's time
    field ignores typed digits and arrow keys (its hour/minute editor is not built in headless
    mode), so the value is set with fill(); focus stays in the field, and Tab goes on from it."""
    expect(field).to_be_focused()
    field.fill(value)
    expect(field).to_have_value(value)
    expect(field).to_be_focused()


def _fill_entry(
    page: Page,
    *,
    day: str,
    starts: str,
    ends: str,
    what: str,
    new_place: str,
    who: str,
    ratio: str,
    kind: str,
    shared_by: str = "",
) -> None:
    """Fill the entry form from its first field to the button, Tab by Tab, and press Enter."""
    form = page.locator("form.week-entry-form")
    weekday = form.get_by_label("Day", exact=True)
    _tab_to(page, weekday)
    page.keyboard.type(day)  # a closed select chooses the option its typed name starts with
    expect(weekday).to_have_value(str(["Mon", "Tue", "Wed", "Thu", "Fri"].index(day[:3])))

    _press_tab(page, form.get_by_label("Starts at"))
    _type_time(page, form.get_by_label("Starts at"), starts)
    # A time field's hours and minutes are one stop each; Tab leaves the minutes for the end.
    _tab_to(page, form.get_by_label("Ends at"), limit=5)
    _type_time(page, form.get_by_label("Ends at"), ends)

    _tab_to(page, form.get_by_label("Ends the next morning"), limit=5)
    _press_tab(page, form.get_by_label("What happens"))
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(what)
    _press_tab(page, form.get_by_role("combobox", name="Where (optional)"))
    _press_tab(page, form.get_by_label("Or type a new place"))
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(new_place)

    # Tab enters a radio group at its chosen radio; the arrows move the choice.
    who_group = form.get_by_role("group", name="Who is with them")
    page.keyboard.press("Tab")
    expect(who_group.get_by_role("radio", checked=True)).to_be_focused()
    _arrow_to(page, who_group.get_by_role("radio", name=who))

    ratio_group = form.get_by_role("group", name="Support needed")
    page.keyboard.press("Tab")
    expect(ratio_group.get_by_role("radio", checked=True)).to_be_focused()
    _arrow_to(page, ratio_group.get_by_role("radio", name=ratio))

    # The kind of support (and, for shared support, how many share) shows once it applies.
    support_kind = form.get_by_label("Kind of support")
    _press_tab(page, support_kind)
    page.keyboard.type(kind)
    expect(support_kind).to_have_value(SupportKind(_kind_value(kind)).value)
    if shared_by:
        sharers = form.get_by_label("How many people share one worker (including them)")
        _press_tab(page, sharers)
        page.keyboard.type(shared_by)

    # Fixed (already chosen), repeats every week (already chosen), notes: on to the button.
    add = form.get_by_role("button", name="Add to the week")
    _tab_to(page, add, limit=8)
    page.keyboard.press("Enter")


def _kind_value(label: str) -> str:
    return next(kind.value for kind in SupportKind if kind.label == label)


@pytest.mark.django_db(transaction=True)
def test_perfect_week_built_by_keyboard_priced_and_exported(
    page: Page,
    open_page,
    live_server,
    axe_check,
    dee,
    sister,
    coordinator,
    person_user,
    rate_card,
) -> None:
    # 1. Priya goes to Dee's page; from the Perfect Week tab on, only the keyboard.
    sign_in(page, live_server, coordinator)
    page.goto(reverse("people:detail", args=[dee.pk]))
    tab = page.get_by_role("navigation", name="Pages about Dee").get_by_role(
        "link", name="Dee's Perfect Week"
    )
    tab.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=2, name="Dee's Perfect Week")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Nothing is in this week yet.")
    expect(page.locator(".week-pricing")).to_contain_text(
        "Nothing in the Perfect Week needs paid support yet: it costs £0.00."
    )
    axe_check(page)

    add_link = page.get_by_role("link", name="Add to the week")
    _tab_to(
        page,
        page.get_by_role("navigation", name="Pages about Dee").get_by_role(
            "link", name="Dee's Perfect Week"
        ),
    )
    _tab_to(page, add_link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=2, name="Add to Dee's Perfect Week")).to_be_visible()
    axe_check(page)

    # A vague entry is refused beside the field, and nothing typed is lost.
    _fill_entry(
        page,
        day="Tuesday",
        starts="10:00",
        ends="12:00",
        what="Activities",
        new_place=SWIMMING_PLACE,
        who="Paid support",
        ratio="1:1 (one worker with me)",
        kind="Community access",
    )
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(VAGUE_MESSAGE)
    what = page.get_by_label("What happens")
    expect(what).to_have_value("Activities")
    expect(what).to_have_accessible_description(f"{_help_what()} Error: {VAGUE_MESSAGE}")
    expect(page.get_by_label("Starts at")).to_have_value("10:00")
    expect(page.get_by_label("Ends at")).to_have_value("12:00")
    expect(page.get_by_label("Or type a new place")).to_have_value(SWIMMING_PLACE)
    expect(page.get_by_role("radio", name="Paid support", exact=True)).to_be_checked()
    expect(page.get_by_role("radio", name="1:1 (one worker with me)")).to_be_checked()
    expect(page.get_by_label("Kind of support")).to_have_value(SupportKind.COMMUNITY_ACCESS)
    assert not WeekEntry.objects.exists()
    axe_check(page)

    # The error summary's link takes the keyboard to the field.
    page.keyboard.press("Tab")
    expect(summary.get_by_role("link", name=VAGUE_MESSAGE)).to_be_focused()
    page.keyboard.press("Enter")
    expect(what).to_be_focused()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(SWIMMING)
    page.keyboard.press("Enter")  # Enter in a text field sends the form
    expect(page.get_by_role("main")).to_contain_text(f"'{SWIMMING}' has been added.")
    swimming = WeekEntry.objects.get(what=SWIMMING)
    assert (swimming.weekday, swimming.starts_at, swimming.ends_at) == (
        1,
        dt.time(10),
        dt.time(12),
    )
    assert (swimming.place, swimming.support_ratio, swimming.support_kind) == (
        SWIMMING_PLACE,
        SupportRatio.ONE_TO_ONE,
        SupportKind.COMMUNITY_ACCESS,
    )

    # A second entry: a pottery class sharing one worker between three people.
    # Past the person's tabs (one more since co-production's "How it's going") to the day.
    _tab_to(page, page.get_by_role("link", name="Add to Thursday"), limit=60)
    page.keyboard.press("Enter")
    expect(page.get_by_label("Day", exact=True)).to_have_value("3")
    _fill_entry(
        page,
        day="Thursday",
        starts="13:00",
        ends="16:00",
        what=POTTERY,
        new_place=POTTERY_PLACE,
        who="Paid support",
        ratio="Shared (one worker for several people)",
        kind="Community access",
        shared_by="3",
    )
    expect(page.get_by_role("main")).to_contain_text(f"'{POTTERY}' has been added.")
    pottery = WeekEntry.objects.get(what=POTTERY)
    assert (pottery.weekday, pottery.support_ratio, pottery.shared_by) == (
        3,
        SupportRatio.SHARED,
        3,
    )

    # 2. The week is priced from the rate card.
    thursday = page.get_by_role("region", name="Thursday")
    expect(thursday).to_contain_text(POTTERY)
    expect(page.get_by_role("region", name="Tuesday")).to_contain_text(SWIMMING)
    pricing = page.get_by_role("region", name="What the Perfect Week costs")
    totals = pricing.locator("tfoot tr")
    expect(totals.get_by_role("cell").nth(0)).to_have_text(WEEKLY_HOURS)
    expect(totals.get_by_role("cell").nth(1)).to_have_text(WEEKLY_TOTAL)
    expect(totals.get_by_role("cell").nth(3)).to_have_text(YEARLY_TOTAL)
    drivers = pricing.get_by_role("list").get_by_role("listitem")
    expect(drivers.filter(has_text=SWIMMING)).to_contain_text(f"{SWIMMING_WEEKLY} a week")
    expect(drivers.filter(has_text=POTTERY)).to_contain_text(f"{POTTERY_WEEKLY} a week")
    axe_check(page)

    # 3. The PDF, reached with the keyboard.
    pdf_link = page.get_by_role("link", name="Download the Perfect Week as a PDF (A4, landscape)")
    _tab_to(page, pdf_link, limit=60)
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    content = download.path().read_bytes()
    assert content.startswith(b"%PDF")
    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(content)).pages)
    text = " ".join(text.split())
    for words in (SWIMMING, POTTERY, SWIMMING_PLACE):
        assert words in text, f"{words!r} not in the PDF: {text[:600]}"

    # 4. Easy read and side by side, through the week's own tabs.
    weeks = page.get_by_role("navigation", name="Dee's weeks")
    _tab_to(page, weeks.get_by_role("link", name="Easy read"), limit=60, backwards=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=2, name="My Perfect Week")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(SWIMMING)
    axe_check(page)
    compare = page.get_by_role("navigation", name="Dee's weeks").get_by_role(
        "link", name="Side by side"
    )
    _tab_to(page, compare, limit=60)
    page.keyboard.press("Enter")
    expect(
        page.get_by_role("heading", level=2, name="Dee's Perfect Week and week now, side by side")
    ).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text(POTTERY)
    axe_check(page)

    # 5. Dee reads her week in easy read and puts it on her phone.
    dees_page = open_page()
    sign_in(dees_page, live_server, person_user)
    dees_page.get_by_role("navigation", name="My pages").get_by_role(
        "link", name="My Perfect Week"
    ).click()
    dees_page.get_by_role("navigation", name="Dee's weeks").get_by_role(
        "link", name="Easy read"
    ).click()
    easy = dees_page.locator("#easy-read-content")
    expect(easy).to_contain_text(SWIMMING)
    expect(easy).to_contain_text(POTTERY)
    axe_check(dees_page)

    dees_page.goto(reverse("week:calendar_links", args=[dee.pk]))
    expect(dees_page.get_by_role("main")).to_contain_text("There are no calendar links yet.")
    axe_check(dees_page)
    dees_page.get_by_role("button", name="Make a calendar link for me").click()
    expect(dees_page.get_by_role("main")).to_contain_text("Your calendar link is ready.")
    feed = CalendarFeed.objects.get(person=dee, owner=person_user)
    address = dees_page.get_by_label("Address for your phone")
    expect(address).to_have_value(
        f"webcal://{live_server.url.split('://', 1)[1]}"
        + reverse("week:calendar_feed", args=[feed.token])
    )
    axe_check(dees_page)


def _help_what() -> str:
    return "In a few words: 'Swimming with Sam', 'Work at the garden centre'."
