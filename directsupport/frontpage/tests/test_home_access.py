"""Who sees what on the home page (frontpage/access.py): a visitor not signed in is sent to sign
in; a person supported lands on their own page in the format they chose; staff see only the
people they may see, and a coordinator their own people by name."""

from __future__ import annotations

from django.urls import reverse

from directsupport.people.models import PreferredFormat
from tests.factories import PersonFactory


def test_a_visitor_not_signed_in_is_sent_to_sign_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")


def test_a_person_lands_on_their_own_page_in_their_format(client_for, person_user, dee):
    dee.preferred_format = PreferredFormat.STANDARD
    dee.save()
    assert client_for(person_user).get(reverse("home"))["Location"] == f"/people/{dee.pk}/"
    dee.preferred_format = PreferredFormat.EASY_READ
    dee.save()
    assert (
        client_for(person_user).get(reverse("home"))["Location"] == f"/people/{dee.pk}/easy-read/"
    )


def test_staff_see_only_the_people_they_may_see(client_for, coordinator, outsider, dee, provider):
    PersonFactory.create(organisation=provider, coordinator=coordinator, last_name="Zedworth")
    ours = client_for(coordinator).get(reverse("home")).content.decode()
    assert "2 people supported" in ours
    assert "Zedworth" in ours
    theirs = client_for(outsider).get(reverse("home")).content.decode()
    assert "Zedworth" not in theirs and "Okafor" not in theirs
