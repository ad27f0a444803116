"""A whole Planning Live day for two people, through the real pages.

Priya (coordinator) plans the day for Dee and Marcus and records who from each circle is
invited; on the day Priya, Dee's sister Ngozi and Marcus's sister Lena add notes to the capture
boards; Dee checks the best guesses made about her on her own sign-in; Priya compiles and shares
each Plan Book, Dee agrees hers in easy read, a representative agrees Marcus's (he has no
sign-in and lacks capacity to agree it now), and Priya publishes both. What Dee said was not
right stays out of her Plan Book.
"""

from __future__ import annotations

import re
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.people.models import CircleMember, Closeness, Person, Sector
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion, SignedBy
from directsupport.planning.models import (
    CaptureNote,
    EventInvitation,
    EventParticipant,
    NoteStatus,
    Phase,
    PlanningEvent,
    Speaker,
)
from tests.factories import CircleMemberFactory, PersonFactory, UserFactory

from .helpers import sign_in

EVENT = "Spring Planning Live"
ADMIRE = "What do people like and admire about me?"
IMPORTANT = "What is important to me?"
PLACES = "Where do I like to go?"

PRIYAS_GUESS = "Dee wants to live on her own one day."
NGOZIS_WORDS = "Dee makes everyone laugh, and she never gives up."
NGOZIS_GUESS = "Dee loves swimming at the leisure centre on Saturdays."
LENAS_WORDS = "Marcus is kind: he says hello to everyone on the bus."
REPRESENTATIVE = "Carol Bell"
REPRESENTATIVE_REASON = (
    "Carol is Marcus's deputy for health and welfare. Marcus lacks capacity to agree a written "
    "plan now; we went through it with him in pictures and he was happy with it."
)


@pytest.fixture
def lena_user(provider) -> User:
    return UserFactory.create(
        organisation=provider, role=Role.CIRCLE, full_name="Lena Bell", email="lena@example.org"
    )


@pytest.fixture
def marcus(provider, council, coordinator, lena_user) -> Person:
    """Marcus Bell: no sign-in of his own. His sister Lena may see and add to his plans."""
    person = PersonFactory.create(
        organisation=provider,
        first_name="Marcus",
        last_name="Bell",
        funding_council=council,
        coordinator=coordinator,
    )
    CircleMemberFactory.create(
        person=person,
        name="Lena Bell",
        relationship="my sister",
        sector=Sector.FAMILY,
        closeness=Closeness.CLOSEST,
        user=lena_user,
        may_see=True,
        may_contribute=True,
    )
    return person


def test_a_whole_planning_live_day_for_dee_and_marcus(
    page: Page,
    open_page,
    live_server,
    axe_check,
    coordinator,
    dee,
    person_user,
    sister,
    sister_user,
    marcus,
    lena_user,
):
    event = _priya_plans_the_day(page, live_server, axe_check, coordinator, dee, sister, marcus)
    _priya_guesses_for_dee(page, axe_check, dee, event)
    _ngozi_adds_to_dees_board(open_page(), live_server, axe_check, dee, sister_user)
    _lena_adds_to_marcuss_board(open_page(), live_server, axe_check, marcus, lena_user)
    dees_page = open_page()
    _dee_checks_the_guesses(dees_page, live_server, axe_check, dee, person_user)
    _dees_plan_book(page, dees_page, axe_check, dee, person_user)
    _marcuss_plan_book(page, axe_check, marcus, coordinator)
    _priya_makes_everyones_plan_books(page, live_server, axe_check, event)


# --- 1. Planning the day --------------------------------------------------------------------


