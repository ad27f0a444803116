"""Who may open each Plan Book page and who may change a version: allowed and denied, by role.

Drafts are for staff and the person; shared, agreed and published versions also for circle
members who may see. Commissioners never open a Plan Book (they read the plan summary,
funds/tests/test_plan_summary.py). Anyone else gets 404.
"""

from __future__ import annotations

import pytest

from directsupport.audit.models import Action, AuditEvent
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion

from .plan_book_support import url, version_at

pytestmark = pytest.mark.django_db

EDITORS = ["coordinator", "manager"]
# They may see every version, drafts too, but not change one.
DRAFT_READERS = ["worker", "person_user", "finance", "market_shaper"]
CIRCLE = ["sister_user", "cousin_user"]
NEVER = [
    "commissioner",
    "other_worker",
    "neighbour_user",
    "supplier",
    "outsider",
    "other_commissioner",
    "expert",
]
ALL_STATUSES = list(PlanBookStatus.values)
SHARED_ONWARDS = [PlanBookStatus.SHARED, PlanBookStatus.AGREED, PlanBookStatus.PUBLISHED]


def may_see(name: str, status: str) -> bool:
    if name in EDITORS or name in DRAFT_READERS:
        return True
    if name in CIRCLE:
        return status in SHARED_ONWARDS
    return False


EVERYONE = [*EDITORS, *DRAFT_READERS, *CIRCLE, *NEVER]


@pytest.fixture
def book(persona, coordinator, dee):
    def at(status: str) -> PlanBookVersion:
        return version_at(dee, status, by=coordinator)

    return at


@pytest.mark.parametrize("status", ALL_STATUSES)
@pytest.mark.parametrize("name", EVERYONE)
def test_a_version_page_is_open_to_exactly_who_may_see_it(
    name, status, persona, book, client_for, dee
):
    version = book(status)

    response = client_for(persona(name)).get(url("plan_book_version", dee, version.number))

    if may_see(name, status):
        assert response.status_code == 200
        assert "Plan Book, version 1" in response.content.decode()
    else:
        assert response.status_code == 404
        assert b"Plan Book, version" not in response.content


@pytest.mark.parametrize("status", [PlanBookStatus.DRAFT, PlanBookStatus.PUBLISHED])
@pytest.mark.parametrize("name", EVERYONE)
def test_the_easy_read_version_is_open_to_exactly_who_may_see_it(
    name, status, persona, book, client_for, dee
):
    version = book(status)

    response = client_for(persona(name)).get(url("plan_book_easy_read", dee, version.number))

    if may_see(name, status):
        assert response.status_code == 200
        assert "This is version 1." in response.content.decode()
    else:
        assert response.status_code == 404
        assert b"This is version" not in response.content


def test_looking_at_a_version_is_audited(persona, book, client_for, worker, dee):
    version = book(PlanBookStatus.DRAFT)

    client_for(worker).get(url("plan_book_version", dee, version.number))
    client_for(worker).get(url("plan_book_easy_read", dee, version.number))

    summaries = list(
        AuditEvent.objects.filter(action=Action.VIEW, actor=worker, person_id=dee.pk)
        .order_by("id")
        .values_list("summary", flat=True)
    )
    assert summaries == ["Plan Book version 1", "Plan Book version 1 in easy read"]


def test_a_refusal_is_audited(persona, book, client_for, other_worker, dee):
    version = book(PlanBookStatus.PUBLISHED)

    client_for(other_worker).get(url("plan_book_version", dee, version.number))

    assert AuditEvent.objects.filter(action=Action.DENIED, actor=other_worker).exists()


@pytest.mark.parametrize("name", EVERYONE)
def test_the_versions_list_shows_each_reader_only_the_versions_they_may_see(
    name, persona, coordinator, client_for, dee
):
    version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)
    version_at(dee, PlanBookStatus.DRAFT, by=coordinator)

    response = client_for(persona(name)).get(url("plan_book", dee))

    if name in NEVER:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    content = response.content.decode()
    assert ">Version 1</a>" in content
    assert (">Version 2</a>" in content) == may_see(name, PlanBookStatus.DRAFT)


@pytest.mark.parametrize("name", EVERYONE)
def test_comparing_is_open_to_readers_only(name, persona, coordinator, client_for, dee):
    version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)
    version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)

    response = client_for(persona(name)).get(url("plan_book_compare", dee) + "?from=1&to=2")

    assert response.status_code == (404 if name in NEVER else 200)


# --- Changing -------------------------------------------------------------------------------


