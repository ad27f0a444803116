"""Pages with personal information are never kept by a browser or proxy cache (issue 11, point 6):
every response but the public API and the health check says ``Cache-Control: private,
no-store``."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("persona", ["coordinator", "manager", "person_user", "commissioner"])
def test_signed_in_pages_are_not_stored(client_for, request, persona, dee):
    client = client_for(request.getfixturevalue(persona))
    for url in ["/", "/account/", f"/people/{dee.pk}/"]:
        response = client.get(url)
        cache_control = response.get("Cache-Control", "")
        assert "no-store" in cache_control, (url, response.status_code, cache_control)
        assert "private" in cache_control or "max-age=0" in cache_control


def test_a_view_s_own_shorter_caching_is_replaced(client_for, coordinator, dee):
    """A 404 for someone else's person, a redirect: whatever the answer, nothing is kept."""
    client = client_for(coordinator)
    assert client.get("/people/99999/")["Cache-Control"] == "private, no-store"
    assert client.get("/people")["Cache-Control"] == "private, no-store"


def test_sign_in_pages_for_someone_not_signed_in_are_not_stored(client, db):
    assert "no-store" in client.get("/account/sign-in/")["Cache-Control"]


@pytest.mark.parametrize("url", ["/openreferral/", "/openreferral/services"])
def test_the_public_open_referral_api_stays_cacheable(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
