"""The Plan Book as a PDF: the person's words really in it, nothing unescaped, fonts embedded,
tagged for screen readers (PDF/UA-1), A4 with page numbers, and the same access rule as the web
page. PDFs are opened with pypdf, as a reader's software would."""

from __future__ import annotations

import io
import logging
import re
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from PIL import Image
from pypdf import PdfReader

from directsupport.accounts.models import User
from directsupport.audit.models import Action, AuditEvent
from directsupport.lib.pdf import LocalFetcher, RefusedFetch, private_file_url
from directsupport.planbook.models import PlanBookStatus
from directsupport.planbook.pdf.render import PlanBookPart, plan_book_filename, render_plan_book_pdf
from directsupport.planning.models import GraphicRecording, NoteStatus, Question, Speaker

from .conftest import add_note
from .plan_book_support import add_outcome, fill_tools, url, version_at

pytestmark = pytest.mark.django_db

UNSAFE_NOTE = "<script>alert(1)</script><b>bold</b>"
READERS = [
    "coordinator",
    "manager",
    "worker",
    "person_user",
    "finance",
    "market_shaper",
    "sister_user",
    "cousin_user",
]
# Commissioners never open a Plan Book or its PDF: they read the plan summary.
NEVER = [
    "other_worker",
    "neighbour_user",
    "supplier",
    "outsider",
    "commissioner",
    "other_commissioner",
    "expert",
]


def stored_picture(folder: str, size: tuple[int, int], colour: tuple[int, int, int]) -> str:
    image = Image.new("RGB", size, colour)
    out = io.BytesIO()
    image.save(out, "PNG")
    return storages["private"].save(f"{folder}/test.png", ContentFile(out.getvalue()))


@pytest.fixture
def dee_book(everyone, planning_day, coordinator, dee, sister):
    """Dee's published Plan Book: notes (one of them unsafe text, one a best guess), tools, an
    outcome, her photo and a graphic recording."""
    add_note(dee, text="Swimming at the Mill Lane pool on Saturdays", event=planning_day)
    add_note(dee, text=UNSAFE_NOTE, question=Question.TICK, event=planning_day)
    add_note(
        dee,
        text="Dee would like to sing in the choir again",
        question=Question.FUTURE,
        speaker=Speaker.CIRCLE,
        said_by="Ngozi Okafor",
        relationship="my sister",
        status=NoteStatus.BEST_GUESS,
        event=planning_day,
    )
    fill_tools(dee)
    add_outcome(dee)
    dee.photo = stored_picture("photos", (300, 400), (40, 90, 160))
    dee.save()
    GraphicRecording.objects.create(
        person=dee,
        event=planning_day,
        image=stored_picture("recordings", (1200, 800), (220, 200, 80)),
        description="Dee in the middle, with a swimming pool and a choir around her.",
        width=1200,
        height=800,
        uploaded_by=coordinator,
    )
    version = version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)
    version.person = dee
    return version


def read(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def catalog_of(reader: PdfReader) -> Any:
    return reader.trailer["/Root"]


def all_text(reader: PdfReader) -> str:
    return " ".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def pictures_in(reader: PdfReader) -> set[bytes]:
    """The distinct pictures in the PDF (pages share one set of resources)."""
    return {image.data for page in reader.pages for image in page.images}


def fonts_of(reader: PdfReader) -> dict[str, Any]:
    """Every font the pages use, by its PostScript name."""
    fonts = {}
    for page in reader.pages:
        resources: Any = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    return fonts


# --- What is in it ----------------------------------------------------------------------------


def test_the_persons_words_are_in_the_pdf_as_typed_and_nothing_is_markup(dee_book):
    pdf = render_plan_book_pdf(dee_book, show_circle=True)
    reader = read(pdf.content)
    text = flat(all_text(reader))
    assert "Swimming at the Mill Lane pool on Saturdays" in text
    assert "Dee would like to sing in the choir again" in text
    # The note is there as the characters typed: the tags are text, not markup.
    assert UNSAFE_NOTE in text.replace(" ", "") or UNSAFE_NOTE in text
    runs: list[tuple[str, str]] = []
    for page in reader.pages:
        page.extract_text(
            visitor_text=lambda chunk, cm, tm, font, size: runs.append(
                (chunk, str(font.get("/BaseFont", "")) if font else "")
            )
        )
    bold_word_runs = [font for chunk, font in runs if "<b>bold</b>" in chunk]
    assert bold_word_runs, "the note's text was not found in one run"
    assert all("Bold" not in font for font in bold_word_runs)


def test_a_best_guess_is_marked_as_one_in_both_parts(dee_book):
    text = flat(all_text(read(render_plan_book_pdf(dee_book, show_circle=True).content)))
    assert text.count("Dee would like to sing in the choir again") == 2
    assert "Best guess — not yet checked with Dee" in text
    assert "Ngozi thinks this. Nobody has asked me yet." in text


def test_tools_outcomes_photo_and_recording_are_in_the_pdf(dee_book):
    reader = read(render_plan_book_pdf(dee_book, show_circle=True).content)
    text = flat(all_text(reader))
    for words in (
        "One-page profile",
        "Her big laugh",
        "What is working and not working",
        "Views differ",
        "Where I live",
        "1 September 2026",
        "Swim in the sea at Brighton",
        "Find a swimming buddy",
        "My Perfect Week and spending plan",
        "Dee in the middle, with a swimming pool",
    ):
        assert words in text, words
    # The photo (on both covers) and the graphic recording.
    assert len(pictures_in(reader)) == 2


def test_the_fonts_are_embedded(dee_book):
    fonts = fonts_of(read(render_plan_book_pdf(dee_book, show_circle=True).content))
    assert any("Atkinson-Hyperlegible" in name for name in fonts)
    for name, font in fonts.items():
        descriptor = (
            font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            if "/DescendantFonts" in font
            else font["/FontDescriptor"]
        ).get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), name