def _priya_plans_the_day(
    page: Page,
    live_server,
    axe_check,
    coordinator: User,
    dee: Person,
    sister: CircleMember,
    marcus: Person,
) -> PlanningEvent:
    sign_in(page, live_server, coordinator)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Planning Live").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Planning Live events")
    axe_check(page)

    page.get_by_role("link", name="Plan a Planning Live event").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan a Planning Live event")
    # The day itself: notes are tied to a Planning Live day once it has begun.
    today = timezone.localdate()
    page.get_by_label("Name of the event").fill(EVENT)
    page.get_by_label("Date", exact=True).fill(today.isoformat())
    page.get_by_label("Starts at").fill("10:00")
    page.get_by_label("Ends at").fill("15:30")
    page.get_by_label("Venue", exact=True).fill("Hollowfield Community Centre")
    page.get_by_label("Venue address").fill("12 Mill Lane\nHollowfield HF1 2AB")
    page.get_by_label("Access at the venue").fill(
        "Step-free entrance and an accessible toilet. Quiet room upstairs (there is a lift)."
    )
    page.get_by_role("group", name="Facilitators").get_by_label("Priya Shah").check()
    axe_check(page)
    page.get_by_role("button", name="Plan the event").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(EVENT)
    expect(page.get_by_role("main")).to_contain_text("Now add the people taking part.")
    event = PlanningEvent.objects.get(title=EVENT)
    assert (event.date, event.venue_address) == (today, "12 Mill Lane, Hollowfield HF1 2AB")
    assert list(event.facilitators.all()) == [coordinator]
    axe_check(page)

    page.get_by_role("link", name="Add people", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Add people to {EVENT}")
    people = page.get_by_role("group", name="Who is taking part?")
    people.get_by_label("Dee Okafor").check()
    people.get_by_label("Marcus Bell").check()
    axe_check(page)
    page.get_by_role("button", name="Add the people ticked").click()
    # In the order of the list: by family name.
    expect(page.get_by_role("status")).to_contain_text(
        f"Added to {EVENT}: Marcus Bell, Dee Okafor."
    )
    table = page.get_by_role("table")
    expect(table).to_contain_text("Dee Okafor")
    expect(table).to_contain_text("Marcus Bell")

    # Dee agreed to invite her sister.
    table.get_by_role("link", name="Dee Okafor", exact=True).click()
    expect(page.get_by_role("heading", level=2, name=f"Dee at {EVENT}")).to_be_visible()
    axe_check(page)
    page.get_by_role("group", name="Who from Dee's circle is invited?").get_by_label(
        "Ngozi Okafor (my sister)"
    ).check()
    page.get_by_label("Dee agreed to invite these people").check()
    page.get_by_role("button", name="Save who is invited").click()
    expect(page.get_by_role("main")).to_contain_text("Saved: 1 person from Dee's circle invited.")
    expect(page.get_by_role("main")).to_contain_text("Dee agreed who is invited.")
    axe_check(page)
    assert EventInvitation.objects.filter(
        participant__event=event, participant__person=dee, member=sister
    ).exists()

    page.get_by_role("link", name="Print the easy-read invitations for Dee's circle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Invitations to Dee's Planning Live day"
    )
    invitation = page.get_by_role("article", name="You are invited to Dee's Planning Live day")
    expect(invitation).to_contain_text("For Ngozi Okafor")
    expect(invitation).to_contain_text("It starts at 10am.")
    expect(invitation).to_contain_text("Quiet room upstairs")
    axe_check(page)

    # Marcus cannot decide who is invited: a representative agreed, and why is required.
    page.get_by_role("link", name=f"Back to {EVENT}").click()
    page.get_by_role("table").get_by_role("link", name="Marcus Bell", exact=True).click()
    expect(page.get_by_role("heading", level=2, name=f"Marcus at {EVENT}")).to_be_visible()
    page.get_by_label("Lena Bell (my sister)").check()
    page.get_by_role("radio", name=re.compile("^A representative agreed")).check()
    page.get_by_label("Representative's name").fill(REPRESENTATIVE)
    page.get_by_role("button", name="Save who is invited").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Enter why a representative agreed for Marcus"
    )
    expect(page.get_by_label("Representative's name")).to_have_value(REPRESENTATIVE)
    axe_check(page)
    assert not EventInvitation.objects.filter(participant__person=marcus).exists()
    page.get_by_label("Why a representative agreed").fill(REPRESENTATIVE_REASON)
    page.get_by_role("button", name="Save who is invited").click()
    expect(page.get_by_role("main")).to_contain_text(
        f"A representative, {REPRESENTATIVE}, agreed who is invited"
    )
    assert EventInvitation.objects.filter(participant__person=marcus).count() == 1

    page.get_by_role("link", name=f"Back to {EVENT}").click()
    page.get_by_role("button", name="Move on to Discovery").click()
    expect(page.get_by_role("main")).to_contain_text(f"{EVENT} is now at Phase 2 of 5: Discovery.")
    step = page.get_by_role("list", name="Phases of the event").locator("[aria-current=step]")
    expect(step).to_contain_text("Discovery")
    event.refresh_from_db()
    assert event.phase == Phase.DISCOVERY
    assert EventParticipant.objects.filter(event=event).count() == 2
    axe_check(page)
    return event


# --- 2-4. The capture boards ----------------------------------------------------------------


def _card(page: Page, question: str) -> Locator:
    return page.get_by_role("region", name=question, exact=True)


