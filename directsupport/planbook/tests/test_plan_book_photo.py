"""A Plan Book's cover keeps the photo it was compiled with: a new photo of the person, or none,
never changes a version already made."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from directsupport.people import photos
from directsupport.planbook.models import PlanBookStatus

from .plan_book_support import give_photo, url, version_at


def _red_on(response) -> int:
    picture = Image.open(io.BytesIO(b"".join(response.streaming_content))).convert("RGB")
    red, _green, _blue = picture.getpixel((20, 20))  # type: ignore[misc]
    return int(red)


def test_a_published_cover_keeps_its_photo_when_the_photo_changes(
    everyone, client_for, coordinator, dee
):
    give_photo(dee, (220, 20, 20))
    version = version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)
    old_name = dee.photo.name

    # Dee's new photo is blue; the old red file is removed, as replacing a photo does.
    give_photo(dee, (20, 20, 220))
    photos.delete_photo(old_name)

    response = client_for(coordinator).get(url("plan_book_photo", dee, version.number))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert _red_on(response) > 150
    page = client_for(coordinator).get(url("plan_book_version", dee, version.number))
    assert url("plan_book_photo", dee, version.number) in page.content.decode()


def test_a_version_without_a_photo_shows_initials_and_has_no_photo_page(
    everyone, client_for, coordinator, dee
):
    version = version_at(dee, PlanBookStatus.DRAFT, by=coordinator)
    assert version.content["person"]["photo"] == ""
    client = client_for(coordinator)
    assert client.get(url("plan_book_photo", dee, version.number)).status_code == 404
    assert (
        "plan-book-cover__photo--initials"
        in client.get(url("plan_book_version", dee, version.number)).content.decode()
    )


@pytest.mark.parametrize("name", ["neighbour_user", "other_worker", "supplier", "outsider"])
def test_the_cover_photo_is_not_found_for_people_who_may_not_read_the_book(
    persona, client_for, coordinator, dee, name
):
    give_photo(dee)
    version = version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)
    response = client_for(persona(name)).get(url("plan_book_photo", dee, version.number))
    assert response.status_code == 404
