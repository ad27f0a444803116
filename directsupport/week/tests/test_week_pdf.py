"""The Perfect Week as a printable PDF: landscape A4 or A3, the entries' words, and who may
download it."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from directsupport.audit.models import Action, AuditEvent

from .conftest import NOT_FOUND_FOR_WEEK, WEEK_READERS
from .feed_support import SECRET_NOTE, fill_week


def pdf_url(person, size: str | None = None) -> str:
    url = reverse("week:week_pdf", args=[person.pk])
    return f"{url}?size={size}" if size else url


def text_of(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    words = " ".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(words.split())


@pytest.fixture
def week_entries(perfect_week, sister):
    return fill_week(perfect_week, sister)


@pytest.mark.parametrize(("size", "long_side_mm"), [("a4", 297), ("a3", 420), (None, 297)])
def test_the_pdf_is_landscape_with_every_entrys_words(
    size, long_side_mm, week_entries, everyone, client_for, coordinator, dee
):
    response = client_for(coordinator).get(pdf_url(dee, size))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="perfect-week-dee-okafor.pdf"'
    reader, words = text_of(response.content)
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) > float(box.height)
        assert round(float(box.width) * 25.4 / 72) == long_side_mm
    for entry in week_entries:
        assert entry.what in words
    for phrase in ("Monday", "Sunday", "Fixed time", "Flexible", "Every other Saturday"):
        assert phrase in words
    assert "10am to midday" in words
    assert "Shared community access (1 worker for 3 people)" in words
    assert SECRET_NOTE.split(",")[0] not in words
    assert "£" not in words


def test_the_pdf_is_tagged_and_titled(week_entries, everyone, client_for, person_user, dee):
    reader, _ = text_of(client_for(person_user).get(pdf_url(dee)).content)

    assert reader.metadata is not None
    assert reader.metadata.title == "Dee\u2019s Perfect Week"
    root = reader.root_object
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"


def test_an_unknown_size_gets_a4(week_entries, everyone, client_for, coordinator, dee):
    reader, _ = text_of(client_for(coordinator).get(pdf_url(dee, "letter")).content)

    assert round(float(reader.pages[0].mediabox.width) * 25.4 / 72) == 297


def test_names_from_the_circle_are_left_out_for_finance(
    week_entries, everyone, client_for, finance, dee
):
    _, words = text_of(client_for(finance).get(pdf_url(dee)).content)

    assert "Ngozi" not in words.replace("Ngozi's house", "")
    assert "Someone from my circle" in words


def test_an_empty_week_says_so(everyone, client_for, coordinator, dee):
    _, words = text_of(client_for(coordinator).get(pdf_url(dee)).content)

    assert "Dee\u2019s Perfect Week has nothing in it yet." in words


@pytest.mark.parametrize("name", WEEK_READERS)
def test_week_readers_download_it_and_it_is_audited(name, persona, week_entries, client_for, dee):
    response = client_for(persona(name)).get(pdf_url(dee))

    assert response.status_code == 200
    assert AuditEvent.objects.filter(
        action=Action.VIEW, person_id=dee.pk, summary__contains="Perfect Week as a PDF"
    ).exists()


@pytest.mark.parametrize("name", NOT_FOUND_FOR_WEEK)
def test_everyone_else_finds_no_pdf(name, persona, week_entries, client_for, dee):
    response = client_for(persona(name)).get(pdf_url(dee))

    assert response.status_code == 404
    assert AuditEvent.objects.filter(action=Action.DENIED, person_id=dee.pk).exists()
