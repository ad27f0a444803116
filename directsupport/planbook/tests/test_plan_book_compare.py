"""The page that shows what changed between two versions of a Plan Book."""

from __future__ import annotations

import pytest

from directsupport.planbook.models import PlanBookStatus
from directsupport.planning.models import ToolKind, ToolSection

from .conftest import add_note
from .plan_book_support import fill_tools, url, version_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_published(everyone, coordinator, dee):
    fill_tools(dee)
    add_note(dee, text="Swimming on Saturdays")
    version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)
    ToolSection.objects.filter(person=dee, kind=ToolKind.ONE_PAGE_PROFILE).update(
        content={"appreciate": ["Her big laugh"], "important": ["Dancing"], "support": []}
    )
    add_note(dee, text="Karaoke <b>night</b>")
    version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)


def compare(client, dee, query: str):
    return client.get(url("plan_book_compare", dee) + query)


def test_changes_read_as_added_and_taken_out_with_words(
    two_published, client_for, person_user, dee
):
    response = compare(client_for(person_user), dee, "?from=1&to=2")

    content = response.content.decode()
    assert response.status_code == 200
    assert "From version 1 to version 2" in content
    assert "One-page profile" in content
    assert (
        '<span class="tag plan-book-diff__tag plan-book-diff__tag--added">Added</span>' in content
    )
    assert "<ins>Dancing</ins>" in content
    assert "Taken out</span>" in content
    assert "<del>Swimming on Saturdays</del>" in content
    assert "Karaoke &lt;b&gt;night&lt;/b&gt;" in content
    assert "Nothing changed in:" in content


def test_the_versions_list_links_each_version_to_the_one_before(
    two_published, client_for, person_user, dee
):
    content = client_for(person_user).get(url("plan_book", dee)).content.decode()

    assert f"{url('plan_book_compare', dee)}?from=1&amp;to=2" in content


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?from=abc&to=2", "Choose one of the versions in the list."),
        ("?from=2&to=2", "Choose two different versions to compare."),
        ("?from=1", "Choose a version to compare."),
        ("?from=1&to=9", "Choose one of the versions in the list."),
    ],
)
def test_bad_choices_are_refused_plainly(query, message, two_published, client_for, worker, dee):
    response = compare(client_for(worker), dee, query)

    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert "From version" not in content


def test_a_draft_the_circle_may_not_see_cannot_be_compared(
    two_published, coordinator, client_for, sister_user, dee
):
    version_at(dee, PlanBookStatus.DRAFT, by=coordinator)

    response = compare(client_for(sister_user), dee, "?from=2&to=3")

    assert response.status_code == 400
    assert "Choose one of the versions in the list." in response.content.decode()


def test_circle_changes_are_compared_only_for_those_who_may_see_the_circle(
    everyone, coordinator, client_for, commissioner, dee, sister
):
    version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)
    sister.closeness = 2
    sister.save()
    version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)

    staff = compare(client_for(coordinator), dee, "?from=1&to=2").content.decode()
    council = compare(client_for(commissioner), dee, "?from=1&to=2")

    assert "Ngozi Okafor: now close (was closest to me)" in staff
    # Commissioners compare nothing: they read the plan summary, never a Plan Book.
    assert council.status_code == 404
    assert b"Ngozi" not in council.content


def test_with_one_version_there_is_nothing_to_compare(everyone, coordinator, client_for, dee):
    version_at(dee, PlanBookStatus.DRAFT, by=coordinator)

    content = client_for(coordinator).get(url("plan_book_compare", dee)).content.decode()

    assert "nothing to compare yet" in content
