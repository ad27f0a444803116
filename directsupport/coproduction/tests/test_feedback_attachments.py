"""Voice notes and pictures with feedback: checked by content, size-limited, stored privately under
random names, and served only to those who may see the person's feedback."""

from __future__ import annotations

import os
import re

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from directsupport.coproduction.feedback.attachments import NOT_ACCEPTED, sniff_audio
from directsupport.coproduction.feedback.services import give_feedback
from directsupport.coproduction.models import AttachmentKind, Feedback

from .feedback_fixtures import (
    everyone,
    jpeg_with_gps,
    on_today,
    persona,
    png_bytes,
    private_storage,
    upload,
    wav_bytes,
)

__all__ = ["everyone", "on_today", "persona", "private_storage"]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today")]

SEE_IT = [
    "manager",
    "coordinator",
    "worker",
    "finance",
    "market_shaper",
    "person_user",
    "sister_user",
    "cousin_user",
]
NOT_FOUND = [
    "commissioner",
    "other_commissioner",
    "supplier",
    "expert",
    "outsider",
    "neighbour_user",
    "other_worker",
]
RANDOM_NAME = re.compile(r"^feedback/[0-9a-f]{32}\.(wav|png|jpg)$")


def new_url(person) -> str:
    return f"/coproduction/people/{person.pk}/feedback/new/"


def attachment_url(feedback: Feedback) -> str:
    return f"/coproduction/people/{feedback.person_id}/feedback/{feedback.pk}/attachment/"


def stored_files(folder) -> list[str]:
    inside = folder / "feedback"
    return sorted(os.listdir(inside)) if inside.exists() else []


@pytest.fixture
def voice_note(dee, person_user, private_storage) -> Feedback:
    return give_feedback(
        person=dee,
        given_by=person_user,
        attachment=upload(wav_bytes(), "my-news.wav"),
        actor=person_user,
    )


# --- Checked by content -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", ("wav", "audio/wav")),
        (b"OggS\x00\x02" + b"\x00" * 22 + b"OpusHead", ("ogg", "audio/ogg")),
        (b"ID3\x03\x00\x00\x00\x00\x00\x00", ("mp3", "audio/mpeg")),
        (b"\xff\xfb\x90\x64\x00", ("mp3", "audio/mpeg")),
        (b"\xff\xf1\x50\x80\x00", ("aac", "audio/aac")),
        (b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00", ("m4a", "audio/mp4")),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm", ("webm", "audio/webm")),
        (b"<html><script>alert(1)</script>", None),
        (b"%PDF-1.7", None),
        (b"MZ\x90\x00", None),
    ],
)
def test_sound_files_are_known_by_their_first_bytes(head, expected):
    assert sniff_audio(head) == expected


def test_a_voice_note_is_stored_privately_under_a_random_name(
    voice_note, private_storage, settings
):
    assert voice_note.attachment_kind == AttachmentKind.AUDIO
    assert voice_note.content_type == "audio/wav"
    assert RANDOM_NAME.match(voice_note.stored_name.name)
    assert "my-news" not in voice_note.stored_name.name
    assert stored_files(private_storage) == [voice_note.stored_name.name.split("/")[1]]
    for static_folder in settings.STATICFILES_DIRS:
        assert not str(private_storage).startswith(str(static_folder))
    assert (private_storage / voice_note.stored_name.name).read_bytes() == wav_bytes()


