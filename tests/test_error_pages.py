"""Error pages speak plainly and look like the rest of the site."""

from django.test import Client


def test_not_found_page_is_plain_and_helpful(client_for, coordinator):
    response = client_for(coordinator).get("/people/999999/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "<h1>Page not found</h1>" in body
    assert "Signed in as" in body  # the normal site header, so the user can find their way


def test_read_only_page_explains_why(client_for, worker, dee):
    response = client_for(worker).get(f"/people/{dee.pk}/change/")
    assert response.status_code == 403
    assert (
        "You can look at this information, but you cannot change it." in response.content.decode()
    )


def test_stale_form_explains_and_changes_nothing(coordinator, dee):
    from tests.personas import sign_in

    client = sign_in(Client(enforce_csrf_checks=True), coordinator)
    response = client.post(f"/people/{dee.pk}/change/", {"first_name": "Changed"})
    assert response.status_code == 403
    assert "Please try again" in response.content.decode()
    dee.refresh_from_db()
    assert dee.first_name == "Adaeze"
