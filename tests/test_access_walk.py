"""Walks the whole URL configuration so that no page can forget its access check.

Two organisations' worlds are built the same way (tests/access_walk/world.py): Willowbrook
Support, built on the named personas, and Other Care Ltd. For every URL pattern found in the
resolver (tests/access_walk/routes.py), every id in it is filled with one of Willowbrook's
objects, and each of Other Care's users (one of every role, its council's commissioner and a
supplier in its directory) sends GET, POST (with the form Willowbrook's own staff would send),
PUT, PATCH and DELETE. Each answer must be 404 (or 405), and a fingerprint of every table, all
columns, in key order (tests/access_walk/tables.py) must be the same after the request as
before. Pages without ids are the user's own: they may answer, but must show nothing of
Willowbrook's and change none of its rows.

tests/test_access_walk_catches_holes.py shows this fails on a view that forgets its check.
"""

from __future__ import annotations

import pytest

from tests.access_walk.fixtures import worlds
from tests.access_walk.routes import (
    PUBLIC,
    SHARED_REFERENCE,
    all_routes,
    problems_with,
    unlisted_public_pages,
)
from tests.access_walk.walk import report, walk, walk_signed_out
from tests.access_walk.world import OUTSIDER_ROLES

__all__ = ["worlds"]  # the fixture, shared with test_access_walk_catches_holes.py


def test_every_url_pattern_is_walked_or_listed_with_a_reason(worlds):
    routes = all_routes()
    problems = problems_with(routes, worlds.victim.ids)
    assert not problems, "\n".join(problems)
    names = {r.name for r in routes}
    stale = [n for n in (*PUBLIC, *SHARED_REFERENCE) if n not in names]
    assert not stale, f"Listed in tests/access_walk/routes.py but no longer a URL: {stale}"


def test_only_listed_pages_are_public():
    assert not unlisted_public_pages(all_routes()), (
        f"Public but not listed, or listed but not public: {unlisted_public_pages(all_routes())}. "
        "Update PUBLIC in tests/access_walk/routes.py knowingly, with the reason."
    )


def test_every_private_page_sends_the_signed_out_to_sign_in(worlds):
    result = walk_signed_out(all_routes(), worlds)
    assert result.routes > 100
    assert not result.findings, report(result)


@pytest.mark.parametrize("role", OUTSIDER_ROLES)
def test_outsiders_get_not_found_for_everything_of_another_organisation(worlds, role):
    outsider = worlds.outsiders.users[role]
    assert outsider.organisation_id != worlds.victim.provider.pk
    result = walk(all_routes(), worlds, outsider)
    assert result.routes > 100
    assert not result.findings, report(result)