def test_an_mp3_name_with_html_inside_is_refused_naming_what_is_accepted(
    client_for, dee, person_user, private_storage
):
    response = client_for(person_user).post(
        new_url(dee),
        {
            "words": "Here is my song.",
            "about": "general",
            "attachment": upload(b"<html><script>alert(1)</script></html>", "song.mp3"),
        },
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "MP3, M4A, OGG, WAV or WebM" in content
    assert "JPEG, PNG or WebP" in content
    assert "Here is my song." in content  # what was typed is kept
    assert "choose it again" in content  # and the file must be chosen again
    assert not Feedback.objects.exists()
    assert stored_files(private_storage) == []


def test_something_that_is_not_audio_or_a_picture_is_refused(dee, person_user, private_storage):
    with pytest.raises(ValidationError) as refused:
        give_feedback(
            person=dee,
            given_by=person_user,
            feeling=3,
            attachment=upload(b"%PDF-1.7 a letter", "letter.png"),
            actor=person_user,
        )

    assert refused.value.message_dict == {"attachment": [NOT_ACCEPTED]}
    assert not Feedback.objects.exists()
    assert stored_files(private_storage) == []


def test_an_iphone_heic_picture_is_refused_saying_what_to_do(dee, person_user, private_storage):
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"

    with pytest.raises(ValidationError) as refused:
        give_feedback(
            person=dee,
            given_by=person_user,
            attachment=upload(heic, "IMG_0001.HEIC"),
            actor=person_user,
        )

    assert "Most compatible" in refused.value.message_dict["attachment"][0]


def test_a_voice_note_that_is_too_large_is_refused_with_its_size(
    client_for, dee, person_user, private_storage, settings
):
    settings.FEEDBACK_MAX_AUDIO_BYTES = 4000
    big = wav_bytes(seconds=1.0)  # 16 KB

    response = client_for(person_user).post(
        new_url(dee),
        {"feeling": "5", "about": "general", "attachment": upload(big, "long.wav")},
    )

    content = response.content.decode()
    assert "This voice note is 16 KB. A voice note must be 4 KB or smaller." in content
    assert re.search(r'value="5"[^>]*checked', content)
    assert not Feedback.objects.exists()
    assert stored_files(private_storage) == []


def test_the_default_limits_are_10_mb_for_a_voice_note_and_5_mb_for_a_picture(
    dee, person_user, private_storage
):
    too_long = b"RIFF\x00\x00\x00\x00WAVE" + b"\x00" * (10 * 1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        give_feedback(
            person=dee,
            given_by=person_user,
            attachment=upload(too_long, "a.wav"),
            actor=person_user,
        )
    assert refused.value.message_dict["attachment"] == [
        "This voice note is 10 MB. A voice note must be 10 MB or smaller. "
        "Choose a shorter one, or a smaller one."
    ]

    too_big = b"\x89PNG\r\n\x1a\n" + b"\x00" * (5 * 1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        give_feedback(
            person=dee, given_by=person_user, attachment=upload(too_big, "a.png"), actor=person_user
        )
    assert "A picture must be 5 MB or smaller" in refused.value.message_dict["attachment"][0]
    assert stored_files(private_storage) == []


def test_a_picture_is_cleaned_of_where_it_was_taken(dee, person_user, private_storage):
    feedback = give_feedback(
        person=dee,
        given_by=person_user,
        attachment=upload(jpeg_with_gps(), "me.jpg"),
        actor=person_user,
    )

    assert feedback.attachment_kind == AttachmentKind.IMAGE
    assert feedback.content_type == "image/jpeg"
    assert RANDOM_NAME.match(feedback.stored_name.name)
    with Image.open(private_storage / feedback.stored_name.name) as kept:
        assert not kept.getexif()


def test_a_damaged_picture_is_refused(dee, person_user, private_storage):
    with pytest.raises(ValidationError) as refused:
        give_feedback(
            person=dee,
            given_by=person_user,
            attachment=upload(png_bytes()[:40], "broken.png"),
            actor=person_user,
        )

    assert "could not be opened" in refused.value.message_dict["attachment"][0]
    assert stored_files(private_storage) == []


# --- Served only to those allowed -------------------------------------------------------------


@pytest.mark.parametrize("name", SEE_IT)
def test_those_who_may_see_her_feedback_may_play_the_voice_note(
    name, persona, client_for, voice_note
):
    response = client_for(persona(name)).get(attachment_url(voice_note))

    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    assert response["Content-Disposition"] == 'inline; filename="voice-note-2026-12-07.wav"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == wav_bytes()


@pytest.mark.parametrize("name", NOT_FOUND)
def test_everyone_else_gets_not_found_for_the_voice_note(name, persona, client_for, voice_note):
    response = client_for(persona(name)).get(attachment_url(voice_note))

    assert response.status_code == 404


def test_feedback_without_a_file_has_no_attachment(client_for, dee, person_user, coordinator):
    feedback = give_feedback(person=dee, given_by=person_user, feeling=4, actor=person_user)

    assert client_for(coordinator).get(attachment_url(feedback)).status_code == 404


def test_the_feedback_page_plays_the_voice_note_and_shows_the_picture(
    client_for, dee, person_user, sister, sister_user, voice_note
):
    picture = give_feedback(
        person=dee,
        given_by=sister_user,
        attachment=upload(png_bytes(), "park.png"),
        actor=sister_user,
    )

    content = (
        client_for(person_user).get(f"/coproduction/people/{dee.pk}/feedback/").content.decode()
    )

    assert f'<audio controls preload="none" src="{attachment_url(voice_note)}">' in content
    assert f'<img class="feedback-item__picture" src="{attachment_url(picture)}"' in content
    assert voice_note.stored_name.name not in content
