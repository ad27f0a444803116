"""Dee tells us how things are going: she signs in, picks a face (by mouse, then with the keyboard),
writes a few words, adds a small picture, and reads it back on her own feedback page, with the
picture shown through the access-checked view. Every page passes axe and reflows at 320 px."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import FilePayload, Page, expect

from directsupport.coproduction.models import AttachmentKind, Feedback, FeedbackFrom, Feeling
from directsupport.coproduction.tests.feedback_fixtures import wav_bytes

from .helpers import sign_in

WORDS = "I like going to the lido with Sam. I don't like when they change who comes."


@pytest.fixture
def private_storage(settings: Any, tmp_path: Any) -> Any:
    folder = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder), "base_url": None},
        },
    }
    return folder


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 80), (40, 120, 200)).save(out, "PNG")
    return out.getvalue()


def test_dee_picks_a_face_writes_and_adds_a_picture(
    page: Page, live_server, axe_check, dee, person_user, private_storage
):
    sign_in(page, live_server, person_user)
    page.goto(f"{live_server.url}{reverse('coproduction:feedback_person', args=[dee.pk])}")
    expect(page.get_by_role("heading", level=1)).to_have_text("What I said")
    expect(page.locator("main")).to_contain_text("You have not told us anything yet.")
    axe_check(page)

    page.get_by_role("link", name="Tell us how things are going").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How are things going?")
    axe_check(page)

    # Nothing chosen: a clear message, and the page says what to do.
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "Choose a face, say something in your own words, or add a voice note or a picture."
    )
    axe_check(page)

    faces = page.get_by_role("group", name="How are things going?")
    faces.get_by_label("Good", exact=True).check()
    # The keyboard moves along the faces as along any radio buttons.
    faces.get_by_label("Good", exact=True).focus()
    page.keyboard.press("ArrowLeft")
    expect(faces.get_by_label("Really good")).to_be_checked()
    page.get_by_label("Tell us in your own words").fill(WORDS)
    page.get_by_label("Or record or add a voice note or a picture").set_input_files(
        files=FilePayload(name="lido.png", mimeType="image/png", buffer=_png())
    )
    page.get_by_role("group", name="What is it about?").get_by_label(
        "My support and who gives it"
    ).check()
    axe_check(page)
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("What I said")
    expect(page.get_by_role("status")).to_contain_text("Thank you. We have kept what you said.")
    main = page.locator("main")
    expect(main).to_contain_text("I felt: Really good")
    expect(main).to_contain_text(WORDS)
    expect(main).to_contain_text("I said this on")
    picture = page.get_by_role("img", name="A picture added by Dee Okafor with this feedback")
    expect(picture).to_be_visible()
    # decode() waits for the picture to arrive: "visible" is true while it is still loading.
    assert picture.evaluate("image => image.decode().then(() => image.naturalWidth)") == 120
    axe_check(page)

    feedback = Feedback.objects.get()
    assert (feedback.from_role, feedback.feeling, feedback.attachment_kind) == (
        FeedbackFrom.PERSON,
        Feeling.VERY_HAPPY,
        AttachmentKind.IMAGE,
    )


def test_her_sister_adds_a_voice_note_in_standard_wording(
    page: Page, live_server, axe_check, dee, sister, sister_user, private_storage
):
    sign_in(page, live_server, sister_user)
    page.goto(f"{live_server.url}{reverse('coproduction:feedback_new', args=[dee.pk])}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Give feedback about Dee")
    axe_check(page)

    # A file that is not sound or a picture is refused by what is inside it; the words stay.
    page.get_by_label("In your own words").fill("Dee sang this to me after church.")
    page.get_by_label("A voice note or a picture").set_input_files(
        files=FilePayload(name="song.mp3", mimeType="audio/mpeg", buffer=b"<html>not a song</html>")
    )
    page.get_by_role("button", name="Save the feedback").click()
    expect(page.locator(".error-summary")).to_contain_text("MP3, M4A, OGG, WAV or WebM")
    expect(page.get_by_label("In your own words")).to_have_value(
        "Dee sang this to me after church."
    )
    expect(page.locator("main")).to_contain_text("choose it again")
    axe_check(page)

    page.get_by_label("A voice note or a picture").set_input_files(
        files=FilePayload(name="song.wav", mimeType="audio/wav", buffer=wav_bytes())
    )
    page.get_by_role("button", name="Save the feedback").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("How things are going for Dee")
    expect(page.locator("main")).to_contain_text("Ngozi Okafor (family or friend)")
    player = page.locator("audio[controls]")
    expect(player).to_have_count(1)
    # The player's file comes through the access-checked view, as sound.
    played = page.request.get(f"{live_server.url}{player.get_attribute('src')}")
    assert played.status == 200
    assert played.headers["content-type"] == "audio/wav"
    axe_check(page)
