"""Photos: checked by what is inside the file, cleaned of EXIF/GPS, stored privately under a
random name, and served only through the access-checked photo view."""

from __future__ import annotations

import io
import os
import re

import pytest
from django.core.files.storage import storages
from PIL import ExifTags, Image

from directsupport.audit.models import Action, AuditEvent
from directsupport.people import photos
from directsupport.people.models import Person
from directsupport.people.tests.conftest import NO_ACCESS, READERS, picture_bytes
from directsupport.people.tests.test_person_edit import details, edit_form_of

pytestmark = pytest.mark.django_db

NOT_A_PICTURE = "The photo must be a JPEG, PNG or WebP picture. This file is not a picture."


def upload(content: bytes, name: str) -> io.BytesIO:
    """A file as the browser sends it: the name is whatever the user's file was called."""
    file = io.BytesIO(content)
    file.name = name
    return file


def stored_files(folder) -> list[str]:
    photos_folder = folder / "photos"
    return sorted(os.listdir(photos_folder)) if photos_folder.exists() else []


def camera_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # taken with the phone on its side
    exif[ExifTags.Base.Make] = "PhoneCo"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (51.0, 30.0, 12.0),
    }
    return exif


def stored_image(person: Person) -> Image.Image:
    with storages["private"].open(person.photo.name, "rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


# --- Good pictures ----------------------------------------------------------------------------


def test_a_photo_is_stored_privately_under_a_random_name_without_exif(
    client_for, coordinator, private_storage
):
    jpeg = picture_bytes("JPEG", (80, 40), exif=camera_exif())

    response = client_for(coordinator).post(
        "/people/add/", {**details(), "photo": upload(jpeg, "IMG_0042 at home.jpg")}
    )

    assert response.status_code == 302
    person = Person.objects.get()
    assert re.fullmatch(r"photos/[0-9a-f]{32}\.jpg", person.photo.name)
    assert stored_files(private_storage) == [person.photo.name.split("/")[1]]
    image = stored_image(person)
    assert image.format == "JPEG"
    assert image.size == (40, 80)  # turned the right way up
    assert dict(image.getexif()) == {}  # no camera, no GPS
    assert b"PhoneCo" not in (private_storage / person.photo.name).read_bytes()


@pytest.mark.parametrize(("image_format", "extension"), [("PNG", "png"), ("WEBP", "webp")])
def test_png_and_webp_are_accepted(image_format, extension, client_for, coordinator):
    content = picture_bytes(image_format, (30, 30))

    client_for(coordinator).post(
        "/people/add/", {**details(), "photo": upload(content, f"me.{extension}")}
    )

    person = Person.objects.get()
    assert person.photo.name.endswith(f".{extension}")
    assert stored_image(person).format == image_format


def test_the_name_does_not_decide_the_kind_of_file(client_for, coordinator):
    """A real PNG called .jpg is kept as a PNG with the right extension."""
    content = picture_bytes("PNG", (30, 30))

    client_for(coordinator).post("/people/add/", {**details(), "photo": upload(content, "x.jpg")})

    assert Person.objects.get().photo.name.endswith(".png")


def test_a_big_picture_is_made_smaller(client_for, coordinator):
    content = picture_bytes("JPEG", (3000, 2000))

    client_for(coordinator).post("/people/add/", {**details(), "photo": upload(content, "a.jpg")})

    assert stored_image(Person.objects.get()).size == (1200, 800)


def test_the_audit_row_says_a_photo_was_added_and_nothing_more(client_for, coordinator):
    content = picture_bytes("JPEG")

    client_for(coordinator).post("/people/add/", {**details(), "photo": upload(content, "a.jpg")})

    event = AuditEvent.objects.get(action=Action.CREATE)
    assert event.changes["photo"] == {"from": None, "to": "a new photo"}
    assert "photos/" not in str(event.changes)


# --- Bad files --------------------------------------------------------------------------------

NOT_PICTURES = {
    "page.html.jpg": b"<!doctype html><html><script>alert(1)</script></html>",
    "setup.exe.png": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200,
    "drawing.svg": (
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
        b'<rect width="10" height="10"/></svg>'
    ),
    "funny.gif": b"GIF89a but really just some text pretending",
}


@pytest.mark.parametrize("name", NOT_PICTURES)
def test_a_file_that_is_not_a_picture_is_refused_and_nothing_typed_is_lost(
    name, client_for, coordinator, private_storage
):
    response = client_for(coordinator).post(
        "/people/add/", {**details(), "photo": upload(NOT_PICTURES[name], name)}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert NOT_A_PICTURE in content
    assert "<title>Error: Add a person" in content
    assert 'value="Jonathan"' in content
    assert "Speaks in short sentences." in content
    assert not Person.objects.exists()
    assert stored_files(private_storage) == []


def test_a_real_gif_is_refused_with_a_clear_message(client_for, coordinator, private_storage):
    response = client_for(coordinator).post(
        "/people/add/", {**details(), "photo": upload(picture_bytes("GIF"), "cat.gif")}
    )

    assert "The photo must be a JPEG, PNG or WebP picture. This file is a GIF picture." in (
        response.content.decode()
    )
    assert not Person.objects.exists()


def test_a_damaged_picture_is_refused(client_for, coordinator):
    broken = picture_bytes("PNG", (200, 200))[:120]

    response = client_for(coordinator).post(
        "/people/add/", {**details(), "photo": upload(broken, "broken.png")}
    )

    assert b"This file could not be opened" in response.content
    assert not Person.objects.exists()


def test_a_photo_over_5_mb_is_refused(client_for, coordinator, private_storage):
    noise = Image.frombytes("RGB", (1400, 1400), os.urandom(1400 * 1400 * 3))
    out = io.BytesIO()
    noise.save(out, "PNG")
    assert len(out.getvalue()) > 5 * 1024 * 1024

    response = client_for(coordinator).post(
        "/people/add/", {**details(), "photo": upload(out.getvalue(), "huge.png")}
    )

    assert "The photo must be smaller than 5 MB." in response.content.decode()
    assert 'value="Jonathan"' in response.content.decode()
    assert not Person.objects.exists()
    assert stored_files(private_storage) == []


def test_a_picture_with_too_many_pixels_is_refused(client_for, coordinator, monkeypatch):
    monkeypatch.setattr(photos, "MAX_PHOTO_PIXELS", 100 * 100)

    response = client_for(coordinator).post(
        "/people/add/", {**details(), "photo": upload(picture_bytes("PNG", (200, 101)), "a.png")}
    )

    assert b"The photo has too many pixels." in response.content
    assert not Person.objects.exists()


def test_a_good_photo_must_be_chosen_again_when_another_field_needs_fixing(client_for, coordinator):
    response = client_for(coordinator).post(
        "/people/add/",
        {**details(first_name=""), "photo": upload(picture_bytes("JPEG"), "me.jpg")},
    )

    assert b"Your photo was fine, but please choose it again" in response.content
    assert not Person.objects.exists()


# --- Changing and removing --------------------------------------------------------------------


def test_a_new_photo_replaces_the_old_file(
    client_for, coordinator, dee, private_storage, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/people/{dee.pk}/change/",
            {**edit_form_of(dee), "photo": upload(picture_bytes("JPEG"), "one.jpg")},
        )
    dee.refresh_from_db()
    first = dee.photo.name

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/people/{dee.pk}/change/",
            {**edit_form_of(dee), "photo": upload(picture_bytes("PNG"), "two.png")},
        )

    dee.refresh_from_db()
    assert dee.photo.name != first
    assert stored_files(private_storage) == [dee.photo.name.split("/")[1]]
    event = AuditEvent.objects.filter(action=Action.UPDATE).first()
    assert event is not None
    assert event.changes == {"photo": {"from": "a photo", "to": "a new photo"}}


def test_a_photo_can_be_removed(
    client_for, coordinator, dee, private_storage, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    client.post(
        f"/people/{dee.pk}/change/",
        {**edit_form_of(dee), "photo": upload(picture_bytes("JPEG"), "one.jpg")},
    )
    dee.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/people/{dee.pk}/change/", {**edit_form_of(dee), "remove_photo": "on"})

    dee.refresh_from_db()
    assert dee.photo.name == ""
    assert stored_files(private_storage) == []


def test_a_bad_photo_while_editing_changes_nothing_and_keeps_the_typing(
    client_for, coordinator, dee, private_storage
):
    response = client_for(coordinator).post(
        f"/people/{dee.pk}/change/",
        {
            **edit_form_of(dee, communication_support="A Makaton signer"),
            "photo": upload(NOT_PICTURES["page.html.jpg"], "page.html"),
        },
    )

    assert NOT_A_PICTURE in response.content.decode()
    assert 'value="A Makaton signer"' in response.content.decode()
    dee.refresh_from_db()
    assert dee.communication_support == ""
    assert dee.photo.name == ""
    assert stored_files(private_storage) == []


# --- Serving ----------------------------------------------------------------------------------


@pytest.fixture
def dee_with_photo(dee, private_storage):
    prepared = photos.prepare_photo(io.BytesIO(picture_bytes("JPEG")), size=None)
    dee.photo.name = photos.store_photo(prepared)
    dee.save()
    return dee


@pytest.mark.parametrize("name", [name for name in READERS if name != "commissioner"])
def test_those_who_may_see_dee_get_her_photo(name, persona, client_for, dee_with_photo):
    response = client_for(persona(name)).get(f"/people/{dee_with_photo.pk}/photo/")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    body = b"".join(response.streaming_content)
    assert Image.open(io.BytesIO(body)).format == "JPEG"


@pytest.mark.parametrize("name", [*NO_ACCESS, "commissioner"])
def test_everyone_else_gets_not_found_for_the_photo(name, persona, client_for, dee_with_photo):
    response = client_for(persona(name)).get(f"/people/{dee_with_photo.pk}/photo/")

    assert response.status_code == 404
    assert AuditEvent.objects.filter(action=Action.DENIED, person_id=dee_with_photo.pk).exists()


def test_the_page_is_audited_once_not_again_for_its_photo(client_for, worker, dee_with_photo):
    client = client_for(worker)
    client.get(f"/people/{dee_with_photo.pk}/")
    client.get(f"/people/{dee_with_photo.pk}/photo/")

    event = AuditEvent.objects.get(action=Action.VIEW)
    assert event.actor == worker
    assert event.summary == "Person page"


def test_no_photo_is_not_found(client_for, coordinator, dee):
    assert client_for(coordinator).get(f"/people/{dee.pk}/photo/").status_code == 404


def test_the_page_shows_the_photo_through_the_photo_view(
    client_for, sister_user, dee_with_photo, sister
):
    content = client_for(sister_user).get(f"/people/{dee_with_photo.pk}/").content.decode()

    assert f'src="/people/{dee_with_photo.pk}/photo/?v={dee_with_photo.version}"' in content
    assert 'alt="Photo of Dee"' in content
    assert "photos/" not in content  # the stored name is never shown