def test_the_pdf_is_tagged_for_screen_readers_with_title_and_language(dee_book):
    reader = read(render_plan_book_pdf(dee_book, show_circle=True).content)
    catalog = catalog_of(reader)
    metadata: Any = reader.metadata
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert metadata.title == "Dee’s Plan Book, version 1 (standard and easy read)"  # noqa: RUF001
    assert metadata.author == "Dee Okafor"
    xmp = catalog["/Metadata"].get_object().get_data()
    assert b"pdfuaid:part" in xmp


def structure_elements(reader: PdfReader) -> list[Any]:
    """Every element of the PDF's tag tree."""
    found: list[Any] = []
    stack = [catalog_of(reader)["/StructTreeRoot"].get_object()]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        kids = kids if isinstance(kids, list) else [kids]
        for kid in kids:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict) and kid.get("/Type") == "/StructElem":
                found.append(kid)
                stack.append(kid)
    return found


def test_every_figure_has_words_for_screen_readers(dee_book):
    elements = structure_elements(read(render_plan_book_pdf(dee_book, show_circle=True).content))
    figures = [element for element in elements if element["/S"] == "/Figure"]
    alternatives = {str(figure.get("/Alt", "")) for figure in figures}
    assert all(alternatives), "a Figure without /Alt"
    assert "Photo of Dee" in alternatives
    assert any(
        words.startswith("Graphic recording from Spring Planning Live") for words in alternatives
    )
    assert {"/H1", "/H2", "/H3", "/L", "/LI", "/Table", "/TH", "/TD", "/P"} <= {
        str(element["/S"]) for element in elements
    }


def test_rendering_has_nothing_to_complain_about(dee_book, caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        render_plan_book_pdf(dee_book, show_circle=True)
    assert [
        record.getMessage() for record in caplog.records if record.name.startswith("weasyprint")
    ] == []


def test_pages_are_a4_with_the_title_and_page_numbers_in_the_footer(dee_book):
    pdf = render_plan_book_pdf(dee_book, show_circle=True)
    reader = read(pdf.content)
    assert pdf.pages == len(reader.pages) > 4
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    second = flat(reader.pages[1].extract_text())
    assert f"Dee’s Plan Book — page 2 of {pdf.pages}" in second  # noqa: RUF001
    assert "Dee’s Plan Book · version 1 · Published" in second  # noqa: RUF001


def test_either_part_alone(dee_book):
    standard = render_plan_book_pdf(dee_book, part=PlanBookPart.STANDARD, show_circle=True)
    easy = render_plan_book_pdf(dee_book, part=PlanBookPart.EASY_READ, show_circle=True)
    both = render_plan_book_pdf(dee_book, show_circle=True)
    standard_text = flat(all_text(read(standard.content)))
    easy_text = flat(all_text(read(easy.content)))
    assert "What people said at Planning Live" in standard_text
    assert "This is my Plan Book" not in standard_text
    assert "This is my Plan Book" in easy_text
    assert "What people said at Planning Live" not in easy_text
    assert standard.pages + easy.pages == both.pages
    assert easy.filename == "plan-book-dee-okafor-v1-easy-read.pdf"
    assert plan_book_filename(dee_book, PlanBookPart.STANDARD).endswith("-v1-standard.pdf")


def test_a_missing_photo_file_leaves_the_picture_out_and_the_pdf_still_made(dee_book):
    # The version's own copy of the photo (see planbook/book/compile.py) has gone.
    storages["private"].delete(dee_book.content["person"]["photo"])
    reader = read(render_plan_book_pdf(dee_book, show_circle=True).content)
    assert len(pictures_in(reader)) == 1


# --- Nothing but our own files ----------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "https://example.com/tracker.png",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "https://pdf.invalid/static/js/site.js",
        "https://pdf.invalid/static/../directsupport/settings.py",
        "https://pdf.invalid/private/someone-elses-photo",
        "data:image/png;base64,iVBORw0KGgo=",
    ],
)
def test_the_pdf_fetcher_refuses_anything_but_static_files_and_the_files_given(address):
    with pytest.raises(RefusedFetch):
        LocalFetcher({"photo": "photos/test.png"}).fetch(address)


