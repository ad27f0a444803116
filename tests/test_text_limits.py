"""Free text has limits (issue 11, point 6): every typed TextField says how long it may be, and
200,000 characters pasted into a form get a clear message, with nothing saved and nothing lost.
"""

from __future__ import annotations

import html

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from directsupport.funds.models import LedgerTransaction
from directsupport.funds.tests.conftest import allocate, dee_fund  # noqa: F401 (fixtures)
from directsupport.funds.tests.test_ledger_pages import posting_data
from directsupport.market.models import Supplier
from directsupport.market.tests.test_directory_edits import NEW_SUPPLIER
from directsupport.people.models import Person
from directsupport.people.tests.test_person_edit import details
from directsupport.planning.models import CaptureNote
from directsupport.planning.tests.test_board import add_url as note_add_url
from directsupport.planning.tests.test_board import note_data
from directsupport.week.models import WeekEntry
from directsupport.week.tests.test_entries import form_data as week_entry_data

# 200,000 characters, as if a document were pasted in (no space at the end for a form to trim).
PASTED = ("Lorem ipsum " * 16_667)[:200_000]
# Written by the product, never typed: a limit would say nothing about what people write.
MACHINE_WRITTEN = {
    "planbook.PlanBookBatch.error": "the names of people whose Plan Books failed, by the task",
    "subject_access.SubjectAccessRequest.error": "why producing the export failed, by the task",
}


def test_every_text_field_has_a_limit():
    """A new TextField without max_length fails here: choose a limit from what it holds."""
    unlimited = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("directsupport.")
        for field in model._meta.concrete_fields
        if isinstance(field, models.TextField) and not field.max_length
    ]
    assert sorted(set(unlimited) - set(MACHINE_WRITTEN)) == []


def _kept(response, text: str) -> bool:
    return text in html.unescape(response.content.decode())


def test_a_persons_communication_notes_are_limited(client_for, coordinator):
    response = client_for(coordinator).post("/people/add/", details(communicates_by=PASTED))
    assert response.status_code == 200
    assert response.context["form"].errors["communicates_by"] == [
        "How they communicate must be 2,000 characters or fewer (it has 200000)."
    ]
    assert _kept(response, PASTED)
    assert not Person.objects.filter(last_name="Mensah").exists()


def test_a_planning_live_note_is_limited(client_for, coordinator, dee):
    response = client_for(coordinator).post(note_add_url(dee), note_data(text=PASTED))
    assert response.status_code == 200
    assert "Keep notes short: 500 characters at most (this one has 200000)" in (
        response.content.decode()
    )
    assert _kept(response, PASTED)
    assert not CaptureNote.objects.exists()


def test_a_perfect_week_entrys_notes_are_limited(client_for, coordinator, dee):
    url = reverse("week:entry_add", kwargs={"pk": dee.pk, "week_kind": "perfect"})
    response = client_for(coordinator).post(url, week_entry_data(notes=PASTED))
    assert response.status_code == 200
    assert response.context["form"].errors["notes"] == [
        "Notes must be 1,000 characters or fewer (they have 200000)."
    ]
    assert _kept(response, PASTED)
    assert not WeekEntry.objects.exists()


def test_a_ledger_description_is_limited(client_for, finance, dee_fund, allocate):  # noqa: F811
    allocate(dee_fund, 60_000)
    before = LedgerTransaction.objects.count()
    url = reverse("funds:posting_new", kwargs={"pk": dee_fund.person_id})
    response = client_for(finance).post(url, posting_data(description=PASTED))
    assert response.status_code == 200
    assert response.context["form"].errors["description"] == [
        "Say what the money is for in 300 characters or fewer."
    ]
    assert _kept(response, PASTED)
    assert LedgerTransaction.objects.count() == before


@pytest.fixture
def shaper(client_for, market_shaper):
    return client_for(market_shaper)


def test_a_supplier_description_is_limited(shaper):
    response = shaper.post(reverse("market:supplier_add"), NEW_SUPPLIER | {"description": PASTED})
    assert response.status_code == 200
    assert response.context["form"].errors["description"] == [
        "What they offer must be 2,000 characters or fewer (it has 200000)."
    ]
    assert _kept(response, PASTED)
    assert not Supplier.objects.exists()
