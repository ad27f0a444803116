"""Agreeing a Plan Book: the person in easy read, or staff recording the person's or a
representative's agreement. Only a shared version can be agreed."""

from __future__ import annotations

import pytest

from directsupport.audit.models import AuditEvent
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion, SignedBy

from .plan_book_support import url, version_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(everyone, coordinator, dee) -> PlanBookVersion:
    return version_at(dee, PlanBookStatus.SHARED, by=coordinator)


def saved(version: PlanBookVersion) -> PlanBookVersion:
    return PlanBookVersion.objects.get(pk=version.pk)


def test_the_person_sees_what_agreeing_means_in_easy_read(shared, client_for, person_user, dee):
    content = client_for(person_user).get(url("plan_book_agree", dee, 1)).content.decode()

    assert '<body class="easy-read"' in content
    assert "Saying yes means: this is right. This is me." in content
    assert "Yes, this is my Plan Book" in content
    assert "No, I want changes" in content
    assert 'data-read-aloud="plan-book-agree"' in content
    assert url("plan_book_easy_read", dee, 1) in content


def test_the_person_says_yes(shared, client_for, person_user, dee):
    response = client_for(person_user).post(
        url("plan_book_agree", dee, 1), {"answer": "yes", "version": shared.version}
    )

    assert response.status_code == 302
    version = saved(shared)
    assert (version.status, version.signed_by, version.signed_by_user) == (
        PlanBookStatus.AGREED,
        SignedBy.PERSON,
        person_user,
    )
    assert AuditEvent.objects.filter(
        actor=person_user, summary="Dee Okafor agreed Plan Book version 1"
    ).exists()


def test_the_person_says_no_and_the_coordinator_sees_why(
    shared, client_for, person_user, coordinator, dee
):
    response = client_for(person_user).post(
        url("plan_book_agree", dee, 1),
        {"answer": "no", "comment": "Put in my <b>dancing</b>", "version": shared.version},
        follow=True,
    )

    assert "Priya Shah will talk with you about them." in response.content.decode()
    assert saved(shared).status == PlanBookStatus.DRAFT
    page = client_for(coordinator).get(url("plan_book_version", dee, 1)).content.decode()
    assert "Dee Okafor asked for changes on" in page
    assert "Put in my &lt;b&gt;dancing&lt;/b&gt;" in page


def test_staff_record_the_persons_agreement_in_a_meeting(shared, client_for, coordinator, dee):
    response = client_for(coordinator).post(
        url("plan_book_agree", dee, 1), {"how": "meeting", "version": shared.version}
    )

    assert response.status_code == 302
    version = saved(shared)
    assert (version.status, version.signed_by, version.signed_by_user) == (
        PlanBookStatus.AGREED,
        SignedBy.PERSON,
        coordinator,
    )
    assert AuditEvent.objects.filter(
        summary="Dee Okafor agreed Plan Book version 1 (recorded by Priya Shah, in a meeting)"
    ).exists()


def test_staff_record_a_representatives_agreement(shared, client_for, coordinator, dee):
    client_for(coordinator).post(
        url("plan_book_agree", dee, 1),
        {
            "how": "representative",
            "representative_name": "Ngozi Okafor",
            "representative_reason": "Dee could not weigh up the plan, even with pictures.",
            "version": shared.version,
        },
    )

    version = saved(shared)
    assert (version.status, version.signed_by, version.representative_name) == (
        PlanBookStatus.AGREED,
        SignedBy.REPRESENTATIVE,
        "Ngozi Okafor",
    )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            {"representative_name": "Ngozi Okafor", "representative_reason": "   "},
            "Enter why Dee cannot agree it themselves now (Mental Capacity Act 2005).",
        ),
        (
            {"representative_name": "", "representative_reason": "No capacity for this"},
            "Enter the name of the representative who agreed it.",
        ),
    ],
)
def test_a_representative_without_name_or_reason_is_refused_and_nothing_lost(
    typed, message, shared, client_for, coordinator, dee
):
    rows_before = AuditEvent.objects.exclude(action="view").count()

    response = client_for(coordinator).post(
        url("plan_book_agree", dee, 1),
        {"how": "representative", **typed, "version": shared.version},
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "There is a problem" in content
    for value in typed.values():
        if value.strip():
            assert value in content
    assert saved(shared).status == PlanBookStatus.SHARED
    assert AuditEvent.objects.exclude(action="view").count() == rows_before


def test_choosing_nobody_is_refused(shared, client_for, coordinator, dee):
    response = client_for(coordinator).post(
        url("plan_book_agree", dee, 1), {"version": shared.version}
    )

    assert "Choose who agreed this Plan Book, and how." in response.content.decode()
    assert saved(shared).status == PlanBookStatus.SHARED


@pytest.mark.parametrize("status", [PlanBookStatus.DRAFT, PlanBookStatus.AGREED])
def test_a_version_that_is_not_shared_cannot_be_agreed(
    status, everyone, coordinator, client_for, person_user, dee
):
    version = version_at(dee, status, by=coordinator)

    page = client_for(person_user).get(url("plan_book_agree", dee, 1)).content.decode()
    response = client_for(person_user).post(
        url("plan_book_agree", dee, 1), {"answer": "yes", "version": version.version}
    )

    assert "Yes, this is my Plan Book" not in page
    expected = (
        "It is still being written."
        if status == PlanBookStatus.DRAFT
        else "You already said yes to it on"
    )
    assert expected in page
    assert response.status_code == 409
    assert saved(version).status == status


def test_a_published_version_cannot_be_agreed_again(
    everyone, coordinator, client_for, person_user, dee
):
    version = version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)

    response = client_for(coordinator).post(
        url("plan_book_agree", dee, 1), {"how": "paper", "version": version.version}
    )

    assert response.status_code == 409
    assert "This Plan Book is finished." in response.content.decode()


def test_a_stale_agreement_is_refused(shared, client_for, coordinator, manager, dee):
    seen = shared.version
    client_for(manager).post(url("plan_book_status", dee, 1), {"status": "draft", "version": seen})
    client_for(manager).post(
        url("plan_book_status", dee, 1), {"status": "shared", "version": seen + 1}
    )

    response = client_for(coordinator).post(
        url("plan_book_agree", dee, 1), {"how": "paper", "version": seen}
    )

    assert response.status_code == 409
    assert "Someone else changed this version" in response.content.decode()
    assert saved(shared).status == PlanBookStatus.SHARED


def test_a_change_request_that_is_too_long_is_refused_and_kept(
    shared, client_for, person_user, dee
):
    words = "Please add my dancing. " * 50

    response = client_for(person_user).post(
        url("plan_book_agree", dee, 1),
        {"answer": "no", "comment": words, "version": shared.version},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Please make this shorter: 1,000 letters or fewer" in content
    assert words.strip() in content
    assert saved(shared).status == PlanBookStatus.SHARED
