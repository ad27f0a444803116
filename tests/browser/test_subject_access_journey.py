"""Dee asks for a copy of everything held about her. Priya (coordinator) records the request from
Dee's page, sees it on the list with its due date, makes the copy and downloads it; Dee signs in
and downloads it too. Every page passes axe-core (WCAG 2.2 AA) at 1280 and 320 px wide."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from directsupport.subject_access.models import RequestStatus, SubjectAccessRequest

from .helpers import sign_in, sign_out


@pytest.fixture(autouse=True)
def private_storage(settings: Any, tmp_path: Any) -> Any:
    folder = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder), "base_url": None},
        },
    }
    return folder


def test_a_coordinator_answers_dees_request_and_dee_downloads_her_copy(
    page: Page, live_server, axe_check, dee, sister, coordinator, person_user
):
    received = timezone.localdate() - dt.timedelta(days=3)
    sign_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}{reverse('people:detail', args=[dee.pk])}")
    page.get_by_role("link", name="Copy of Dee's information").click()
    expect(page.get_by_role("heading", level=2, name="Copies of Dee's information")).to_be_visible()
    axe_check(page)

    # A day in the future is refused, and what was typed is kept.
    page.get_by_label("When did the request reach us?").fill("2099-01-01")
    page.get_by_label("The person themselves").check()
    page.get_by_label("Notes").fill("Dee asked at her review.")
    page.get_by_role("button", name="Record the request").click()
    expect(page.locator(".error-summary, [role=alert]").first).to_contain_text("cannot be in the")
    expect(page.get_by_label("Notes")).to_have_value("Dee asked at her review.")
    axe_check(page)

    page.get_by_label("When did the request reach us?").fill(received.isoformat())
    page.get_by_role("button", name="Record the request").click()
    sar = SubjectAccessRequest.objects.get(person=dee)
    expect(page.get_by_role("heading", level=1)).to_have_text("Copy of Dee Okafor's information")
    expect(page.locator("main")).to_contain_text(f"{sar.due_on.day} {sar.due_on:%B %Y}")
    axe_check(page)

    page.get_by_role("link", name="All requests").click()
    expect(page.locator("main")).to_contain_text("Due in")
    axe_check(page)
    page.get_by_role("link", name="Dee Okafor").click()

    page.get_by_role("button", name="Make the copy").click()
    expect(page.locator("main")).to_contain_text("Ready to give them")
    axe_check(page)
    with page.expect_download() as staff_download:
        page.get_by_role("link", name="Download the copy (zip file)").click()
    sar.refresh_from_db()
    assert sar.status == RequestStatus.READY
    content = Path(staff_download.value.path()).read_bytes()
    assert hashlib.sha256(content).hexdigest() == sar.file_sha256
    sign_out(page)

    # Dee finds her copy from her list.
    sign_in(page, live_server, person_user)
    page.goto(f"{live_server.url}{reverse('subject_access:list')}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your copies of your information")
    axe_check(page)
    page.get_by_role("link", name="Dee Okafor").click()
    expect(page.get_by_role("button", name="Make the copy again")).to_have_count(0)
    with page.expect_download() as own_download:
        page.get_by_role("link", name="Download the copy (zip file)").click()
    own = Path(own_download.value.path()).read_bytes()
    assert hashlib.sha256(own).hexdigest() == sar.file_sha256