CHANGERS = [*EDITORS, *DRAFT_READERS, *CIRCLE, "commissioner", "other_worker", "supplier"]


def answer_to_change(name: str, *, done: int = 302) -> int:
    """Editors go on; anyone who may see Dee may only look (403); anyone else 404."""
    if name in EDITORS:
        return done
    if name in NEVER:
        return 404
    return 403


@pytest.mark.parametrize("name", CHANGERS)
def test_only_managers_and_coordinators_compile_a_draft(name, persona, book, client_for, dee):
    version = book(PlanBookStatus.DRAFT)

    response = client_for(persona(name)).post(
        url("plan_book_compile", dee, version.number), {"version": version.version}
    )

    assert response.status_code == answer_to_change(name)
    changed = PlanBookVersion.objects.get(pk=version.pk).version != version.version
    assert changed == (name in EDITORS)


@pytest.mark.parametrize("name", CHANGERS)
def test_only_managers_and_coordinators_share_a_draft(name, persona, book, client_for, dee):
    version = book(PlanBookStatus.DRAFT)

    response = client_for(persona(name)).post(
        url("plan_book_status", dee, version.number),
        {"status": "shared", "version": version.version},
    )

    assert response.status_code == answer_to_change(name)
    status = PlanBookVersion.objects.get(pk=version.pk).status
    assert status == (PlanBookStatus.SHARED if name in EDITORS else PlanBookStatus.DRAFT)


@pytest.mark.parametrize("name", CHANGERS)
def test_only_managers_and_coordinators_start_a_version(name, persona, client_for, dee):
    response = client_for(persona(name)).post(url("plan_book_start", dee))

    assert response.status_code == answer_to_change(name)
    assert PlanBookVersion.objects.filter(person=dee).exists() == (name in EDITORS)


@pytest.mark.parametrize("name", CHANGERS)
def test_only_managers_and_coordinators_open_the_introduction_form(
    name, persona, book, client_for, dee
):
    version = book(PlanBookStatus.DRAFT)

    response = client_for(persona(name)).get(url("plan_book_edit", dee, version.number))

    assert response.status_code == answer_to_change(name, done=200)


@pytest.mark.parametrize("name", NEVER)
def test_outsiders_cannot_reach_any_change(name, persona, book, client_for, dee):
    version = book(PlanBookStatus.SHARED)
    client = client_for(persona(name))

    for page in ("plan_book_compile", "plan_book_status", "plan_book_edit", "plan_book_agree"):
        response = client.post(
            url(page, dee, version.number),
            {"status": "draft", "version": version.version, "answer": "yes", "how": "paper"},
        )
        assert response.status_code == 404, page
    assert PlanBookVersion.objects.get(pk=version.pk).status == PlanBookStatus.SHARED


# --- Agreeing -------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ALL_STATUSES)
@pytest.mark.parametrize("name", EVERYONE)
def test_the_agree_page_is_for_the_person_and_the_staff_who_record_it(
    name, status, persona, book, client_for, dee
):
    version = book(status)

    response = client_for(persona(name)).get(url("plan_book_agree", dee, version.number))

    if name in EDITORS or name == "person_user":
        assert response.status_code == 200
    elif may_see(name, status):
        # They may read this version, but agreeing is not theirs to do.
        assert response.status_code == 403
    else:
        assert response.status_code == 404


def test_a_mistyped_version_is_not_a_refusal_on_the_persons_who_looked_page(
    dee, coordinator, person_user, client_for
):
    """Priya types version 99 of Dee's Plan Book: a 404, audited, but Dee's "who looked at my
    information" must not say in red that someone was refused access to her (issue 14)."""
    version_at(dee, PlanBookStatus.DRAFT, by=coordinator)

    assert client_for(coordinator).get(url("plan_book_version", dee, 99)).status_code == 404

    denial = AuditEvent.objects.get(action=Action.DENIED)
    assert denial.person_id is None
    assert denial.subject_id == f"{dee.pk}/99"
    page = client_for(person_user).get(f"/people/{dee.pk}/who-looked/")
    assert "refused" not in page.content.decode()


def test_a_draft_hidden_from_a_circle_member_is_still_a_refusal_against_the_person(
    dee, coordinator, sister_user, client_for
):
    version = version_at(dee, PlanBookStatus.DRAFT, by=coordinator)

    response = client_for(sister_user).get(url("plan_book_version", dee, version.number))

    assert response.status_code == 404
    assert AuditEvent.objects.get(action=Action.DENIED).person_id == dee.pk
