"""A coordinator's work on a version through the pages: start, compile, write the introduction,
share, publish, start the next; stale edits and published versions refused, nothing lost."""

from __future__ import annotations

import pytest

from directsupport.planbook.models import PlanBookStatus, PlanBookVersion

from .conftest import add_note
from .plan_book_support import fill_tools, url, version_at

pytestmark = pytest.mark.django_db


def saved(version: PlanBookVersion) -> PlanBookVersion:
    return PlanBookVersion.objects.get(pk=version.pk)


def test_a_coordinator_takes_a_plan_book_from_start_to_published(
    everyone, client_for, coordinator, dee
):
    fill_tools(dee)
    client = client_for(coordinator)

    listing = client.get(url("plan_book", dee)).content.decode()
    assert "Start the first Plan Book" in listing
    response = client.post(url("plan_book_start", dee), follow=True)
    assert "Version 1 has been started" in response.content.decode()
    version = PlanBookVersion.objects.get(person=dee)

    response = client.post(
        url("plan_book_edit", dee, 1),
        {"introduction": "  Dee made this with Ngozi.  ", "changes_summary": "", "version": 1},
        follow=True,
    )
    assert "The introduction has been saved." in response.content.decode()
    assert saved(version).introduction == "Dee made this with Ngozi."

    version = saved(version)
    client.post(url("plan_book_status", dee, 1), {"status": "shared", "version": version.version})
    version = saved(version)
    assert version.status == PlanBookStatus.SHARED
    client.post(url("plan_book_agree", dee, 1), {"how": "paper", "version": version.version})
    version = saved(version)
    response = client.post(
        url("plan_book_status", dee, 1),
        {"status": "published", "version": version.version},
        follow=True,
    )
    assert "Version 1 is published. It will not change" in response.content.decode()
    assert "Start the next version" in response.content.decode()

    client.post(url("plan_book_start", dee))
    second = PlanBookVersion.objects.get(person=dee, number=2)
    assert (second.status, second.introduction) == (
        PlanBookStatus.DRAFT,
        "Dee made this with Ngozi.",
    )


def test_starting_while_a_version_is_open_goes_to_the_open_one(
    everyone, client_for, coordinator, dee
):
    version_at(dee, PlanBookStatus.SHARED, by=coordinator)

    response = client_for(coordinator).post(url("plan_book_start", dee), follow=True)

    assert response.redirect_chain[-1][0] == url("plan_book_version", dee, 1)
    assert "Version 1 is not published yet" in response.content.decode()
    assert PlanBookVersion.objects.filter(person=dee).count() == 1


def test_compiling_brings_in_new_notes(everyone, client_for, coordinator, dee):
    version = version_at(dee, PlanBookStatus.DRAFT, by=coordinator)
    add_note(dee, text="Karaoke on Fridays")

    response = client_for(coordinator).post(
        url("plan_book_compile", dee, 1), {"version": version.version}, follow=True
    )

    assert "Karaoke on Fridays" in response.content.decode()


def test_a_stale_introduction_edit_shows_both_versions_and_keeps_what_was_typed(
    everyone, client_for, coordinator, manager, dee
):
    version = version_at(dee, PlanBookStatus.DRAFT, by=coordinator)
    seen = version.version
    client_for(manager).post(
        url("plan_book_edit", dee, 1),
        {"introduction": "Helen wrote this", "changes_summary": "", "version": seen},
    )

    response = client_for(coordinator).post(
        url("plan_book_edit", dee, 1),
        {"introduction": "Priya wrote this", "changes_summary": "New swimming", "version": seen},
    )

    assert response.status_code == 409
    content = response.content.decode()
    assert "Someone else changed this version" in content
    assert "<td>Priya wrote this</td><td>Helen wrote this</td>" in content
    # What Priya typed is ready to save again, against the version now saved.
    assert ">\nPriya wrote this</textarea>" in content
    assert ">\nNew swimming</textarea>" in content
    assert f'name="version" value="{seen + 1}"' in content
    assert saved(version).introduction == "Helen wrote this"


