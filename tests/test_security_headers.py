"""Every response carries the security headers; the CSP allows no inline script or style."""

import re


def test_security_headers_on_the_sign_in_page(client, db):
    response = client.get("/account/sign-in/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_cookies_are_httponly_and_samesite(client, coordinator):
    from tests.factories import PASSWORD

    response = client.post(
        "/account/sign-in/", {"username": coordinator.email, "password": PASSWORD}
    )
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["httponly"]
    assert session_cookie["samesite"] == "Lax"


def test_pages_have_no_inline_scripts_or_styles(client_for, coordinator, dee):
    client = client_for(coordinator)
    for url in ["/", "/people/", f"/people/{dee.pk}/", "/account/"]:
        body = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), url
        assert " style=" not in body, url
        assert "<style" not in body, url