def _add_note(card: Locator, text: str, *, speaker: str | None = None) -> None:
    card.get_by_label("Add a note").fill(text)
    if speaker is not None:
        card.get_by_label("Who said it?").select_option(label=speaker)
    card.get_by_role("button", name=re.compile("^Add note")).click()
    expect(card.get_by_role("listitem").filter(has_text=text)).to_be_visible()


def _open_board(page: Page, called: str) -> None:
    page.get_by_role("navigation", name=f"Pages about {called}").get_by_role(
        "link", name="Planning Live"
    ).click()
    expect(page.get_by_role("heading", level=2, name="Planning Live board")).to_be_visible()


def _priya_guesses_for_dee(page: Page, axe_check, dee: Person, event: PlanningEvent) -> None:
    page.goto(reverse("people:detail", args=[dee.pk]))
    _open_board(page, "Dee")
    axe_check(page)
    # Priya answers a question about Dee's own mind for her: a best guess until Dee says.
    important = _card(page, IMPORTANT)
    _add_note(important, PRIYAS_GUESS, speaker="Me: Priya Shah, coordinator")
    note = important.get_by_role("listitem").filter(has_text=PRIYAS_GUESS)
    expect(note).to_contain_text("Best guess — not yet checked with Dee")
    axe_check(page)
    guess = CaptureNote.objects.get(text=PRIYAS_GUESS)
    assert (guess.person, guess.event, guess.status) == (dee, event, NoteStatus.BEST_GUESS)
    assert (guess.said_by, guess.speaker) == ("Priya Shah", Speaker.OTHER)


def _ngozi_adds_to_dees_board(page: Page, live_server, axe_check, dee, sister_user) -> None:
    sign_in(page, live_server, sister_user)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ngozi")
    page.get_by_role("main").get_by_role("link", name="Dee Okafor").click()
    _open_board(page, "Dee")
    admire = _card(page, ADMIRE)
    expect(admire.get_by_text("You are adding this as Ngozi Okafor, my sister.")).to_be_visible()
    axe_check(page)

    _add_note(admire, NGOZIS_WORDS)
    expect(admire.get_by_role("listitem").filter(has_text=NGOZIS_WORDS)).to_contain_text(
        "What others say"
    )
    places = _card(page, PLACES)
    _add_note(places, NGOZIS_GUESS)
    expect(places.get_by_role("listitem").filter(has_text=NGOZIS_GUESS)).to_contain_text(
        "Best guess — not yet checked with Dee"
    )
    axe_check(page)
    words = CaptureNote.objects.get(text=NGOZIS_WORDS)
    guess = CaptureNote.objects.get(text=NGOZIS_GUESS)
    assert (words.status, words.said_by, words.speaker) == (
        NoteStatus.OTHERS_VIEW,
        "Ngozi Okafor",
        Speaker.CIRCLE,
    )
    assert (guess.status, guess.written_by) == (NoteStatus.BEST_GUESS, sister_user)

    # Ngozi sees the guesses waiting for Dee, but only Dee (or staff asking her) answers them.
    # (The count in the link is the page's as loaded: notes added since came without a reload.)
    page.get_by_role("link", name=re.compile("best guess(es)? to check with Dee")).click()
    expect(
        page.get_by_role("heading", level=2, name="Best guesses to check with Dee")
    ).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(
        "Only Dee, or staff who ask Dee, can say whether a guess is right."
    )
    expect(page.get_by_role("main")).to_contain_text(NGOZIS_GUESS)
    expect(page.get_by_role("main")).to_contain_text(PRIYAS_GUESS)
    expect(page.get_by_role("radio")).to_have_count(0)
    axe_check(page)


def _lena_adds_to_marcuss_board(page: Page, live_server, axe_check, marcus, lena_user) -> None:
    sign_in(page, live_server, lena_user)
    page.get_by_role("main").get_by_role("link", name="Marcus Bell").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Marcus Bell")
    _open_board(page, "Marcus")
    admire = _card(page, ADMIRE)
    _add_note(admire, LENAS_WORDS)
    axe_check(page)
    note = CaptureNote.objects.get(text=LENAS_WORDS)
    assert (note.person, note.status, note.said_by) == (
        marcus,
        NoteStatus.OTHERS_VIEW,
        "Lena Bell",
    )


# --- 5. Dee checks the guesses --------------------------------------------------------------