def test_an_introduction_that_is_too_long_is_refused_and_kept(
    everyone, client_for, coordinator, dee
):
    version = version_at(dee, PlanBookStatus.DRAFT, by=coordinator)
    long_text = "Dee " * 501

    response = client_for(coordinator).post(
        url("plan_book_edit", dee, 1),
        {"introduction": long_text, "changes_summary": "", "version": version.version},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "About this Plan Book must be 2,000 characters or fewer" in content
    assert long_text.strip() in content
    assert saved(version).introduction == ""


def test_a_missing_version_stamp_is_refused_plainly(everyone, client_for, coordinator, dee):
    version = version_at(dee, PlanBookStatus.DRAFT, by=coordinator)

    response = client_for(coordinator).post(
        url("plan_book_edit", dee, 1), {"introduction": "Hello", "changes_summary": ""}
    )

    assert "This page is out of date." in response.content.decode()
    assert saved(version).introduction == ""


def test_script_in_the_introduction_is_kept_as_text(everyone, client_for, coordinator, dee):
    version = version_at(dee, PlanBookStatus.DRAFT, by=coordinator)

    client_for(coordinator).post(
        url("plan_book_edit", dee, 1),
        {"introduction": "<script>alert(1)</script>", "changes_summary": "", "version": 1},
    )

    assert saved(version).introduction == "<script>alert(1)</script>"
    content = client_for(coordinator).get(url("plan_book_version", dee, 1)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert(1)" not in content


def test_a_published_version_cannot_be_edited_or_compiled(everyone, client_for, coordinator, dee):
    version = version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)
    client = client_for(coordinator)

    form = client.get(url("plan_book_edit", dee, 1))
    edit = client.post(
        url("plan_book_edit", dee, 1),
        {"introduction": "Changed", "changes_summary": "", "version": version.version},
    )
    compile_ = client.post(url("plan_book_compile", dee, 1), {"version": version.version})
    back = client.post(
        url("plan_book_status", dee, 1), {"status": "draft", "version": version.version}
    )

    for response in (form, edit, compile_, back):
        assert response.status_code == 409
        content = response.content.decode()
        assert "Published versions cannot change. Start a new version." in content
        assert "Start a new version</button>" in content
    after = saved(version)
    assert (after.version, after.introduction, after.status) == (
        version.version,
        "",
        PlanBookStatus.PUBLISHED,
    )


def test_a_draft_cannot_be_published_before_it_is_agreed(everyone, client_for, coordinator, dee):
    version = version_at(dee, PlanBookStatus.SHARED, by=coordinator)

    response = client_for(coordinator).post(
        url("plan_book_status", dee, 1), {"status": "published", "version": version.version}
    )

    assert response.status_code == 409
    assert "only a version Dee has agreed can be published" in response.content.decode()
    assert saved(version).status == PlanBookStatus.SHARED


def test_an_unknown_move_is_refused(everyone, client_for, coordinator, dee):
    version = version_at(dee, PlanBookStatus.AGREED, by=coordinator)

    response = client_for(coordinator).post(
        url("plan_book_status", dee, 1), {"status": "agreed", "version": version.version}
    )

    assert response.status_code == 400
    assert saved(version).status == PlanBookStatus.AGREED


def test_the_actions_offered_follow_the_status(everyone, client_for, coordinator, dee):
    client = client_for(coordinator)
    version = version_at(dee, PlanBookStatus.DRAFT, by=coordinator)
    offered = {
        PlanBookStatus.DRAFT: [
            "Update from the latest tools and notes",
            "Change the introduction",
            "Share with Dee and the circle",
        ],
        PlanBookStatus.SHARED: ["Record Dee’s agreement", "Back to draft"],  # noqa: RUF001
        PlanBookStatus.AGREED: ["Publish version 1", "Back to draft"],
        PlanBookStatus.PUBLISHED: ["Start the next version"],
    }
    for status, labels in offered.items():
        if status != PlanBookStatus.DRAFT:
            PlanBookVersion.objects.filter(pk=version.pk).update(status=status)
        content = client.get(url("plan_book_version", dee, 1)).content.decode()
        for label in labels:
            assert label in content, (status, label)


def test_readers_are_offered_no_actions(everyone, client_for, coordinator, worker, dee):
    version_at(dee, PlanBookStatus.DRAFT, by=coordinator)

    content = client_for(worker).get(url("plan_book_version", dee, 1)).content.decode()

    assert "Working on version 1" not in content
    assert "Update from the latest tools and notes" not in content
