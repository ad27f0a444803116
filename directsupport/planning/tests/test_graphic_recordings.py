"""Photos of the graphic recording: checked by content, stored privately, described in words for
people who cannot see them, and served only through an access-checked view."""

from __future__ import annotations

import io
import os
import re

import pytest

from directsupport.audit.models import Action, AuditEvent
from directsupport.people.tests.conftest import picture_bytes
from directsupport.planning.models import GraphicRecording
from directsupport.planning.tests.conftest import BOARD_READERS, NOT_FOUND_FOR_BOARD
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

UPLOADERS = ["coordinator", "manager", "worker"]
MAY_NOT_UPLOAD = ["person_user", "sister_user", "cousin_user"]
# Who may see the picture: anyone who may read Dee's Plan Book (access.get_recording_for_user).
IMAGE_READERS = [*BOARD_READERS, "finance", "market_shaper"]
IMAGE_NOT_FOUND = [name for name in NOT_FOUND_FOR_BOARD if name not in IMAGE_READERS]
DESCRIPTION = "A big drawing: Dee in the middle, swimming, the market, and her sister's dog."


def add_url(person) -> str:
    return f"/planning/people/{person.pk}/planning-live/recordings/add/"


def image_url(person, recording) -> str:
    return f"/planning/people/{person.pk}/planning-live/recordings/{recording.pk}/"


def upload(content: bytes, name: str) -> io.BytesIO:
    file = io.BytesIO(content)
    file.name = name
    return file


def stored_files(folder) -> list[str]:
    photos = folder / "photos"
    return sorted(os.listdir(photos)) if photos.exists() else []


def form_data(image: io.BytesIO | None = None, **overrides: str) -> dict[str, object]:
    data: dict[str, object] = {"description": DESCRIPTION, "event": ""}
    if image is not None:
        data["image"] = image
    data.update(overrides)
    return data


@pytest.fixture
def recording(client_for, coordinator, dee, planning_day) -> GraphicRecording:
    client_for(coordinator).post(
        add_url(dee),
        form_data(upload(picture_bytes("PNG", (90, 60)), "wall.png"), event=str(planning_day.pk)),
    )
    return GraphicRecording.objects.get()


# --- Who may add one --------------------------------------------------------------------------


@pytest.mark.parametrize("name", UPLOADERS)
def test_staff_close_to_dee_get_the_upload_form(name, persona, client_for, dee, planning_day):
    response = client_for(persona(name)).get(add_url(dee))

    assert response.status_code == 200
    content = response.content.decode()
    assert 'enctype="multipart/form-data"' in content
    assert "What the picture shows" in content
    assert f'<option value="{planning_day.pk}" selected>' in content
    assert AuditEvent.objects.filter(action=Action.VIEW, actor=persona(name)).exists()


@pytest.mark.parametrize("name", MAY_NOT_UPLOAD)
def test_dee_and_her_circle_may_not_add_one(name, persona, client_for, dee):
    client = client_for(persona(name))

    assert client.get(add_url(dee)).status_code == 403
    response = client.post(add_url(dee), form_data(upload(picture_bytes(), "wall.jpg")))

    assert response.status_code == 403
    assert not GraphicRecording.objects.exists()
    denied = AuditEvent.objects.filter(action=Action.DENIED, actor=persona(name))
    assert denied.count() == 2
    assert {event.subject_type for event in denied} == {"planning.graphicrecording"}


@pytest.mark.parametrize("name", NOT_FOUND_FOR_BOARD)
def test_everyone_else_gets_not_found_for_adding_one(name, persona, client_for, dee):
    response = client_for(persona(name)).post(
        add_url(dee), form_data(upload(picture_bytes(), "wall.jpg"))
    )

    assert response.status_code == 404
    assert not GraphicRecording.objects.exists()
    assert AuditEvent.objects.filter(action=Action.DENIED, actor=persona(name)).exists()


# --- Adding one -------------------------------------------------------------------------------