def test_the_pdf_fetcher_serves_static_fonts_and_named_private_files(private_storage):
    name = stored_picture("photos", (10, 10), (0, 0, 0))
    fetcher = LocalFetcher({"photo": name})
    font = fetcher.fetch(
        "https://pdf.invalid/static/fonts/atkinson-hyperlegible/"
        "atkinson-hyperlegible-latin-400-normal.woff"
    )
    assert font.read(4) == b"wOFF"
    photo = fetcher.fetch(private_file_url("photo"))
    assert photo.read(4) == b"\x89PNG"
    assert photo.content_type == "image/png"


# --- The download -----------------------------------------------------------------------------


def test_the_download_is_an_attachment_that_is_never_cached(client_for, coordinator, dee_book):
    response = client_for(coordinator).get(url("plan_book_pdf", dee_book.person, 1))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="plan-book-dee-okafor-v1.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF-1.7")


@pytest.mark.parametrize(
    ("part", "filename", "has_easy_read"),
    [
        ("standard", "plan-book-dee-okafor-v1-standard.pdf", False),
        ("easy-read", "plan-book-dee-okafor-v1-easy-read.pdf", True),
        ("both", "plan-book-dee-okafor-v1.pdf", True),
        ("nonsense", "plan-book-dee-okafor-v1.pdf", True),
    ],
)
def test_the_part_is_chosen_in_the_link(
    client_for, coordinator, dee_book, part, filename, has_easy_read
):
    response = client_for(coordinator).get(url("plan_book_pdf", dee_book.person, 1), {"part": part})
    assert filename in response["Content-Disposition"]
    assert ("This is my Plan Book" in all_text(read(response.content))) is has_easy_read


def test_downloading_the_pdf_is_audited(client_for, coordinator, dee_book, dee):
    client_for(coordinator).get(url("plan_book_pdf", dee, 1), {"part": "easy-read"})
    row = AuditEvent.objects.filter(person_id=dee.pk, action=Action.VIEW).latest("id")
    assert row.actor == coordinator
    assert row.subject_type == "planbook.planbookversion"
    assert row.summary == "Plan Book version 1 as a PDF (easy read)"


@pytest.mark.parametrize("name", READERS)
def test_whoever_may_read_the_published_version_may_download_its_pdf(
    client_for, persona, dee_book, name
):
    response = client_for(persona(name)).get(
        url("plan_book_pdf", dee_book.person, 1), {"part": "standard"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("name", NEVER)
def test_anyone_else_gets_not_found(client_for, persona, dee_book, name):
    response = client_for(persona(name)).get(url("plan_book_pdf", dee_book.person, 1))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(action=Action.DENIED, actor=persona(name)).exists()


@pytest.mark.parametrize("name", ["sister_user", "cousin_user", "commissioner"])
def test_a_draft_pdf_is_not_found_for_the_circle_and_commissioners(
    client_for, persona, coordinator, dee, everyone, name
):
    version_at(dee, PlanBookStatus.DRAFT, by=coordinator)
    response = client_for(persona(name)).get(url("plan_book_pdf", dee, 1))
    assert response.status_code == 404


def test_commissioners_find_no_pdf_even_of_a_published_version(
    client_for, commissioner, coordinator, dee_book
):
    def answer_for(user: User) -> Any:
        return client_for(user).get(url("plan_book_pdf", dee_book.person, 1))

    assert "Chika Obi" in flat(all_text(read(answer_for(coordinator).content)))
    assert answer_for(commissioner).status_code == 404


def test_only_get_is_allowed(client_for, coordinator, dee_book):
    response = client_for(coordinator).post(url("plan_book_pdf", dee_book.person, 1))
    assert response.status_code == 405