def _dee_checks_the_guesses(page: Page, live_server, axe_check, dee, person_user) -> None:
    sign_in(page, live_server, person_user)
    expect(page).to_have_url(f"{live_server.url}{reverse('people:easy_read', args=[dee.pk])}")
    expect(
        page.get_by_role("heading", name="Please check what people said about you")
    ).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("People made 2 guesses")
    axe_check(page)

    page.get_by_role("link", name="Check the guesses").click()
    expect(page.get_by_role("heading", level=2, name="Is this right?")).to_be_visible()
    axe_check(page)
    swimming = page.get_by_role("region", name="Ngozi thinks:")
    expect(swimming).to_contain_text(NGOZIS_GUESS)
    swimming.get_by_role("button", name="Yes, that's right").click()
    expect(page.get_by_role("main")).to_contain_text("Thank you. Your answer is written down.")
    page.get_by_role("region", name="Priya thinks:").get_by_role(
        "button", name="No, that's not right"
    ).click()
    expect(page.get_by_role("heading", level=2, name="You already said")).to_be_visible()
    expect(page.get_by_role("region", name="Ngozi thinks:")).to_contain_text(
        "You said: yes, that's right."
    )
    expect(page.get_by_role("region", name="Priya thinks:")).to_contain_text(
        "You said: no, that's not right."
    )
    expect(page.get_by_role("main")).to_contain_text("There is nothing to check. Thank you.")
    axe_check(page)
    confirmed = CaptureNote.objects.get(text=NGOZIS_GUESS)
    rejected = CaptureNote.objects.get(text=PRIYAS_GUESS)
    assert (confirmed.status, confirmed.checked_by) == (NoteStatus.CONFIRMED, person_user)
    assert (rejected.status, rejected.checked_by) == (NoteStatus.NOT_AGREED, person_user)

    page.get_by_role("link", name="Back to my Planning Live board").click()
    expect(
        _card(page, PLACES).get_by_role("listitem").filter(has_text=NGOZIS_GUESS)
    ).to_contain_text("Confirmed by you")
    expect(
        _card(page, IMPORTANT).get_by_role("listitem").filter(has_text=PRIYAS_GUESS)
    ).to_contain_text("You said this is not right, so it will not go in the Plan Book.")
    axe_check(page)


# --- 6. The Plan Books ----------------------------------------------------------------------


def _plan_book_tab(page: Page, person: Person) -> None:
    page.goto(reverse("people:detail", args=[person.pk]))
    page.get_by_role("navigation", name=f"Pages about {person.called}").get_by_role(
        "link", name="Plan Book"
    ).click()
    expect(
        page.get_by_role(
            "heading", level=2, name=f"{person.called}\N{RIGHT SINGLE QUOTATION MARK}s Plan Book"
        )
    ).to_be_visible()


def _start_and_share(page: Page, axe_check, person: Person) -> None:
    called = person.called
    _plan_book_tab(page, person)
    axe_check(page)
    page.get_by_role("button", name="Start the first Plan Book").click()
    expect(page.get_by_role("main")).to_contain_text("Version 1 has been started")
    expect(page.get_by_role("heading", name="Working on version 1")).to_be_visible()
    page.get_by_role("button", name="Update from the latest tools and notes").click()
    expect(page.get_by_role("main")).to_contain_text(
        "The Plan Book now shows the latest tools and notes."
    )
    axe_check(page)
    page.get_by_role("button", name=f"Share with {called} and the circle").click()
    expect(page.get_by_role("main")).to_contain_text(f"Version 1 is shared with {called}")
    assert PlanBookVersion.objects.get(person=person).status == PlanBookStatus.SHARED


def _publish(page: Page, person: Person) -> PlanBookVersion:
    page.get_by_role("button", name="Publish version 1").click()
    expect(page.get_by_role("main")).to_contain_text("Version 1 is published.")
    version = PlanBookVersion.objects.get(person=person, number=1)
    assert version.status == PlanBookStatus.PUBLISHED
    assert version.published_by == person.coordinator
    return version


