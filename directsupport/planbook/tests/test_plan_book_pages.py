"""What a Plan Book version shows: the web page and the easy-read page, from its snapshot."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directsupport.planbook.book.services import compile_draft, set_status, start_version
from directsupport.planbook.models import PlanBookStatus
from directsupport.planning.models import GraphicRecording, Question, Speaker, ToolKind

from .conftest import add_note
from .plan_book_support import add_outcome, add_tool, fill_tools, give_photo, url, version_at

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><b onmouseover="evil()">bold</b>'


def page(client, dee, number: int = 1, name: str = "plan_book_version") -> str:
    response = client.get(url(name, dee, number))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def dee_book(everyone, coordinator, dee, planning_day):
    """Dee's first version: tools, an outcome, her own words and her sister's best guess."""
    fill_tools(dee)
    add_outcome(dee)
    add_note(dee, text="Swimming on Saturdays", event=planning_day)
    add_note(
        dee,
        text="Loves the seaside",
        question=Question.PLACES,
        speaker=Speaker.CIRCLE,
        said_by="Ngozi Okafor",
        relationship="my sister",
        event=planning_day,
    )
    return start_version(actor=coordinator, person=dee)


def test_the_web_page_has_a_cover_contents_and_every_section(dee_book, client_for, worker, dee):
    content = page(client_for(worker), dee)

    assert "Dee Okafor’s Plan Book" in content  # noqa: RUF001
    assert "Plan Book, version 1," in content
    assert '<span class="person-photo person-photo--placeholder"' in content
    assert ">DO</span>" in content
    for anchor in ("about", "profile", "circle", "said", "outcomes", "week"):
        assert f'href="#plan-book-{anchor}"' in content
        assert f'id="plan-book-{anchor}"' in content
    assert "These will appear here when Dee’s Perfect Week is made." in content  # noqa: RUF001
    assert "Spring Planning Live, 14 March 2026" in content


def test_the_cover_says_who_agreed_and_when(everyone, coordinator, client_for, worker, dee):
    version_at(dee, PlanBookStatus.AGREED, by=coordinator)

    content = page(client_for(worker), dee)

    assert re.search(r"Agreed by Dee on \d{1,2} \w+ \d{4}\.", content)


def test_notes_show_who_said_them_and_best_guesses_are_marked(dee_book, client_for, worker, dee):
    content = page(client_for(worker), dee)

    assert "Ngozi Okafor (my sister), at Spring Planning Live" in content
    assert "Best guess — not yet checked with Dee" in content
    assert "In Dee’s own words" in content  # noqa: RUF001
    # The tag is text, not colour alone.
    guess = re.search(r'<p class="tag tag--warn[^"]*">.*?</p>', content, re.S)
    assert guess is not None and "Best guess" in guess.group(0)


def test_tools_render_each_part_and_tables_have_headers(dee_book, client_for, worker, dee):
    content = page(client_for(worker), dee)

    assert "Her big laugh" in content
    assert "What people appreciate about me" in content
    assert '<th scope="col">About</th>' in content
    assert '<th scope="row">Swimming</th>' in content
    assert "Everyone agrees: working" in content
    assert '<span class="tag tag--warn">Views differ</span>' in content
    assert "1 September 2026" in content
    assert "Not in this version yet:" in content
    assert "Communication chart" in content


def test_outcomes_show_their_actions(dee_book, client_for, worker, dee):
    content = page(client_for(worker), dee)

    assert "<h3>Swim in the sea at Brighton</h3>" in content
    assert '<th scope="row">Find a swimming buddy</th>' in content
    assert "1 June 2026" in content
    assert "Where this came from: Dee said so" in content


def test_the_circle_shows_to_the_circle_once_shared(dee_book, client_for, sister_user, dee):
    set_status(actor=dee_book.created_by, version=dee_book, status=PlanBookStatus.SHARED)

    content = page(client_for(sister_user), dee)

    assert 'id="plan-book-circle"' in content
    assert "Ngozi Okafor, my sister" in content
    assert '<svg class="circle-diagram"' in content


@pytest.mark.parametrize("name", ["finance", "market_shaper"])
def test_the_circle_never_shows_to_those_who_may_not_see_it(
    name, persona, coordinator, client_for, dee
):
    version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)

    content = page(client_for(persona(name)), dee)

    assert "plan-book-circle" not in content
    assert "Ngozi" not in content
    assert "Chika" not in content
    easy = page(client_for(persona(name)), dee, name="plan_book_easy_read")
    assert "My circle" not in easy
    assert "Ngozi" not in easy


def test_html_in_notes_tools_and_introduction_is_shown_as_text(
    everyone, coordinator, client_for, worker, dee
):
    add_note(dee, text=SCRIPT)
    add_tool(
        dee, ToolKind.ONE_PAGE_PROFILE, {"appreciate": [SCRIPT], "important": [], "support": []}
    )
    add_tool(
        dee,
        ToolKind.IMPORTANT_TO_FOR,
        {"to": [], "for": [], "balance": SCRIPT},
    )
    add_outcome(dee, text=SCRIPT)
    version = start_version(actor=coordinator, person=dee)
    version.introduction = SCRIPT
    version.save()

    for name in ("plan_book_version", "plan_book_easy_read"):
        content = page(client_for(worker), dee, name=name)
        assert "<script>alert" not in content
        assert "<b onmouseover" not in content
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in content


def test_pages_have_no_inline_script_or_style(dee_book, client_for, coordinator, dee):
    for name in ("plan_book_version", "plan_book_easy_read", "plan_book", "plan_book_edit"):
        number = None if name == "plan_book" else 1
        response = client_for(coordinator).get(url(name, dee, number))
        content = response.content.decode()
        assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", content) is None, name
        assert ' style="' not in content, name
        assert re.search(r"\son[a-z]+=", content) is None, name


def test_the_easy_read_page_uses_short_sentences_pictures_and_read_aloud(
    dee_book, client_for, person_user, dee
):
    content = page(client_for(person_user), dee, name="plan_book_easy_read")

    assert '<body class="easy-read"' in content
    assert 'data-read-aloud="plan-book-easy-read"' in content
    assert 'id="plan-book-easy-read"' in content
    for sentence in (
        "This is my Plan Book.",
        "My name is Dee.",
        "It is not finished yet.",
        "What people like about me",
        "About me on one page",
        "<strong>Best guess.</strong> Ngozi thinks this. Nobody has asked me yet.",
        "I said this.",
        "What I want to happen",
        "My Perfect Week will go here.",
        "About:</strong> Day centre.",
    ):
        assert sentence in content, sentence
    items = re.findall(r'<div class="easy-read-item">\s*<svg[^>]*>', content)
    assert len(items) >= 8
    assert all('aria-hidden="true"' in svg for svg in items)


def test_the_page_needs_as_many_queries_for_fifty_notes_as_for_five(
    everyone, coordinator, client_for, worker, dee
):
    fill_tools(dee)
    version = start_version(actor=coordinator, person=dee)
    client = client_for(worker)
    page(client, dee)  # The first request of a session does its own one-off work.

    def queries_with(notes: int) -> int:
        for index in range(notes):
            add_note(dee, text=f"Note {index}", question=list(Question)[index % 7])
        current = type(version).objects.get(pk=version.pk)
        current.person = dee
        compile_draft(actor=coordinator, version=current, expected_version=current.version)
        with CaptureQueriesContext(connection) as captured:
            page(client, dee)
        return len(captured.captured_queries)

    five = queries_with(5)
    fifty = queries_with(45)

    assert fifty == five


def test_graphic_recordings_show_with_their_description(
    everyone, coordinator, client_for, worker, dee
):
    recording = GraphicRecording.objects.create(
        person=dee, image="recordings/x.png", description="A big blue sea with Dee swimming"
    )
    start_version(actor=coordinator, person=dee)

    content = page(client_for(worker), dee)

    assert "A big blue sea with Dee swimming" in content
    image = reverse("planning:recording_image", kwargs={"pk": dee.pk, "recording_pk": recording.pk})
    assert f'src="{image}"' in content


def test_the_cover_shows_the_photo_through_the_access_checked_page(
    everyone, coordinator, client_for, worker, dee
):
    give_photo(dee)
    start_version(actor=coordinator, person=dee)

    content = page(client_for(worker), dee)

    photo = reverse("planbook:plan_book_photo", kwargs={"pk": dee.pk, "number": 1})
    assert f'<img class="plan-book-cover__photo" src="{photo}" alt="Photo of Dee"' in content


def test_the_sections_render_from_the_snapshot_alone_with_given_pictures(
    everyone, coordinator, dee
):
    """What the PDF does: the same sections, with picture addresses of its own."""
    give_photo(dee)
    kept = GraphicRecording.objects.create(person=dee, image="r/1.png", description="The sea")
    GraphicRecording.objects.create(person=dee, image="r/2.png", description="The park")
    version = version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)
    context = {
        "content": version.content,
        "version": version,
        "show_circle": False,
        "person_pk": dee.pk,
        "photo_src": "file:photo",
        "recording_srcs": {kept.pk: "file:recording-1"},
    }

    standard = render_to_string("planbook/sections/all.html", context)
    easy = render_to_string("planbook/easy_sections/all.html", context)

    assert 'src="file:photo"' in standard and 'src="file:photo"' in easy
    assert standard.count('src="file:recording-1"') == 1
    assert "The park" in standard and "The picture is no longer stored." in standard
    assert "people/" not in standard and "/planning/" not in standard
    assert "My relationship circle" not in standard and "My circle" not in easy
