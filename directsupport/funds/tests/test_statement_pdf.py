"""A statement as a PDF: the full statement and the easy read, A4, page x of y, tagged, a private
download; the same readers as the page."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from directsupport.audit.models import Action, AuditEvent

from .statement_data import hand_worked_may

URL = "/funds/people/{pk}/statements/2026-05/pdf/"


@pytest.fixture
def may(dee_fund, finance):
    hand_worked_may(dee_fund, finance)
    return dee_fund


def text_of(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.django_db
def test_the_statement_pdf_is_a_tagged_a4_download(client_for, person_user, may):
    response = client_for(person_user).get(URL.format(pk=may.person.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="statement-dee-okafor-2026-05.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF")
    reader, text = text_of(response.content)
    pages = len(reader.pages)
    assert "page 1 of" in text and f"page {pages} of {pages}" in text
    assert "Statement for May 2026" in text
    assert "£2,600.00" in text and "£3,244.00" in text
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4 in points
    assert "/StructTreeRoot" in reader.root_object
    assert (
        reader.metadata is not None
        and reader.metadata.title == "Statement for May 2026: Dee Okafor"
    )


@pytest.mark.django_db
def test_the_easy_read_pdf_says_your_money_this_month(client_for, coordinator, may):
    response = client_for(coordinator).get(URL.format(pk=may.person.pk) + "?format=easy")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-2026-05-easy-read.pdf"')
    _, text = text_of(response.content)
    assert "Dee\u2019s money in May 2026" in text
    assert "The council gave £2,600.00 for your support." in text
    assert "You used 48 hours of support." in " ".join(text.split())
    assert "page 1 of" in text
    event = AuditEvent.objects.filter(action=Action.VIEW, person_id=may.person.pk).last()
    assert event is not None and "easy read" in event.summary


@pytest.mark.parametrize("name", ["sister_user", "worker", "supplier", "other_commissioner"])
def test_no_pdf_for_those_who_may_not_see_the_money(name, request, client_for, may, sister):
    user = request.getfixturevalue(name)
    assert client_for(user).get(URL.format(pk=may.person.pk)).status_code == 404