def _dees_plan_book(page: Page, dees_page: Page, axe_check, dee: Person, person_user) -> None:
    _start_and_share(page, axe_check, dee)

    # Dee finds it on her own page, reads it in easy read, and says yes.
    dees_page.goto(reverse("people:easy_read", args=[dee.pk]))
    dees_page.get_by_role("link", name="Read and agree my Plan Book").click()
    expect(
        dees_page.get_by_role("heading", level=2, name="Is this your Plan Book?")
    ).to_be_visible()
    axe_check(dees_page)
    dees_page.get_by_role("link", name="Read your Plan Book").click()
    easy = dees_page.locator("#plan-book-easy-read")
    expect(easy).to_contain_text(NGOZIS_GUESS)
    expect(easy).to_contain_text("Ngozi thought this. I said yes.")
    expect(easy).to_contain_text(NGOZIS_WORDS)
    expect(easy).not_to_contain_text(PRIYAS_GUESS)
    axe_check(dees_page)
    dees_page.get_by_role("link", name="Is this right? Tell us yes or no.").click()
    dees_page.get_by_role("button", name="Yes, this is my Plan Book").click()
    expect(dees_page.get_by_role("main")).to_contain_text(
        "Thank you. You said yes: this is your Plan Book."
    )
    version = PlanBookVersion.objects.get(person=dee, number=1)
    assert (version.status, version.signed_by) == (PlanBookStatus.AGREED, SignedBy.PERSON)
    assert version.signed_by_user == person_user

    # Priya's home page tells her it is ready to publish.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Home").click()
    waiting = page.locator(".card").filter(
        has=page.get_by_role("heading", name="Plan Books waiting")
    )
    expect(waiting).to_contain_text("Dee Okafor, version 1: agreed, ready to publish")
    expect(page.get_by_role("main")).to_contain_text(
        "Nothing to check: every best guess has been asked about."
    )
    axe_check(page)
    waiting.get_by_role("link", name="Dee Okafor, version 1").click()
    expect(page.get_by_role("main")).to_contain_text("Dee agreed it on")
    version = _publish(page, dee)
    book = page.get_by_role("article", name=re.compile("Plan Book, version 1"))
    said = book.get_by_role("region", name="What people said at Planning Live")
    expect(said).to_contain_text(NGOZIS_GUESS)
    expect(said).to_contain_text("Best guess, confirmed by Dee")
    expect(said).to_contain_text(NGOZIS_WORDS)
    expect(book).not_to_contain_text(PRIYAS_GUESS)
    axe_check(page)
    texts = [note["text"] for question in version.content["notes"] for note in question["items"]]
    assert NGOZIS_GUESS in texts and PRIYAS_GUESS not in texts


def _marcuss_plan_book(page: Page, axe_check, marcus: Person, coordinator: User) -> None:
    _start_and_share(page, axe_check, marcus)
    page.get_by_role("link", name="Record Marcus\N{RIGHT SINGLE QUOTATION MARK}s agreement").click()
    expect(
        page.get_by_role("heading", level=2, name="Record agreement to version 1")
    ).to_be_visible()
    page.get_by_role("radio", name=re.compile("^A representative agreed it")).check()
    page.get_by_label("Representative's name").fill(REPRESENTATIVE)
    page.get_by_role("button", name="Record the agreement").click()
    # Without the reason nothing is recorded, and the name typed is kept.
    expect(page.get_by_role("alert")).to_contain_text(
        "Enter why Marcus cannot agree it themselves now"
    )
    expect(page.get_by_label("Representative's name")).to_have_value(REPRESENTATIVE)
    axe_check(page)
    assert PlanBookVersion.objects.get(person=marcus).status == PlanBookStatus.SHARED
    page.get_by_label("Why a representative agreed it").fill(REPRESENTATIVE_REASON)
    page.get_by_role("button", name="Record the agreement").click()
    expect(page.get_by_role("main")).to_contain_text(
        "Recorded: Marcus's Plan Book version 1 is agreed."
    )
    expect(page.get_by_role("main")).to_contain_text(
        f"{REPRESENTATIVE} agreed it as Marcus\N{RIGHT SINGLE QUOTATION MARK}s representative"
    )
    version = _publish(page, marcus)
    expect(page.get_by_role("article", name=re.compile("Plan Book, version 1"))).to_contain_text(
        LENAS_WORDS
    )
    axe_check(page)
    assert (version.signed_by, version.signed_by_user) == (SignedBy.REPRESENTATIVE, coordinator)
    assert (version.representative_name, version.representative_reason) == (
        REPRESENTATIVE,
        REPRESENTATIVE_REASON,
    )


# --- 7. Everyone's Plan Books as PDFs -------------------------------------------------------


def _priya_makes_everyones_plan_books(
    page: Page, live_server, axe_check, event: PlanningEvent
) -> None:
    page.goto(f"{live_server.url}/planning/events/{event.pk}/")
    # Tests run tasks at once, so the batch is finished by the time its page opens: the click
    # waits while the server prints two PDFs, which took over 10 s on a busy CI machine.
    page.get_by_role(
        "button", name="Make everyone\N{RIGHT SINGLE QUOTATION MARK}s Plan Books"
    ).click(timeout=60_000)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Plan Books for {EVENT}")
    expect(page.get_by_role("main")).to_contain_text("2 of 2 Plan Books made")
    axe_check(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the Plan Books (zip file)").click()
    download = download_info.value
    with zipfile.ZipFile(download.path()) as archive:
        names = archive.namelist()
    assert len(names) == 2 and all(name.endswith(".pdf") for name in names), names