def test_a_photo_is_stored_privately_and_shown_on_the_board_with_its_description(
    client_for, worker, dee, planning_day, private_storage
):
    client = client_for(worker)

    response = client.post(
        add_url(dee),
        form_data(
            upload(picture_bytes("JPEG", (80, 40)), "IMG_2231.jpg"), event=str(planning_day.pk)
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == f"/planning/people/{dee.pk}/planning-live/#graphic-recordings"
    recording = GraphicRecording.objects.get()
    assert re.fullmatch(r"photos/[0-9a-f]{32}\.jpg", recording.image.name)
    assert stored_files(private_storage) == [recording.image.name.split("/")[1]]
    assert (recording.width, recording.height) == (80, 40)
    assert (recording.description, recording.event, recording.uploaded_by) == (
        DESCRIPTION,
        planning_day,
        worker,
    )
    board = client.get(f"/planning/people/{dee.pk}/planning-live/").content.decode()
    alt = DESCRIPTION.replace("'", "&#x27;")
    assert f'<img src="{image_url(dee, recording)}" alt="{alt}" width="80" height="40">' in board
    assert f'<a href="{image_url(dee, recording)}">Open the full-size picture' in board


def test_adding_one_is_audited_without_the_file(client_for, coordinator, dee, recording):
    created = AuditEvent.objects.get(action=Action.CREATE)

    assert created.person_id == dee.pk
    assert created.subject_type == "planning.graphicrecording"
    assert created.changes["description"] == {"from": None, "to": DESCRIPTION}
    assert created.changes["image"] == {"from": None, "to": "a new picture"}
    assert "photos/" not in str(created.changes)


def test_a_big_picture_is_made_smaller(client_for, coordinator, dee):
    client_for(coordinator).post(
        add_url(dee), form_data(upload(picture_bytes("PNG", (2400, 1600)), "wall.png"))
    )

    recording = GraphicRecording.objects.get()
    assert (recording.width, recording.height) == (1200, 800)


# --- Bad files and missing words --------------------------------------------------------------


def test_a_text_file_called_jpg_is_refused_and_the_description_kept(
    client_for, coordinator, dee, private_storage
):
    response = client_for(coordinator).post(
        add_url(dee), form_data(upload(b"Shopping list: milk, eggs, bread", "wall.jpg"))
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Add a graphic recording" in content
    assert "The photo must be a JPEG, PNG or WebP picture. This file is not a picture." in content
    assert "Dee in the middle, swimming" in content
    assert not GraphicRecording.objects.exists()
    assert stored_files(private_storage) == []


def test_a_file_over_the_size_limit_is_refused(
    client_for, coordinator, dee, settings, private_storage
):
    settings.MAX_PHOTO_BYTES = 2 * 1024 * 1024
    noise = os.urandom(3 * 1024 * 1024)

    response = client_for(coordinator).post(add_url(dee), form_data(upload(noise, "huge.png")))

    content = response.content.decode()
    assert "The photo must be smaller than 2 MB." in content
    assert "Dee in the middle, swimming" in content
    assert not GraphicRecording.objects.exists()
    assert stored_files(private_storage) == []


def test_no_file_is_refused(client_for, coordinator, dee):
    response = client_for(coordinator).post(add_url(dee), form_data())

    assert "Choose a photo of the graphic recording." in response.content.decode()
    assert not GraphicRecording.objects.exists()


@pytest.mark.parametrize("description", ["", "  \r\n "])
def test_a_description_is_required_for_people_who_cannot_see_it(
    description, client_for, coordinator, dee, private_storage
):
    response = client_for(coordinator).post(
        add_url(dee), form_data(upload(picture_bytes(), "wall.jpg"), description=description)
    )

    content = response.content.decode()
    assert "Describe what the picture shows, for people who cannot see it" in content
    assert "Your photo was fine, but please choose it again" in content
    assert not GraphicRecording.objects.exists()
    assert stored_files(private_storage) == []


def test_a_very_long_description_is_refused_and_kept(client_for, coordinator, dee):
    description = "A drawing of a bus. " * 120

    response = client_for(coordinator).post(
        add_url(dee), form_data(upload(picture_bytes(), "wall.jpg"), description=description)
    )

    content = response.content.decode()
    length = len(description.strip())
    assert f"Keep the description short: 2000 characters at most (this one has {length})" in (
        content
    )
    assert description.strip() in content
    assert not GraphicRecording.objects.exists()


def test_script_in_the_description_is_shown_as_text(client_for, coordinator, dee):
    client = client_for(coordinator)
    client.post(
        add_url(dee),
        form_data(upload(picture_bytes(), "wall.jpg"), description='"><script>alert(1)</script>'),
    )

    board = client.get(f"/planning/people/{dee.pk}/planning-live/").content.decode()

    assert 'alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in board
    assert "<script>alert" not in board


# --- Seeing the picture -----------------------------------------------------------------------


@pytest.mark.parametrize("name", IMAGE_READERS)
def test_people_who_may_see_dees_plans_get_the_picture_privately(
    name, persona, client_for, dee, recording
):
    response = client_for(persona(name)).get(image_url(dee, recording))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize("name", IMAGE_NOT_FOUND)
def test_everyone_else_gets_not_found_for_the_picture(name, persona, client_for, dee, recording):
    response = client_for(persona(name)).get(image_url(dee, recording))

    assert response.status_code == 404
    assert AuditEvent.objects.filter(action=Action.DENIED, actor=persona(name)).exists()


def test_a_recording_of_someone_else_is_not_found(
    client_for, coordinator, provider, dee, recording
):
    other = PersonFactory.create(organisation=provider)

    assert client_for(coordinator).get(image_url(other, recording)).status_code == 404
