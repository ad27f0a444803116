"""The access walk fails on a view that forgets its access check (issue 11, point 7).

This module is also a URL configuration: the project's URLs plus four deliberately unchecked
views, used only here through ``override_settings(ROOT_URLCONF=__name__)``. The walk, run on
them exactly as tests/test_access_walk.py runs it, must report each one: by the status it
answers, by the change it makes to a table's checksum, or both.

    DJANGO_ENV=test .venv/bin/pytest -n 0 -s tests/test_access_walk_catches_holes.py

prints the walk's report for the holes.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.test import override_settings
from django.urls import include, path
from django.utils.html import format_html_join

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.people.models import Person
from directsupport.urls import urlpatterns as project_urlpatterns
from tests.access_walk.checker import Finding
from tests.access_walk.fixtures import worlds
from tests.access_walk.routes import Route, all_routes, unlisted_public_pages
from tests.access_walk.walk import report, walk, walk_signed_out

__all__ = ["worlds"]


def overwrite_person(request: HttpRequest, pk: int) -> HttpResponse:
    """The hole the issue found: renames whoever has this id, for anyone, and says "Saved"."""
    Person.objects.filter(pk=pk).update(first_name="Overwritten by an outsider")
    return HttpResponse("Saved")


def overwrite_quietly(request: HttpRequest, pk: int) -> HttpResponse:
    """Answers 404 as a checked view would, but has already written: only the checksums show it."""
    Person.objects.filter(pk=pk).update(last_name="Quietly overwritten")
    return HttpResponseNotFound("Not found")


def show_person(request: HttpRequest, pk: int) -> HttpResponse:
    """Reads without a check: changes nothing, so only the status shows it."""
    person = Person.objects.filter(pk=pk).first()
    return HttpResponse(person.last_name if person else "Nobody")


def rename_anyone(request: AuthenticatedRequest) -> HttpResponse:
    """A page without ids that takes the person from its form and checks nothing: the victim's
    own staff see their people in the list, and the walk posts what they would."""
    if request.method == "POST":
        Person.objects.filter(pk=request.POST.get("person", "0")).update(first_name="Renamed")
        return HttpResponse("Done")
    user = request.user
    options = format_html_join(
        "",
        '<option value="{}">{}</option>',
        Person.objects.filter(organisation_id=user.organisation_id).values_list("pk", "last_name"),
    )
    return HttpResponse(f'<form method="post"><select name="person">{options}</select></form>')


@login_not_required
def open_to_all(request: HttpRequest) -> HttpResponse:
    """Public without being listed as public."""
    return HttpResponse("Hello")


holes = [
    path("people/<int:pk>/overwrite/", overwrite_person, name="overwrite"),
    path("people/<int:pk>/quietly/", overwrite_quietly, name="quietly"),
    path("people/<int:pk>/show/", show_person, name="show"),
    path("rename-anyone/", rename_anyone, name="rename_anyone"),
]
urlpatterns = [
    *project_urlpatterns,
    path("walk-holes/", include((holes, "walk_holes"))),
    path("walk-holes/open/", open_to_all, name="walk_holes_open"),
]


def _hole_routes() -> list[Route]:
    return [r for r in all_routes() if r.name.startswith("walk_holes:")]


@override_settings(ROOT_URLCONF=__name__)
def test_the_walk_reports_each_unchecked_view(worlds):
    outsider = worlds.outsiders.users["manager"]
    result = walk(_hole_routes(), worlds, outsider)
    print(report(result))

    found: dict[str, list[Finding]] = {}
    for finding in result.findings:
        found.setdefault(finding.route, []).append(finding)
    # Overwrites a person and answers 200: caught by the status and by the checksum, for every
    # method (GET, POST, PUT, PATCH, DELETE).
    assert [f.status for f in found["walk_holes:overwrite"]] == [200] * 5
    for finding in found["walk_holes:overwrite"]:
        assert "answered 200; an outsider must get 404 (or 405)" in finding.problems
        assert any("people_person: checksum" in line for line in finding.problems)
        assert any("Overwritten by an outsider" in line for line in finding.problems)
    # Answers 404 but wrote first: caught by the checksum alone.
    assert [f.status for f in found["walk_holes:quietly"]] == [404] * 5
    for finding in found["walk_holes:quietly"]:
        assert any("people_person: checksum" in line for line in finding.problems)
    # Reads without a check: caught by the status alone.
    assert [f.status for f in found["walk_holes:show"]] == [200] * 5
    for finding in found["walk_holes:show"]:
        assert finding.problems == ["answered 200; an outsider must get 404 (or 405)"]
    # A page without ids, posting what the victim's own staff would: the victim's row changed.
    [renamed] = found["walk_holes:rename_anyone"]
    assert renamed.method == "post"
    assert "changed or removed the other organisation's rows of people_person" in renamed.problems


@override_settings(ROOT_URLCONF=__name__)
def test_the_walk_passes_the_same_world_through_checked_views(worlds):
    """The same outsider and world through real, checked views of the same kind: nothing to
    report, so the findings above come from the holes and not from the walk."""
    routes = [r for r in all_routes() if r.name in {"people:detail", "people:edit", "people:list"}]
    result = walk(routes, worlds, worlds.outsiders.users["manager"])
    assert result.routes == 3
    assert not result.findings, report(result)


@override_settings(ROOT_URLCONF=__name__)
def test_an_unlisted_public_page_is_reported():
    assert unlisted_public_pages(all_routes()) == ["walk_holes_open"]


@override_settings(ROOT_URLCONF=__name__)
def test_the_signed_out_walk_reports_a_page_that_answers_them(worlds):
    routes = [r for r in all_routes() if r.name in {"walk_holes_open", "walk_holes:show"}]
    result = walk_signed_out(routes, worlds)
    assert [f.route for f in result.findings] == ["walk_holes_open"]
    assert "answered 200" in str(result.findings[0])
